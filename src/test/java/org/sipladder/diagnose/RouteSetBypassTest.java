package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.capture.Endpoint;
import org.sipladder.flow.FlowBuilder;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.sip.SipMessage;

/**
 * An in-dialog request sent around the route set the 2xx set up (RFC 3261 12.2.1.1): when it fails, the finding
 * names the skipped proxy as the cause; through the proxy, or with a route entry named by host name, it does not.
 */
class RouteSetBypassTest {

    private static final String CALLER = "203.0.113.10";
    private static final String PROXY = "198.51.100.30";
    private static final String CALLEE = "198.51.100.20";

    private final List<SipMessage> messages = new ArrayList<>();

    private void add(double seconds, String src, String dst, String text) {
        messages.add(TestCall.parse(messages.size() + 1, 1_795_011_787_000_000L + Math.round(seconds * 1e6),
                new Endpoint(src, 5060), new Endpoint(dst, 5060), text));
    }

    private static String message(String start, String via, boolean fromCaller, boolean toTag, String cseq,
                                  String... extra) {
        String caller = "<sip:4930111@" + CALLER + ">;tag=fc";
        String callee = "<sip:4940222@" + CALLEE + ">" + (toTag ? ";tag=tc" : "");
        return start + "\r\n" + via + "Max-Forwards: 70\r\nFrom: " + (fromCaller ? caller : callee) + "\r\nTo: "
                + (fromCaller ? callee : caller) + "\r\nCall-ID: rr-1\r\nCSeq: " + cseq + "\r\n" + String.join("", extra)
                + "Content-Length: 0\r\n\r\n";
    }

    private static String via(String host, String branch) {
        return "Via: SIP/2.0/UDP " + host + ":5060;branch=z9hG4bK" + branch + "\r\n";
    }

    /** INVITE caller -> proxy -> callee, answered 200 OK with Record-Route {@code rr}, relayed back. */
    private void answered(String rr) {
        String inv = "INVITE sip:4940222@" + CALLEE + " SIP/2.0";
        String contact = "Contact: <sip:4930111@" + CALLER + ":5060>\r\n";
        add(0, CALLER, PROXY, message(inv, via(CALLER, "i1"), true, false, "1 INVITE", contact));
        String twoVias = via(PROXY, "i2") + via(CALLER, "i1");
        add(0.01, PROXY, CALLEE, message(inv, twoVias, true, false, "1 INVITE", contact, "Record-Route: " + rr + "\r\n"));
        String ok = "Record-Route: " + rr + "\r\nContact: <sip:" + CALLEE + ":5060>\r\n";
        add(1, CALLEE, PROXY, message("SIP/2.0 200 OK", twoVias, true, true, "1 INVITE", ok));
        add(1.01, PROXY, CALLER, message("SIP/2.0 200 OK", via(CALLER, "i1"), true, true, "1 INVITE", ok));
    }

    private void ackThroughProxy() {
        String ack = "ACK sip:" + CALLEE + ":5060 SIP/2.0";
        add(1.02, CALLER, PROXY, message(ack, via(CALLER, "a1"), true, true, "1 ACK", "Route: <sip:" + PROXY + ";lr>\r\n"));
        add(1.03, PROXY, CALLEE, message(ack, via(PROXY, "a2") + via(CALLER, "a1"), true, true, "1 ACK"));
    }

    /** The callee's BYE straight to the caller, answered 481. */
    private void directByeRefused() {
        String bye = message("BYE sip:4930111@" + CALLER + ":5060 SIP/2.0", via(CALLEE, "b1"), false, true, "5 BYE");
        add(10, CALLEE, CALLER, bye);
        add(10.01, CALLER, CALLEE, SipTexts.response(bye, 481, "Call/Transaction Does Not Exist"));
    }

    private Finding only(FindingCode code) {
        Diagnosis d = DiagnosisEngine.standard().diagnose(new FlowBuilder().build(messages), LiveKitConfig.empty());
        List<Finding> found = d.withCode(code);
        assertEquals(1, found.size(), d.findings().toString());
        return found.get(0);
    }

    private static String facts(Finding f) {
        return String.join("\n", f.evidence().facts());
    }

