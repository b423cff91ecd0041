package org.sipladder.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.sipladder.testkit.Ip;
import org.sipladder.testkit.Link;
import org.sipladder.testkit.Rtp;
import org.sipladder.testkit.Segments;

/**
 * Decoding an RTP packet allocates nothing, so that memory stays flat however much RTP a capture holds: garbage
 * per packet meant young collections in proportion to the RTP, each promoting whatever else was in flight.
 */
class RtpAllocationTest {

    private static final int WARM_UP = 2_000;
    private static final int PACKETS = 20_000;

    @Test
    void anRtpPacketIsDecodedAndHandedOnWithoutAllocating() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        long[] seen = new long[1];
        MediaListener media = p -> seen[0] += p.length();
        PacketFeed feed = new PacketFeed(new CaptureListener() {
            @Override
            public void payload(SipPayload p) {
            }

            @Override
            public MediaListener media() {
                return media;
            }
        });
        byte[][] frames = new byte[64][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = Link.ethernetIp(Ip.ipv4("10.0.0.1", "10.0.0.2", Ip.UDP,
                    Segments.udp(40000, 50000, Rtp.packet(0, i, 160L * i, 7, false))));
        }
        long t = 1_763_900_000_000_000L;
        for (int i = 0; i < WARM_UP; i++) {
            byte[] f = frames[i & 63];
            feed.frame(1, t += 20_000, f, 0, f.length);
        }
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < PACKETS; i++) {
            byte[] f = frames[i & 63];
            feed.frame(1, t += 20_000, f, 0, f.length);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertEquals((WARM_UP + PACKETS) * 172L, seen[0], "every packet reached the media listener");
        // a few bytes per packet would already be 8 per packet; the measurement itself allocates a little
        assertTrue(allocated < PACKETS * 2L, allocated + " bytes allocated for " + PACKETS + " RTP packets");
    }
}
