package io.swapguard.ss7.wire;

import java.io.IOException;

/** Receives encoded frames: a pcap writer, a HEP sender, or a list in tests. */
@FunctionalInterface
public interface FrameSink {

    void frame(long timestampNanos, int linkType, byte[] frame) throws IOException;
}
