package org.sipladder.capture;

import java.io.IOException;
import java.nio.ByteOrder;
import org.sipladder.Limits;

/** Classic libpcap files: either byte order, micro- or nanosecond stamps, and the old "modified" variant. */
final class PcapRecords implements PacketRecords {

    static final int MAX_PACKET = Limits.PACKET_BYTES;

    private final ByteSource source;
    private final ByteOrder order;
    private final boolean nanos;
    private final int recordHeader;
    private final int linkType;

    private PcapRecords(ByteSource source, ByteOrder order, boolean nanos, int recordHeader, int linkType) {
        this.source = source;
        this.order = order;
        this.nanos = nanos;
        this.recordHeader = recordHeader;
        this.linkType = linkType;
    }

    /** Whether the first four bytes are a pcap magic number in either byte order. */
    static boolean matches(int bigEndianMagic) {
        return variant(bigEndianMagic) != null || variant(Integer.reverseBytes(bigEndianMagic)) != null;
    }

    /** Reads the 24-byte file header that starts at {@code at} in the source's array. */
    static PcapRecords open(ByteSource source, int at) {
        int magic = Wire.int32(source.array(), at, ByteOrder.BIG_ENDIAN);
        ByteOrder order = variant(magic) != null ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        String v = variant(order == ByteOrder.BIG_ENDIAN ? magic : Integer.reverseBytes(magic));
        int link = Wire.int32(source.array(), at + 20, order) & 0xffff;
        return new PcapRecords(source, order, "nanos".equals(v), "modified".equals(v) ? 24 : 16, link);
    }

    int linkType() {
        return linkType;
    }

    private static String variant(int magic) {
        switch (magic) {
            case 0xa1b2c3d4:
                return "micros";
            case 0xa1b23c4d:
                return "nanos";
            case 0xa1b2cd34:
                return "modified";
            default:
                return null;
        }
    }

    @Override
    public boolean next(RecordSink sink) throws IOException, DamagedCaptureException {
        int at = source.takeWithin(recordHeader, "a record header");
        if (at < 0) {
            return false;
        }
        byte[] a = source.array();
        long seconds = Wire.int32(a, at, order) & 0xffffffffL;
        long fraction = Wire.int32(a, at + 4, order) & 0xffffffffL;
        int captured = Wire.int32(a, at + 8, order);
        if (captured < 0 || captured > MAX_PACKET) {
            throw new DamagedCaptureException("impossible record length " + (captured & 0xffffffffL), false);
        }
        long micros = seconds * 1_000_000 + (nanos ? fraction / 1000 : fraction);
        int data = source.takeWithin(captured, "the packet data");
        if (data < 0) {
            throw new DamagedCaptureException("the file ends after a record header", true);
        }
        sink.packet(linkType, micros, source.array(), data, captured);
        return true;
    }
}
