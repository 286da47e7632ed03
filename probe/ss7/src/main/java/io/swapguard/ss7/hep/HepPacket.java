package io.swapguard.ss7.hep;

/**
 * A decoded HEPv3 datagram (Homer Encapsulation Protocol, sipcapture.org): what a capture agent
 * (heplify, captagent) saw and when. The captured payload is at
 * {@code buffer[payloadOffset, payloadOffset+payloadLength)}.
 *
 * @param ipProtocol the IP protocol of the captured packet (132 for SCTP)
 * @param protocolType what the payload is (0x09 M3UA)
 * @param timestampNanos the agent's capture time
 * @param captureAgentId the agent's id, 0 when absent
 * @param nodeName the agent's node/group name, "" when absent
 */
public record HepPacket(int ipProtocol, int protocolType, long timestampNanos, long captureAgentId, String nodeName,
        byte[] buffer, int payloadOffset, int payloadLength) {

    public static final int PROTOCOL_TYPE_M3UA = 0x09;
}
