package org.sipladder.media;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.capture.MediaPayload;

/** Reads the sender and receiver reports of a compound RTCP packet (RFC 3550 6.4). */
final class RtcpReports {

    static final int SR = 200;
    static final int RR = 201;

    private RtcpReports() {
    }

    /** Adds the SRs and RRs of {@code p} to {@code out}, up to {@code max} in all; malformed parts end the reading. */
    static void read(MediaPayload p, List<RtcpReport> out, int max) {
        byte[] b = p.bytes();
        int at = p.offset();
        int end = at + p.length();
        while (at + 8 <= end && out.size() < max) {
            if ((b[at] & 0xc0) != 0x80) {
                return;
            }
            int count = b[at] & 0x1f;
            int type = b[at + 1] & 0xff;
            int length = 4 * (((b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff)) + 1);
            if (at + length > end) {
                return;
            }
            if (type == SR || type == RR) {
                report(p, b, at, length, type, count, out);
            }
            at += length;
        }
    }

    private static void report(MediaPayload p, byte[] b, int at, int length, int type, int count, List<RtcpReport> out) {
        long sender = MediaCollector.u32(b, at + 4);
        int blocksAt = at + 8;
        long packets = -1;
        long octets = -1;
        if (type == SR) {
            if (length < 28) {
                return;
            }
            packets = MediaCollector.u32(b, at + 20);
            octets = MediaCollector.u32(b, at + 24);
            blocksAt = at + 28;
        }
        List<RtcpReport.Block> blocks = new ArrayList<>(count);
        for (int i = 0; i < count && blocksAt + 24 <= at + length; i++, blocksAt += 24) {
            int cumulative = ((b[blocksAt + 5] & 0xff) << 16) | ((b[blocksAt + 6] & 0xff) << 8) | (b[blocksAt + 7] & 0xff);
            if ((cumulative & 0x800000) != 0) {
                cumulative |= 0xff000000; // 24-bit signed
            }
            blocks.add(new RtcpReport.Block(MediaCollector.u32(b, blocksAt), b[blocksAt + 4] & 0xff, cumulative,
                    MediaCollector.u32(b, blocksAt + 8), MediaCollector.u32(b, blocksAt + 12),
                    MediaCollector.u32(b, blocksAt + 16), MediaCollector.u32(b, blocksAt + 20)));
        }
        out.add(new RtcpReport(p.frame(), p.timestampMicros(), p.src(), p.dst(), type, sender, packets, octets,
                List.copyOf(blocks)));
    }
}
