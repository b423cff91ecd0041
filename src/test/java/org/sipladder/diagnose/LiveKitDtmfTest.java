package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DTMF toward LiveKit as livekit/sip and livekit/media-sdk handle it: INFO is refused 405, and RFC 4733 events are
 * taken only under the payload type LiveKit's answer names for telephone-event/8000.
 */
class LiveKitDtmfTest {

    private static final String SBC_MEDIA = "203.0.113.10";
    private static final String SBC = SBC_MEDIA + ":40000";
    private static final String LK = MediaCase.LIVEKIT + ":30000";

    @TempDir
    Path dir;

    /** An SDP body with PCMU at {@code address:port} and the given telephone-event rtpmap ("" for none). */
    static String sdp(String address, int port, String event) {
        return "v=0\r\no=- 1 1 IN IP4 " + address + "\r\ns=-\r\nc=IN IP4 " + address + "\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0" + (event.isEmpty() ? "" : " 101") + "\r\na=rtpmap:0 PCMU/8000\r\n"
                + (event.isEmpty() ? "" : "a=rtpmap:101 " + event + "\r\na=fmtp:101 0-16\r\n") + "a=sendrecv\r\n";
    }

    /** {@code call} with the caller's keys 5 and # sent to LiveKit as SIP INFO (dtmf-relay), answered 405. */
    static MediaCase infoDigits(MediaCase call) {
        return call.info(3, "application/dtmf-relay", "Signal=5\r\nDuration=160\r\n", 405, "Method Not Allowed")
                .info(4, "application/dtmf-relay", "Signal=#\r\nDuration=160\r\n", 405, "Method Not Allowed");
    }

    /** Jambonz offers telephone-event/48000 only, LiveKit answers without it, and the digits 1, 2 go as events. */
    static MediaCase eventsAt48kHz() {
        return MediaCase.jambonzToLiveKit(sdp(SBC_MEDIA, 40000, "telephone-event/48000"),
                        sdp(MediaCase.LIVEKIT, 30000, ""))
                .rtpWithDtmf(SBC, LK, 0.4, 500, 0x1111, new int[] {1, 2}, true)
                .rtp(LK, SBC, 0.41, 500, 0x2222, Set.of()).bye(MediaCase.JAMBONZ, 10.5);
    }

    private static MediaCase withoutEvents(MediaCase call) {
        return call.rtp(SBC, LK, 0.4, 500, 0x1111, Set.of()).rtp(LK, SBC, 0.41, 500, 0x2222, Set.of())
                .bye(MediaCase.JAMBONZ, 10.5);
    }