    @Test
    void byeAroundTheProxyAnswered481NamesTheSkippedProxy() {
        answered("<sip:" + PROXY + ";lr>");
        ackThroughProxy();
        directByeRefused();
        Finding f = only(FindingCode.SIP_DIALOG_NOT_FOUND);
        assertTrue(f.explanation().contains("went around the route set"), f.explanation());
        assertTrue(facts(f).contains(CALLEE + " had to send the BYE to " + PROXY + " first, but sent it straight to "
                + CALLER + ":5060"), facts(f));
        assertTrue(f.fix().steps().get(0).contains("honour Record-Route"), f.fix().steps().toString());
    }

    @Test
    void byeThroughTheProxyAnswered481IsNoBypass() {
        answered("<sip:" + PROXY + ";lr>");
        ackThroughProxy();
        String bye = message("BYE sip:4930111@" + CALLER + ":5060 SIP/2.0", via(CALLEE, "b1"), false, true, "5 BYE",
                "Route: <sip:" + PROXY + ";lr>\r\n");
        add(10, CALLEE, PROXY, bye);
        String onward = message("BYE sip:4930111@" + CALLER + ":5060 SIP/2.0", via(PROXY, "b2") + via(CALLEE, "b1"),
                false, true, "5 BYE");
        add(10.01, PROXY, CALLER, onward);
        add(10.02, CALLER, PROXY, SipTexts.response(onward, 481, "Call/Transaction Does Not Exist"));
        add(10.03, PROXY, CALLEE, SipTexts.response(bye, 481, "Call/Transaction Does Not Exist"));
        Diagnosis d = DiagnosisEngine.standard().diagnose(new FlowBuilder().build(messages), LiveKitConfig.empty());
        assertFalse(d.withCode(FindingCode.SIP_DIALOG_NOT_FOUND).isEmpty(), d.findings().toString());
        for (Finding f : d.withCode(FindingCode.SIP_DIALOG_NOT_FOUND)) {
            assertFalse(f.explanation().contains("went around the route set"), f.explanation());
        }
    }

    @Test
    void routeEntryByHostNameProvesNothing() {
        answered("<sip:proxy.example.net;lr>");
        ackThroughProxy();
        directByeRefused();
        assertFalse(only(FindingCode.SIP_DIALOG_NOT_FOUND).explanation().contains("went around the route set"));
    }

    @Test
    void byeAroundTheProxyNeverAnsweredNamesTheSkippedProxy() {
        answered("<sip:" + PROXY + ";lr>");
        ackThroughProxy();
        String bye = message("BYE sip:4930111@" + CALLER + ":5060 SIP/2.0", via(CALLEE, "b1"), false, true, "5 BYE");
        for (double t : new double[] {10, 10.5, 11.5, 13.5}) {
            add(t, CALLEE, CALLER, bye);
        }
        Finding f = only(FindingCode.SIP_IN_DIALOG_NO_RESPONSE);
        assertTrue(f.explanation().contains("went around the route set"), f.explanation());
        assertTrue(facts(f).contains(CALLEE + " had to send the BYE to " + PROXY + " first, but sent it straight to "
                + CALLER + ":5060"), facts(f));
        assertTrue(facts(f).contains("sent 4 times over 3.5 s"), facts(f));
        assertTrue(f.fix().steps().get(0).contains("honour Record-Route"), f.fix().steps().toString());
    }

    @Test
    void ackAroundTheProxyWhileTheAnswerIsRetransmitted() {
        answered("<sip:" + PROXY + ";lr>");
        String ack = "ACK sip:" + CALLEE + ":5060 SIP/2.0";
        add(1.02, CALLER, "198.51.100.99", message(ack, via(CALLER, "a1"), true, true, "1 ACK"));
        String twoVias = via(PROXY, "i2") + via(CALLER, "i1");
        String ok = "Record-Route: <sip:" + PROXY + ";lr>\r\nContact: <sip:" + CALLEE + ":5060>\r\n";
        for (double t : new double[] {1.5, 2.5, 4.5}) {
            add(t, CALLEE, PROXY, message("SIP/2.0 200 OK", twoVias, true, true, "1 INVITE", ok));
        }
        Finding f = only(FindingCode.SIP_ACK_MISSING);
        assertTrue(f.explanation().contains("the ACK went around the route set"), f.explanation());
        assertTrue(facts(f).contains(CALLER + " had to send the ACK to " + PROXY + " first"), facts(f));
    }
}
