package io.swapguard.taps;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongUnaryOperator;

/**
 * What a journal holds from files: each capture or provisioning file ingested into it, known by
 * its content (SHA-256 and size, so a renamed copy is the same file and a file rewritten under
 * the same name is another), and the run in progress, so that a run cut short (kill -9, power
 * loss, a disk that filled) is finished by running it again, without a duplicate or a gap.
 *
 * <p>A run is one set of files read as one capture. Before anything is appended, the ledger
 * records the run and the journal's last index; a rerun of the same files reads them again from
 * the start (decoding state such as open TCAP dialogues is rebuilt exactly) and drops the events
 * the journal already has from it, counted from that index. The count comes from the journal
 * itself, so it is right however the run ended. This needs the run to be the journal's only
 * writer while it lasts, which {@code probe --pcap} is: the journal's writer lock keeps other
 * processes out, and the probe's own live inputs start after its files are done.
 *
 * <p>Kept as a small text file, {@code JOURNAL/probe-state/ingested.tsv}, replaced atomically and
 * forced to disk at each change (a few times per run).
 */
public final class IngestLedger {

    public static final String FILE_NAME = "ingested.tsv";
    private static final String HEADER = "# swapguard ingestion ledger: files ingested into this journal (docs/operations.md)";

    /** A file's identity: the SHA-256 of its bytes and its size. */
    public record FileId(String sha256, long size) {

