package io.swapguard.engine.rules;

import static io.swapguard.engine.Numbers.gtLong;
import static io.swapguard.engine.Numbers.num;

import io.swapguard.engine.Change;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.Network;
import io.swapguard.engine.state.SubscriberState;
import io.swapguard.event.AlertEvent.Evidence;
import io.swapguard.event.MapEvent;
import io.swapguard.event.MapOperation;
import io.swapguard.event.SubscriberMasking;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * <b>callForwarding</b>: call forwarding registered or activated from interconnect, or to a
 * foreign number (the voice-OTP takeover), and each call an SRI result then diverts abroad.
 * Keeps the subscriber's forwarding state (code, target, when, from which GT). The calls a
 * takeover diverts are follow-on signs: they join its incident rather than alert each.
 */
public final class CallForwardingRule implements Rule {

    /** The forwarding supplementary services: all, CFU, all conditional, CFB, CFNRy, CFNRc. */
    static final Set<Integer> FORWARDING_CODES = Set.of(0x20, 0x21, 0x28, 0x29, 0x2A, 0x2B);

    private final DetectorConfig.Rule settings;
    private final Network network;

    public CallForwardingRule(DetectorConfig config, Network network) {
        this.settings = config.rules().callForwarding();
        this.network = network;
    }

    @Override
    public RuleId id() {
        return RuleId.CALL_FORWARDING;
    }

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    /** registerSS, activateSS, eraseSS or deactivateSS for the subscriber. */
    public void supplementaryService(Change w, MapEvent e) {
        SubscriberState s = w.state();
        int ss = e.ssCode();
        if (!FORWARDING_CODES.contains(ss)) {
            return;
        }
        String callingGt = Network.callingGt(e);
        // A roamer setting forwarding abroad: the request comes from the VLR serving it now, which it
        // reached honestly (no location hijack in effect). Not a takeover, whatever the number.
        long caller = gtLong(callingGt);
        boolean servingVlr = s.abroad && caller != 0 && (caller == s.vlr || caller == s.msc)
                && s.riskKind != SubscriberState.RiskKind.LOCATION_HIJACK;
        boolean fromOutside = !callingGt.isEmpty() && !network.home(callingGt) && !servingVlr;
        if (e.operation() == MapOperation.ERASE_SS || e.operation() == MapOperation.DEACTIVATE_SS) {
            s.cfActive &= ~forwardingBits(ss);
            s.cfSsCode = -1;
            s.cfTo = 0;
            s.cfRisky = false;
            w.closeIncident(RuleId.CALL_FORWARDING); // a later takeover is a new one
            return;
        }
        String to = e.forwardedToNumber();
        boolean foreignTo = to != null && !to.startsWith(network.config().countryCode()) && !servingVlr;
        // Registering a forwarding with its number also activates it (3GPP TS 24.082 1.4).
        s.cfActive |= forwardingBits(ss);
        if (e.operation() == MapOperation.REGISTER_SS) {
            s.cfSsCode = ss;
            s.cfTo = to == null ? 0 : gtLong(to);
            s.cfTime = w.time();
            s.cfFromGt = gtLong(callingGt);
            s.cfRisky = foreignTo || fromOutside;
        } else if (fromOutside) {
            s.cfRisky = true;
        }
        if ((foreignTo || fromOutside) && settings.enabled()) {
            w.risk(SubscriberState.RiskKind.CALL_FORWARDING);
            String what = switch (ss) {
                case 0x21 -> "unconditional (CFU)";
                case 0x29 -> "on busy (CFB)";
                case 0x2A -> "on no reply (CFNRy)";
                case 0x2B -> "when unreachable (CFNRc)";
                default -> "SS 0x" + Integer.toHexString(ss);
            };
            List<Evidence> evidence = new ArrayList<>(2);
            evidence.add(w.here(e.operation().asn1Name() + " " + what
                    + (to == null ? "" : " to " + SubscriberMasking.masked(to)) + " from GT " + callingGt
                    + (fromOutside ? " (interconnect)" : "")));
            w.alert(RuleId.CALL_FORWARDING, settings.severity(), e.imsi(),
                    "Call forwarding " + what + " for " + num(s.msisdn)
                            + (foreignTo ? " to a foreign number" : "") + (fromOutside ? " set from interconnect" : ""),
                    evidence);
        }
    }

    /** The {@link SubscriberState#cfActive} bits an SS code stands for (0x20 all, 0x28 all conditional). */
    static int forwardingBits(int ssCode) {
        return switch (ssCode) {
            case 0x21 -> SubscriberState.CF_UNCONDITIONAL;
            case 0x29 -> SubscriberState.CF_BUSY;
            case 0x2A -> SubscriberState.CF_NO_REPLY;
            case 0x2B -> SubscriberState.CF_NOT_REACHABLE;
            case 0x28 -> SubscriberState.CF_BUSY | SubscriberState.CF_NO_REPLY | SubscriberState.CF_NOT_REACHABLE;
            case 0x20 -> 0xF;
            default -> 0;
        };
    }

    /**
     * A SendRoutingInfo result: what it shows of the forwarding state, and evidence for a
     * forwarding takeover when it forwards the call. A roaming number proves no unconditional
     * forwarding; forwarding data without one, when no forwarding is known, is the HLR forwarding
     * unconditionally (a forwarding set where we did not watch).
     */
    public void forwardedCall(Change w, MapEvent e) {
        SubscriberState s = w.state();
        if (e.roamingNumber() != null) {
            s.cfActive &= ~SubscriberState.CF_UNCONDITIONAL;
        } else if (e.forwardedToNumber() != null && s.cfActive == 0) {
            s.cfActive = SubscriberState.CF_UNCONDITIONAL;
        }
        if (e.forwardedToNumber() != null && s.cfRisky && !network.home(e.forwardedToNumber()) && settings.enabled()) {
            w.followUp(RuleId.CALL_FORWARDING, s.cfTime, settings.severity(), e.imsi(),
                    "Call to " + num(s.msisdn) + " diverted to foreign number "
                            + SubscriberMasking.masked(e.forwardedToNumber()),
                    List.of(w.here("SendRoutingInfo answered with forwarding to "
                            + SubscriberMasking.masked(e.forwardedToNumber()))));
        }
    }
}
