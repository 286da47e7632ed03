package io.swapguard.taps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests the files of a rotating capture directory (dumpcap/tcpdump ring buffer) as they close,
 * oldest first. A file counts as closed once a newer file exists beside it, or once it has not
 * changed for the settle time (the capture stopped). Which files are done, and how far into the
 * current one, is kept in a state file, so a restart neither repeats nor skips a file.
 */
public final class PcapRingFollower {

    private static final Logger log = LoggerFactory.getLogger(PcapRingFollower.class);

    private final Path dir;
    private final PathMatcher pattern;
    private final Path stateFile;
    private final PcapIngest ingest;
    private final String tap;
    private final Duration settle;
    private final Clock clock;
    private final long checkpointEvery;
    /** File name → frames done; -1 means the whole file is done. */
    private final Map<String, Long> progress = new LinkedHashMap<>();

    public PcapRingFollower(Path dir, String glob, Path stateFile, PcapIngest ingest, String tap, Duration settle,
            Clock clock, long checkpointEvery) {
        this.dir = dir;
        this.pattern = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        this.stateFile = stateFile;
        this.ingest = ingest;
        this.tap = tap;
        this.settle = settle;
        this.clock = clock;
        this.checkpointEvery = checkpointEvery;
        load();
    }

    private void load() {
        if (!Files.exists(stateFile)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(stateFile, StandardCharsets.UTF_8)) {
                int tab = line.lastIndexOf('\t');
                if (tab > 0) {
                    try {
                        progress.put(line.substring(0, tab), Long.parseLong(line.substring(tab + 1)));
                    } catch (NumberFormatException bad) {
                        log.warn("ignoring bad line in {}: {}", stateFile, line);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read probe state " + stateFile, e);
        }
    }

    private void save() {
        try {
            Files.createDirectories(stateFile.toAbsolutePath().getParent());
            Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
            StringBuilder s = new StringBuilder();
            progress.forEach((name, frames) -> s.append(name).append('\t').append(frames).append('\n'));
            Files.writeString(tmp, s, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("cannot save probe state {}: {}", stateFile, e.toString());
        }
    }

    /** One pass: ingests every closed file not yet done. Returns the files ingested. */
    public List<PcapIngest.Result> poll() {
        List<Path> files = list();
        List<PcapIngest.Result> results = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            String name = f.getFileName().toString();
            Long done = progress.get(name);
            if (done != null && done < 0) {
                continue;
            }
            boolean newerExists = i < files.size() - 1;
            if (!newerExists && !settled(f)) {
                break; // still being written
            }
            long skip = done == null ? 0 : done;
            PcapIngest.Result r = ingest.ingest(f, tap, skip, checkpointEvery, frames -> {
                progress.put(name, frames);
                save();
            });
            if (r.problem() != null) {
                log.warn("{}", r.problem());
            }
            progress.put(name, -1L);
            results.add(r);
            save();
        }
        // Forget files the ring has deleted, so the state stays small.
        List<String> present = files.stream().map(p -> p.getFileName().toString()).toList();
        if (progress.keySet().retainAll(present)) {
            save();
        }
        return results;
    }

    private boolean settled(Path f) {
        try {
            FileTime modified = Files.getLastModifiedTime(f);
            return clock.millis() - modified.toMillis() >= settle.toMillis();
        } catch (IOException e) {
            return false;
        }
    }

    private List<Path> list() {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p) && pattern.matches(p.getFileName())) {
                    files.add(p);
                }
            }
        } catch (IOException e) {
            log.warn("cannot list capture directory {}: {}", dir, e.toString());
            return files;
        }
        files.sort(Comparator.comparing((Path p) -> {
            try {
                return Files.getLastModifiedTime(p);
            } catch (IOException e) {
                return FileTime.fromMillis(0);
            }
        }).thenComparing(p -> p.getFileName().toString()));
        return files;
    }
}