        /** Reads the whole file to hash it (0.8 to 1.5 GB/s here: docs/benchmarks.md). */
        public static FileId of(Path file) {
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e); // every JVM has SHA-256
            }
            long size = 0;
            byte[] buffer = new byte[1 << 16];
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                    size += n;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            return new FileId(HexFormat.of().formatHex(digest.digest()), size);
        }

        String text() {
            return sha256 + ":" + size;
        }

        static FileId parse(String s) {
            int colon = s.indexOf(':');
            if (colon != 64) {
                throw new IllegalArgumentException("bad file identity '" + s + "'");
            }
            return new FileId(s.substring(0, colon), Long.parseLong(s.substring(colon + 1)));
        }
    }

    /** A file ingested to its end by a run that finished, with the records read from it (frames, or CSV rows). */
    public record Ingested(FileId id, long frames, Instant when, String path) {
    }

    /**
     * A run not finished: {@code open} while it may still be appending (the journal's records
     * after {@code startIndex} are its own), else interrupted with {@code skipBefore} events in
     * the journal and others appended after them.
     */
    public record Run(List<FileId> files, List<String> paths, boolean open, long startIndex, long skipBefore,
            Instant started) {

        /** Events the journal holds from this run. */
        long journalled(LongUnaryOperator recordsAfter) {
            if (!open) {
                return skipBefore;
            }
            long after = recordsAfter.applyAsLong(startIndex);
            if (after < 0) {
                throw new IllegalStateException("cannot count the journal's records after index " + startIndex
                        + " (its file was deleted by retention?)");
            }
            return skipBefore + after;
        }
    }

    /** What {@link #begin} decided: the run now open, and how many of its events are already journalled. */
    public record Started(Run run, long alreadyJournalled, boolean resumed) {
    }

    /** A run that cannot start without {@code --force}: it would repeat part of another's files. */
    public static final class ConflictException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        ConflictException(String message) {
            super(message);
        }
    }

    private final Path file;
    private final Map<FileId, Ingested> ingested = new LinkedHashMap<>();
    private final List<Run> runs = new ArrayList<>();

    private IngestLedger(Path file) {
        this.file = file;
    }

    /** The ledger of the journal in {@code journalDirectory} (empty when it has none yet). */
    public static IngestLedger open(Path journalDirectory) {
        IngestLedger ledger = new IngestLedger(journalDirectory.resolve("probe-state").resolve(FILE_NAME));
        ledger.load();
        return ledger;
    }

    public Path file() {
        return file;
    }

    /** The file with this identity, when a finished run ingested it. */
    public Optional<Ingested> ingested(FileId id) {
        return Optional.ofNullable(ingested.get(id));
    }

    /** Runs not finished, oldest first (the last may be open). */
    public List<Run> unfinished() {
        return List.copyOf(runs);
    }

    /**
     * Starts a run of {@code files} (as given, in order) on a journal whose last index is
     * {@code lastIndex}, or resumes an unfinished run of exactly these files. An open run of other
     * files becomes interrupted. Without {@code force}, a run sharing some files with an unfinished
     * one is refused (it would journal their start twice); with it, those runs are forgotten.
     */
    public Started begin(List<FileId> files, List<String> paths, long lastIndex, LongUnaryOperator recordsAfter,
            boolean force) {
        Started started = null;
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            if (r.files.equals(files)) {
                long done = r.journalled(recordsAfter);
                Run resumed = r.open ? r : new Run(files, paths, true, lastIndex, done, r.started);
                runs.remove(i);
                started = new Started(resumed, done, true);
                break;
            }
        }
        for (int i = runs.size() - 1; i >= 0; i--) {
            Run r = runs.get(i);
            if (r.files.stream().anyMatch(files::contains)) {
                if (!force) {
                    throw new ConflictException("an unfinished run (started " + r.started + ") was ingesting "
                            + String.join(", ", r.paths) + " into this journal and left " + r.journalled(recordsAfter)
                            + " events in it: give exactly those files again to finish it, or --force to ingest"
                            + " these anyway (events of the files both runs share are then journalled twice)");
                }
                runs.remove(i);
            } else if (r.open) {
                runs.set(i, new Run(r.files, r.paths, false, -1, r.journalled(recordsAfter), r.started));
            }
        }
        if (started == null) {
            started = new Started(new Run(files, paths, true, lastIndex, 0, Instant.now()), 0, false);
        }
        runs.add(started.run);
        save();
        return started;
    }

    /** Records {@code run} as finished: each file with the records read from it (frames, or CSV rows). */
    public void finish(Run run, List<Long> frames) {
        runs.remove(run);
        Instant now = Instant.now();
        for (int i = 0; i < run.files.size(); i++) {
            FileId id = run.files.get(i);
            ingested.put(id, new Ingested(id, frames.get(i), now, run.paths.get(i)));
        }
        save();
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ingestion ledger " + file + ": " + e.getMessage(), e);
        }
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            try {
                switch (f[0]) {
                    case "file" -> {
                        FileId id = FileId.parse(f[1]);
                        ingested.put(id, new Ingested(id, Long.parseLong(f[2]), Instant.parse(f[3]), f[4]));
                    }
                    case "run" -> {
                        List<FileId> ids = new ArrayList<>();
                        for (String s : f[5].split(",")) {
                            ids.add(FileId.parse(s));
                        }
                        List<String> paths = List.of(f[6].split("\\|", -1));
                        if (paths.size() != ids.size()) {
                            throw new IllegalArgumentException("paths and identities differ in number");
                        }
                        runs.add(new Run(List.copyOf(ids), paths, f[1].equals("open"), Long.parseLong(f[2]),
                                Long.parseLong(f[3]), Instant.parse(f[4])));
                    }
                    default -> throw new IllegalArgumentException("unknown entry '" + f[0] + "'");
                }
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException | DateTimeParseException e) {
                // A ledger this process cannot trust would make it repeat or skip input: stop here.
                throw new IllegalArgumentException("ingestion ledger " + file + " line " + (n + 1) + " is damaged ("
                        + e.getMessage() + "); move it away to start the ledger afresh (files are then not"
                        + " recognised as ingested)", e);
            }
        }
    }

    private void save() {
        StringBuilder s = new StringBuilder(HEADER).append('\n');
        for (Ingested i : ingested.values()) {
            s.append("file\t").append(i.id.text()).append('\t').append(i.frames).append('\t').append(i.when)
                    .append('\t').append(clean(i.path)).append('\n');
        }
        for (Run r : runs) {
            s.append("run\t").append(r.open ? "open" : "interrupted").append('\t').append(r.startIndex).append('\t')
                    .append(r.skipBefore).append('\t').append(r.started).append('\t');
            s.append(String.join(",", r.files.stream().map(FileId::text).toList())).append('\t');
            s.append(String.join("|", r.paths.stream().map(p -> clean(p).replace('|', '_')).toList())).append('\n');
        }
        try {
            DurableFile.replace(file, s.toString()); // the run must be on disk before the first event it appends
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ingestion ledger " + file + ": " + e.getMessage(), e);
        }
    }

    private static String clean(String path) {
        return path.replace('\t', ' ').replace('\n', ' ');
    }
}
