package org.sipladder.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Sun snoop files (RFC 1761; Solaris's snoop and some older probes write them): a 16-byte header ("snoop", version 2,
 * the datalink type), then records of original length, captured length, record length (the captured bytes padded),
 * cumulative drops and a timestamp in seconds and microseconds, all big-endian. Ethernet (DL_ETHER, and DL_CSMACD
 * as Wireshark reads it) is decoded; another datalink is named as unsupported by its pcap number.
 */
final class SnoopRecords implements PacketRecords {

    static final int HEADER = 16;
    private static final int RECORD_HEADER = 24;
    private static final byte[] MAGIC = "snoop\0\0\0".getBytes(StandardCharsets.ISO_8859_1);

    private final ByteSource source;
    private final int linkType;

    private SnoopRecords(ByteSource source, int linkType) {
        this.source = source;
        this.linkType = linkType;
    }

    /** Reads the file header that starts the source. */
    static SnoopRecords open(Path file, ByteSource source, ForeignCaptureFormat format)
            throws IOException, CaptureException {
        int at = format.header(file, source, HEADER);
        byte[] a = source.array();
        int version = Wire.int32(a, at + 8);
        if (!Arrays.equals(a, at, at + MAGIC.length, MAGIC, 0, MAGIC.length) || version != 2) {
            throw format.unreadVersion(file, Long.toString(version & 0xffffffffL));
        }
        return new SnoopRecords(source, linkType(Wire.int32(a, at + 12)));
    }

    /** The pcap link type of a snoop datalink type: Ethernet for DL_CSMACD and DL_ETHER, FDDI, Token Ring. */
    static int linkType(int datalink) {
        return switch (datalink) {
            case 0, 4 -> 1;
            case 2 -> 6;
            case 8 -> 10;
            default -> PacketRecords.SNOOP_DATALINK + (datalink & 0xffff);
        };
    }

    @Override
    public boolean next(RecordSink sink) throws IOException, DamagedCaptureException {
        int at = source.takeWithin(RECORD_HEADER, "a record header");
        if (at < 0) {
            return false;
        }
        byte[] a = source.array();
        int captured = Wire.int32(a, at + 4);
        int recordLength = Wire.int32(a, at + 8);
        long micros = (Wire.int32(a, at + 16) & 0xffffffffL) * 1_000_000 + (Wire.int32(a, at + 20) & 0xffffffffL);
        if (captured < 0 || captured > PcapRecords.MAX_PACKET || recordLength < RECORD_HEADER + captured
                || recordLength > RECORD_HEADER + PcapRecords.MAX_PACKET + 64) {
            throw new DamagedCaptureException("impossible record length " + (recordLength & 0xffffffffL)
                    + " for " + (captured & 0xffffffffL) + " captured bytes", false);
        }
        source.giveBack(RECORD_HEADER);
        int record = source.takeWithin(recordLength, "the packet data");
        a = source.array();
        sink.packet(linkType, micros, a, record + RECORD_HEADER, captured);
        return true;
    }
}
