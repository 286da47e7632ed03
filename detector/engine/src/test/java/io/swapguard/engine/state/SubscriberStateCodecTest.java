package io.swapguard.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapguard.engine.state.SubscriberState.DeviceChange;
import io.swapguard.engine.state.SubscriberState.RiskKind;
import io.swapguard.engine.state.SubscriberState.SimChange;
import io.swapguard.engine.state.SubscriberState.SimSource;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The state's binary form at its limits: the largest state, strings at their bound, each format it reads. */
class SubscriberStateCodecTest {

    private static final String LONGEST = "c".repeat(64);

    /** Full histories with the longest channel names and the largest numbers and times. */
    private static SubscriberState largest() {
        SubscriberState s = new SubscriberState(999_999_999_999_999L);
        s.firstSeen = 1;
        s.lastIndex = Long.MAX_VALUE - 1;
        for (int i = 0; i < SubscriberState.MAX_HISTORY + 3; i++) {
            s.addSim(new SimChange(Long.MAX_VALUE - i, 999_999_999_999_999L, 999_999_999_999_998L, SimSource.PROVISIONING,
                    true, LONGEST, Long.MAX_VALUE - 1));
            s.addDevice(new DeviceChange(Long.MAX_VALUE - i, 99_999_999_999_999L, 99_999_999_999_998L, true,
                    Long.MAX_VALUE - 1));
        }
        s.lastOtpSender = "BANKOFTHEWORLD16";
        s.riskKind = RiskKind.values()[RiskKind.values().length - 1];
        Arrays.fill(s.lastAlert, Long.MAX_VALUE);
        for (int r = 0; r < s.incidentCount.length; r++) {
            s.incidentCount[r] = Integer.MAX_VALUE;
            s.incidentLast[r] = Long.MAX_VALUE;
            s.incidentIndex[r] = Long.MAX_VALUE - 1;
            s.incidentOrdinal[r] = 255;
            s.incidentSeverity[r] = 3;
        }
        return s;
    }

    @Test
    void theLargestStateSurvivesItsBinaryForm() {
        SubscriberState s = largest();
        assertThat(s.sims).hasSize(SubscriberState.MAX_HISTORY);
        assertThat(s.devices).hasSize(SubscriberState.MAX_HISTORY);
        assertThat(s.devices.get(0).timeNanos()).as("the oldest three went").isEqualTo(Long.MAX_VALUE - 3);
        byte[] bytes = s.encode();
        assertThat(bytes.length).isGreaterThan(1000);
        assertThat(SubscriberState.decode(bytes)).usingRecursiveComparison().isEqualTo(s);
    }

    @Test
    void aLongerStringIsCutAtItsBoundAndNeverInsideACharacter() {
        SubscriberState s = new SubscriberState(6281100000042L);
        s.lastOtpSender = LONGEST + "more";
        assertThat(SubscriberState.decode(s.encode()).lastOtpSender).isEqualTo(LONGEST);
        s.lastOtpSender = "✓".repeat(30); // 90 bytes of UTF-8, three a character
        String back = SubscriberState.decode(s.encode()).lastOtpSender;
        assertThat(back).isEqualTo("✓".repeat(21));
        assertThat(back.getBytes(StandardCharsets.UTF_8)).hasSize(63);
    }

    @Test
    void everyFormatFromTheOldestItReadsIsReadAndOthersAreRefused() {
        SubscriberState s = largest();
        s.indexedImsi = 0;
        s.cfActive = 0;
        Arrays.fill(s.incidentCount, 0);
        Arrays.fill(s.incidentLast, 0);
        Arrays.fill(s.incidentIndex, 0);
        Arrays.fill(s.incidentOrdinal, 0);
        Arrays.fill(s.incidentSeverity, 0);
        byte[] v6 = s.encode();
        // format 3 added the indexed IMSI, 4 the forwardings, 5 the authentications' origin, 6 the
        // incidents: one byte each when 0 (three for 5)
        byte[] v2 = Arrays.copyOf(v6, v6.length - 6);
        v2[0] = SubscriberState.FORMAT_2;
        assertThat(SubscriberState.decode(v2)).usingRecursiveComparison().isEqualTo(s);
        byte[] v1 = v2.clone();
        v1[0] = SubscriberState.FORMAT_2 - 1;
        assertThatThrownBy(() -> SubscriberState.decode(v1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("subscriber state format 1, this swapguard reads 2 to 6");
        byte[] v7 = v6.clone();
        v7[0] = SubscriberState.FORMAT + 1;
        assertThatThrownBy(() -> SubscriberState.decode(v7)).hasMessageContaining("format 7");
    }

    @Test
    void aDamagedIncidentIsAClearErrorAndANewerRulesIncidentIsDropped() {
        SubscriberState s = new SubscriberState(6281100000042L);
        byte[] none = s.encode();
        assertThat(SubscriberState.decode(withIncident(none, 9, 1, 0)))
                .as("a newer swapguard's tenth rule").usingRecursiveComparison().isEqualTo(s);
        SubscriberState back = SubscriberState.decode(withIncident(none, 3, 5, 2));
        assertThat(back.incidentCount[3]).isEqualTo(5);
        assertThat(back.incidentIndex[3]).isEqualTo(4);
        assertThat(back.incidentSeverity[3]).isEqualTo(2);
        assertThatThrownBy(() -> SubscriberState.decode(withIncident(none, 3, 0, 2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("of 0 signs");
        assertThatThrownBy(() -> SubscriberState.decode(withIncident(none, 3, 5, 4))).hasMessageContaining("severity 4");
        byte[] many = none.clone();
        many[many.length - 1] = 65;
        assertThatThrownBy(() -> SubscriberState.decode(many)).hasMessageContaining("incidents for 65 rules");
    }

    /** {@code state}, which has no incident, with one: rule, signs, never seen, opened by index 4, ordinal 0, severity. */
    private static byte[] withIncident(byte[] state, int rule, int count, int severity) {
        byte[] out = Arrays.copyOf(state, state.length + 6);
        out[state.length - 1] = 1;
        byte[] incident = {(byte) rule, (byte) count, 0, 5, 0, (byte) severity};
        System.arraycopy(incident, 0, out, state.length, incident.length);
        return out;
    }
}
