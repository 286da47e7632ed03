package io.swapguard.engine.rules;

import static io.swapguard.engine.Numbers.asLong;
import static io.swapguard.engine.Numbers.mask;
import static io.swapguard.engine.Numbers.num;

import io.swapguard.engine.Change;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.Network;
import io.swapguard.engine.state.SubscriberState.SimChange;
import io.swapguard.engine.state.SubscriberState.SimSource;
import io.swapguard.engine.state.SubscriberState;
import io.swapguard.event.AlertEvent.Evidence;
import io.swapguard.event.Imsi;
import io.swapguard.event.MapEvent;
import io.swapguard.event.Msisdn;
import io.swapguard.event.ProvisioningEvent;
import java.util.List;

/**
 * <b>simSwap</b>: the number is behind a new IMSI without a trusted provisioning record. Judges
 * the HLR's word on which SIM serves a number (InsertSubscriberData, SRI-SM, SRI and SendIMSI
 * results) and BSS SIM replacements; keeps the subscriber's SIM history, which the OTP guard
 * and the CAMARA SIM Swap answers read. Not a swap: a first sighting, a change into a
 * secondary IMSI range (multi-IMSI SIMs), a port-in/out, signalling older than a change.
 */
public final class SimSwapRule implements Rule {

    /** What a subscriber-mapping message did. */
    public enum Mapping {
        /** Already applied (a replayed event): nothing done. */
        NOT_LOADED,
        /** Older than the last SIM change, about the SIM it replaced: history, not a swap back. */
        LATE,
        /** Applied to the state. */
        APPLIED
    }

    private final DetectorConfig.SimSwapRule settings;
    private final DetectorConfig.NetworkConfig network;
    private final java.util.function.Predicate<String> trustedChannels;

    public SimSwapRule(DetectorConfig config) {
        this.settings = config.rules().simSwap();
        this.network = config.network();
        this.trustedChannels = settings.trustedChannelMatcher();
    }

    @Override
    public RuleId id() {
        return RuleId.SIM_SWAP;
    }

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    /** A BSS SIM replacement: legitimate from a trusted channel, an alert from any other. */
    public void simReplacement(Change w, ProvisioningEvent p) {
        SubscriberState s = w.state();
        long newImsi = asLong(p.imsi());
        boolean trusted = trusted(p.channel());
        SimChange latest = s.latestSimChange();
        if (s.imsi == newImsi && latest != null && latest.newImsi() == newImsi
                && latest.source() == SimSource.SIGNALLING) {
            // The record arrived after the signalling it explains (a late BSS export). The alert
            // has gone out; the record still settles the history and, from a trusted channel,
            // lifts the OTP risk.
            s.sims.set(s.sims.size() - 1, new SimChange(latest.timeNanos(), latest.oldImsi(), newImsi,
                    SimSource.PROVISIONING, trusted, p.channel(), w.index()));
            if (trusted && s.riskKind == SubscriberState.RiskKind.SIM_SWAP) {
                s.riskKind = SubscriberState.RiskKind.PROVISIONED_SWAP;
            }
        } else if (s.imsi != 0 && s.imsi != newImsi) {
            s.addSim(new SimChange(w.time(), s.imsi, newImsi, SimSource.PROVISIONING, trusted, p.channel(),
                    w.index()));
            w.risk(trusted ? SubscriberState.RiskKind.PROVISIONED_SWAP : SubscriberState.RiskKind.SIM_SWAP);
            if (!trusted && settings.enabled()) {
                w.alert(RuleId.SIM_SWAP, settings.severity(), p.imsi(),
                        "SIM replaced through untrusted channel '" + p.channel() + "' for "
                                + num(p.msisdn()) + ": now " + num(p.imsi()),
                        List.of(w.here("provisioning record " + p.reference() + " via " + p.channel()
                                + ", previous SIM " + mask(s.imsi))));
            }
        }
        w.setImsi(newImsi);
    }

    private boolean trusted(String channel) {
        return trustedChannels.test(channel);
    }

    /**
     * The HLR says the MSISDN is served by the IMSI (the event carries both). Loads the
     * subscriber; the caller saves.
     *
     * @param how what said so, for the evidence
     */
    public Mapping mapping(Change w, MapEvent e, String how) {
        return mapping(w, e.msisdn(), e.imsi(), how + " from " + Network.callingGt(e));
    }

    /**
     * The home network says {@code msisdn} is served by {@code imsi} (a MAP result or a Diameter
     * ULA/IDR/SRA). Loads the subscriber; the caller saves.
     *
     * @param how what said so and where from, for the evidence
     */
    public Mapping mapping(Change w, Msisdn number, Imsi sim, String how) {
        long msisdn = asLong(number);
        if (!w.load(msisdn)) {
            return Mapping.NOT_LOADED;
        }
        SubscriberState s = w.state();
        long imsi = asLong(sim);
        SimChange latest = s.latestSimChange();
        if (latest != null && imsi == latest.oldImsi() && w.time() < latest.timeNanos()) {
            return Mapping.LATE;
        }
        if (s.imsi == 0) {
            w.setImsi(imsi); // first sighting: the baseline, never an alert
        } else if (s.imsi != imsi) {
            long old = s.imsi;
            long oldSince = s.imsiSince;
            boolean multiImsi = Network.startsWithAny(Long.toString(imsi), network.multiImsiPrefixes())
                    && Network.startsWithAny(Long.toString(old), network.multiImsiPrefixes());
            boolean foreignImsi = !Network.startsWithAny(Long.toString(imsi), network.imsiPrefixes());
            boolean ported = s.portedAt != 0 && w.time() - s.portedAt <= settings.ignorePortedWithin().toNanos();
            s.addSim(new SimChange(w.time(), old, imsi, SimSource.SIGNALLING, false, "", w.index()));
            w.setImsi(imsi);
            if (!multiImsi && !ported && !(foreignImsi && s.portedAt != 0)) {
                w.risk(SubscriberState.RiskKind.SIM_SWAP);
                if (settings.enabled()) {
                    w.alert(RuleId.SIM_SWAP, settings.severity(), sim,
                            "SIM swap: " + num(number) + " now served by " + num(sim) + " (was " + mask(old)
                                    + "), no provisioning record",
                            List.of(new Evidence(-1, oldSince, "previous SIM " + mask(old) + " in use since"),
                                    w.here(how + ": " + num(number) + " behind " + num(sim))));
                }
            }
        } else {
            w.indexImsi(imsi);
        }
        return Mapping.APPLIED;
    }
}
