package io.swapguard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Wireshark's tshark (Debian package {@code tshark}, installed by .ci/test) on a capture: the
 * independent decoder the probe's codecs are checked against. Not mocked: if tshark is missing the
 * tests fail, they do not skip.
 */
public final class Tshark {

    private Tshark() {
    }

    /** One row per frame: field name → the values of every occurrence in that frame. */
    public static List<Map<String, List<String>>> fields(Path capture, String... fields) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", capture.toString(),
                "-o", "sctp.tsn_analysis:TRUE", "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=\u0001",
                "-E", "separator=\u0002", "-e", "frame.number", "-e", "frame.time_epoch"));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        String out = run(cmd);
        List<Map<String, List<String>>> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] cols = line.split("\u0002", -1);
            Map<String, List<String>> row = new LinkedHashMap<>();
            row.put("frame.number", List.of(cols[0]));
            row.put("frame.time_epoch", List.of(cols[1]));
            for (int i = 0; i < fields.length; i++) {
                String v = i + 2 < cols.length ? cols[i + 2] : "";
                row.put(fields[i], v.isEmpty() ? List.of() : Arrays.asList(v.split("\u0001", -1)));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Frames tshark flags as malformed or as errors of the expert system. */
    public static int problemFrames(Path capture) throws IOException, InterruptedException {
        return problemFrameNumbers(capture).size();
    }

    /** The numbers of the frames {@link #problemFrames} counts. */
    public static List<Integer> problemFrameNumbers(Path capture) throws IOException, InterruptedException {
        String out = run(List.of("tshark", "-n", "-r", capture.toString(), "-Y",
                "_ws.malformed || _ws.expert.severity == error", "-T", "fields", "-e", "frame.number"));
        return out.lines().filter(l -> !l.isBlank()).map(l -> Integer.parseInt(l.trim())).toList();
    }

    public static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("tshark finished").isTrue();
        assertThat(p.exitValue()).as("tshark exit code for " + String.join(" ", cmd)).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    /** frame.time_epoch ("1780000000.003000000") in nanoseconds. */
    public static long epochNanos(String timeEpoch) {
        int dot = timeEpoch.indexOf('.');
        long seconds = Long.parseLong(timeEpoch.substring(0, dot));
        String frac = (timeEpoch.substring(dot + 1) + "000000000").substring(0, 9);
        return seconds * 1_000_000_000L + Long.parseLong(frac);
    }

    /** TBCD octets as tshark prints them raw ("5333529063330110") back to digits. */
    public static String tbcd(String hex) {
        String h = hex.replace(":", "");
        StringBuilder s = new StringBuilder();
        for (int i = 0; i + 1 < h.length(); i += 2) {
            char lo = h.charAt(i + 1);
            char hi = h.charAt(i);
            if (lo != 'f') {
                s.append(lo);
            }
            if (hi != 'f') {
                s.append(hi);
            }
        }
        return s.toString();
    }
}
