package org.sipladder.capture;

import java.io.EOFException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * pcapng files: sections in either byte order, interfaces with their own link type, {@code if_tsresol} and
 * {@code if_tsoffset}, enhanced, simple and obsolete packet blocks; every other block is skipped.
 */
final class PcapngRecords implements PacketRecords {

    static final int SECTION_HEADER = 0x0a0d0d0a;
    private static final int INTERFACE = 1;
    private static final int OBSOLETE_PACKET = 2;
    private static final int SIMPLE_PACKET = 3;
    private static final int ENHANCED_PACKET = 6;
    private static final int BYTE_ORDER_MAGIC = 0x1a2b3c4d;
    private static final int MAX_BLOCK = PcapRecords.MAX_PACKET + 4096;
    /** Block type, length, byte-order magic, version, section length, trailing length. */
    private static final int MIN_SECTION_HEADER = 28;

    /** One capture interface of the current section. */
    private record Interface(int linkType, int tsresol, long offsetSeconds) {
    }

    private final ByteSource source;
    private final List<Interface> interfaces = new ArrayList<>();
    private ByteOrder order = ByteOrder.BIG_ENDIAN;
    private long lastMicros;

    private PcapngRecords(ByteSource source) {
        this.source = source;
    }

    /**
     * Opens the pcapng file whose first block starts the source, after checking that block, the section header: it
     * is pcapng's file header, so a file cut inside it, or with an impossible one, has nothing to read and is refused
     * as a pcap cut inside its 24-byte header is, where damage after it ends the read with a warning.
     */
    static PcapngRecords open(Path file, ByteSource source) throws IOException, CaptureException {
        int at = takeSectionHeader(file, source, 12);
        ByteOrder order = orderOf(Wire.int32(source.array(), at + 8));
        if (order == null) {
            throw new CaptureException(file + ": pcapng section header block has an unknown byte-order magic"
                    + " (not a pcapng file, or a corrupt one)");
        }
        long length = Wire.int32(source.array(), at + 4, order) & 0xffffffffL;
        if (length < MIN_SECTION_HEADER || length % 4 != 0 || length > MAX_BLOCK) {
            throw new CaptureException(file + ": impossible section header block length " + length
                    + " (not a pcapng file, or a corrupt one)");
        }
        source.giveBack(12);
        takeSectionHeader(file, source, (int) length);
        source.giveBack((int) length);
        return new PcapngRecords(source);
    }

    private static int takeSectionHeader(Path file, ByteSource source, int n) throws IOException, CaptureException {
        int at;
        try {
            at = source.take(n);
        } catch (EOFException e) {
            at = -1;
        }
        if (at < 0) {
            throw new CaptureException(file + ": pcapng section header block is cut short");
        }
        return at;
    }

    /** The byte order a section header's byte-order magic (read big-endian) says, or null for no such magic. */
    private static ByteOrder orderOf(int bom) {
        if (bom == BYTE_ORDER_MAGIC) {
            return ByteOrder.BIG_ENDIAN;
        }
        return bom == Integer.reverseBytes(BYTE_ORDER_MAGIC) ? ByteOrder.LITTLE_ENDIAN : null;
    }

    @Override
    public boolean next(RecordSink sink) throws IOException, DamagedCaptureException {
        while (true) {
            int at = source.takeWithin(8, "a block header");
            if (at < 0) {
                return false;
            }
            int rawType = Wire.int32(source.array(), at);
            int rawLength = Wire.int32(source.array(), at + 4);
            if (rawType == SECTION_HEADER) {
                order = sectionOrder();
                source.giveBack(4);
            }
            int type = order == ByteOrder.BIG_ENDIAN ? rawType : Integer.reverseBytes(rawType);
            int length = order == ByteOrder.BIG_ENDIAN ? rawLength : Integer.reverseBytes(rawLength);
            if (length < 12 || length % 4 != 0 || length > MAX_BLOCK) {
                throw new DamagedCaptureException("impossible block length " + (length & 0xffffffffL), false);
            }
            int body = source.takeWithin(length - 8, "a block");
            if (body < 0) {
                throw new DamagedCaptureException("the file ends after a block header", true);
            }
            if (Wire.int32(source.array(), body + length - 12, order) != length) {
                throw new DamagedCaptureException("block lengths disagree (corrupt block)", false);
            }
            if (block(type, body, length - 12, sink)) {
                return true;
            }
        }
    }

