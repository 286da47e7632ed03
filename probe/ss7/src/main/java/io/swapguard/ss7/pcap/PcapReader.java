package io.swapguard.ss7.pcap;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads classic pcap (microsecond and nanosecond, either byte order) and pcapng (section header,
 * interface description, enhanced and simple packet blocks; other blocks skipped) from a stream.
 *
 * <p>No length in the file is trusted: a record longer than {@link #MAX_RECORD} ends the file
 * with a {@link PcapFormatException}, since the next record's position cannot be known; the
 * record buffer grows only up to that limit.
 */
public final class PcapReader implements Closeable {

    /** Larger than any SS7 frame (jumbo Ethernet is 9 KB); a record above this is damage. */
    public static final int MAX_RECORD = 256 * 1024;
    /** pcapng blocks that are not packets (comments, name resolution) are skipped up to this size. */
    private static final int MAX_SKIPPED_BLOCK = 16 * 1024 * 1024;

    private static final int PCAP_MAGIC_US = 0xA1B2C3D4;
    private static final int PCAP_MAGIC_NS = 0xA1B23C4D;
    private static final int PCAPNG_SHB = 0x0A0D0D0A;
    private static final int PCAPNG_BYTE_ORDER = 0x1A2B3C4D;

    private final InputStream in;
    private final String name;
    private final boolean pcapng;
    private boolean bigEndian;
    private long position;

    // classic pcap
    private int classicLinkType;
    private long classicTicksPerSecond;

    // pcapng interfaces: link type and timestamp resolution (ticks per second) by interface id
    private int[] ifLinkType = new int[4];
    private long[] ifTicksPerSecond = new long[4];
    private int interfaces;

    private final byte[] header = new byte[32];

    private PcapReader(InputStream in, String name) throws IOException {
        this.in = in;
        this.name = name;
        readFully(header, 0, 4);
        int magicBe = int32(header, 0, true);
        if (magicBe == PCAPNG_SHB) {
            pcapng = true;
            readFully(header, 4, 4);
            readSectionHeader();
        } else {
            pcapng = false;
            readClassicHeader(magicBe);
        }
    }

    public static PcapReader open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            return new PcapReader(in, file.toString());
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    public static PcapReader of(InputStream in, String name) throws IOException {
        return new PcapReader(in, name);
    }

    public boolean isPcapng() {
        return pcapng;
    }

    /** Reads the next packet into {@code record}; false at the clean end of the file. */
    public boolean next(CaptureRecord record) throws IOException {
        return pcapng ? nextPcapng(record) : nextClassic(record);
    }

    private void readClassicHeader(int magicBe) throws IOException {
        int magicLe = Integer.reverseBytes(magicBe);
        if (magicBe == PCAP_MAGIC_US || magicBe == PCAP_MAGIC_NS) {
            bigEndian = true;
        } else if (magicLe == PCAP_MAGIC_US || magicLe == PCAP_MAGIC_NS) {
            bigEndian = false;
        } else {
            throw new PcapFormatException(name + ": not a pcap or pcapng file (magic 0x" + Integer.toHexString(magicBe) + ")");
        }
        int magic = bigEndian ? magicBe : magicLe;
        classicTicksPerSecond = magic == PCAP_MAGIC_NS ? 1_000_000_000L : 1_000_000L;
        readFully(header, 0, 20);
        int major = int16(header, 0);
        if (major != 2) {
            throw new PcapFormatException(name + ": pcap version " + major + " is not supported");
        }
        classicLinkType = int32(header, 16, bigEndian) & 0x0FFFFFFF; // upper bits: FCS information
    }

    private boolean nextClassic(CaptureRecord r) throws IOException {
        if (!readOrEof(header, 16)) {
            return false;
        }
        long seconds = int32(header, 0, bigEndian) & 0xFFFFFFFFL;
        long fraction = int32(header, 4, bigEndian) & 0xFFFFFFFFL;
        int captured = int32(header, 8, bigEndian);
        int original = int32(header, 12, bigEndian);
        if (captured < 0 || captured > MAX_RECORD) {
            throw new PcapFormatException(name + ": record at byte " + (position - 16) + " claims " + captured
                    + " captured bytes (more than " + MAX_RECORD + "): the file is damaged from here on");
        }
        ensure(r, captured);
        readFully(r.data, 0, captured);
        r.length = captured;
        r.originalLength = original;
        r.linkType = classicLinkType;
        r.interfaceId = 0;
        r.timestampNanos = seconds * 1_000_000_000L + fraction * (1_000_000_000L / classicTicksPerSecond);
        return true;
    }

    /** Reads a section header block whose type and total length are in header[0, 8). */
    private void readSectionHeader() throws IOException {
        readFully(header, 8, 4);
        int bom = int32(header, 8, true);
        if (bom == PCAPNG_BYTE_ORDER) {
            bigEndian = true;
        } else if (Integer.reverseBytes(bom) == PCAPNG_BYTE_ORDER) {
            bigEndian = false;
        } else {
            throw new PcapFormatException(name + ": pcapng section header has a bad byte-order magic");
        }
        int total = int32(header, 4, bigEndian);
        if (total < 28 || total % 4 != 0 || total > MAX_SKIPPED_BLOCK) {
            throw new PcapFormatException(name + ": pcapng section header length " + total + " is invalid");
        }
        skip(total - 12); // version, section length, options, trailing length
        interfaces = 0; // interface ids are numbered per section
    }

    private boolean nextPcapng(CaptureRecord r) throws IOException {
        while (true) {
            if (!readOrEof(header, 8)) {
                return false;
            }
            int type = int32(header, 0, bigEndian);
            if (int32(header, 0, true) == PCAPNG_SHB) {
                readSectionHeader();
                continue;
            }
            int total = int32(header, 4, bigEndian);
            if (total < 12 || total % 4 != 0) {
                throw new PcapFormatException(name + ": pcapng block at byte " + (position - 8) + " has invalid length " + total);
            }
            int body = total - 12;
            boolean packet = switch (type) {
                case 1 -> {
                    readInterface(body);
                    yield false;
                }
                case 6 -> readEnhancedPacket(r, body);
                case 3 -> {
                    readSimplePacket(r, body);
                    yield true;
                }
                case 2 -> readObsoletePacket(r, body);
                default -> {
                    if (total > MAX_SKIPPED_BLOCK) {
                        throw new PcapFormatException(name + ": pcapng block of " + total + " bytes is too large");
                    }
                    skip(body);
                    yield false;
                }
            };
            readFully(header, 0, 4); // trailing total length
            if (int32(header, 0, bigEndian) != total) {
                throw new PcapFormatException(name + ": pcapng block at byte " + (position - total)
                        + " has mismatched lengths: the file is damaged from here on");
            }
            if (packet) {
                return true;
            }
        }
    }

    private void readInterface(int body) throws IOException {
        if (body < 8 || body > MAX_SKIPPED_BLOCK) {
            throw new PcapFormatException(name + ": pcapng interface block of " + body + " bytes is invalid");
        }
        byte[] b = new byte[body];
        readFully(b, 0, body);
        int linkType = int16(b, 0);
        long ticks = 1_000_000L;
        int p = 8;
        while (p + 4 <= body) {
            int code = int16(b, p);
            int len = int16(b, p + 2);
            if (code == 0) {
                break;
            }
            if (p + 4 + len > body) {
                break; // malformed options: keep the defaults
            }
            if (code == 9 && len >= 1) { // if_tsresol
                int v = b[p + 4] & 0xFF;
                int exp = v & 0x7F;
                if ((v & 0x80) == 0 && exp <= 18) {
                    ticks = pow10(exp);
                } else if ((v & 0x80) != 0 && exp < 63) {
                    ticks = 1L << exp;
                }
            }
            p += 4 + ((len + 3) & ~3);
        }
        if (interfaces == ifLinkType.length) {
            if (interfaces >= 1024) {
                throw new PcapFormatException(name + ": more than 1024 interfaces in one section");
            }
            ifLinkType = Arrays.copyOf(ifLinkType, interfaces * 2);
            ifTicksPerSecond = Arrays.copyOf(ifTicksPerSecond, interfaces * 2);
        }
        ifLinkType[interfaces] = linkType;
        ifTicksPerSecond[interfaces] = ticks;
        interfaces++;
    }

    private boolean readEnhancedPacket(CaptureRecord r, int body) throws IOException {
        if (body < 20) {
            throw new PcapFormatException(name + ": pcapng packet block of " + body + " bytes is too short");
        }
        readFully(header, 0, 20);
        int ifId = int32(header, 0, bigEndian);
        long ts = (int32(header, 4, bigEndian) & 0xFFFFFFFFL) << 32 | (int32(header, 8, bigEndian) & 0xFFFFFFFFL);
        int captured = int32(header, 12, bigEndian);
        int original = int32(header, 16, bigEndian);
        int padded = (captured + 3) & ~3;
        if (captured < 0 || captured > MAX_RECORD || padded > body - 20) {
            throw new PcapFormatException(name + ": pcapng packet at byte " + (position - 28) + " claims " + captured
                    + " bytes in a block of " + body + ": the file is damaged from here on");
        }
        ensure(r, captured);
        readFully(r.data, 0, captured);
        skip(body - 20 - captured); // padding and options
        if (ifId < 0 || ifId >= interfaces) {
            return false; // no such interface: skip the packet (counted by the caller as unknown link)
        }
        r.length = captured;
        r.originalLength = original;
        r.interfaceId = ifId;
        r.linkType = ifLinkType[ifId];
        r.timestampNanos = toNanos(ts, ifTicksPerSecond[ifId]);
        return true;
    }

    private void readSimplePacket(CaptureRecord r, int body) throws IOException {
        if (body < 4 || interfaces == 0) {
            throw new PcapFormatException(name + ": pcapng simple packet block without interface or length");
        }
        readFully(header, 0, 4);
        int original = int32(header, 0, bigEndian);
        int captured = body - 4;
        if (captured > MAX_RECORD) {
            throw new PcapFormatException(name + ": pcapng simple packet of " + captured + " bytes is too large");
        }
        ensure(r, captured);
        readFully(r.data, 0, captured);
        r.length = Math.min(captured, Math.max(original, 0));
        r.originalLength = original;
        r.interfaceId = 0;
        r.linkType = ifLinkType[0];
        r.timestampNanos = 0; // simple packets carry no time
    }

    private boolean readObsoletePacket(CaptureRecord r, int body) throws IOException {
        if (body < 20) {
            throw new PcapFormatException(name + ": pcapng packet block of " + body + " bytes is too short");
        }
        readFully(header, 0, 20);
        int ifId = int16(header, 0);
        long ts = (int32(header, 4, bigEndian) & 0xFFFFFFFFL) << 32 | (int32(header, 8, bigEndian) & 0xFFFFFFFFL);
        int captured = int32(header, 12, bigEndian);
        int padded = (captured + 3) & ~3;
        if (captured < 0 || captured > MAX_RECORD || padded > body - 20) {
            throw new PcapFormatException(name + ": pcapng packet block claims " + captured + " bytes: damaged");
        }
        ensure(r, captured);
        readFully(r.data, 0, captured);
        skip(body - 20 - captured);
        if (ifId >= interfaces) {
            return false;
        }
        r.length = captured;
        r.originalLength = int32(header, 16, bigEndian);
        r.interfaceId = ifId;
        r.linkType = ifLinkType[ifId];
        r.timestampNanos = toNanos(ts, ifTicksPerSecond[ifId]);
        return true;
    }

    /**
     * A pcapng timestamp (an unsigned 64-bit count of ticks) in nanoseconds. Finer resolutions than
     * 10^-9 (down to 2^-62) put times of today above 2^63 ticks, and the fraction's product above
     * a long: both are computed without overflow.
     */
    static long toNanos(long ticks, long ticksPerSecond) {
        if (ticksPerSecond == 1_000_000_000L) {
            return ticks;
        }
        long seconds = Long.divideUnsigned(ticks, ticksPerSecond);
        long rest = Long.remainderUnsigned(ticks, ticksPerSecond);
        long fraction = ticksPerSecond <= Long.MAX_VALUE / 1_000_000_000L ? rest * 1_000_000_000L / ticksPerSecond
                : java.math.BigInteger.valueOf(rest).multiply(java.math.BigInteger.valueOf(1_000_000_000L))
                        .divide(java.math.BigInteger.valueOf(ticksPerSecond)).longValue();
        return seconds * 1_000_000_000L + fraction;
    }

    private static long pow10(int e) {
        long v = 1;
        for (int i = 0; i < e; i++) {
            v *= 10;
        }
        return v;
    }

    private static void ensure(CaptureRecord r, int n) {
        if (r.data.length < n) {
            r.data = new byte[Math.min(MAX_RECORD, Math.max(n, r.data.length * 2))];
        }
    }

    private int int16(byte[] b, int at) {
        return bigEndian ? (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF) : (b[at + 1] & 0xFF) << 8 | (b[at] & 0xFF);
    }

    private static int int32(byte[] b, int at, boolean big) {
        int v = (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
        return big ? v : Integer.reverseBytes(v);
    }

    private boolean readOrEof(byte[] b, int n) throws IOException {
        int got = 0;
        while (got < n) {
            int k = in.read(b, got, n - got);
            if (k < 0) {
                if (got == 0) {
                    return false;
                }
                throw new PcapFormatException(name + ": file ends inside a record header (truncated capture)");
            }
            got += k;
        }
        position += n;
        return true;
    }

    private void readFully(byte[] b, int off, int n) throws IOException {
        int got = 0;
        while (got < n) {
            int k = in.read(b, off + got, n - got);
            if (k < 0) {
                throw new PcapFormatException(name + ": file ends inside a record (truncated capture)");
            }
            got += k;
        }
        position += n;
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long k = in.skip(left);
            if (k <= 0) {
                if (in.read() < 0) {
                    throw new EOFException(name + ": file ends inside a block (truncated capture)");
                }
                k = 1;
            }
            left -= k;
        }
        position += n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
