package io.swapguard.taps;

import java.time.Duration;
import java.util.List;

/**
 * Limits and switches of the decoding pipeline.
 *
 * @param verifySctpChecksum check SCTP CRC-32c (off by default: captures taken on a sending host
 *        with checksum offload show wrong checksums on perfectly good packets)
 * @param maxSctpFlows association directions tracked for reassembly and duplicate detection
 * @param maxDialogues TCAP dialogues tracked to decode Continue/End and join answers to requests
 * @param dialogueIdleTimeout a dialogue without a message for this long (capture time) is forgotten
 * @param maxSegmentedMessages segmented XUDT messages in reassembly at once
 * @param smppPorts TCP ports of the SMSC's SMPP links in the captures (decoded by the passive SMPP tap); none: off
 * @param maxSmppFlows TCP connection directions of those links reassembled at once (also the bound
 *        for the Diameter links' TCP connections)
 * @param diameterPorts TCP ports of Diameter links (S6a, S13, S6c, SGd) in the captures; none: Diameter
 *        over TCP off (Diameter over SCTP, PPID 46, is always read)
 */
public record ProbeSettings(boolean verifySctpChecksum, int maxSctpFlows, int maxDialogues,
        Duration dialogueIdleTimeout, int maxSegmentedMessages, List<Integer> smppPorts, int maxSmppFlows,
        List<Integer> diameterPorts) {

    /** SMPP's registered port. */
    public static final List<Integer> SMPP_PORTS = List.of(2775);
    /** Diameter's registered port (RFC 6733). */
    public static final List<Integer> DIAMETER_PORTS = List.of(3868);

    /** With Diameter over TCP on its registered port. */
    public ProbeSettings(boolean verifySctpChecksum, int maxSctpFlows, int maxDialogues, Duration dialogueIdleTimeout,
            int maxSegmentedMessages, List<Integer> smppPorts, int maxSmppFlows) {
        this(verifySctpChecksum, maxSctpFlows, maxDialogues, dialogueIdleTimeout, maxSegmentedMessages, smppPorts,
                maxSmppFlows, DIAMETER_PORTS);
    }

    /** With the SMPP tap's defaults. */
    public ProbeSettings(boolean verifySctpChecksum, int maxSctpFlows, int maxDialogues, Duration dialogueIdleTimeout,
            int maxSegmentedMessages) {
        this(verifySctpChecksum, maxSctpFlows, maxDialogues, dialogueIdleTimeout, maxSegmentedMessages, SMPP_PORTS,
                65_536);
    }

    public ProbeSettings {
        smppPorts = List.copyOf(smppPorts);
        diameterPorts = List.copyOf(diameterPorts);
        if (maxSctpFlows < 1 || maxDialogues < 1 || maxSegmentedMessages < 1 || maxSmppFlows < 1) {
            throw new IllegalArgumentException("probe limits must be positive");
        }
        if (dialogueIdleTimeout.isNegative() || dialogueIdleTimeout.isZero()) {
            throw new IllegalArgumentException("dialogue idle timeout must be positive");
        }
    }

    public static ProbeSettings defaults() {
        return new ProbeSettings(false, 65_536, 1_000_000, Duration.ofSeconds(60), 10_000);
    }
}