    private ByteOrder sectionOrder() throws IOException, DamagedCaptureException {
        int at = source.takeWithin(4, "a section header");
        if (at < 0) {
            throw new DamagedCaptureException("the file ends inside a section header", true);
        }
        ByteOrder bom = orderOf(Wire.int32(source.array(), at));
        if (bom == null) {
            throw new DamagedCaptureException("section header with an unknown byte-order magic", false);
        }
        return bom;
    }

    /** Handles one block body of {@code n} bytes; true when it was a packet handed to the sink. */
    private boolean block(int type, int at, int n, RecordSink sink) throws DamagedCaptureException {
        byte[] a = source.array();
        switch (type) {
            case SECTION_HEADER:
                interfaces.clear();
                return false;
            case INTERFACE:
                interfaces.add(readInterface(a, at, n));
                return false;
            case ENHANCED_PACKET:
                return packet(sink, Wire.int32(a, at, order), a, at + 4, n - 4);
            case OBSOLETE_PACKET:
                return packet(sink, Wire.u16(a, at, order), a, at + 4, n - 4);
            case SIMPLE_PACKET: {
                int original = Wire.int32(a, at, order);
                int captured = (int) Math.min(original & 0xffffffffL, n - 4);
                sink.packet(iface(0).linkType(), lastMicros, a, at + 4, captured);
                return true;
            }
            default:
                return false;
        }
    }

    /** EPB and obsolete PB share the layout from the timestamp on: ts high, ts low, captured, original, data. */
    private boolean packet(RecordSink sink, int ifaceId, byte[] a, int at, int n)
            throws DamagedCaptureException {
        Interface iface = iface(ifaceId);
        long ticks = (Wire.int32(a, at, order) & 0xffffffffL) << 32 | (Wire.int32(a, at + 4, order) & 0xffffffffL);
        int captured = Wire.int32(a, at + 8, order);
        if (captured < 0 || captured > n - 16) {
            throw new DamagedCaptureException("packet block claims " + (captured & 0xffffffffL)
                    + " bytes but holds " + Math.max(0, n - 16), false);
        }
        lastMicros = micros(iface, ticks);
        sink.packet(iface.linkType(), lastMicros, a, at + 16, captured);
        return true;
    }

    private Interface iface(int id) throws DamagedCaptureException {
        if (id < 0 || id >= interfaces.size()) {
            throw new DamagedCaptureException("packet on undeclared interface " + id, false);
        }
        return interfaces.get(id);
    }

    private Interface readInterface(byte[] a, int at, int n) {
        int linkType = Wire.u16(a, at, order);
        int tsresol = 6;
        long offset = 0;
        int end = at + n;
        for (int opt = at + 8; opt + 4 <= end; ) {
            int code = Wire.u16(a, opt, order);
            int len = Wire.u16(a, opt + 2, order);
            if (code == 0 || opt + 4 + len > end) {
                break;
            }
            if (code == 9 && len >= 1) {
                tsresol = a[opt + 4] & 0xff;
            } else if (code == 14 && len >= 8) {
                boolean big = order == ByteOrder.BIG_ENDIAN;
                long high = Wire.int32(a, opt + (big ? 4 : 8), order) & 0xffffffffL;
                long low = Wire.int32(a, opt + (big ? 8 : 4), order) & 0xffffffffL;
                offset = high << 32 | low;
            }
            opt += 4 + (len + 3) / 4 * 4;
        }
        return new Interface(linkType, tsresol, offset);
    }

    /** Converts ticks of 10^-n or 2^-n seconds to microseconds. */
    private static long micros(Interface iface, long ticks) {
        int res = iface.tsresol();
        long offsetMicros = iface.offsetSeconds() * 1_000_000;
        if ((res & 0x80) == 0) {
            if (res == 6) {
                return ticks + offsetMicros;
            }
            if (res < 6) {
                return ticks * pow10(6 - res) + offsetMicros;
            }
            return res - 6 > 18 ? offsetMicros : Long.divideUnsigned(ticks, pow10(res - 6)) + offsetMicros;
        }
        int shift = Math.min(res & 0x7f, 63);
        BigInteger micros = new BigInteger(Long.toUnsignedString(ticks)).multiply(BigInteger.valueOf(1_000_000))
                .shiftRight(shift);
        return micros.longValue() + offsetMicros;
    }

    private static long pow10(int n) {
        long v = 1;
        for (int i = 0; i < n; i++) {
            v *= 10;
        }
        return v;
    }
}
