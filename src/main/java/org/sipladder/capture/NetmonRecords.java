package org.sipladder.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Microsoft Network Monitor 1.x and 2.x files (Windows captures; Wireshark's sample captures have some): a 128-byte
 * header with the capture's start time, then the frames, and a table of where each frame starts, which gives their
 * order (frames need not follow each other). The table is read from the file first, then the frames front to back in
 * one pass, so memory stays flat; a table that goes back in the file (a few files list a record written first as
 * the last frame) ends the read there, with the conversion to offer. Each frame's link layer is the file's (1.x,
 * 2.0) or its own (2.1 on: Ethernet, raw IP, or a pcap link type); NetMon's own records (network info, events,
 * filters) are counted as frames and skipped.
 */
final class NetmonRecords implements PacketRecords {

    static final int HEADER = 128;
    private static final int PCAP_BASE = 0xE000;
    private static final int FIRST_SPECIAL = 0xFFE0;
    /** The most bytes skipped at once between frames. */
    private static final int SKIP_CHUNK = 1 << 16;

    private final ByteSource source;
    private final Path file;
    private final ForeignCaptureFormat format;
    private final int major;
    private final int trailer;
    private final int fileNetwork;
    private final long startMicros;
    /** Where each frame starts, in frame order (unsigned 32-bit offsets). */
    private final int[] offsets;
    private int next;

    private NetmonRecords(ByteSource source, Path file, ForeignCaptureFormat format, int major, int minor,
                          int fileNetwork, long startMicros, int[] offsets) {
        this.source = source;
        this.file = file;
        this.format = format;
        this.major = major;
        this.trailer = major == 1 || major == 2 && minor == 0 ? 0 : major > 2 || minor >= 3 ? 15 : minor == 2 ? 6 : 2;
        this.fileNetwork = fileNetwork;
        this.startMicros = startMicros;
        this.offsets = offsets;
    }

    /**
     * Reads the header that starts the source and the frame table from {@code file}, which must be the capture itself
     * (not compressed: the table is near its end).
     */
    static NetmonRecords open(Path file, ByteSource source, ForeignCaptureFormat format)
            throws IOException, CaptureException {
        int at = format.header(file, source, HEADER);
        byte[] a = source.array();
        int minor = a[at + 4] & 0xff;
        int major = a[at + 5] & 0xff;
        if (major != 1 && major != 2) {
            throw format.unreadVersion(file, major + "." + minor);
        }
        long start = startMicros(a, at);
        long tableAt = Wire.int32(a, at + 24, ByteOrder.LITTLE_ENDIAN) & 0xffffffffL;
        long tableLength = Wire.int32(a, at + 28, ByteOrder.LITTLE_ENDIAN) & 0xffffffffL;
        int network = Wire.u16(a, at + 6, ByteOrder.LITTLE_ENDIAN);
        return new NetmonRecords(source, file, format, major, minor, network, start,
                frameTable(file, format, tableAt, tableLength));
    }

    /** The capture's start time: a SYSTEMTIME, taken as UTC (as Wireshark shows it where the clock is UTC). */
    private static long startMicros(byte[] a, int at) {
        int[] f = new int[8];
        for (int i = 0; i < 8; i++) {
            f[i] = Wire.u16(a, at + 8 + 2 * i, ByteOrder.LITTLE_ENDIAN);
        }
        try {
            // year, month, day of week (unused), day, hour, minute, second, millisecond
            long seconds = LocalDateTime.of(f[0], f[1], f[3], f[4], f[5], f[6]).toEpochSecond(ZoneOffset.UTC);
            return seconds * 1_000_000 + Math.min(f[7], 999) * 1000L;
        } catch (DateTimeException e) {
            return 0; // no valid start: times from the epoch, as the deltas go
        }
    }

