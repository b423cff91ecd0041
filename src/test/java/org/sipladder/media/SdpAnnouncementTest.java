package org.sipladder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sipladder.capture.Endpoint;

class SdpAnnouncementTest {

    private static final List<PayloadType> PCMU = List.of(new PayloadType(0, "PCMU", 8000));
    private static final Endpoint SIP_SRC = new Endpoint("10.0.0.1", 5060);
    private static final Endpoint SIP_DST = new Endpoint("10.0.0.2", 5060);

    @Test
    void givesBackEveryValueAlsoThoseThatDoNotFitThePackedFields() {
        Random random = new Random(18);
        long[] frames = {1, 0xFFFF_FFFFL, 0x1_0000_0000L, Long.MAX_VALUE};
        long[] cseqs = {-1, 0, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Long.MIN_VALUE, Long.MAX_VALUE};
        String[] addresses = {"10.1.2.3", "010.1.2.3", "media.example.com", "2001:db8::1"};
        int[] statuses = {0, 183, 200, 699, -19536, 8769};
        int[] ports = {0, 1, 8000, 65535};
        String[] methods = {"INVITE", "ACK", "PRACK", "UPDATE", null, "OPTIONS", "invite"};
        String[] mediaTypes = {"audio", "video", "image", "application"};
        for (int i = 0; i < 20_000; i++) {
            long frame = frames[random.nextInt(frames.length)];
            long micros = random.nextLong();
            long cseq = cseqs[random.nextInt(cseqs.length)];
            String address = addresses[random.nextInt(addresses.length)];
            int port = ports[random.nextInt(ports.length)];
            // what the scan does: the endpoint holds the address as formatted, or none for a host name
            Endpoint media = address.startsWith("media") ? null
                    : new Endpoint(address.startsWith("0") ? address.substring(1) : address, port);
            int status = statuses[random.nextInt(statuses.length)];
            String direction = SdpAnnouncement.DIRECTIONS[random.nextInt(4)];
            String callId = random.nextBoolean() ? null : "c" + random.nextInt(100) + "@h";
            String method = methods[random.nextInt(methods.length)];
            String mediaType = mediaTypes[random.nextInt(mediaTypes.length)];
            SdpAnnouncement a = new SdpAnnouncement(frame, micros, callId, cseq, method,
                    status, SIP_SRC, SIP_DST, mediaType, media, address, port, PCMU, direction);
            assertEquals(frame, a.frame());
            assertEquals(micros, a.micros());
            assertEquals(callId, a.callId());
            assertEquals(cseq, a.cseq());
            assertEquals(status, a.status());
            assertEquals(method, a.method());
            assertEquals(mediaType, a.mediaType());
            assertEquals(media, a.media());
            assertEquals(address, a.address());
            assertEquals(port, a.port());
            assertEquals(direction, a.direction());
            assertEquals(PCMU, a.payloadTypes());
            assertEquals(SIP_SRC, a.sipSrc());
            assertEquals(SIP_DST, a.sipDst());
            assertEquals(port != 0 && !direction.equals("sendonly") && !direction.equals("inactive"), a.receives());
            assertEquals(port != 0 && !direction.equals("recvonly") && !direction.equals("inactive"), a.sends());
            assertEquals("m=" + mediaType + " " + port + " RTP/AVP 0", a.mediaLine());
            SdpAnnouncement same = new SdpAnnouncement(frame, micros, callId, cseq, method, status, SIP_SRC,
                    SIP_DST, mediaType, media, address, port, PCMU, direction);
            assertEquals(a, same);
            assertEquals(a.hashCode(), same.hashCode());
            assertEquals(a.toString(), same.toString());
            assertNotEquals(a, new SdpAnnouncement(frame, micros, callId, cseq, method, status, SIP_SRC, SIP_DST,
                    mediaType, media, address, port == 0 ? 1 : 0, PCMU, direction));
            assertNotEquals(a, new SdpAnnouncement(frame, micros, callId, cseq, "BYE", status, SIP_SRC, SIP_DST,
                    mediaType, media, address, port, PCMU, direction));
        }
    }

    @Test
    void aHostNameHasNoEndpoint() {
        SdpAnnouncement a = new SdpAnnouncement(3, 0, "c@h", 1, "INVITE", 0, SIP_SRC, SIP_DST, "audio", null,
                "media.example.com", 4000, PCMU, "sendonly");
        assertNull(a.media());
        assertEquals("c=IN IP4 media.example.com", a.connectionLine());
        assertTrue(a.sends());
        assertFalse(a.receives());
        assertEquals("frame 3 INVITE", a.describe());
    }

    @Test
    void aCommonSectionTakesFiftySixBytes() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        Endpoint media = new Endpoint("10.1.2.3", 4000);
        SdpAnnouncement[] made = new SdpAnnouncement[100_000];
        for (int round = 0; round < 3; round++) { // the first rounds warm up the code
            long thread = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < made.length; i++) {
                made[i] = new SdpAnnouncement(i + 1, i, "c@h", 1, i % 3 == 0 ? "ACK" : "INVITE", i % 2 == 0 ? 0 : 200,
                        SIP_SRC, SIP_DST, i % 5 == 0 ? "video" : "audio", media, media.address(), 4000, PCMU,
                        "sendrecv");
            }
            long perSection = (threads.getThreadAllocatedBytes(thread) - before) / made.length;
            if (round == 2) {
                // 80 bytes as a record; 240,000 are held by the end of a 50,000-call capture's read
                assertTrue(perSection <= 56, perSection + " bytes per section");
            }
        }
        assertEquals(200, made[1].status());
    }
}