    @Test
    void dtmfSentAsInfoIsExplainedAsRefusedByLiveKitWithTheRfc4733Fix() throws Exception {
        Diagnosis d = infoDigits(MediaFindingsTest.clean()).diagnose(dir);
        List<Finding> found = d.withCode(FindingCode.LK_DTMF_INFO_REFUSED);
        assertEquals(1, found.size(), d.findings().stream().map(f -> f.code() + " " + f.title()).toList().toString());
        Finding f = found.get(0);
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.title().contains("5#") && f.title().contains("405 Method Not Allowed"), f.title());
        assertTrue(f.explanation().contains("RFC 4733") && f.explanation().contains("did negotiate"), f.explanation());
        assertTrue(f.fix().steps().get(0).contains("RFC 2833"), f.fix().steps().toString());
        assertEquals(4, f.evidence().frames().size(), "both INFOs and their answers");
        // the call negotiated telephone-event/8000: nothing else to say about DTMF
        assertEquals(List.of(), d.withCode(FindingCode.LK_DTMF_NOT_NEGOTIATED));
    }

    @Test
    void infoToACallWithoutTelephoneEventSaysTheOfferMustCarryIt() throws Exception {
        Diagnosis d = infoDigits(MediaCase.jambonzToLiveKit(sdp(SBC_MEDIA, 40000, ""), sdp(MediaCase.LIVEKIT, 30000, "")))
                .rtp(SBC, LK, 0.4, 500, 0x1111, Set.of()).rtp(LK, SBC, 0.41, 500, 0x2222, Set.of())
                .bye(MediaCase.JAMBONZ, 10.5).diagnose(dir);
        Finding info = d.withCode(FindingCode.LK_DTMF_INFO_REFUSED).get(0);
        assertTrue(info.explanation().contains("offered no telephone-event"), info.explanation());
        Finding none = d.withCode(FindingCode.LK_DTMF_NOT_NEGOTIATED).get(0);
        assertEquals(Severity.WARNING, none.severity(), "the INFOs show digits were sent");
        assertTrue(none.explanation().contains("2 INFO"), none.explanation());
        assertTrue(none.title().startsWith("No DTMF can reach LiveKit on this call: "), none.title());
    }

    @Test
    void infoLiveKitAcceptedIsNotReported() throws Exception {
        Diagnosis d = MediaFindingsTest.clean()
                .info(3, "application/dtmf-relay", "Signal=5\r\nDuration=160\r\n", 200, "OK").diagnose(dir);
        assertEquals(List.of(), d.withCode(FindingCode.LK_DTMF_INFO_REFUSED));
    }

    @Test
    void telephoneEventAt48kHzIsNotReadByLiveKitAndTheDigitsSentAreLost() throws Exception {
        Diagnosis d = eventsAt48kHz().diagnose(dir);
        Finding f = d.withCode(FindingCode.LK_DTMF_NOT_NEGOTIATED).get(0);
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.title().contains("101 telephone-event/48000"), f.title());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.contains("digits 12")), f.evidence().facts().toString());
    }

    @Test
    void upperCaseTelephoneEventIsNotReadByLiveKit() throws Exception {
        // livekit/media-sdk compares the rtpmap name as written: TELEPHONE-EVENT/8000 is not its telephone-event
        Diagnosis d = withoutEvents(MediaCase.jambonzToLiveKit(sdp(SBC_MEDIA, 40000, "TELEPHONE-EVENT/8000"),
                sdp(MediaCase.LIVEKIT, 30000, ""))).diagnose(dir);
        assertEquals(1, d.withCode(FindingCode.LK_DTMF_NOT_NEGOTIATED).size());
    }

    @Test
    void withoutTelephoneEventAndNoDigitsSeenItSaysWhatToCheckForInBandTones() throws Exception {
        Diagnosis d = withoutEvents(MediaCase.jambonzToLiveKit(sdp(SBC_MEDIA, 40000, ""),
                sdp(MediaCase.LIVEKIT, 30000, ""))).diagnose(dir);
        Finding f = d.withCode(FindingCode.LK_DTMF_NOT_NEGOTIATED).get(0);
        assertEquals(Severity.INFO, f.severity());
        assertTrue(f.explanation().contains("does not mean no key was pressed")
                && f.explanation().contains("in-band"), f.explanation());
        assertTrue(f.title().contains("offered no telephone-event"), f.title());
    }

    @Test
    void eventsOnAnUnannouncedPayloadTypeAreDigitsLiveKitDropsNotNoise() throws Exception {
        // no telephone-event in the offer, yet the sender's RFC 4733 events go on PT 101: LiveKit's media pipeline
        // registers a DTMF handler only for a negotiated type and drops the rest (media_pipeline.go)
        Diagnosis d = MediaCase.jambonzToLiveKit(sdp(SBC_MEDIA, 40000, ""), sdp(MediaCase.LIVEKIT, 30000, ""))
                .rtpWithDtmf(SBC, LK, 0.4, 500, 0x1111, new int[] {1, 2, 11}, true)
                .rtp(LK, SBC, 0.41, 500, 0x2222, Set.of()).bye(MediaCase.JAMBONZ, 10.5).diagnose(dir);

        Finding dtmf = d.withCode(FindingCode.LK_DTMF_NOT_NEGOTIATED).get(0);
        assertEquals(Severity.WARNING, dtmf.severity());
        assertTrue(dtmf.explanation().contains("as RFC 4733 telephone-events on payload type 101")
                && dtmf.explanation().contains("drops them"), dtmf.explanation());
        assertFalse(dtmf.explanation().contains("shows no digits"), dtmf.explanation());
        assertTrue(dtmf.evidence().facts().stream().anyMatch(x -> x.contains("digits 12#")), dtmf.evidence().facts().toString());
        Finding codec = d.withCode(FindingCode.MEDIA_CODEC_MISMATCH).get(0);
        assertFalse(codec.explanation().contains("noise"), codec.explanation());
        assertTrue(codec.explanation().contains("RFC 4733 telephone-events")
                && codec.explanation().contains(FindingCode.LK_DTMF_NOT_NEGOTIATED.name()), codec.explanation());
        assertEquals(Severity.INFO, codec.severity(), "the DTMF finding carries it");
    }
}
