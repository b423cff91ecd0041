package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.sip.Sdp;
import org.sipladder.testkit.Rtp;

/**
 * RFC 4566 5.7: an SDP has a c= line in each media section or one at the session level. A c= in the media section
 * alone names that section's address, as tshark's SDP dissector takes it; an SDP with no c= at all names no address
 * for its media, so no RTP can be tied to the call (tshark sets up no RTP conversation from it): that is said, as a
 * malformed SDP, rather than the call's media silently going missing.
 */
class UnaddressedSdpTest {

    private static final String SBC = MediaFindingsTest.SBC;
    private static final String LK = MediaFindingsTest.LK;

    @TempDir
    Path dir;

    /** {@code address}'s SDP with its c= line moved into the media section ({@code "media"}) or left out ({@code "none"}). */
    private static String sdp(String address, int port, String where) {
        String session = Rtp.sdp(address, port, "sendrecv");
        String c = "c=IN IP4 " + address + "\r\n";
        String without = session.replace(c, "");
        return where.equals("none") ? without : without.replace("a=rtpmap:0", c + "a=rtpmap:0");
    }

    @Test
    void aConnectionLineInTheMediaSectionOnlyTiesTheRtpToTheCall() throws Exception {
        Diagnosis d = MediaCase.jambonzToLiveKit(sdp(MediaFindingsTest.SBC_MEDIA, 40000, "media"),
                sdp(MediaCase.LIVEKIT, 30000, "media")).rtpBothWays(SBC, LK, 10).bye(MediaCase.JAMBONZ, 10.5)
                .diagnose(dir);

        assertEquals(List.of(), d.findings().stream().filter(f -> f.code() != FindingCode.SIP_PRIVATE_ADDRESS_TO_PUBLIC_PEER)
                .toList());
        assertEquals(null, Sdp.parse(sdp(MediaCase.LIVEKIT, 30000, "media")).withoutAddress());
    }

    @Test
    void anSdpWithNoConnectionLineAtAllIsMalformedAndSaysItsMediaCannotBeTied() throws Exception {
        Diagnosis d = MediaCase.jambonzToLiveKit(sdp(MediaFindingsTest.SBC_MEDIA, 40000, "none"),
                sdp(MediaCase.LIVEKIT, 30000, "session")).rtpBothWays(SBC, LK, 10).bye(MediaCase.JAMBONZ, 10.5)
                .diagnose(dir);

        List<Finding> malformed = d.withCode(FindingCode.SIP_MALFORMED_MESSAGE);
        assertEquals(1, malformed.size(), d.findings().toString());
        String facts = malformed.get(0).evidence().facts().toString();
        assertTrue(facts.contains("Frame 1, INVITE") && facts.contains("m=audio section with no c= line")
                && facts.contains("RFC 4566 5.7"), facts);
    }

    @Test
    void anSdpWhoseAudioTheMediaAnalysisTookIsNotMalformedForAnotherSectionWithoutAddress() throws Exception {
        // the video section has no c=, but the audio's was announced: the body was read; its other rules parse it
        // before this one asks, and the parsed SDP is looked at before the capture's announcements
        String video = "m=video 50000 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n";
        Diagnosis d = MediaCase.jambonzToLiveKit(sdp(MediaFindingsTest.SBC_MEDIA, 40000, "media") + video,
                sdp(MediaCase.LIVEKIT, 30000, "media")).rtpBothWays(SBC, LK, 10).bye(MediaCase.JAMBONZ, 10.5)
                .diagnose(dir);

        assertEquals(List.of(), d.withCode(FindingCode.SIP_MALFORMED_MESSAGE));
        assertEquals("video", Sdp.parse(sdp(MediaFindingsTest.SBC_MEDIA, 40000, "media") + video).withoutAddress().type());
    }

    @Test
    void anSdpSaysWhichOfItsSectionsHasNoAddress() {
        assertEquals(30000, Sdp.parse(sdp(MediaCase.LIVEKIT, 30000, "none")).withoutAddress().port());
        // a refused section (port 0) sends no media: no address needed
        assertEquals(null, Sdp.parse(sdp(MediaCase.LIVEKIT, 0, "none")).withoutAddress());
    }
}
