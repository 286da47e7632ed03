#!/usr/bin/env python3
"""Independent SS7 capture forge for swapguard's tests.

Writes a classic pcap (Ethernet / IPv4 / SCTP / M3UA / SCCP UDT / TCAP / MAP) whose BER is built by
hand here, from the TS 29.002 and Q.773 ASN.1, with no code shared with swapguard's own encoders:
a bug the simulator and the probe share cannot hide from it. Next to the pcap it writes a JSON
file with what each frame must yield (the ground truth the test compares the probe with).

Usage: forge_map.py OUT.pcap            (writes OUT.pcap and OUT.pcap.json: one frame per case)
       forge_map.py --story OUT.pcap    (a story for the detector: a roamer's own forwarding, SMS
                                        faking with a forged SM-RP-OA, a forwarding takeover)
Only the Python standard library is used.
"""
import json
import struct
import sys

START = 1_780_000_000  # seconds; each frame 1 ms after the previous one

# ---------------------------------------------------------------- BER


def tlv(tag, *parts):
    body = b"".join(parts)
    n = len(body)
    if n < 0x80:
        length = bytes([n])
    elif n < 0x100:
        length = bytes([0x81, n])
    else:
        length = bytes([0x82, n >> 8, n & 0xFF])
    return bytes([tag]) + length + body


def tbcd(digits):
    out = bytearray()
    for i in range(0, len(digits), 2):
        lo = int(digits[i], 16)
        hi = int(digits[i + 1], 16) if i + 1 < len(digits) else 0xF
        out.append(hi << 4 | lo)
    return bytes(out)


def isdn(digits):
    """ISDN-AddressString: international E.164."""
    return b"\x91" + tbcd(digits)


def integer(v):
    return tlv(0x02, bytes([v]))


# ---------------------------------------------------------------- SMS TPDU (TS 23.040)

GSM7 = ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")


def pack7(text):
    septets = [GSM7.index(c) for c in text]
    out = bytearray()
    acc = 0
    bits = 0
    for s in septets:
        acc |= s << bits
        bits += 7
        while bits >= 8:
            out.append(acc & 0xFF)
            acc >>= 8
            bits -= 8
    if bits:
        out.append(acc & 0xFF)
    return bytes(out), len(septets)


def tp_address(value):
    if value.isdigit():
        return bytes([len(value), 0x91]) + tbcd(value)
    packed, _ = pack7(value)  # alphanumeric (TON 5): length in semi-octets of the packed form
    return bytes([len(packed) * 2, 0xD0]) + packed


SCTS = bytes([0x62, 0x21, 0x30, 0x21, 0x43, 0x65, 0x00])  # 2026-12-03 12:34:56 +0


def sms_deliver(originator, text):
    ud, septets = pack7(text)
    return bytes([0x04]) + tp_address(originator) + b"\x00\x00" + SCTS + bytes([septets]) + ud


def sms_submit(destination, text):
    ud, septets = pack7(text)
    return bytes([0x01, 0x07]) + tp_address(destination) + b"\x00\x00" + bytes([septets]) + ud


# ---------------------------------------------------------------- TCAP (Q.773)


def dialogue_portion(ac, version, destination_reference=None, originating_reference=None):
    parts = [tlv(0x80, b"\x07\x80"), tlv(0xA1, tlv(0x06, bytes([4, 0, 0, 1, 0, ac, version])))]
    if destination_reference is not None:
        # user-information: MAP-OPEN (map-DialogueAS 0.4.0.0.1.1.1.1) with the references; the
        # destination reference of an SS or USSD dialogue is the subscriber's IMSI (TS 29.002 §7.3)
        refs = tlv(0x80, b"\x96" + tbcd(destination_reference))
        if originating_reference is not None:
            refs += tlv(0x81, isdn(originating_reference))
        map_open = tlv(0x28, tlv(0x06, bytes([4, 0, 0, 1, 1, 1, 1])), tlv(0xA0, tlv(0xA0, refs)))
        parts.append(tlv(0xBE, map_open))
    aarq = tlv(0x60, *parts)
    external = tlv(0x28, tlv(0x06, bytes([0x00, 0x11, 0x86, 0x05, 0x01, 0x01, 0x01])), tlv(0xA0, aarq))
    return tlv(0x6B, external)


