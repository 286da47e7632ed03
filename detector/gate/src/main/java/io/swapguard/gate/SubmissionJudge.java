package io.swapguard.gate;

import io.swapguard.event.SmsAddress;

/**
 * Where the gate gets its verdicts (the app wires the detector's submission guard). A judge that
 * throws is a detector that cannot answer: the gate then fails open or closed as configured.
 */
@FunctionalInterface
public interface SubmissionJudge {

    /**
     * One destination of one message.
     *
     * @param account the submitting ESME's system_id
     * @param source source_addr
     * @param destination this destination's address, as submitted
     * @param text the whole message (every segment of a concatenated one), null for binary content
     * @param nanos when it arrived, ns since the epoch
     */
    record Submission(String account, SmsAddress source, SmsAddress destination, String text, long nanos) {
    }

    /**
     * @param allow let it go on
     * @param rule the rule that decided ("" when nothing stood out)
     * @param reason why, in a few words, identities masked
     * @param monitored the rule that decided is in monitor mode: the gate records the would-be block
     *        and forwards the message
     */
    record Verdict(boolean allow, String rule, String reason, boolean monitored) {
        public static final Verdict NOTHING_AGAINST = new Verdict(true, "", "");

        /** A verdict of a rule that enforces. */
        public Verdict(boolean allow, String rule, String reason) {
            this(allow, rule, reason, false);
        }
    }

    Verdict judge(Submission submission);
}
