package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.sipladder.diagnose.TestCall.JAMBONZ;
import static org.sipladder.diagnose.TestCall.LIVEKIT;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.media.CaptureMedia;
import org.sipladder.sip.Sdp;

/**
 * A sender repeats its private addresses in most messages: the finding lists each leak once, in the order first
 * seen, and every leaking message; and the codecs of an SDP are each named once, in order of first mention.
 */
class PrivateAddressFactsTest {

    private static final String URI = "sip:4991874350352@project-1z3kctsj.sip.livekit.cloud";

    @Test
    void eachLeakIsListedOnceInTheOrderFirstSeen() {
        String invite = SipTexts.invite("call-leaks", URI, "+493023125417", JAMBONZ, SipTexts.SDP_G711);
        // the same leaks again, then other SDP addresses: one differs from a known one only by a last digit
        String retry = SipTexts.retry(invite, 2);
        String other = SipTexts.retry(invite, 3).replace("c=IN IP4 " + JAMBONZ, "c=IN IP4 10.1.1.10")
                .replace("RTP/AVP 8 0 101\r\n", "RTP/AVP 8 0 101\r\nm=video 5000 RTP/AVP 96\r\nc=IN IP4 10.2.2.2\r\n"
                        + "m=video 5002 RTP/AVP 96\r\nc=IN IP4 10.2.2.2\r\n");
        String shorter = SipTexts.retry(invite, 4).replace("c=IN IP4 " + JAMBONZ, "c=IN IP4 10.1.1.1");
        CallFlow flow = TestCall.carrierJambonzLiveKit().send(JAMBONZ, LIVEKIT, invite).send(JAMBONZ, LIVEKIT, retry)
                .send(JAMBONZ, LIVEKIT, other).send(JAMBONZ, LIVEKIT, shorter).flow();
        List<Finding> findings = new PrivateAddressCheck().findings(
                new DiagnosisContext(List.of(flow), LiveKitConfig.empty(), List.of()));

        assertEquals(1, findings.size());
        Evidence evidence = findings.get(0).evidence();
        assertEquals(List.of(1L, 2L, 3L, 4L), evidence.frames());
        assertEquals(List.of("Contact <sip:" + JAMBONZ + ":5060>", "Via sent-by " + JAMBONZ,
                "SDP c= " + JAMBONZ + " (media address)", "SDP c= 10.1.1.10 (media address)", "SDP video c= 10.2.2.2",
                "SDP c= 10.1.1.1 (media address)", JAMBONZ + " sends to public peer " + LIVEKIT), evidence.facts());
    }

    @Test
    void theNatAddressIsTheFirstViaReceivedForTheRoutingAndTheRule() {
        // LiveKit's routing and the rule ask the same responses' Via received= through one memo, in this order
        String invite = SipTexts.invite("call-nat", URI, "+493023125417", JAMBONZ, SipTexts.SDP_G711);
        String ringing = SipTexts.response(invite, 180, "Ringing").replace(";rport;", ";rport=5060;received=198.51.100.9;");
        String ok = SipTexts.response(invite, 200, "OK").replace(";rport;", ";rport=5060;received=198.51.100.10;");
        CallFlow flow = TestCall.carrierJambonzLiveKit().send(JAMBONZ, LIVEKIT, invite)
                .send(LIVEKIT, JAMBONZ, SipTexts.response(invite, 100, "Processing")).send(LIVEKIT, JAMBONZ, ringing)
                .send(LIVEKIT, JAMBONZ, ok).flow();
        CallMemo memo = new CallMemo();
        List<LiveKitRouting> routings = new LiveKitRoutings(LiveKitConfig.empty(), new DiagnosisSettings(null, null))
                .of(List.of(flow), memo);
        assertEquals(1, routings.size());
        assertEquals("198.51.100.9", routings.get(0).invite().sourceIp());
        List<Finding> findings = new PrivateAddressCheck().findings(new DiagnosisContext(List.of(flow),
                LiveKitConfig.empty(), routings, CaptureMedia.none(), CallsSeen.of(routings), false, memo));
        assertEquals(1, findings.size());
        assertEquals("The peer saw the packets come from 198.51.100.9 (Via received=): " + JAMBONZ + " is behind NAT",
                findings.get(0).evidence().facts().get(findings.get(0).evidence().facts().size() - 1));
        // asked again of the same memo: the same answers
        assertEquals("198.51.100.9", memo.viaReceived(flow.messages().get(2).message()));
        assertEquals("198.51.100.10", memo.viaReceived(flow.messages().get(3).message()));
        assertNull(memo.viaReceived(flow.messages().get(1).message()));
    }

    @Test
    void codecsAreNamedOnceInOrderOfFirstMention() {
        Sdp sdp = Sdp.parse("v=0\r\nc=IN IP4 1.2.3.4\r\nm=audio 4000 RTP/AVP 8 0 8 101 9\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=rtpmap:9 pcma/8000\r\nm=audio 0 RTP/AVP 18\r\n"
                + "m=audio 4002 RTP/AVP 18 0\r\n");
        assertEquals(List.of("PCMA", "PCMU", "G729"), NoCommonCodecCheck.audioCodecs(sdp));
    }
}