def invoke(invoke_id, opcode, argument):
    return tlv(0xA1, integer(invoke_id), integer(opcode), argument)


def result_last(invoke_id, opcode, res):
    return tlv(0xA2, integer(invoke_id), tlv(0x30, integer(opcode), res))


def begin(otid, components, ac=None, version=None, destination_reference=None, originating_reference=None):
    parts = [tlv(0x48, struct.pack(">I", otid))]
    if ac is not None:
        parts.append(dialogue_portion(ac, version, destination_reference, originating_reference))
    parts.append(tlv(0x6C, *components))
    return tlv(0x62, *parts)


def end(dtid, components):
    return tlv(0x64, tlv(0x49, struct.pack(">I", dtid)), tlv(0x6C, *components))


# ---------------------------------------------------------------- SCCP, M3UA, SCTP, IP, Ethernet


def sccp_party(ssn, gt):
    odd = len(gt) % 2
    return tlv_len1(bytes([0x12, ssn, 0x00, 0x10 | (1 if odd else 2), 0x04]) + tbcd(gt))


def tlv_len1(b):
    return bytes([len(b)]) + b


def sccp_udt(called, calling, data):
    # UDT: type, class, three pointers (each relative to its own octet)
    p1 = 3
    p2 = p1 - 1 + len(called)
    p3 = p2 - 1 + len(calling)
    return bytes([0x09, 0x80, p1, p2, p3]) + called + calling + tlv_len1(data)


def m3ua_data(opc, dpc, sccp):
    protocol_data = struct.pack(">IIBBBB", opc, dpc, 3, 2, 0, 5) + sccp
    param = struct.pack(">HH", 0x0210, 4 + len(protocol_data)) + protocol_data
    param += b"\x00" * (-len(param) % 4)
    return struct.pack(">BBBBI", 1, 0, 1, 1, 8 + len(param)) + param


def crc32c(data):
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


def sctp(tsn, payload, ppid=3):
    chunk = struct.pack(">BBHIHHI", 0, 0x03, 16 + len(payload), tsn, 0, tsn & 0xFFFF, ppid) + payload
    chunk += b"\x00" * (-len(chunk) % 4)
    header = struct.pack(">HHII", 2905, 2905, 0x01020304, 0)
    packet = header + chunk
    return packet[:8] + struct.pack("<I", crc32c(packet)) + packet[12:]


def ipv4(payload, src, dst):
    header = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 0, 0x4000, 64, 132, 0,
                         bytes(src), bytes(dst))
    s = sum(struct.unpack(">10H", header))
    s = (s & 0xFFFF) + (s >> 16)
    s = (s & 0xFFFF) + (s >> 16)
    return header[:10] + struct.pack(">H", ~s & 0xFFFF) + header[12:] + payload


def ethernet(payload):
    return b"\x02\x00\x00\x00\x00\x02" + b"\x02\x00\x00\x00\x00\x01" + b"\x08\x00" + payload


# ---------------------------------------------------------------- the cases

HOME_HLR = "6281100001"
HOME_SMSC = "6281100090"
HOME_VLR = "6281100050"
FOREIGN_VLR = "447700900123"
FOREIGN_SMSC = "447700900777"
IMSI = "510109876543210"
MSISDN = "6281234567890"
IMEI = "35693803564380"

cases = []


def case(name, calling, called, tcap, truth, calling_ssn=7, called_ssn=6):
    cases.append((name, calling, called, tcap, truth, calling_ssn, called_ssn))


# MAP v1: TC-BEGIN without a dialogue portion. forwardSM (46) in the MT direction (to the IMSI).
case("v1 forwardSM MT", HOME_SMSC, HOME_VLR, begin(0x1001, [invoke(1, 46, tlv(0x30,
     tlv(0x80, tbcd(IMSI)), tlv(0x84, isdn(HOME_SMSC)), tlv(0x04, sms_deliver("BANKCO", "Your code is 123456"))))]),
     {"op": 46, "component": "INVOKE", "version": 1, "imsi": IMSI, "smsc": HOME_SMSC, "sms": "DELIVER",
      "text": "Your code is 123456", "originator": "BANKCO", "partial": False}, 8, 8)
