package io.swapguard.cli;

import io.swapguard.event.AlertEvent;
import io.swapguard.event.DiameterEvent;
import io.swapguard.event.LowerCamel;
import io.swapguard.event.MapEvent;
import io.swapguard.event.ProvisioningEvent;
import io.swapguard.event.SmppEvent;
import io.swapguard.event.SignalEvent;
import io.swapguard.event.SubscriberMasking;
import java.util.Locale;

/** One readable line per event, for terminals. Identities follow {@link SubscriberMasking}. */
public final class EventText {

    private EventText() {
    }

    public static String line(SignalEvent event) {
        StringBuilder s = new StringBuilder(160);
        s.append(EventJson.isoTime(event.captureNanos())).append("  ");
        switch (event.type()) {
            case MAP -> {
                MapEvent e = (MapEvent) event;
                String op = e.opCode() < 0 ? "(no operation)" : e.operationName();
                s.append(op).append(' ').append(LowerCamel.of(e.component()));
                s.append(" [").append(e.tcapType().name().toLowerCase(Locale.ROOT)).append(']');
                if (e.calling() != null && e.calling().globalTitle() != null) {
                    s.append(" from ").append(e.calling().gtDigits());
                }
                if (e.called() != null && e.called().globalTitle() != null) {
                    s.append(" to ").append(e.called().gtDigits());
                }
                field(s, "imsi", e.imsi());
                field(s, "msisdn", e.msisdn());
                field(s, "imei", e.imei());
                field(s, "msc", e.mscNumber());
                field(s, "vlr", e.vlrNumber());
                field(s, "sgsn", e.sgsnNumber());
                field(s, "smsc", e.smscAddress());
                if (e.ssCode() >= 0) {
                    s.append(" ss=0x").append(Integer.toHexString(e.ssCode()));
                }
                field(s, "forwardedTo", SubscriberMasking.number(e.forwardedToNumber()));
                if (e.equipmentStatus() >= 0) {
                    s.append(" status=").append(switch (e.equipmentStatus()) {
                        case 0 -> "white";
                        case 1 -> "black";
                        default -> "grey";
                    });
                }
                if (e.errorCode() >= 0) {
                    s.append(" error=").append(e.errorCode());
                }
                if (e.sms() != null) {
                    s.append(" sms from ").append(e.sms().originator() == null ? "?" : e.sms().originator());
                    if (e.sms().text() != null) {
                        s.append(" \"").append(SubscriberMasking.text(e.sms().text())).append('"');
                    }
                }
            }
            case PROVISIONING -> {
                ProvisioningEvent e = (ProvisioningEvent) event;
                s.append("provisioning ").append(LowerCamel.of(e.kind()));
                field(s, "msisdn", e.msisdn());
                field(s, "imsi", e.imsi());
                field(s, "previousImsi", e.previousImsi());
                field(s, "imei", e.imei());
                if (!e.channel().isEmpty()) {
                    s.append(" channel=").append(e.channel());
                }
            }
            case ALERT -> {
                AlertEvent e = (AlertEvent) event;
                s.append("alert ").append(e.rule()).append(' ').append(LowerCamel.of(e.severity())).append(' ')
                        .append(e.title());
            }
            case SMPP -> {
                SmppEvent e = (SmppEvent) event;
                s.append("smpp ").append(e.command().smppName());
                if (!e.account().isEmpty()) {
                    s.append(" account=").append(e.account());
                }
                s.append(" from ").append(e.sms().originator() == null ? "?" : e.sms().originator());
                field(s, "to", e.sms().destination());
                if (e.sms().text() != null) {
                    s.append(" \"").append(SubscriberMasking.text(e.sms().text())).append('"');
                }
                s.append(' ').append(LowerCamel.of(e.decision()));
                if (!e.rule().isEmpty()) {
                    s.append(" by ").append(e.rule()).append(": ").append(e.reason());
                }
            }
            case DIAMETER -> {
                DiameterEvent e = (DiameterEvent) event;
                s.append("diameter ").append(e.commandName()).append(" from ").append(e.originHost());
                field(s, "realm", e.originRealm());
                field(s, "imsi", e.imsi());
                field(s, "msisdn", e.msisdn());
                field(s, "imei", e.imei());
                field(s, "visitedPlmn", e.visitedPlmnId());
                if (e.resultCode() >= 0) {
                    s.append(" result=").append(e.resultCode());
                }
            }
        }
        return s.toString();
    }

    private static void field(StringBuilder s, String name, Object value) {
        if (value != null) {
            s.append(' ').append(name).append('=').append(value);
        }
    }
}
