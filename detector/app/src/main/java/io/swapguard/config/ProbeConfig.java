package io.swapguard.config;

import io.swapguard.taps.HepServer;

import io.swapguard.engine.InvalidSettingException;
import io.swapguard.taps.ProbeSettings;
import java.time.Duration;

/**
 * {@code probe:} the SS7 taps and the decoder's limits.
 *
 * @param tap name stamped on events from capture files (HEP events carry the agent's name)
 * @param pcapDir a rotating capture directory to follow (dumpcap/tcpdump ring)
 * @param hep HEPv3 over UDP from capture agents
 * @param quarantine where malformed input is kept for forensics
 * @param verifySctpChecksum check SCTP CRC-32c (off: offloaded checksums are often wrong in captures)
 * @param maxSctpFlows SCTP association directions tracked (1..10,000,000)
 * @param maxDialogues TCAP dialogues tracked (1..100,000,000)
 * @param dialogueIdleTimeout forget a dialogue after this much capture time without a message (1s..1h)
 * @param maxSegmentedMessages segmented XUDTs in reassembly at once (1..1,000,000)
 * @param provisioningCsv BSS provisioning CSV files journalled when {@code swapguard run} starts
 * @param smppPorts TCP ports of the SMSC's SMPP links in the captures, decoded by the passive SMPP tap ([] turns it off)
 * @param maxSmppFlows TCP connection directions of those links reassembled at once (1..10,000,000); the
 *        same bound applies to the Diameter links' TCP connections
 * @param diameterPorts TCP ports of Diameter links (S6a, S13, S6c) in the captures ([3868] by default, [] turns
 *        Diameter over TCP off; Diameter over SCTP is always read)
 * @param provisioningLayout how the BSS's provisioning CSV export is laid out (swapguard's own by default)
 */
