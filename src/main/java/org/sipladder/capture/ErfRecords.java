package org.sipladder.capture;

import java.io.IOException;

/**
 * Endace ERF files (Extensible Record Format, as DAG capture cards and the probes built on them write): one record
 * after another, each a 16-byte header (timestamp, type, flags, record length, loss counter, wire length), extension
 * headers and the frame. Every record is handed on whole as a {@link LinkType#ERF} packet, as pcap and pcapng carry
 * ERF records, and {@link PacketDecoder} reads its header; PAD records are skipped, not counted as frames (Wireshark
 * numbers frames the same way).
 *
 * <p>The format has no magic number: {@link #looksLikeErf} tells it by its first records, as Wireshark does (lengths,
 * types, timestamps that do not run backwards), and more strictly where a file is too short to show much.
 */
final class ErfRecords implements PacketRecords {

    static final int HEADER = 16;
    private static final int TYPE_PAD = 48;
    /** Ethernet record types, whose frame follows two bytes (offset and pad). */
    private static final int[] ETHERNET_TYPES = {2, 11, 16, 20};
    /** Records looked at to tell an ERF file, and the fewest that must be whole unless the file ends cleanly. */
    private static final int RECORDS_CHECKED = 20;
    private static final int FEWEST_CHECKED = 3;
    /** The bytes looked at for them: records are at most 64 KB, a capture's mostly far shorter. */
    private static final int LOOKED_AT = 1 << 16;
    /** The highest record type defined before PAD (Omni-Path records, 28 and 29, are the last). */
    private static final int LAST_TYPE = 29;
    private static final long YEAR_SECONDS = 365L * 24 * 3600;

    private final ByteSource source;

    ErfRecords(ByteSource source) {
        this.source = source;
    }

    /**
     * True when the file's first records (up to {@value #RECORDS_CHECKED}) read as ERF: each at least a header long
     * and holding its extension headers, of a defined type (1 to 29, or PAD), with timestamps that do not run back by
     * more than a second (records of several interfaces interleave) nor forward by a year; at least
     * {@value #FEWEST_CHECKED} whole records unless the file ends cleanly after fewer, and one not PAD. (Test
     * generators write ERF files dated 1970, so the date itself says nothing.) Nothing is taken.
     */
    static boolean looksLikeErf(ByteSource source) throws IOException {
        int available = source.peek(LOOKED_AT);
        byte[] a = source.array();
        int start = source.peekOffset();
        int at = 0;
        int records = 0;
        int packets = 0;
        long previous = 0;
        boolean dated = false;
        while (records < RECORDS_CHECKED) {
            if (at == available) {
                // a clean end (or the end of what was looked at, with enough records before it)
                return packets > 0 && (available < LOOKED_AT || records >= FEWEST_CHECKED);
            }
            if (available - at < HEADER) {
                return packets > 0 && records >= FEWEST_CHECKED;
            }
            int h = start + at;
            int type = a[h + 8] & 0x7f;
            int length = Wire.u16(a, h + 10);
            if (length < HEADER || type == 0 || type > LAST_TYPE && type != TYPE_PAD) {
                return false;
            }
            if (type != TYPE_PAD) {
                long ts = timestamp(a, h);
                long seconds = ts >>> 32;
                if (length == HEADER
                        || dated && Long.compareUnsigned(ts, previous) < 0 && (previous - ts) >>> 32 > 1
                        || dated && seconds - (previous >>> 32) > YEAR_SECONDS
                        || frameStart(a, h, Math.min(length, available - at)) < 0) {
                    return false;
                }
                previous = ts;
                dated = true;
                packets++;
            }
            if (available - at < length) {
                // the record goes on past what was looked at, or the file ends inside it
                return packets > 0 && records >= FEWEST_CHECKED;
            }
            at += length;
            records++;
        }
        return packets > 0;
    }

    /**
     * Where the frame of the record at {@code h} starts, after its extension headers (and an Ethernet record's two
     * bytes), within the {@code length} bytes of it there are; -1 when they do not fit.
     */
    private static int frameStart(byte[] a, int h, int length) {
        int at = afterExtensions(a, h, h + length);
        if (at >= 0 && isEthernet(a[h + 8] & 0x7f)) {
            at += 2;
        }
        return at >= 0 && at <= h + length ? at - h : -1;
    }

    /**
     * Where the extension headers of the record at {@code h} end (the record type's top bit says one follows the
     * header, each one's top bit that another follows it), or -1 when they run past {@code end}.
     */
    static int afterExtensions(byte[] a, int h, int end) {
        int at = h + HEADER;
        for (boolean more = (a[h + 8] & 0x80) != 0; more; at += 8) {
            if (at + 8 > end) {
                return -1;
            }
            more = (a[at] & 0x80) != 0;
        }
        return at;
    }

    /** True for the record types of Ethernet frames (ETH, COLOR_ETH, DSM_COLOR_ETH, COLOR_HASH_ETH). */
    static boolean isEthernet(int type) {
        for (int t : ETHERNET_TYPES) {
            if (type == t) {
                return true;
            }
        }
        return false;
    }

    /** The record's timestamp: 64 bits little-endian, the seconds in the upper half, a binary fraction below. */
    private static long timestamp(byte[] a, int h) {
        long ts = 0;
        for (int i = 7; i >= 0; i--) {
            ts = ts << 8 | (a[h + i] & 0xff);
        }
        return ts;
    }

    /**
     * Microseconds of an ERF timestamp: its fraction to nanoseconds, rounded as Wireshark shows it, then cut to
     * microseconds as the pcapng reader cuts nanosecond stamps (so an ERF file and its editcap copy agree).
     */
    static long micros(long ts) {
        long seconds = ts >>> 32;
        long nanos = (ts & 0xffffffffL) * 1_000_000_000L;
        nanos += (nanos & 0x80000000L) << 1;
        nanos >>>= 32;
        return seconds * 1_000_000 + nanos / 1000;
    }

    @Override
    public boolean next(RecordSink sink) throws IOException, DamagedCaptureException {
        while (true) {
            int at = source.takeWithin(HEADER, "a record header");
            if (at < 0) {
                return false;
            }
            byte[] a = source.array();
            int type = a[at + 8] & 0x7f;
            int length = Wire.u16(a, at + 10);
            if (length < HEADER || length == HEADER && type != TYPE_PAD) {
                throw new DamagedCaptureException("impossible ERF record length " + length, false);
            }
            source.giveBack(HEADER);
            int record = source.takeWithin(length, "the packet data");
            if (type == TYPE_PAD) {
                continue;
            }
            a = source.array();
            sink.packet(LinkType.ERF.number(), micros(timestamp(a, record)), a, record, length);
            return true;
        }
    }
}