# ... and in the MO direction (to the service centre); the sender is the subscriber of sm-RP-OA.
case("v1 forwardSM MO", HOME_VLR, HOME_SMSC, begin(0x1002, [invoke(1, 46, tlv(0x30,
     tlv(0x84, isdn(HOME_SMSC)), tlv(0x82, isdn(MSISDN)), tlv(0x04, sms_submit("6281299999999", "hello there"))))]),
     {"op": 46, "component": "INVOKE", "version": 1, "msisdn": MSISDN, "smsc": HOME_SMSC, "sms": "SUBMIT",
      "text": "hello there", "originator": MSISDN, "destination": "6281299999999", "partial": False}, 8, 8)
# MAP v1 updateLocation: imsi, locationInfo CHOICE { msc-Number [1] }, vlr-Number.
case("v1 updateLocation", FOREIGN_VLR, HOME_HLR, begin(0x1003, [invoke(1, 2, tlv(0x30,
     tlv(0x04, tbcd(IMSI)), tlv(0x81, isdn(FOREIGN_VLR)), tlv(0x04, isdn(FOREIGN_VLR))))]),
     {"op": 2, "component": "INVOKE", "version": 1, "imsi": IMSI, "vlr": FOREIGN_VLR, "msc": FOREIGN_VLR,
      "partial": False})

# Lenient extraction: parameters the full decoder refuses, identities still plainly in the BER.
# updateLocation v3 without its mandatory msc-Number.
case("v3 updateLocation without msc-Number", FOREIGN_VLR, HOME_HLR, begin(0x2001, [invoke(1, 2, tlv(0x30,
     tlv(0x04, tbcd(IMSI)), tlv(0x04, isdn(FOREIGN_VLR))))], ac=1, version=3),
     {"op": 2, "component": "INVOKE", "version": 3, "imsi": IMSI, "vlr": FOREIGN_VLR, "partial": True})
# mt-forwardSM v3 without its mandatory sm-RP-UI.
case("v3 mt-forwardSM without sm-RP-UI", FOREIGN_SMSC, HOME_VLR, begin(0x2002, [invoke(1, 44, tlv(0x30,
     tlv(0x80, tbcd(IMSI)), tlv(0x84, isdn(HOME_SMSC))))], ac=25, version=3),
     {"op": 44, "component": "INVOKE", "version": 3, "imsi": IMSI, "smsc": HOME_SMSC, "partial": True}, 8, 8)
# registerSS v2 whose basicService has a vendor's tag where a CHOICE is expected.
case("v2 registerSS with an odd basicService", FOREIGN_VLR, HOME_HLR, begin(0x2003, [invoke(1, 10, tlv(0x30,
     tlv(0x04, b"\x21"), tlv(0xA2, tlv(0x04, b"\x11")), tlv(0x84, isdn("447700900999"))))], ac=18, version=2),
     {"op": 10, "component": "INVOKE", "version": 2, "ssCode": 0x21, "forwardedTo": "447700900999",
      "partial": True})

# Operations of the FS.11 lists that the full decoder does not model: read by position.
case("sendRoutingInfoForGprs", "447700900555", HOME_HLR, begin(0x3001, [invoke(1, 24, tlv(0x30,
     tlv(0x80, tbcd(IMSI)), tlv(0x81, b"\x04\x7f\x00\x00\x01")))], ac=33, version=4),
     {"op": 24, "component": "INVOKE", "version": 4, "imsi": IMSI, "partial": False})
case("deleteSubscriberData", HOME_HLR, HOME_VLR, begin(0x3002, [invoke(1, 8, tlv(0x30,
     tlv(0x80, tbcd(IMSI)), tlv(0xA1, tlv(0x83, b"\x11"))))], ac=16, version=3),
     {"op": 8, "component": "INVOKE", "version": 3, "imsi": IMSI, "partial": False}, 6, 7)
