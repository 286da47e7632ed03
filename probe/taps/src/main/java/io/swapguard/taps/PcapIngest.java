package io.swapguard.taps;

import io.swapguard.ss7.Layer;
import io.swapguard.ss7.Rejection;
import io.swapguard.ss7.pcap.CaptureRecord;
import io.swapguard.ss7.pcap.PcapFormatException;
import io.swapguard.ss7.pcap.PcapReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Feeds a capture file through the pipeline, frame by frame. A file damaged part-way is read up
 * to the damage and reported; it never stops the caller.
 */
public final class PcapIngest {

    static final Rejection DAMAGED_FILE = Rejection.of(Layer.PCAP, "damaged-file");
    static final Rejection UNREADABLE_FILE = Rejection.of(Layer.PCAP, "unreadable-file");

    /** What reading one file gave. */
    public record Result(Path file, long frames, boolean complete, String problem) {
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
            return new Result(file, frames, true, null);
        } catch (PcapFormatException e) {
            pipeline.counters().count(DAMAGED_FILE);
            checkpoint.accept(frames);
            return new Result(file, frames, false, e.getMessage());
        } catch (IOException e) {
            pipeline.counters().count(UNREADABLE_FILE);
            return new Result(file, frames, false, file + ": " + e);
        }
    }
}