    private static int[] frameTable(Path file, ForeignCaptureFormat format, long at, long length)
            throws IOException, CaptureException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer magic = ByteBuffer.allocate(4);
            channel.read(magic, 0);
            if (magic.position() < 4 || ForeignCaptureFormat.byMagic(Wire.int32(magic.array(), 0)) != format) {
                throw new CaptureException(file + ": a compressed " + format.description() + " capture: its frame "
                        + "table is at the end of the file; decompress it first, or " + format.conversion(file));
            }
            // each frame has a header of at least 8 bytes before the table: a longer table is damaged, not read
            if (length == 0 || length % 4 != 0 || at < HEADER || at + length > channel.size()
                    || length / 4 > (at - HEADER) / 8) {
                throw new CaptureException(file + ": " + format.description() + " frame table is damaged (" + length
                        + " bytes at " + at + " of " + channel.size() + "); " + format.conversion(file));
            }
            ByteBuffer table = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
            while (table.hasRemaining() && channel.read(table, at + table.position()) >= 0) {
                // until the table is read
            }
            table.flip();
            int[] offsets = new int[(int) (length / 4)];
            table.asIntBuffer().get(offsets);
            return offsets;
        }
    }

    @Override
    public boolean next(RecordSink sink) throws IOException, DamagedCaptureException {
        if (next == offsets.length) {
            return false;
        }
        long offset = offsets[next] & 0xffffffffL;
        long position = source.position();
        if (offset < position) {
            throw new DamagedCaptureException("the " + format.description() + " frame table goes back in the file "
                    + "here, which is read front to back; " + format.conversion(file), false);
        }
        skip(offset - position);
        int header = major == 1 ? 8 : 16;
        int at = take(header, "a frame header");
        byte[] a = source.array();
        long delta;
        int captured;
        if (major == 1) {
            delta = (Wire.int32(a, at, ByteOrder.LITTLE_ENDIAN) & 0xffffffffL) * 1000;
            captured = Wire.u16(a, at + 6, ByteOrder.LITTLE_ENDIAN);
        } else {
            // microseconds since the capture's start, 64 bits (Wireshark's netmon.c ts_delta)
            delta = (Wire.int32(a, at, ByteOrder.LITTLE_ENDIAN) & 0xffffffffL)
                    | (long) Wire.int32(a, at + 4, ByteOrder.LITTLE_ENDIAN) << 32;
            captured = Wire.int32(a, at + 12, ByteOrder.LITTLE_ENDIAN);
        }
        if (captured < 0 || captured > PcapRecords.MAX_PACKET) {
            throw new DamagedCaptureException("impossible record length " + (captured & 0xffffffffL), false);
        }
        source.giveBack(header);
        int record = take(header + captured + trailer, "the packet data");
        a = source.array();
        int network = trailer == 0 ? fileNetwork
                : Wire.u16(a, record + header + captured, ByteOrder.LITTLE_ENDIAN);
        next++;
        sink.packet(linkType(network), startMicros + delta, a, record + header, captured);
        return true;
    }

    /**
     * The pcap link type of a NetMon network type, as Wireshark maps them: Ethernet (0 in some VPN captures), raw IP
     * (tunnels, wireless WAN, raw frames), a pcap link type carried in the low bits; NetMon's records of its own are
     * not packets; Token Ring, FDDI and 802.11 by their pcap numbers, others as {@link PacketRecords#NETMON_MEDIUM}
     * plus their number (neither decoded: the decoder names them).
     */
    static int linkType(int network) {
        if ((network & 0xF000) == PCAP_BASE) {
            return network & 0x0FFF;
        }
        if (network >= FIRST_SPECIAL) {
            return PacketRecords.NOT_A_PACKET;
        }
        return switch (network) {
            case 0, 1 -> 1;
            case 7, 8, 9 -> 101;
            case 2 -> 6;
            case 3 -> 10;
            case 6 -> 105;
            default -> PacketRecords.NETMON_MEDIUM + network;
        };
    }

    private void skip(long n) throws IOException, DamagedCaptureException {
        for (long left = n; left > 0; ) {
            int step = (int) Math.min(left, SKIP_CHUNK);
            take(step, "the space before a frame");
            left -= step;
        }
    }

    /** As {@link ByteSource#takeWithin}; a clean end before the bytes is a cut too: the table says a frame is there. */
    private int take(int n, String what) throws IOException, DamagedCaptureException {
        int at = source.takeWithin(n, what);
        if (at < 0) {
            throw new DamagedCaptureException("the file ends inside " + what, true);
        }
        return at;
    }
}