case("provideSubscriberLocation", "447700900444", HOME_VLR, begin(0x3003, [invoke(1, 83, tlv(0x30,
     tlv(0x30, tlv(0x80, b"\x00")), tlv(0x04, isdn("447700900444")), tlv(0x82, tbcd(IMSI)),
     tlv(0x83, isdn(MSISDN)), tlv(0x85, tbcd(IMEI))))], ac=38, version=3),
     {"op": 83, "component": "INVOKE", "version": 3, "imsi": IMSI, "msisdn": MSISDN, "imei": IMEI,
      "partial": False}, 145, 8)
case("sendRoutingInfoForLCS", "447700900444", HOME_HLR, begin(0x3004, [invoke(1, 85, tlv(0x30,
     tlv(0x80, isdn("447700900444")), tlv(0xA1, tlv(0x81, isdn(MSISDN)))))], ac=37, version=3),
     {"op": 85, "component": "INVOKE", "version": 3, "msisdn": MSISDN, "partial": False}, 145, 6)
case("anyTimeSubscriptionInterrogation", "447700900333", HOME_HLR, begin(0x3005, [invoke(1, 62, tlv(0x30,
     tlv(0xA0, tlv(0x81, isdn(MSISDN))), tlv(0xA1, tlv(0x82, b"")), tlv(0x82, isdn("447700900333"))))],
     ac=43, version=3),
     {"op": 62, "component": "INVOKE", "version": 3, "msisdn": MSISDN, "partial": False}, 147, 6)
case("anyTimeModification", "447700900333", HOME_HLR, begin(0x3006, [invoke(1, 65, tlv(0x30,
     tlv(0xA0, tlv(0x80, tbcd(IMSI))), tlv(0x81, isdn("447700900333"))))], ac=43, version=3),
     {"op": 65, "component": "INVOKE", "version": 3, "imsi": IMSI, "partial": False}, 147, 6)
case("restoreData", HOME_VLR, HOME_HLR, begin(0x3007, [invoke(1, 57, tlv(0x30,
     tlv(0x04, tbcd(IMSI)), tlv(0x04, b"\x00\x00\x00\x01")))], ac=1, version=3),
     {"op": 57, "component": "INVOKE", "version": 3, "imsi": IMSI, "partial": False})
case("sendParameters (v1)", FOREIGN_VLR, HOME_HLR, begin(0x3008, [invoke(1, 9, tlv(0x30,
     tlv(0x80, tbcd(IMSI)), tlv(0x30, tlv(0x0A, b"\x01"))))]),
     {"op": 9, "component": "INVOKE", "version": 1, "imsi": IMSI, "partial": False})
case("noteSubscriberDataModified", HOME_HLR, "6281100070", begin(0x3009, [invoke(1, 5, tlv(0x30,
     tlv(0x04, tbcd(IMSI)), tlv(0x04, isdn(MSISDN))))], ac=22, version=3),
     {"op": 5, "component": "INVOKE", "version": 3, "imsi": IMSI, "msisdn": MSISDN, "partial": False}, 6, 147)
case("readyForSM", HOME_VLR, HOME_HLR, begin(0x300A, [invoke(1, 66, tlv(0x30,
     tlv(0x80, tbcd(IMSI)), tlv(0x0A, b"\x00")))], ac=24, version=3),
     {"op": 66, "component": "INVOKE", "version": 3, "imsi": IMSI, "partial": False})
case("alertServiceCentre", HOME_HLR, HOME_SMSC, begin(0x300B, [invoke(1, 64, tlv(0x30,
     tlv(0x04, isdn(MSISDN)), tlv(0x04, isdn(HOME_SMSC))))], ac=23, version=2),
     {"op": 64, "component": "INVOKE", "version": 2, "msisdn": MSISDN, "smsc": HOME_SMSC, "partial": False}, 6, 8)
case("reportSM-DeliveryStatus", HOME_SMSC, HOME_HLR, begin(0x300C, [invoke(1, 47, tlv(0x30,
     tlv(0x04, isdn(MSISDN)), tlv(0x04, isdn(HOME_SMSC)), tlv(0x0A, b"\x01")))], ac=20, version=3),
     {"op": 47, "component": "INVOKE", "version": 3, "msisdn": MSISDN, "smsc": HOME_SMSC, "partial": False}, 8, 6)