public record ProbeConfig(String tap, PcapDirConfig pcapDir, HepConfig hep, QuarantineConfig quarantine,
        Boolean verifySctpChecksum, Integer maxSctpFlows, Integer maxDialogues, Duration dialogueIdleTimeout,
        Integer maxSegmentedMessages, java.util.List<String> provisioningCsv, java.util.List<Integer> smppPorts,
        Integer maxSmppFlows, java.util.List<Integer> diameterPorts, ProvisioningLayoutConfig provisioningLayout) {

    public ProbeConfig(String tap, PcapDirConfig pcapDir, HepConfig hep, QuarantineConfig quarantine,
            Boolean verifySctpChecksum, Integer maxSctpFlows, Integer maxDialogues, Duration dialogueIdleTimeout,
            Integer maxSegmentedMessages, java.util.List<String> provisioningCsv, java.util.List<Integer> smppPorts,
            Integer maxSmppFlows, java.util.List<Integer> diameterPorts) {
        this(tap, pcapDir, hep, quarantine, verifySctpChecksum, maxSctpFlows, maxDialogues, dialogueIdleTimeout,
                maxSegmentedMessages, provisioningCsv, smppPorts, maxSmppFlows, diameterPorts, null);
    }

    public ProbeConfig {
        provisioningLayout = provisioningLayout == null
                ? new ProvisioningLayoutConfig(null, null, null, null, null) : provisioningLayout;
        provisioningCsv = provisioningCsv == null ? java.util.List.of() : java.util.List.copyOf(provisioningCsv);
        ProbeSettings d = ProbeSettings.defaults();
        tap = tap == null ? "probe" : tap;
        if (tap.isBlank() || tap.length() > 64) {
            throw new InvalidSettingException("tap", "must be 1..64 characters");
        }
        if (tap.equals("hep") || tap.equals("bss-csv") || tap.startsWith("hep:")) {
            // The HEP listener's and the provisioning import's own tap names (in metrics, and on the
            // events in the journal, where a capture ring counts its own to resume a file).
            throw new InvalidSettingException("tap", "'" + tap + "' is reserved; choose another name");
        }
        pcapDir = pcapDir == null ? new PcapDirConfig(null, null, null, null, null) : pcapDir;
        hep = hep == null ? new HepConfig(null, null, null, null, null) : hep;
        quarantine = quarantine == null ? new QuarantineConfig(null, null) : quarantine;
        verifySctpChecksum = verifySctpChecksum == null ? d.verifySctpChecksum() : verifySctpChecksum;
        maxSctpFlows = range("maxSctpFlows", maxSctpFlows, d.maxSctpFlows(), 1, 10_000_000);
        maxDialogues = range("maxDialogues", maxDialogues, d.maxDialogues(), 1, 100_000_000);
        maxSegmentedMessages = range("maxSegmentedMessages", maxSegmentedMessages, d.maxSegmentedMessages(), 1, 1_000_000);
        dialogueIdleTimeout = dialogueIdleTimeout == null ? d.dialogueIdleTimeout() : dialogueIdleTimeout;
        smppPorts = smppPorts == null ? d.smppPorts() : java.util.List.copyOf(smppPorts);
        for (int port : smppPorts) {
            range("smppPorts", port, port, 1, 65_535);
        }
        diameterPorts = diameterPorts == null ? d.diameterPorts() : java.util.List.copyOf(diameterPorts);
        for (int port : diameterPorts) {
            range("diameterPorts", port, port, 1, 65_535);
            if (smppPorts.contains(port)) {
                throw new InvalidSettingException("diameterPorts", "port " + port + " is also in smppPorts");
            }
        }
        maxSmppFlows = range("maxSmppFlows", maxSmppFlows, d.maxSmppFlows(), 1, 10_000_000);
        if (dialogueIdleTimeout.compareTo(Duration.ofSeconds(1)) < 0 || dialogueIdleTimeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new InvalidSettingException("dialogueIdleTimeout", DurationSetting.format(dialogueIdleTimeout)
                    + " is out of range: must be between 1s and 1h");
        }
    }

    static int range(String key, Integer value, int fallback, int min, int max) {
        return InvalidSettingException.inRange(key, value, fallback, min, max);
    }

    /** This configuration with other provisioning CSV files. */
    public ProbeConfig withProvisioningCsv(java.util.List<String> files) {
        return new ProbeConfig(tap, pcapDir, hep, quarantine, verifySctpChecksum, maxSctpFlows, maxDialogues,
                dialogueIdleTimeout, maxSegmentedMessages, files, smppPorts, maxSmppFlows, diameterPorts,
                provisioningLayout);
    }

    public static ProbeConfig defaults() {
        return new ProbeConfig(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public ProbeSettings toSettings() {
        return new ProbeSettings(verifySctpChecksum, maxSctpFlows, maxDialogues, dialogueIdleTimeout,
                maxSegmentedMessages, smppPorts, maxSmppFlows, diameterPorts);
    }

    /**
     * {@code probe.pcapDir:} a capture ring to follow; off while {@code path} is empty.
     *
     * @param path the directory dumpcap/tcpdump writes its ring into
     * @param pattern glob of the capture files in it
     * @param settle the newest file counts as closed after this long unchanged
     * @param poll how often to look for new files
     * @param stateFile where progress is remembered across restarts ("" = beside the journal)
     */
    public record PcapDirConfig(String path, String pattern, Duration settle, Duration poll, String stateFile) {
        public PcapDirConfig {
            path = path == null ? "" : path;
            pattern = pattern == null ? "*.pcap*" : pattern;
            settle = settle == null ? Duration.ofSeconds(10) : settle;
            poll = poll == null ? Duration.ofSeconds(1) : poll;
            stateFile = stateFile == null ? "" : stateFile;
            if (pattern.isBlank()) {
                throw new InvalidSettingException("pattern", "must not be empty");
            }
            if (poll.compareTo(Duration.ofMillis(10)) < 0 || poll.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new InvalidSettingException("poll", DurationSetting.format(poll) + " is out of range: 10ms..10m");
            }
        }

        public boolean enabled() {
            return !path.isBlank();
        }
    }

    /**
     * {@code probe.provisioningLayout:} how the BSS exports provisioning records (docs/configuration.md).
     *
     * @param delimiter {@code ","} (default), {@code ";"}, {@code "|"} or {@code "\t"}
     * @param columns header name per field ({@code time}, {@code kind}, {@code msisdn} required; {@code imsi},
     *        {@code previousImsi}, {@code imei}, {@code channel}, {@code reference}); default swapguard's own
     * @param timeFormat {@code iso} (default), {@code epochSeconds}, {@code epochMillis} or a pattern
     *        ({@code dd/MM/yyyy HH:mm:ss})
     * @param timeZone zone of a pattern's local times (default UTC), e.g. {@code Asia/Jakarta}
     * @param kinds the export's words for kinds, e.g. {@code "GANTI KARTU": simReplacement}
     */
    public record ProvisioningLayoutConfig(String delimiter, java.util.Map<String, String> columns, String timeFormat,
            String timeZone, java.util.Map<String, String> kinds) {

        public ProvisioningLayoutConfig {
            delimiter = delimiter == null ? "," : delimiter;
            if (delimiter.length() != 1) {
                throw new InvalidSettingException("delimiter", "must be one character: , ; | or a tab");
            }
            columns = columns == null ? java.util.Map.of() : java.util.Map.copyOf(columns);
            kinds = kinds == null ? java.util.Map.of() : java.util.Map.copyOf(kinds);
            timeFormat = timeFormat == null ? "iso" : timeFormat;
            timeZone = timeZone == null ? "UTC" : timeZone;
            layoutOf(delimiter, columns, timeFormat, timeZone, kinds); // refuses what cannot work, naming the key
        }

        /** The layout the CSV reader uses. */
        public io.swapguard.taps.bss.ProvisioningCsvLayout layout() {
            return layoutOf(delimiter, columns, timeFormat, timeZone, kinds);
        }

        private static io.swapguard.taps.bss.ProvisioningCsvLayout layoutOf(String delimiter,
                java.util.Map<String, String> columns, String timeFormat, String timeZone,
                java.util.Map<String, String> kinds) {
            java.time.ZoneId zone;
            try {
                zone = java.time.ZoneId.of(timeZone);
            } catch (java.time.DateTimeException e) {
                throw new InvalidSettingException("timeZone", "'" + timeZone + "' is not a time zone (e.g. Asia/Jakarta)");
            }
            if (columns.isEmpty() && delimiter.equals(",") && timeFormat.equals("iso") && kinds.isEmpty()) {
                return io.swapguard.taps.bss.ProvisioningCsvLayout.SWAPGUARD;
            }
            java.util.Map<io.swapguard.taps.bss.ProvisioningCsvLayout.Field, String> byField =
                    new java.util.EnumMap<>(io.swapguard.taps.bss.ProvisioningCsvLayout.Field.class);
            if (columns.isEmpty()) {
                byField.putAll(io.swapguard.taps.bss.ProvisioningCsvLayout.SWAPGUARD.columns());
            }
            for (var c : columns.entrySet()) {
                try {
                    byField.put(io.swapguard.taps.bss.ProvisioningCsvLayout.Field.of(c.getKey()), c.getValue());
                } catch (IllegalArgumentException e) {
                    throw new InvalidSettingException("columns", e.getMessage());
                }
            }
            java.util.Map<String, io.swapguard.event.ProvisioningEvent.Kind> words = new java.util.HashMap<>();
            for (var k : kinds.entrySet()) {
                words.put(k.getKey(), java.util.Arrays.stream(io.swapguard.event.ProvisioningEvent.Kind.values())
                        .filter(kind -> io.swapguard.event.LowerCamel.of(kind).equals(k.getValue())).findFirst()
                        .orElseThrow(() -> new InvalidSettingException("kinds." + k.getKey(), "'" + k.getValue()
                                + "' is not one of activation, simReplacement, portIn, portOut, deactivation,"
                                + " deviceRegistration")));
            }
            try {
                return new io.swapguard.taps.bss.ProvisioningCsvLayout(delimiter.charAt(0), byField, timeFormat, zone,
                        words);
            } catch (IllegalArgumentException e) {
                String m = e.getMessage();
                String key = m.startsWith("columns.") ? m.substring(0, m.indexOf(' ')) : m.startsWith("timeFormat")
                        ? "timeFormat" : "delimiter";
                throw new InvalidSettingException(key, m.startsWith("columns.") ? "is required" : m);
            }
        }
    }

    /**
     * {@code probe.hep:} HEPv3 from capture agents, over UDP and optionally TCP.
     *
     * @param enabled listen for HEP
     * @param bind address to listen on
     * @param port UDP (and TCP) port (9060 is HEP's usual one)
     * @param receiveBufferBytes the UDP receive buffer to ask the kernel for (it caps it at
     *     {@code net.core.rmem_max}): what absorbs a burst while the receiving thread is paused
     * @param tcp also accept HEP over TCP on the same port, for agents where loss is unacceptable
     */
    public record HepConfig(Boolean enabled, String bind, Integer port, Integer receiveBufferBytes, Boolean tcp) {
        public HepConfig {
            enabled = enabled != null && enabled;
            bind = bind == null ? "0.0.0.0" : bind;
            port = range("port", port, 9060, 0, 65_535);
            receiveBufferBytes = range("receiveBufferBytes", receiveBufferBytes,
                    HepServer.Options.DEFAULT_RECEIVE_BUFFER, 65_536, 1 << 30);
            tcp = tcp != null && tcp;
        }

        public HepServer.Options options() {
            return new HepServer.Options(receiveBufferBytes, tcp);
        }
    }

    /**
     * {@code probe.quarantine:} malformed input kept as pcapng with the reason per packet.
     *
     * @param file the quarantine file ("" = keep nothing, only count)
     * @param maxBytes stop writing at this size
     */
    public record QuarantineConfig(String file, Long maxBytes) {
        public QuarantineConfig {
            file = file == null ? "data/quarantine.pcapng" : file;
            maxBytes = maxBytes == null ? 100L * 1024 * 1024 : maxBytes;
            if (maxBytes < 1024 || maxBytes > 100L * 1024 * 1024 * 1024) {
                throw new InvalidSettingException("maxBytes", maxBytes + " is out of range: 1024..107374182400");
            }
        }

        public boolean enabled() {
            return !file.isBlank();
        }
    }
}
