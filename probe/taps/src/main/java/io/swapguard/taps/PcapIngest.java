package io.swapguard.taps;

import io.swapguard.ss7.Layer;
import io.swapguard.ss7.Rejection;
import io.swapguard.ss7.pcap.CaptureRecord;
import io.swapguard.ss7.pcap.PcapFormatException;
import io.swapguard.ss7.pcap.PcapReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.LongConsumer;

/**
 * Feeds a capture file through the pipeline, frame by frame. A file damaged part-way is read up
 * to the damage and reported; it never stops the caller.
 */
public final class PcapIngest {

    static final Rejection DAMAGED_FILE = Rejection.of(Layer.PCAP, "damaged-file");
    static final Rejection UNREADABLE_FILE = Rejection.of(Layer.PCAP, "unreadable-file");

    /**
     * What reading one file gave: {@code complete} when read to its end; else {@code problem}
     * says why not, and {@code retryable} whether reading again may get further (an I/O error,
     * not damage in the file, which stops every reading at the same place).
     */
    public record Result(Path file, long frames, boolean complete, String problem, boolean retryable) {

        static Result complete(Path file, long frames) {
            return new Result(file, frames, true, null, false);
        }

        static Result damaged(Path file, long frames, String problem) {
            return new Result(file, frames, false, problem, false);
        }

        static Result unreadable(Path file, long frames, IOException e) {
            return new Result(file, frames, false, file + ": " + e, true);
        }
    }

    private final ProbePipeline pipeline;

    public PcapIngest(ProbePipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * Reads {@code file}, skipping its first {@code skipFrames} frames (already ingested before a
     * restart). {@code checkpoint} is told the number of frames done every {@code checkpointEvery}
     * frames and at the end.
     */
    public Result ingest(Path file, String tap, long skipFrames, long checkpointEvery, LongConsumer checkpoint) {
        long frames = 0;
        CaptureRecord record = new CaptureRecord();
        try (PcapReader reader = PcapReader.open(file)) {
            while (reader.next(record)) {
                frames++;
                if (frames <= skipFrames) {
                    continue;
                }
                pipeline.counters().countDecoded(Layer.PCAP);
                pipeline.frame(tap, record.timestampNanos(), record.linkType(), record.data(), 0, record.length());
                if (checkpointEvery > 0 && frames % checkpointEvery == 0) {
                    checkpoint.accept(frames);
                }
            }
            checkpoint.accept(frames);
            return Result.complete(file, frames);
        } catch (PcapFormatException e) {
            pipeline.counters().count(DAMAGED_FILE);
            checkpoint.accept(frames);
            return Result.damaged(file, frames, e.getMessage());
        } catch (IOException e) {
            pipeline.counters().count(UNREADABLE_FILE);
            return Result.unreadable(file, frames, e);
        }
    }

    /**
     * Reads {@code files} as one capture, frame by frame in capture-time order across files
     * (within a file, its own order): a capture split into pieces gives the same events whichever
     * order the pieces are named in, and captures of two links taken at the same time interleave
     * as the messages crossed them. Equal times go in the order the files were given, so the
     * result is the same on every run. A file is opened when the merge reaches its first frame,
     * so pieces of a long capture are read one after another, not all at once. Returns one result
     * per file, in the order given.
     */
    public List<Result> ingest(List<Path> files, String tap) {
        Result[] results = new Result[files.size()];
        List<MergedFile> waiting = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            MergedFile f = new MergedFile(i, files.get(i));
            Result early = f.open();
            if (early != null) {
                results[i] = early;
                continue;
            }
            long first = f.record.timestampNanos();
            f.closeQuietly(); // reopened when the merge reaches it
            f.firstNanos = first;
            waiting.add(f);
        }
        waiting.sort(Comparator.comparingLong((MergedFile f) -> f.firstNanos).thenComparingInt(f -> f.order));
        PriorityQueue<MergedFile> open = new PriorityQueue<>(
                Comparator.comparingLong((MergedFile f) -> f.record.timestampNanos()).thenComparingInt(f -> f.order));
        int next = 0;
        while (next < waiting.size() || !open.isEmpty()) {
            while (next < waiting.size()
                    && (open.isEmpty() || waiting.get(next).firstNanos <= open.peek().record.timestampNanos())) {
                MergedFile f = waiting.get(next++);
                Result early = f.open();
                if (early != null) {
                    results[f.order] = early; // changed since it was first looked at
                } else {
                    open.add(f);
                }
            }
            MergedFile f = open.poll();
            if (f == null) {
                continue;
            }
            CaptureRecord r = f.record;
            pipeline.counters().countDecoded(Layer.PCAP);
            pipeline.frame(tap, r.timestampNanos(), r.linkType(), r.data(), 0, r.length());
            Result end = f.advance();
            if (end == null) {
                open.add(f);
            } else {
                results[f.order] = end;
            }
        }
        return List.of(results);
    }

    /** One file of a merged ingest: its reader and the frame it holds, not yet fed. */
    private final class MergedFile {
        final int order;
        final Path file;
        final CaptureRecord record = new CaptureRecord();
        PcapReader reader;
        long frames;
        long firstNanos;

        MergedFile(int order, Path file) {
            this.order = order;
            this.file = file;
        }

        /** Opens the file and reads its first frame; a result when there is none (empty or unreadable). */
        Result open() {
            frames = 0;
            try {
                reader = PcapReader.open(file);
            } catch (PcapFormatException e) {
                pipeline.counters().count(DAMAGED_FILE);
                return Result.damaged(file, 0, e.getMessage());
            } catch (IOException e) {
                pipeline.counters().count(UNREADABLE_FILE);
                return Result.unreadable(file, 0, e);
            }
            return advance();
        }

        /** Reads the next frame into {@link #record}; a result (and the file closed) at its end. */
        Result advance() {
            try {
                if (reader.next(record)) {
                    frames++;
                    return null;
                }
                closeQuietly();
                return Result.complete(file, frames);
            } catch (PcapFormatException e) {
                pipeline.counters().count(DAMAGED_FILE);
                closeQuietly();
                return Result.damaged(file, frames, e.getMessage());
            } catch (IOException e) {
                pipeline.counters().count(UNREADABLE_FILE);
                closeQuietly();
                return Result.unreadable(file, frames, e);
            }
        }

        void closeQuietly() {
            try {
                reader.close();
            } catch (IOException ignored) {
                // read-only file: nothing to lose
            }
        }
    }
}