case("informServiceCentre", HOME_HLR, HOME_SMSC, end(0x400D, [invoke(2, 63, tlv(0x30,
     tlv(0x04, isdn(MSISDN)), tlv(0x03, b"\x02\xc0")))]),
     {"op": 63, "component": "INVOKE", "version": 0, "msisdn": MSISDN, "partial": False}, 6, 8)
case("purgeMS v3", HOME_VLR, HOME_HLR, begin(0x300E, [invoke(1, 67, tlv(0xA3,
     tlv(0x04, tbcd(IMSI)), tlv(0x80, isdn(HOME_VLR))))], ac=27, version=3),
     {"op": 67, "component": "INVOKE", "version": 3, "imsi": IMSI, "vlr": HOME_VLR, "partial": False})
# CAMEL phase 1 InitialDP (no dialogue portion) to the gsmSCF's CAP subsystem: not MAP, no event.
case("CAP InitialDP without a dialogue portion", HOME_VLR, "6281100070", begin(0x3010, [invoke(1, 0, tlv(0x30,
     tlv(0x80, b"\x05"), b"\x9f\x32\x08" + tbcd(IMSI)))]),
     {"none": True}, 146, 146)
# A result in a dialogue the capture never saw open: the version is unknown.
case("sendRoutingInfoForSM result in a dialogue never seen open", HOME_HLR, HOME_SMSC, end(0x400F, [result_last(1, 45, tlv(0x30,
     tlv(0x04, tbcd(IMSI)), tlv(0xA0, tlv(0x81, isdn(FOREIGN_VLR)))))]),
     {"op": 45, "component": "RETURN_RESULT_LAST", "version": 0, "imsi": IMSI, "msc": FOREIGN_VLR,
      "partial": False}, 6, 8)


# ---------------------------------------------------------------- a story for the detector

HOME_SMSC_BCA = "6281100900"  # the SMSC conf/senders.yaml authorises for BCA
VICTIM_IMSI, VICTIM = "510109876543210", "6281234567890"
ROAMER_IMSI, ROAMER = "510109876500001", "6281234500001"
UK_VLR = "447700900123"
FAKER = "447700900777"
HIJACKER = "447700900666"
OTP_TEXT = "Kode OTP Anda 551204. JANGAN BERIKAN kode ini kepada siapapun."

story = []


def step(seconds, name, calling, called, tcap, calling_ssn, called_ssn):
    story.append((seconds, name, calling, called, tcap, calling_ssn, called_ssn))


def attach(t, otid, imsi, msisdn, vlr):
    """A subscriber attaching at vlr: SAI, UpdateLocation, and our HLR's InsertSubscriberData."""
    step(t, "SAI", vlr, HOME_HLR, begin(otid, [invoke(1, 56, tlv(0x30, tlv(0x80, tbcd(imsi)), integer(2)))],
         ac=14, version=3), 7, 6)
    step(t + 1, "UL", vlr, HOME_HLR, begin(otid + 1, [invoke(1, 2, tlv(0x30, tlv(0x04, tbcd(imsi)),
         tlv(0x81, isdn(vlr)), tlv(0x04, isdn(vlr))))], ac=1, version=3), 7, 6)
    step(t + 2, "ISD", HOME_HLR, vlr, begin(otid + 2, [invoke(1, 7, tlv(0x30, tlv(0x80, tbcd(imsi)),
         tlv(0x81, isdn(msisdn))))], ac=16, version=3), 6, 7)


def register_cfu(t, otid, imsi, sender, forwarded_to):
    """registerSS CFU; the IMSI travels in MAP-OPEN's destination reference, as in real dialogues."""
    step(t, "registerSS", sender, HOME_HLR, begin(otid, [invoke(1, 10, tlv(0x30, tlv(0x04, b"\x21"),
         tlv(0x84, isdn(forwarded_to))))], ac=18, version=2, destination_reference=imsi,
         originating_reference=sender), 7, 6)


