package io.swapguard.engine.rules;

import io.swapguard.engine.Change;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.Network;
import io.swapguard.engine.senders.SenderRegistry;
import io.swapguard.event.DiameterEvent;
import io.swapguard.event.MapEvent;
import io.swapguard.event.SmppEvent;
import io.swapguard.event.SmsAddress;
import java.util.List;

/**
 * <b>illegalMasking</b>: an SMS carrying a registered sender ID over a route its owner never
 * authorised (an SMSC not in the sender's list, or abroad for a domestic-only sender).
 */
public final class IllegalMaskingRule implements Rule {

    private final DetectorConfig.Rule settings;
    private final Network network;

    public IllegalMaskingRule(DetectorConfig config, Network network) {
        this.settings = config.rules().illegalMasking();
        this.network = network;
    }

    @Override
    public RuleId id() {
        return RuleId.ILLEGAL_MASKING;
    }

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    /**
     * SMPP: may {@code account} (an ESME's system_id) submit {@code sender}? A sender registered
     * without ESME accounts is not restricted on SMPP: list its accounts to enforce them.
     */
    public static boolean accountAuthorised(SenderRegistry.Sender sender, String account) {
        return sender.esmeAccounts().isEmpty() || sender.esmeAccounts().contains(account);
    }

    /** SMPP: a message submitted by {@code e.account()} whose source_addr is the registered {@code sender}. */
    public void submitted(Change w, SmppEvent e, SenderRegistry.Sender sender) {
        if (!accountAuthorised(sender, e.account()) && settings.enabled()) {
            w.masked(RuleId.ILLEGAL_MASKING, sender.id());
            w.alert(RuleId.ILLEGAL_MASKING, settings.severity(), null,
                    "Sender ID " + sender.id() + " (" + sender.owner() + ") submitted by unauthorised ESME account "
                            + e.account(),
                    List.of(w.here(e.command().smppName() + " with source_addr '" + e.sms().originator().value()
                            + "' from ESME account '" + e.account() + "' (" + e.decision().label()
                            + "); authorised: " + String.join(", ", sender.esmeAccounts()))));
        }
    }

    /**
     * An MT-ForwardSM whose SM-RP-OA names one of our service centres (or the registered sender's
     * authorised one) while the SCCP calling party is foreign, or another home node: SMS faking,
     * whatever the sender ID. Returns whether it was (and alerted).
     */
    public boolean spoofedServiceCentre(Change w, MapEvent e, SmsAddress from, SenderRegistry.Sender sender,
            String calling) {
        String claimed = e.smscAddress();
        if (claimed == null || claimed.isEmpty() || calling.isEmpty() || claimed.equals(calling)) {
            return false;
        }
        boolean claimsOurs = network.home(claimed) || sender != null && sender.smscGts().contains(claimed);
        boolean sentFromElsewhere = !network.home(calling)
                || sender != null && sender.smscGts().contains(claimed) && !sender.smscGts().contains(calling)
                || network.home(claimed) && network.homeNonSmsc(calling);
        if (!claimsOurs || !sentFromElsewhere) {
            return false;
        }
        String who = from == null ? "?" : from.value();
        if (sender != null) {
            w.masked(RuleId.ILLEGAL_MASKING, sender.id());
        }
        if (settings.enabled()) {
            w.alert(RuleId.ILLEGAL_MASKING, settings.severity(), e.imsi(),
                    "SMS from " + who + " claims service centre " + claimed + " but was sent by "
                            + (network.home(calling) ? "home node " : "foreign GT ") + calling
                            + (network.partnerRole(calling) != null ? " (" + network.partnerRole(calling) + ")" : ""),
                    List.of(w.here("MT-ForwardSM with SM-RP-OA " + claimed + " from SCCP calling party " + calling
                            + (sender != null ? "; " + sender.id() + " is authorised on: "
                                    + String.join(", ", sender.smscGts()) : ""))));
        }
        return true;
    }

    /** An SRI-SM that gives one of our service centres as its own, from a foreign GT. */
    public boolean claimsHomeServiceCentre(MapEvent e) {
        String claimed = e.smscAddress();
        String calling = Network.callingGt(e);
        return claimed != null && !claimed.isEmpty() && network.home(claimed) && !calling.isEmpty()
                && !network.home(calling);
    }

    /** SRI-SM from a foreign GT claiming our service centre: the first step of SMS interception or faking. */
    public void spoofedRoutingQuery(Change w, MapEvent e) {
        if (settings.enabled()) {
            w.alert(RuleId.ILLEGAL_MASKING, settings.severity(), e.imsi(),
                    "SendRoutingInfoForSM for " + io.swapguard.engine.Numbers.num(e.msisdn()) + " from foreign GT "
                            + Network.callingGt(e) + " claiming service centre " + e.smscAddress(),
                    List.of(w.here("SRI-SM with serviceCentreAddress " + e.smscAddress() + " from SCCP calling party "
                            + Network.callingGt(e))));
        }
    }

    /**
     * An SGd MT-Forward-Short-Message (LTE) whose originator is the registered {@code sender}, from
     * an SMS router or IWF in a foreign realm: over SGd the route is the Origin-Realm the network
     * saw, and a domestic sender's SMS has no business arriving from another network.
     */
    public void deliverOverSgd(Change w, DiameterEvent e, SmsAddress from, SenderRegistry.Sender sender) {
        if (sender.international() || !Boolean.FALSE.equals(network.homeRealm(e.originRealm())) || !settings.enabled()) {
            return;
        }
        w.masked(RuleId.ILLEGAL_MASKING, sender.id());
        w.alert(RuleId.ILLEGAL_MASKING, settings.severity(), e.imsi(),
                "Sender ID " + sender.id() + " (" + sender.owner() + ") over SGd from foreign realm " + e.originRealm(),
                List.of(w.here("SGd MT-Forward-Short-Message with TP-OA '" + from.value() + "' from " + e.originHost()
                        + " in realm " + e.originRealm() + "; " + sender.id() + " is a domestic sender")));
    }

    /** An MT-ForwardSM from {@code smsc} whose originator is the registered {@code sender}. */
    public void deliver(Change w, MapEvent e, SmsAddress from, SenderRegistry.Sender sender, String smsc) {
        boolean routeOk = sender.smscGts().contains(smsc) || (sender.international() && !network.home(smsc));
        if (!routeOk && settings.enabled()) {
            w.masked(RuleId.ILLEGAL_MASKING, sender.id());
            w.alert(RuleId.ILLEGAL_MASKING, settings.severity(), e.imsi(),
                    "Sender ID " + sender.id() + " (" + sender.owner() + ") from unauthorised SMSC " + smsc,
                    List.of(w.here("MT-ForwardSM with TP-OA '" + from.value() + "' from SMSC " + smsc
                            + (network.home(smsc) ? "" : " abroad") + "; authorised: "
                            + String.join(", ", sender.smscGts()))));
        }
    }
}
