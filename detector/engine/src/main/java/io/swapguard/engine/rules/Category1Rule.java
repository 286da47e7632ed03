package io.swapguard.engine.rules;

import static io.swapguard.engine.Numbers.asLong;
import static io.swapguard.engine.Numbers.num;

import io.swapguard.engine.Change;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.Network;
import io.swapguard.event.DiameterEvent;
import io.swapguard.event.Fs11Category;
import io.swapguard.event.MapEvent;
import java.util.List;

/**
 * <b>category1</b>: a MAP operation that must never arrive from interconnect (GSMA FS.11
 * category 1: AnyTimeInterrogation, SendIMSI, SendRoutingInfo, ...) or that only the subscriber's
 * home network sends (category 2: InsertSubscriberData, CancelLocation, ProvideSubscriberInfo, ...)
 * from a foreign GT about one of our subscribers: location tracking, the reconnaissance before an
 * interception, and subscription or registration tampering.
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

    /**
     * An invoke of an operation in {@code operations} (by default every GSMA FS.11 category 1 and
     * 2 operation) from a foreign GT about one of our subscribers. Loads (and saves) its subscriber
     * when it alerts.
     *
     * @return true when the invoke came from where it must not: it is then evidence, not a fact
     */
    public boolean invoke(Change w, MapEvent e) {
        if (!fromInterconnect(e)) {
            return false;
        }
        String callingGt = Network.callingGt(e);
        long msisdn = e.msisdn() != null ? asLong(e.msisdn()) : e.imsi() != null ? w.msisdnOf(asLong(e.imsi())) : 0;
        if (msisdn == 0 || !w.load(msisdn)) {
            return false;
        }
        w.followUp(RuleId.CATEGORY1, 0, settings.severity(), e.imsi(), e.operationName() + " about "
                + num(msisdn) + " from interconnect GT " + callingGt,
                List.of(w.here(e.operationName() + " from " + callingGt + " (SSN " + e.calling().ssn() + "), "
                        + why(e.operation().fs11Category()))));
        w.save();
        return true;
    }

    /**
     * Whether this invoke is one this rule judges (and the detector then takes as evidence, not as
     * a fact about the subscriber): a listed operation, from a foreign GT, about one of our
     * subscribers. No state is read.
     */
    public boolean fromInterconnect(MapEvent e) {
        String callingGt = Network.callingGt(e);
        if (!settings.enabled() || callingGt.isEmpty() || network.home(callingGt)
                || !settings.operations().contains(e.opCode())) {
            return false;
        }
        // Ours: a home IMSI, or without one a number of our country. Else it is an inbound roamer's
        // home network speaking to the network serving it, as it may.
        return e.imsi() != null ? Network.startsWithAny(e.imsi().digits(), network.config().imsiPrefixes())
                : e.msisdn() == null || e.msisdn().digits().startsWith(network.config().countryCode());
    }

    private static String why(Fs11Category category) {
        return switch (category) {
            case CATEGORY_1 -> "a Category 1 operation (GSMA FS.11) that must not arrive from outside";
            case CATEGORY_2 -> "a Category 2 operation (GSMA FS.11) that only the subscriber's home network sends";
            default -> "an operation rules.category1.operations lists as never from outside";
        };
    }
}
