package io.swapguard.engine;

import io.swapguard.engine.rules.RuleId;
import io.swapguard.event.AlertEvent.Severity;
import io.swapguard.event.Fs11Category;
import io.swapguard.event.MapOperation;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code detector:} subscriber state, rules, alerts and the OTP guard (docs/rules.md explains
 * every rule and its settings).
 *
 * @param enabled run the detector in {@code swapguard run}
 * @param stateDirectory where subscriber state lives (Chronicle Map files), restart-safe
 * @param expectedSubscribers sizing of the state store; it grows past this, more slowly
 * @param alertsJournal the alerts journal (a Chronicle Queue like the signals journal)
 * @param alertsFile alerts as JSON lines ("" = off)
 * @param webhook alerts POSTed as JSON to an HTTP endpoint
 * @param network what is home: everything else is foreign
 * @param senderRegistry the registered A2P sender IDs (YAML), reloaded when it changes
 * @param dedupeWindow the same rule does not alert twice for one subscriber within this
 * @param rules per-rule switches and thresholds
 * @param otpGuard verdicts for OTP SMS to subscribers at risk
 * @param incidents how long follow-on signs of one attack join its open incident instead of alerting
 */
public record DetectorConfig(Boolean enabled, String stateDirectory, Integer expectedSubscribers, String alertsJournal,
        String alertsFile, WebhookConfig webhook, NetworkConfig network, String senderRegistry, Duration dedupeWindow,
        RulesConfig rules, OtpGuardConfig otpGuard, IncidentsConfig incidents) {

    public DetectorConfig(Boolean enabled, String stateDirectory, Integer expectedSubscribers, String alertsJournal,
            String alertsFile, WebhookConfig webhook, NetworkConfig network, String senderRegistry,
            Duration dedupeWindow, RulesConfig rules, OtpGuardConfig otpGuard) {
        this(enabled, stateDirectory, expectedSubscribers, alertsJournal, alertsFile, webhook, network, senderRegistry,
                dedupeWindow, rules, otpGuard, null);
    }

    public DetectorConfig {
        enabled = enabled == null || enabled;
        stateDirectory = nonBlank("stateDirectory", stateDirectory, "data/state");
        expectedSubscribers = InvalidSettingException.inRange("expectedSubscribers", expectedSubscribers, 1_000_000, 1, 500_000_000);
        alertsJournal = nonBlank("alertsJournal", alertsJournal, "data/alerts");
        alertsFile = alertsFile == null ? "data/alerts.jsonl" : alertsFile;
        webhook = webhook == null ? new WebhookConfig(null, null, null, null) : webhook;
        network = network == null ? new NetworkConfig(null, null, null, null, null, null) : network;
        senderRegistry = senderRegistry == null ? "conf/senders.yaml" : senderRegistry;
        dedupeWindow = dedupeWindow == null ? Duration.ofMinutes(10) : dedupeWindow;
        rules = rules == null ? new RulesConfig(null, null, null, null, null, null, null, null) : rules;
        otpGuard = otpGuard == null ? new OtpGuardConfig(null, null, null) : otpGuard;
        incidents = incidents == null ? new IncidentsConfig(null, null) : incidents;
    }

    static String nonBlank(String key, String value, String fallback) {
        String v = value == null ? fallback : value;
        if (v.isBlank()) {
            throw new InvalidSettingException(key, "must not be empty");
        }
        return v;
    }

    /** This configuration with other state, alerts journal and alerts file locations (null keeps one). */
    public DetectorConfig withFiles(String stateDirectory, String alertsJournal, String alertsFile) {
        return new DetectorConfig(enabled, stateDirectory != null ? stateDirectory : this.stateDirectory,
                expectedSubscribers, alertsJournal != null ? alertsJournal : this.alertsJournal,
                alertsFile != null ? alertsFile : this.alertsFile, webhook, network, senderRegistry, dedupeWindow, rules,
                otpGuard, incidents);
    }

    /** This configuration with another sender registry file. */
    public DetectorConfig withSenderRegistry(String file) {
        return new DetectorConfig(enabled, stateDirectory, expectedSubscribers, alertsJournal, alertsFile, webhook, network,
                file, dedupeWindow, rules, otpGuard, incidents);
    }

    public static DetectorConfig defaults() {
        return new DetectorConfig(null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * {@code detector.incidents:} one attack, one alert. After a rule alerts about a subscriber,
     * the follow-on signs of the same attack (each call the forwarding diverts, each further OTP,
     * each further masked SMS or probe) join that incident, counted with the time of the last
     * one, and alert again only when they are more severe than what was alerted.
     *
     * @param window the incident stays open while its signs keep coming at most this far apart
     * @param rules per-rule windows by rule name (e.g. {@code otpWatch: 0s}: every OTP alerts)
     */
    public record IncidentsConfig(Duration window, Map<String, Duration> rules) {
        public IncidentsConfig {
            window = window == null ? Duration.ofHours(24) : window;
            if (window.isNegative()) {
                throw new InvalidSettingException("window", "must not be negative");
            }
            rules = rules == null ? Map.of() : rules;
            for (var e : rules.entrySet()) {
                if (Arrays.stream(RuleId.values()).noneMatch(r -> r.id().equals(e.getKey()))) {
                    throw new InvalidSettingException("rules", "'" + e.getKey() + "' is no rule (one of "
                            + Arrays.stream(RuleId.values()).map(RuleId::id).toList() + ")");
                }
                if (e.getValue() == null || e.getValue().isNegative()) {
                    throw new InvalidSettingException("rules." + e.getKey(), "must be a duration of 0 or more");
                }
            }
            rules = Map.copyOf(rules);
        }

        /** The window of {@code rule}. */
        public Duration window(RuleId rule) {
            return rules.getOrDefault(rule.id(), window);
        }
    }

    /**
     * {@code detector.webhook:} alerts POSTed one by one as JSON, retried with backoff.
     *
     * @param url the endpoint ("" = off)
     * @param bearerToken sent as {@code Authorization: Bearer ...}; keep it in the environment
     * @param timeout per request
     * @param maxRetries attempts after the first before an alert is given up (and logged)
     */
    public record WebhookConfig(String url, String bearerToken, Duration timeout, Integer maxRetries) {
        public WebhookConfig {
            url = url == null ? "" : url;
            bearerToken = bearerToken == null ? "" : bearerToken;
            timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
            maxRetries = InvalidSettingException.inRange("maxRetries", maxRetries, 8, 0, 100);
            if (!url.isEmpty() && !url.startsWith("http://") && !url.startsWith("https://")) {
                throw new InvalidSettingException("url", "'" + url + "' must start with http:// or https://");
            }
        }
    }

    /**
     * {@code detector.network:} the home network.
     *
     * @param countryCode E.164 country code of home numbers
     * @param imsiPrefixes MCC-MNC (or longer) prefixes of home IMSIs
     * @param gtPrefixes prefixes of the home network's global titles (HLR, MSC/VLR, SMSC, ...)
     * @param multiImsiPrefixes IMSI ranges that are secondary IMSIs of the same subscriber (a change
     *        into them is not a SIM swap)
     * @param minTravelTime the least time anyone needs to get from home to any foreign network
     * @param partners roaming partners with their own travel times
     * @param homeRealms Diameter realms of the home network besides its 3GPP realms
     *        ({@code epc.mncMNC.mccMCC.3gppnetwork.org} of a home PLMN, always home); when set, any
     *        other realm is foreign, when empty a realm that is not a 3GPP realm is left unjudged
     * @param homeNodes the home network's own nodes by role (GT prefixes), optional: when its VLR/MSCs
     *        are listed, only they may speak for a home VLR; when its SMSCs are listed, an MT-ForwardSM
     *        claiming a home service centre from another home node is SMS faking
     */
    public record NetworkConfig(String countryCode, List<String> imsiPrefixes, List<String> gtPrefixes,
            List<String> multiImsiPrefixes, Duration minTravelTime, List<PartnerConfig> partners,
            List<String> homeRealms, PartnerNodes homeNodes) {

        public NetworkConfig(String countryCode, List<String> imsiPrefixes, List<String> gtPrefixes,
                List<String> multiImsiPrefixes, Duration minTravelTime, List<PartnerConfig> partners) {
            this(countryCode, imsiPrefixes, gtPrefixes, multiImsiPrefixes, minTravelTime, partners, null, null);
        }

        public NetworkConfig(String countryCode, List<String> imsiPrefixes, List<String> gtPrefixes,
                List<String> multiImsiPrefixes, Duration minTravelTime, List<PartnerConfig> partners,
                List<String> homeRealms) {
            this(countryCode, imsiPrefixes, gtPrefixes, multiImsiPrefixes, minTravelTime, partners, homeRealms, null);
        }

        public NetworkConfig {
            homeNodes = homeNodes == null ? new PartnerNodes(null, null, null, null) : homeNodes;
            homeRealms = homeRealms == null ? List.of() : homeRealms.stream()
                    .map(r -> r.toLowerCase(java.util.Locale.ROOT)).toList();
            for (String r : homeRealms) {
                if (!r.matches("[a-z0-9]([a-z0-9.-]{0,253}[a-z0-9])?")) {
                    throw new InvalidSettingException("homeRealms", "'" + r + "' is not a Diameter realm (an FQDN)");
                }
            }
            countryCode = countryCode == null ? "62" : countryCode;
            imsiPrefixes = imsiPrefixes == null ? List.of("51010") : List.copyOf(imsiPrefixes);
            gtPrefixes = gtPrefixes == null ? List.of("62811") : List.copyOf(gtPrefixes);
            multiImsiPrefixes = multiImsiPrefixes == null ? List.of() : List.copyOf(multiImsiPrefixes);
            minTravelTime = minTravelTime == null ? Duration.ofHours(1) : minTravelTime;
            partners = partners == null ? List.of() : List.copyOf(partners);
            if (!countryCode.matches("\\d{1,3}")) {
                throw new InvalidSettingException("countryCode", "'" + countryCode + "' is not an E.164 country code");
            }
            for (String p : gtPrefixes) {
                if (!p.matches("\\d{1,15}")) {
                    throw new InvalidSettingException("gtPrefixes", "'" + p + "' is not a digit prefix");
                }
            }
        }
    }

    /**
     * A roaming partner as the detector sees it.
     *
     * @param name for alerts
     * @param gtPrefixes its global titles start with one of these
     * @param travelTime the least time from home to there (impossible-travel check)
     * @param plmns its PLMN ids (MCC + MNC, e.g. {@code 52501}), how it is named on Diameter (S6a)
     * @param nodes its nodes by role (GT prefixes), optional: when its VLR/MSCs are listed, only
     *        they and its gateways may send an UpdateLocation or SAI for one of its VLRs, not its
     *        SMSC, HLR or GMSC (nor an unlisted GT in its range)
     * @param gateways GT prefixes of its interconnect gateways (STPs, a roaming hub), which relay
     *        for any of its nodes
     */
    public record PartnerConfig(String name, List<String> gtPrefixes, Duration travelTime, List<String> plmns,
            PartnerNodes nodes, List<String> gateways) {

        public PartnerConfig(String name, List<String> gtPrefixes, Duration travelTime) {
            this(name, gtPrefixes, travelTime, null);
        }

        public PartnerConfig(String name, List<String> gtPrefixes, Duration travelTime, List<String> plmns) {
            this(name, gtPrefixes, travelTime, plmns, null, null);
        }

        public PartnerConfig {
            nodes = nodes == null ? new PartnerNodes(null, null, null, null) : nodes;
            gateways = digitPrefixes("gateways", gateways);
            name = name == null ? "" : name;
            gtPrefixes = gtPrefixes == null ? List.of() : List.copyOf(gtPrefixes);
            plmns = plmns == null ? List.of() : List.copyOf(plmns);
            for (String p : plmns) {
                if (!p.matches("\\d{5,6}")) {
                    throw new InvalidSettingException("plmns", "'" + p + "' is not a PLMN id (MCC and MNC, 5 or 6 digits)");
                }
            }
            travelTime = travelTime == null ? Duration.ofHours(1) : travelTime;
        }
    }

    /**
     * A roaming partner's nodes by role, each a list of GT prefixes (a node's GT, or a range).
     *
     * @param vlr its VLRs and MSCs (MSC pools included)
     * @param smsc its SMS centres
     * @param hlr its HLRs
     * @param gmsc its gateway MSCs
     */
    public record PartnerNodes(List<String> vlr, List<String> smsc, List<String> hlr, List<String> gmsc) {
        public PartnerNodes {
            vlr = digitPrefixes("vlr", vlr);
            smsc = digitPrefixes("smsc", smsc);
            hlr = digitPrefixes("hlr", hlr);
            gmsc = digitPrefixes("gmsc", gmsc);
        }

        /** Whether its VLR/MSCs are listed, so that its other GTs are known not to be one. */
        public boolean vlrsListed() {
            return !vlr.isEmpty();
        }
    }

    static List<String> digitPrefixes(String key, List<String> prefixes) {
        if (prefixes == null) {
            return List.of();
        }
        for (String p : prefixes) {
            if (p == null || !p.matches("\\d{1,15}")) {
                throw new InvalidSettingException(key, "'" + p + "' is not a GT digit prefix");
            }
        }
        return List.copyOf(prefixes);
    }

    /**
     * {@code detector.rules:} each rule's switch and severity, and its own settings.
     *
     * @param monitor rules in monitor mode, for rollout: their alerts are marked "would alert"
     *        ({@link io.swapguard.event.AlertEvent#monitored}), page no one, put no subscriber at risk
     *        for the OTP guard, and block nothing at the SMPP gate
     */
    public record RulesConfig(SimSwapRule simSwap, DeviceSwapRule deviceSwap, LocationHijackRule locationHijack,
            Rule callForwarding, Category1Rule category1, Rule illegalMasking, LookalikeRule lookalikeSender,
            Rule otpWatch, List<String> monitor) {

        /** Every rule enforcing. */
        public RulesConfig(SimSwapRule simSwap, DeviceSwapRule deviceSwap, LocationHijackRule locationHijack,
                Rule callForwarding, Category1Rule category1, Rule illegalMasking, LookalikeRule lookalikeSender,
                Rule otpWatch) {
            this(simSwap, deviceSwap, locationHijack, callForwarding, category1, illegalMasking, lookalikeSender,
                    otpWatch, null);
        }

        public RulesConfig {
            monitor = monitor == null ? List.of() : List.copyOf(monitor);
            for (String name : monitor) {
                if (Arrays.stream(RuleId.values()).noneMatch(r -> r.id().equals(name))) {
                    throw new InvalidSettingException("monitor", "'" + name + "' is no rule (one of "
                            + Arrays.stream(RuleId.values()).map(RuleId::id).toList() + ")");
                }
            }
            simSwap = simSwap == null ? new SimSwapRule(null, null, null, null) : simSwap;
            deviceSwap = deviceSwap == null ? new DeviceSwapRule(null, null, null, null) : deviceSwap;
            locationHijack = locationHijack == null ? new LocationHijackRule(null, null, null, null) : locationHijack;
            callForwarding = callForwarding == null ? new Rule(null, Severity.HIGH) : callForwarding;
            category1 = category1 == null ? new Category1Rule(null, null, null) : category1;
            illegalMasking = illegalMasking == null ? new Rule(null, Severity.HIGH) : illegalMasking;
            lookalikeSender = lookalikeSender == null ? new LookalikeRule(null, null, null) : lookalikeSender;
            otpWatch = otpWatch == null ? new Rule(null, Severity.CRITICAL) : otpWatch;
        }

        /** Whether {@code rule} is in monitor mode. */
        public boolean monitors(RuleId rule) {
            return monitor.contains(rule.id());
        }
    }

    /** A rule with only a switch and a severity. */
    public record Rule(Boolean enabled, Severity severity) {
        public Rule {
            enabled = enabled == null || enabled;
            severity = severity == null ? Severity.HIGH : severity;
        }
    }

    /**
     * @param trustedChannels provisioning channels (globs) whose SIM replacements are legitimate
     * @param ignorePortedWithin a port-in/port-out record this recent explains an IMSI change
     */
    public record SimSwapRule(Boolean enabled, Severity severity, List<String> trustedChannels,
            Duration ignorePortedWithin) {

        /**
         * Stores and call centres in the spellings BSS exports use (store-JKT-017, Shop 12, retail,
         * outlet, call-center, CallCentre, gerai: a store in Indonesian). Web and app self-care are
         * not trusted: that is where account takeovers order SIMs.
         */
        public static final List<String> DEFAULT_TRUSTED_CHANNELS = List.of("store*", "shop*", "retail*", "outlet*",
                "call*cent*", "gerai*");

        public SimSwapRule {
            enabled = enabled == null || enabled;
            severity = severity == null ? Severity.HIGH : severity;
            trustedChannels = trustedChannels == null ? DEFAULT_TRUSTED_CHANNELS : List.copyOf(trustedChannels);
            ignorePortedWithin = ignorePortedWithin == null ? Duration.ofDays(7) : ignorePortedWithin;
        }

        /** Matches channels against the trusted globs ({@code *}, {@code ?}, {@code [..]}), ignoring case. */
        public java.util.function.Predicate<String> trustedChannelMatcher() {
            List<java.nio.file.PathMatcher> globs = trustedChannels.stream().map(g -> java.nio.file.FileSystems
                    .getDefault().getPathMatcher("glob:" + g.toLowerCase(java.util.Locale.ROOT))).toList();
            return channel -> {
                java.nio.file.Path p = java.nio.file.Path.of(channel.isEmpty() ? "-"
                        : channel.toLowerCase(java.util.Locale.ROOT).replace('/', '_').replace('\0', '_'));
                return globs.stream().anyMatch(m -> m.matches(p));
            };
        }
    }

    /**
     * @param requireRegistration only a handset without a device registration record alerts
     * @param registrationWindow how long before the change a registration counts
     */
    public record DeviceSwapRule(Boolean enabled, Severity severity, Boolean requireRegistration,
            Duration registrationWindow) {
        public DeviceSwapRule {
            enabled = enabled == null || enabled;
            severity = severity == null ? Severity.MEDIUM : severity;
            requireRegistration = requireRegistration == null || requireRegistration;
            registrationWindow = registrationWindow == null ? Duration.ofDays(30) : registrationWindow;
        }
    }

    /**
     * @param homeWindow the subscriber counts as "recently at home" when seen at home within this
     * @param saiWindow an UpdateLocation needs a SendAuthenticationInfo for the IMSI this shortly before
     */
    public record LocationHijackRule(Boolean enabled, Severity severity, Duration homeWindow, Duration saiWindow) {
        public LocationHijackRule {
            enabled = enabled == null || enabled;
            severity = severity == null ? Severity.CRITICAL : severity;
            homeWindow = homeWindow == null ? Duration.ofHours(12) : homeWindow;
            saiWindow = saiWindow == null ? Duration.ofMinutes(10) : saiWindow;
        }
    }

    /**
     * @param operations MAP operation codes that must never arrive from outside about our subscribers;
     *        by default every GSMA FS.11 category 1 and 2 operation ({@link #FS11_CATEGORIES_1_AND_2})
     */
    public record Category1Rule(Boolean enabled, Severity severity, List<Integer> operations) {

        /** The codes of the operations of FS.11 categories 1 and 2, ascending. */
        public static final List<Integer> FS11_CATEGORIES_1_AND_2 = java.util.Arrays.stream(MapOperation.values())
                .filter(op -> op.fs11Category() == Fs11Category.CATEGORY_1 || op.fs11Category() == Fs11Category.CATEGORY_2)
                .map(MapOperation::code).sorted().toList();

        public Category1Rule {
            enabled = enabled == null || enabled;
            severity = severity == null ? Severity.MEDIUM : severity;
            operations = operations == null ? FS11_CATEGORIES_1_AND_2 : List.copyOf(operations);
        }
    }

    /** @param maxEditDistance sender IDs this close to a registered one (and not it) are lookalikes */
    public record LookalikeRule(Boolean enabled, Severity severity, Integer maxEditDistance) {
        public LookalikeRule {
            enabled = enabled == null || enabled;
            severity = severity == null ? Severity.HIGH : severity;
            maxEditDistance = InvalidSettingException.inRange("maxEditDistance", maxEditDistance, 1, 0, 3);
        }
    }

    /**
     * {@code detector.otpGuard:}
     *
     * @param window block OTP to a subscriber whose SIM was swapped, location hijacked or calls
     *        taken over this recently (senders may override in the registry)
     * @param includeProvisionedSwaps count SIM replacements done in a store too (fraud also walks in)
     * @param failOpen when the state cannot be read: allow (true) or block (false)
     */
    public record OtpGuardConfig(Duration window, Boolean includeProvisionedSwaps, Boolean failOpen) {
        public OtpGuardConfig {
            window = window == null ? Duration.ofHours(72) : window;
            includeProvisionedSwaps = includeProvisionedSwaps == null || includeProvisionedSwaps;
            failOpen = failOpen == null || failOpen;
        }
    }
}
