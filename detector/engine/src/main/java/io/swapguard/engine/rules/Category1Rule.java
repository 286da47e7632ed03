package io.swapguard.engine.rules;

import static io.swapguard.engine.Numbers.asLong;
import static io.swapguard.engine.Numbers.num;

import io.swapguard.engine.Change;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.Network;
import io.swapguard.event.DiameterEvent;
import io.swapguard.event.MapEvent;
import java.util.List;

/**
 * <b>category1</b>: a MAP operation that must never arrive from interconnect (GSMA FS.11
 * Category 1: AnyTimeInterrogation, SendIMSI, SendRoutingInfo, ...) from a foreign GT: location
 * tracking and the reconnaissance before an interception.
 */
public final class Category1Rule implements Rule {

    private final DetectorConfig.Category1Rule settings;
    private final Network network;

    public Category1Rule(DetectorConfig config, Network network) {
        this.settings = config.rules().category1();
        this.network = network;
    }

    @Override
    public RuleId id() {
        return RuleId.CATEGORY1;
    }

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    /**
     * An S6a request only the subscriber's home HSS sends (Cancel-Location, Insert- and
     * Delete-Subscriber-Data, Reset) from a foreign realm: GSMA FS.19's equivalent of Category 1,
     * location tracking (IDR) or denial of service (CLR). Loads (and saves) its subscriber when it
     * alerts.
     *
     */
    public void diameterFromInterconnect(Change w, DiameterEvent e) {
        if (!settings.enabled() || !Boolean.FALSE.equals(network.homeRealm(e.originRealm())) || e.imsi() == null) {
            return;
        }
        long msisdn = e.msisdn() != null ? asLong(e.msisdn()) : w.msisdnOf(asLong(e.imsi()));
        if (msisdn == 0 || !w.load(msisdn)) {
            return;
        }
        String name = e.command().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        w.followUp(RuleId.CATEGORY1, 0, settings.severity(), e.imsi(), e.commandName() + " about " + num(msisdn)
                + " from interconnect realm " + e.originRealm(),
                List.of(w.here(e.commandName() + " (" + name + ") from " + e.originHost() + " in realm "
                        + e.originRealm() + ": only the home HSS sends it (FS.19)")));
        w.save();
    }

    /** An invoke of an interrogation operation; loads (and saves) its subscriber when it alerts. */
    public void invoke(Change w, MapEvent e) {
        String callingGt = Network.callingGt(e);
        if (!settings.enabled() || callingGt.isEmpty() || network.home(callingGt)
                || !settings.operations().contains(e.opCode())) {
            return;
        }
        long msisdn = e.msisdn() != null ? asLong(e.msisdn()) : e.imsi() != null ? w.msisdnOf(asLong(e.imsi())) : 0;
        if (msisdn == 0 || !w.load(msisdn)) {
            return;
        }
        w.followUp(RuleId.CATEGORY1, 0, settings.severity(), e.imsi(), e.operationName() + " about "
                + num(msisdn) + " from interconnect GT " + callingGt,
                List.of(w.here(e.operationName() + " from " + callingGt + " (SSN " + e.calling().ssn()
                        + "), a Category 1 operation that must not arrive from outside")));
        w.save();
    }
}