attach(0, 0x5000, VICTIM_IMSI, VICTIM, HOME_VLR)
# A roamer in the UK sets its own forwarding from the VLR serving it: not a takeover.
attach(10, 0x5100, ROAMER_IMSI, ROAMER, UK_VLR)
register_cfu(20, 0x5200, ROAMER_IMSI, UK_VLR, "447700900999")
# SMS faking: a foreign GT sends an MT-ForwardSM whose SM-RP-OA claims BCA's SMSC.
step(30, "spoofed SMSC", FAKER, HOME_VLR, begin(0x5300, [invoke(1, 44, tlv(0x30, tlv(0x80, tbcd(VICTIM_IMSI)),
     tlv(0x84, isdn(HOME_SMSC_BCA)), tlv(0x04, sms_deliver("BCA", OTP_TEXT))))], ac=25, version=3), 8, 8)
# A takeover: a foreign GT that is not the victim's serving VLR forwards the victim's calls abroad.
register_cfu(40, 0x5400, VICTIM_IMSI, HIJACKER, "447700900555")
# A partner's SMSC (not one of its VLRs) sends an UpdateLocation for the victim claiming the
# partner's VLR: the location hijack, with the GT-mismatch sign naming the node's role.
UK_SMSC = "447700900200"
step(3600, "UL from a partner's SMSC", UK_SMSC, HOME_HLR, begin(0x5500, [invoke(1, 2, tlv(0x30,
     tlv(0x04, tbcd(VICTIM_IMSI)), tlv(0x81, isdn(UK_VLR)), tlv(0x04, isdn(UK_VLR))))], ac=1, version=3), 8, 6)

STORY_TRUTH = {
    "alerts": [{"msisdn": VICTIM, "rule": "illegalMasking", "evidence": FAKER},
               {"msisdn": VICTIM, "rule": "callForwarding", "evidence": HIJACKER},
               {"msisdn": VICTIM, "rule": "locationHijack", "evidence": "SMSC"}],
    # the partner the test configures: its VLRs and SMSCs by GT
    "partner": {"name": "Vodafone UK", "gtPrefixes": ["4477009"], "vlr": [UK_VLR], "smsc": [UK_SMSC]},
    "quiet": [ROAMER],
}


def write_pcap(out, frames):
    with open(out, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for seconds, micros, frame in frames:
            f.write(struct.pack("<IIII", START + seconds, micros, len(frame), len(frame)))
            f.write(frame)


def frame_of(i, calling, called, tcap, calling_ssn, called_ssn):
    sccp = sccp_udt(sccp_party(called_ssn, called), sccp_party(calling_ssn, calling), tcap)
    return ethernet(ipv4(sctp(100 + i, m3ua_data(1000 + i, 2000, sccp)), [127, 0, 0, 1], [127, 0, 0, 2]))


def main_story(out):
    frames = []
    for i, (seconds, name, calling, called, tcap, calling_ssn, called_ssn) in enumerate(story):
        frames.append((seconds, 0, frame_of(i, calling, called, tcap, calling_ssn, called_ssn)))
    write_pcap(out, frames)
    with open(out + ".json", "w") as f:
        json.dump(STORY_TRUTH, f, indent=1)


def main(out):
    frames = []
    truth = []
    for i, (name, calling, called, tcap, expect, calling_ssn, called_ssn) in enumerate(cases):
        sccp = sccp_udt(sccp_party(called_ssn, called), sccp_party(calling_ssn, calling), tcap)
        m3ua = m3ua_data(1000 + i, 2000, sccp)
        frame = ethernet(ipv4(sctp(100 + i, m3ua), [127, 0, 0, 1], [127, 0, 0, 2]))
        frames.append(frame)
        expect = dict(expect, name=name, frame=i + 1, calling=calling, called=called)
        truth.append(expect)
    with open(out, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for i, frame in enumerate(frames):
            f.write(struct.pack("<IIII", START, i * 1000, len(frame), len(frame)))
            f.write(frame)
    with open(out + ".json", "w") as f:
        json.dump(truth, f, indent=1)


if __name__ == "__main__":
    if sys.argv[1] == "--story":
        main_story(sys.argv[2])  # forge_map.py --story OUT.pcap: the detector's story
    else:
        main(sys.argv[1])
