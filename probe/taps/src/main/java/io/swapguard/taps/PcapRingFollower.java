package io.swapguard.taps;

import io.swapguard.journal.Journal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests the files of a rotating capture directory (dumpcap/tcpdump ring buffer) as they close,
 * oldest first. A file counts as closed once a newer file exists beside it, or once it has not
 * changed for the settle time (the capture stopped).
 *
 * <p>Progress is kept in a state file by file name and identity (a hash of the file's first 64 KiB
 * and its size), so a name the ring reuses for new content ({@code tcpdump -W}) is a new file.
 * Before a file is read, the state records it with the journal's last index; a probe killed inside
 * the file reads it again from the start after the restart (the file before it too, without
 * journalling anything, so that dialogues open across the boundary are rebuilt) and drops the
 * events the journal already has from it, which it counts in the journal by tap. So a restart
 * neither repeats nor loses an event. This needs the ring's tap name to be its own in the journal
 * (HEP events are {@code hep:...}, provisioning {@code bss-csv}).
 */
public final class PcapRingFollower {

    private static final Logger log = LoggerFactory.getLogger(PcapRingFollower.class);
    private static final int HEAD_BYTES = 64 * 1024;

    /** What the follower needs of the journal it feeds. */
    public interface Journalled {
        /** The journal's last index, -1 when empty. */
        long lastIndex();

        /** Events after {@code index} (-1: all) from {@code tap}. */
        long fromTapAfter(long index, String tap);

        static Journalled of(Journal journal) {
            return new Journalled() {
                @Override
                public long lastIndex() {
                    return journal.lastIndex();
                }

                @Override
                public long fromTapAfter(long index, String tap) {
                    return journal.countAfter(index, e -> tap.equals(e.tapId()));
                }
            };
        }
    }

    /** A file's progress: done, or begun at a journal index; a legacy entry knows only frames done. */
    private record Entry(String identity, boolean done, long startIndex, long legacyFrames) {
        static Entry done(String identity) {
            return new Entry(identity, true, -1, -1);
        }
    }

    private final Path dir;
    private final PathMatcher pattern;
    private final Path stateFile;
    private final PcapIngest ingest;
    private final ResumingSink resume;
    private final Journalled journal;
    private final String tap;
    private final Duration settle;
    private final Clock clock;
    /** File name → progress, in the order files were taken. */
    private final Map<String, Entry> progress = new LinkedHashMap<>();

    /**
     * {@code ingest} must decode into {@code resume}, which passes events on to the journal that
     * {@code journal} describes.
     */
    public PcapRingFollower(Path dir, String glob, Path stateFile, PcapIngest ingest, ResumingSink resume,
            Journalled journal, String tap, Duration settle, Clock clock) {
        this.dir = dir;
        this.pattern = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        this.stateFile = stateFile;
        this.ingest = ingest;
        this.resume = resume;
        this.journal = journal;
        this.tap = tap;
        this.settle = settle;
        this.clock = clock;
        load();
    }

    private void load() {
        if (!Files.exists(stateFile)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(stateFile, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", -1);
                try {
                    if (f.length == 3 && f[0].equals("done")) {
                        progress.put(f[1], Entry.done(f[2]));
                    } else if (f.length == 4 && f[0].equals("open")) {
                        progress.put(f[1], new Entry(f[2], false, Long.parseLong(f[3]), -1));
                    } else if (f.length == 2) {
                        // Written before files had an identity: "name<TAB>frames done", -1 for the whole file.
                        long frames = Long.parseLong(f[1]);
                        progress.put(f[0], frames < 0 ? Entry.done(null) : new Entry(null, false, -1, frames));
                    } else if (!line.isBlank() && !line.startsWith("#")) {
                        log.warn("ignoring bad line in {}: {}", stateFile, line);
                    }
                } catch (NumberFormatException bad) {
                    log.warn("ignoring bad line in {}: {}", stateFile, line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read probe state " + stateFile, e);
        }
    }

    private void save() {
        StringBuilder s = new StringBuilder("# capture ring progress: done|open, file, identity[, journal index at start]\n");
        progress.forEach((name, e) -> {
            if (e.identity == null) {
                s.append(name).append('\t').append(e.done ? -1 : e.legacyFrames).append('\n');
            } else if (e.done) {
                s.append("done\t").append(name).append('\t').append(e.identity).append('\n');
            } else {
                s.append("open\t").append(name).append('\t').append(e.identity).append('\t').append(e.startIndex)
                        .append('\n');
            }
        });
        try {
            DurableFile.replace(stateFile, s.toString()); // an "open" entry must be on disk before the file's first event
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save probe state " + stateFile + ": " + e.getMessage(), e);
        }
    }

    /** One pass: ingests every closed file not yet done. Returns the files ingested. */
    public List<PcapIngest.Result> poll() {
        List<Path> files = list();
        List<PcapIngest.Result> results = new ArrayList<>();
        Path previous = null;
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            String name = f.getFileName().toString();
            Entry e = progress.get(name);
            String id;
            try {
                id = identity(f);
            } catch (IOException gone) {
                continue; // deleted by the ring since it was listed
            }
            if (e != null && e.done && (e.identity == null || e.identity.equals(id))) {
                previous = f;
                continue;
            }
            boolean newerExists = i < files.size() - 1;
            if (!newerExists && !settled(f)) {
                break; // still being written
            }
            if (e != null && e.identity != null && !e.identity.equals(id)) {
                log.info("capture ring file {} holds new content under an old name: ingesting it as a new file", name);
                e = null;
            }
            PcapIngest.Result r;
            if (e != null && e.identity == null) {
                // A file begun before identities were kept: resume at its last frame checkpoint.
                r = ingest.ingest(f, tap, e.legacyFrames, 0, n -> { });
            } else {
                long startIndex;
                long already = 0;
                if (e != null) {
                    startIndex = e.startIndex;
                    already = journal.fromTapAfter(startIndex, tap);
                    if (previous != null) {
                        resume.restart(Long.MAX_VALUE); // decoding state only: nothing journalled
                        ingest.ingest(previous, tap, 0, 0, n -> { });
                    }
                    log.info("resuming capture ring file {}: the journal has its first {} events", name, already);
                } else {
                    startIndex = journal.lastIndex();
                    progress.put(name, new Entry(id, false, startIndex, -1));
                    save();
                }
                resume.restart(already);
                r = ingest.ingest(f, tap, 0, 0, n -> { });
                resume.restart(0);
            }
            if (r.problem() != null) {
                log.warn("{}", r.problem());
            }
            progress.remove(name); // re-added last: the state lists files in the order taken
            progress.put(name, Entry.done(id));
            results.add(r);
            save();
            previous = f;
        }
        // Forget files the ring has deleted, so the state stays small.
        List<String> present = files.stream().map(p -> p.getFileName().toString()).toList();
        if (progress.keySet().retainAll(present)) {
            save();
        }
        return results;
    }

    /** The SHA-256 of the file's first 64 KiB, and its size. */
    static String identity(Path f) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long size;
        try (InputStream in = Files.newInputStream(f)) {
            byte[] head = in.readNBytes(HEAD_BYTES);
            digest.update(head);
            size = Files.size(f);
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 16) + ":" + size;
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
