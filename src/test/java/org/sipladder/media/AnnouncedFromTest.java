package org.sipladder.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.capture.Endpoint;

/**
 * Whether the media analysis took an SDP announcement from a message: a flood of INVITEs with an empty Call-ID (each a
 * call of its own, all sharing that one Call-ID's thousands of announcements) asked the index for all of them per
 * call, and the diagnosis took time growing with their square.
 */
class AnnouncedFromTest {

    private static final Endpoint SIP = new Endpoint("10.0.0.1", 5060);

    /** {@code count} announcements of {@code callId} in frames {@code firstFrame}, +2, +4... */
    private static void add(List<SdpAnnouncement> to, String callId, int count, long firstFrame) {
        for (int i = 0; i < count; i++) {
            long frame = firstFrame + 2L * i;
            to.add(new SdpAnnouncement(frame, frame * 1000, callId, 1, "INVITE", 0, SIP, SIP, "audio",
                    new Endpoint("10.0.0.2", 10_000 + i), "10.0.0.2", 10_000 + i, List.of(), "sendrecv"));
        }
    }

    @Test
    void aCallIdOfManyAnnouncementsIsLookedUpOnceAndAnsweredByFrame() {
        List<SdpAnnouncement> all = new ArrayList<>();
        add(all, "", 5_000, 1);
        add(all, "few@h", 3, 100_001);
        CaptureMedia media = new CaptureMedia(FinishedStreams.none(), List.copyOf(all), List.of(), 0, 0);

        for (int i = 0; i < 5_000; i++) {
            assertTrue(media.announcedFrom("", 1 + 2L * i));
            assertFalse(media.announcedFrom("", 2 + 2L * i));
        }
        assertEquals(1, media.indexLookups, "the empty Call-ID's frames are kept once made");

        assertTrue(media.announcedFrom("few@h", 100_003));
        assertFalse(media.announcedFrom("few@h", 3));
        assertFalse(media.announcedFrom("none@h", 1));
        assertFalse(media.announcedFrom(null, 1));
    }

    @Test
    void aLegsAnnouncedFramesAreItsOwnInAscendingOrder() {
        List<SdpAnnouncement> all = new ArrayList<>();
        add(all, "b@h", 2, 51);
        add(all, "a@h", 3, 11);
        add(all, "b@h", 1, 41);
        add(all, "many@h", 20, 1_001);
        CaptureMedia media = new CaptureMedia(FinishedStreams.none(), List.copyOf(all), List.of(), 0, 0);

        assertArrayEquals(new long[] {11, 13, 15}, media.announcedFrames("a@h"));
        assertArrayEquals(new long[] {41, 51, 53}, media.announcedFrames("b@h"), "sorted, whatever the capture order");
        assertEquals(20, media.announcedFrames("many@h").length);
        assertTrue(media.announcedFrom("many@h", 1_039));
        assertArrayEquals(new long[0], media.announcedFrames("none@h"));
        assertArrayEquals(new long[0], media.announcedFrames(null));
    }
}
