package org.sipladder.media;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.capture.MediaPayload;

/**
 * Reads the sender and receiver reports of a compound RTCP packet (RFC 3550 6.4) and the VoIP Metrics blocks of its
 * extended reports (RFC 3611 4.7), stepping over the other packets of the compound (SDES, BYE, APP, feedback) and
 * the other XR blocks by their length fields, and says what is malformed about it.
 */
final class RtcpReports {

    static final int SR = 200;
    static final int RR = 201;
    static final int XR = 207;
    private static final int VOIP_METRICS = 7;
    private static final int HEADER = 8;
    private static final int SENDER_INFO = 20;
    private static final int BLOCK = 24;

    private RtcpReports() {
    }

    /**
     * Adds the SRs and RRs of {@code p} to {@code out}, up to {@code max} in all. Returns null for a well-formed
     * compound packet, else what is wrong with it (RFC 3550 A.2: version 2, lengths that add up to the datagram, as
     * many report blocks as the count says); the parts before the fault, and the blocks that fit, are read.
     */
    static String read(MediaPayload p, List<RtcpReport> out, int max) {
        byte[] b = p.bytes();
        int at = p.offset();
        int end = at + p.length();
        while (at < end) {
            if (end - at < 4) {
                // a few zero octets after the last packet (seen from real senders; Wireshark passes them) hide nothing
                if (zeros(b, at, end)) {
                    return null;
                }
                return "RTCP packet of " + (end - at) + " bytes after " + (at - p.offset()) + ", shorter than a header";
            }
            if ((b[at] & 0xc0) != 0x80) {
                return "RTCP version " + ((b[at] & 0xff) >> 6) + " at byte " + (at - p.offset()) + ", not 2";
            }
            int count = b[at] & 0x1f;
            int type = b[at + 1] & 0xff;
            int length = 4 * (((b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff)) + 1);
            if (at + length > end) {
                return "RTCP type " + type + " says " + length + " bytes, " + (end - at) + " left in the datagram";
            }
            String wrong = null;
            if ((type == SR || type == RR) && out.size() < max) {
                wrong = report(p, b, at, length, type, count, out);
            } else if (type == XR && out.size() < max) {
                wrong = extended(p, b, at, length, out);
            }
            if (wrong != null) {
                return wrong;
            }
            at += length;
        }
        return null;
    }

    private static boolean zeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String report(MediaPayload p, byte[] b, int at, int length, int type, int count,
                                 List<RtcpReport> out) {
        int blocksAt = at + HEADER + (type == SR ? SENDER_INFO : 0);
        if (blocksAt > at + length) {
            return (type == SR ? "SR" : "RR") + " of " + length + " bytes, too short for its header";
        }
        long sender = MediaCollector.u32(b, at + 4);
        long packets = -1;
        long octets = -1;
        long ntpMiddle = 0;
        if (type == SR) {
            ntpMiddle = (MediaCollector.u32(b, at + 8) & 0xffff) << 16 | MediaCollector.u32(b, at + 12) >>> 16;
            packets = MediaCollector.u32(b, at + 20);
            octets = MediaCollector.u32(b, at + 24);
        }
        int fit = Math.min(count, (at + length - blocksAt) / BLOCK);
        List<RtcpReport.Block> blocks = new ArrayList<>(fit);
        for (int i = 0; i < fit; i++, blocksAt += BLOCK) {
            blocks.add(block(b, blocksAt));
        }
        out.add(new RtcpReport(p.frame(), p.timestampMicros(), p.src(), p.dst(), type, sender, packets, octets,
                ntpMiddle, List.copyOf(blocks), List.of()));
        return fit < count ? (type == SR ? "SR" : "RR") + " counts " + count + " report blocks, its " + length
                + " bytes hold " + fit : null;
    }

    /**
     * An XR packet (RFC 3611 2): its VoIP Metrics blocks, added to {@code out} as one report when it has any. Each
     * block says its own length; one that runs past the packet, or a VoIP Metrics block shorter than its fields, is
     * malformed (the blocks before it are kept).
     */
    private static String extended(MediaPayload p, byte[] b, int at, int length, List<RtcpReport> out) {
        if (length < HEADER) {
            return "XR of " + length + " bytes, too short for its header";
        }
        List<VoipMetrics> metrics = new ArrayList<>(1);
        String wrong = null;
        int end = at + length;
        for (int block = at + HEADER; block < end && wrong == null; ) {
            int blockType = b[block] & 0xff;
            int blockLength = end - block < 4 ? -1 : 4 * (((b[block + 2] & 0xff) << 8 | (b[block + 3] & 0xff)) + 1);
            if (blockLength < 0 || block + blockLength > end) {
                wrong = "XR block type " + blockType + (blockLength < 0 ? " has no room for its header"
                        : " says " + blockLength + " bytes, " + (end - block) + " left in its packet");
            } else if (blockType == VOIP_METRICS && blockLength < VoipMetrics.LENGTH) {
                wrong = "XR VoIP metrics block of " + blockLength + " bytes, not " + VoipMetrics.LENGTH;
            } else if (blockType == VOIP_METRICS) {
                metrics.add(VoipMetrics.read(b, block));
            }
            block += Math.max(blockLength, 4);
        }
        if (!metrics.isEmpty()) {
            out.add(new RtcpReport(p.frame(), p.timestampMicros(), p.src(), p.dst(), XR, MediaCollector.u32(b, at + 4),
                    -1, -1, 0, List.of(), List.copyOf(metrics)));
        }
        return wrong;
    }

    private static RtcpReport.Block block(byte[] b, int at) {
        int cumulative = ((b[at + 5] & 0xff) << 16) | ((b[at + 6] & 0xff) << 8) | (b[at + 7] & 0xff);
        cumulative = (cumulative << 8) >> 8; // 24-bit two's complement
        return new RtcpReport.Block(MediaCollector.u32(b, at), b[at + 4] & 0xff, cumulative,
                MediaCollector.u32(b, at + 8), MediaCollector.u32(b, at + 12), MediaCollector.u32(b, at + 16),
                MediaCollector.u32(b, at + 20));
    }
}
