package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sipladder.diagnose.TestCall.CARRIER;
import static org.sipladder.diagnose.TestCall.JAMBONZ;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;

/** A rejection's fix step names a product's own tells only when the hop that answered plays that product's role. */
class PeerChecksTest {

    /** {@code from} calls {@code to}, which answers 480 itself. */
    private static String fixOf480(String from, String to) {
        String invite = SipTexts.invite("call-480", "sip:+4930123456@" + to, "+4917612345678", from, SipTexts.SDP_G711);
        CallFlow flow = TestCall.carrierJambonzLiveKit().send(from, to, invite)
                .send(to, from, SipTexts.response(invite, 100, "Trying"))
                .send(to, from, SipTexts.response(invite, 480, "Temporarily Unavailable")).flow();
        Finding f = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty())
                .withCode(FindingCode.SIP_CALL_REJECTED).get(0);
        return f.fix().steps().get(0);
    }

    @Test
    void jambonzs480PointsToItsXReasonHeader() {
        assertEquals("Check that the destination is registered or routable at the peer; with Jambonz, look at the "
                + "X-Reason header and the application's logs.", fixOf480(CARRIER, JAMBONZ));
    }

    @Test
    void aCarriers480DoesNotMentionJambonz() {
        assertEquals("Check that the destination is registered or routable at the peer, and the peer's logs for why it "
                + "declined.", fixOf480(JAMBONZ, CARRIER));
    }
}
