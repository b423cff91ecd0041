package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;

/**
 * Which REFER a NOTIFY reports on, by the id of its Event header. LiveKit's own REFER as livekit/sip reads it
 * (pkg/sip/protocol.go handleNotify, handleReferNotify): "refer" with an id of 0, or none, reports on any REFER, and
 * another id must be the REFER's CSeq, read as a number. Any other REFER as RFC 3515 2.4.6 says: the id is the REFER's
 * CSeq, and a NOTIFY without one reports on the dialog's first REFER.
 */
class ReferNotifyIdTest {

    private static final String CARRIER = TestCall.CARRIER;
    private static final String JAMBONZ = TestCall.JAMBONZ;

    private static List<Finding> transferFailures(CallFlow flow) {
        return DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty())
                .withCode(FindingCode.SIP_TRANSFER_FAILED);
    }

    @ParameterizedTest(name = "Event: {0}")
    @CsvSource({"refer;id=0, true", "refer, true", "refer;id=2, true", "Refer;ID=002, true", "refer;id=7, false",
        "refer;id=99999999999, false", "refer; id=2, false"})
    void aNotifyReportsOnLiveKitsReferAsLiveKitReadsItsId(String event, boolean reports) {
        // LiveKit's REFER has CSeq 2; the NOTIFY says the target was busy. One LiveKit skips leaves the transfer
        // undecided when the capture ends (a warning that says so)
        List<Finding> found = transferFailures(FindingRulesTest.liveKitTransferNotifying("Event: " + event,
                "202 Accepted", "SIP/2.0 486 Busy Here\r\n").flow());

        assertEquals(1, found.size(), found.toString());
        assertEquals(reports, found.get(0).title().contains("486 Busy Here"), found.get(0).title());
    }

    /** A request of the answered carrier-Jambonz dialog "rfc-1" from {@code from} to the other. */
    private static String inDialog(String method, int cseq, String from, String body, String... extra) {
        String to = from.equals(JAMBONZ) ? CARRIER : JAMBONZ;
        StringBuilder t = new StringBuilder(method + " sip:peer@" + to + ":5060 SIP/2.0\r\nVia: SIP/2.0/UDP " + from
                + ":5060;branch=z9hG4bKrfc" + method + cseq + "\r\nFrom: <sip:" + from + ">;tag=" + tag(from)
                + "\r\nTo: <sip:" + to + ">;tag=" + tag(to) + "\r\nCall-ID: rfc-1\r\nCSeq: " + cseq + " " + method
                + "\r\n");
        for (String e : extra) {
            t.append(e).append("\r\n");
        }
        return t.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body).toString();
    }

    private static String tag(String host) {
        return host.equals(JAMBONZ) ? "j1" : "c1";
    }

    /**
     * The carrier's call answered by Jambonz, which transfers it with a REFER of each CSeq in {@code refers} (each
     * accepted 202); then the carrier's NOTIFY with {@code event} reporting the target busy.
     */
    private static CallFlow transferredByJambonz(String event, int... refers) {
        String invite = SipTexts.invite("rfc-1", "sip:+4930111@" + JAMBONZ, "+4930555", CARRIER, SipTexts.SDP_G711);
        TestCall call = TestCall.carrierJambonzLiveKit().send(CARRIER, JAMBONZ, invite)
                .send(JAMBONZ, CARRIER, SipTexts.response(invite, 200, "OK", SipTexts.sdp(JAMBONZ, "8 PCMA/8000")))
                .send(CARRIER, JAMBONZ, inDialog("ACK", 1, CARRIER, ""));
        for (int cseq : refers) {
            String refer = inDialog("REFER", cseq, JAMBONZ, "", "Refer-To: <sip:+4930777@carrier>");
            call.send(JAMBONZ, CARRIER, refer).send(CARRIER, JAMBONZ, SipTexts.response(refer, 202, "Accepted"));
        }
        String notify = inDialog("NOTIFY", 2, CARRIER, "SIP/2.0 486 Busy Here\r\n", "Event: " + event,
                "Content-Type: message/sipfrag");
        return call.send(CARRIER, JAMBONZ, notify).send(JAMBONZ, CARRIER, SipTexts.response(notify, 200, "OK")).flow();
    }

    @ParameterizedTest(name = "Event: {0}")
    @CsvSource({"refer;id=0, false", "refer, true", "refer;id=2, true", "refer ; id = 2, true", "refer;id=3, false",
        "dialog, false"})
    void aNotifyReportsOnAnotherPartysReferAsRfc3515Says(String event, boolean reports) {
        List<Finding> found = transferFailures(transferredByJambonz(event, 2));

        assertEquals(reports ? 1 : 0, found.size(), found.toString());
    }

    @ParameterizedTest(name = "Event: {0}")
    @CsvSource({"refer;id=4, 6", "refer, 4"})
    void ofTwoRefersInADialogTheNotifyReportsOnTheOneItsIdNamesOrElseTheFirst(String event, long referFrame) {
        // the REFERs have CSeq 2 (frame 4) and 4 (frame 6)
        List<Finding> found = transferFailures(transferredByJambonz(event, 2, 4));

        assertEquals(1, found.size(), found.toString());
        assertEquals(referFrame, found.get(0).evidence().frames().get(0), found.get(0).toString());
    }
}
