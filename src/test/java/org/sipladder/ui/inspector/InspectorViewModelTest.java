package org.sipladder.ui.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.capture.Endpoint;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.sip.Sdp;
import org.sipladder.sip.SdpMedia;
import org.sipladder.sip.SipMessage;
import org.sipladder.ui.Flows;
import org.sipladder.ui.calls.TimeFormat;

class InspectorViewModelTest {

    private static final String INVITE = "INVITE sip:4991874350352@lk.sip.livekit.cloud SIP/2.0\r\n"
            + "User-Agent: Jambonz\r\n"
            + "Via: SIP/2.0/UDP 172.20.11.236:5060;branch=z9hG4bK1\r\n"
            + "Proxy-Authorization: Digest username=\"jambonz\", response=\"6629fae49393a05397450978507c4ef1\"\r\n"
            + "From: <sip:+493023125417@172.20.11.236>;tag=Q\r\n"
            + "To: <sip:4991874350352@lk.sip.livekit.cloud>\r\n"
            + "Call-ID: b-leg\r\nCSeq: 19862415 INVITE\r\nX-CID: a-leg\r\nContact: <sip:172.20.11.236:5060>\r\n"
            + "Content-Length: 0\r\n\r\n";

    private final List<String> copied = new ArrayList<>();
    private final InspectorViewModel viewModel = new InspectorViewModel(new TimeFormat(ZoneOffset.UTC), copied::add,
            InspectorViewModelTest::judged);

    @Test
    void importantHeadersComeFirstAndCredentialsAreOnlyPresentOrAbsent() {
        show(INVITE, Flows.SBC, new Endpoint("129.158.233.108", 5060), null);

        List<String> names = viewModel.headers().stream().map(HeaderRow::name).toList();
        assertEquals(List.of("Request-URI", "From", "To", "Call-ID", "CSeq", "Via", "Contact", "X-CID",
                "Proxy-Authorization", "User-Agent", "Content-Length"), names);
        assertEquals("present", viewModel.headers().get(8).value());
        assertFalse(viewModel.rawTextProperty().get().contains("6629fae4"));
        assertTrue(viewModel.rawTextProperty().get().contains("Proxy-Authorization: (credentials hidden)"));
        assertTrue(viewModel.summaryProperty().get().startsWith("Frame 7 · 22:13:20.007000 · 172.20.11.236:5060 → 129.158.233.108:5060 UDP"));

        viewModel.copyRawMessage();
        assertEquals(List.of(viewModel.rawTextProperty().get()), copied);
    }

    @Test
    void proxyAuthorizationIsReportedAbsentOnARequestAnswered407() {
        String bare = INVITE.replaceAll("Proxy-Authorization: [^\r]*\r\n", "");
        showInCall(bare, 407, "Proxy Authentication Required");
        assertEquals(List.of("Proxy-Authorization: absent"), credentialRows());
        // a response carries no credentials: no row that says so
        assertTrue(InspectorViewModel.headerRows(Flows.message(2, Flows.CARRIER, Flows.SBC, "SIP/2.0 401 Unauthorized\r\nVia: SIP/2.0/UDP "
                + "10.0.2.4:5060;branch=z9hG4bK1\r\nFrom: <sip:a@10.0.2.15>;tag=1\r\nTo: <sip:b@10.0.2.15>;tag=2\r\n"
                + "Call-ID: x\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n", null), java.util.Set.of()).stream()
                .noneMatch(h -> h.name().endsWith("Authorization")));
    }

    @Test
    void anAuthorizationHeaderShowsWithTheImportantOnesAndNoAbsentProxyAuthorizationAboveIt() {
        // a REGISTER answered 401 sends Authorization (RFC 3261 22.2): it was listed low, under a
        // "Proxy-Authorization: absent" that no one had asked for
        String register = INVITE.replace("INVITE sip:4991874350352@lk.sip.livekit.cloud", "REGISTER sip:lk.sip.livekit.cloud")
                .replace("19862415 INVITE", "2 REGISTER")
                .replaceAll("Proxy-Authorization: [^\r]*\r\n", "")
                .replace("Content-Length: 0", "Authorization: Digest username=\"1001\", response=\"ab\"\r\nContent-Length: 0");
        showInCall(register, 401, "Unauthorized");
        List<String> names = viewModel.headers().stream().map(HeaderRow::name).toList();
        assertEquals(List.of("Request-URI", "From", "To", "Call-ID", "CSeq", "Via", "Contact", "X-CID",
                "Authorization", "User-Agent", "Content-Length"), names);
        assertEquals(List.of("Authorization: present"), credentialRows());
    }

    @Test
    void anInviteWithAuthorizationAnswered407ShowsTheProxyAuthorizationItLacksRightBelow() {
        // LiveKit reads Proxy-Authorization only: the Authorization sent instead is the mistake to see
        String invite = INVITE.replace("Proxy-Authorization:", "Authorization:");
        showInCall(invite, 407, "Unauthorized");
        List<String> names = viewModel.headers().stream().map(HeaderRow::name).toList();
        assertEquals(List.of("Request-URI", "From", "To", "Call-ID", "CSeq", "Via", "Contact", "X-CID",
                "Authorization", "Proxy-Authorization", "User-Agent", "Content-Length"), names);
        assertEquals(List.of("Authorization: present", "Proxy-Authorization: absent"), credentialRows());
    }

    @Test
    void aRequestNobodyChallengedSaysNothingAboutCredentials() {
        String bare = INVITE.replaceAll("Proxy-Authorization: [^\r]*\r\n", "");
        showInCall(bare, 200, "OK");
        assertEquals(List.of(), credentialRows());
        String bye = bare.replace("INVITE sip:", "BYE sip:").replace("19862415 INVITE", "19862416 BYE");
        show(bye, Flows.SBC, Flows.CARRIER, null);
        assertEquals(List.of(), credentialRows());
    }

    /** Shows {@code request} in a call where it was answered {@code status}. */
    private void showInCall(String request, int status, String reason) {
        String cseq = request.lines().filter(l -> l.startsWith("CSeq:")).findFirst().orElseThrow();
        String response = "SIP/2.0 " + status + " " + reason + "\r\nVia: SIP/2.0/UDP 172.20.11.236:5060;branch=z9hG4bK1\r\n"
                + "Call-ID: b-leg\r\n" + cseq + "\r\nContent-Length: 0\r\n\r\n";
        FlowMessage sent = new FlowMessage(Flows.message(7, Flows.SBC, Flows.CARRIER, request, null), 0, false, "t1");
        FlowMessage answer = new FlowMessage(Flows.message(8, Flows.CARRIER, Flows.SBC, response, null), 0, false, "t1");
        CallFlow call = Flows.call("b-leg", "+493023125417", "4991874350352", status, reason);
        viewModel.callProperty().set(new CallFlow(call.id(), call.legs(), call.hops(), List.of(sent, answer),
                call.joinEvidence(), call.timings()));
        viewModel.messageProperty().set(sent);
    }

    private List<String> credentialRows() {
        return viewModel.headers().stream().filter(h -> h.name().endsWith("Authorization"))
                .map(h -> h.name() + ": " + h.value()).toList();
    }

    @Test
    void privateMediaAddressIsFlaggedOnlyWhenThePeerIsPublic() {
        Sdp sdp = new Sdp("- 1 1 IN IP4 172.20.11.236", "172.20.11.236",
                List.of(new SdpMedia("audio", 40000, "RTP/AVP", List.of("0 PCMU/8000", "8 PCMA/8000"), null, null)));

        show(INVITE, Flows.SBC, new Endpoint("129.158.233.108", 5060), sdp);
        SdpRow row = viewModel.sdp().get(0);
        assertEquals("audio 40000 RTP/AVP", row.media());
        assertEquals("0 PCMU/8000, 8 PCMA/8000", row.codecs());
        assertEquals("sendrecv", row.direction());
        assertTrue(row.flagged(), row.toString());

        show(INVITE, Flows.SBC, new Endpoint("10.1.2.3", 5060), sdp);
        assertFalse(viewModel.sdp().get(0).flagged());
    }

    @Test
    void clearingTheSelectionEmptiesTheInspector() {
        show(INVITE, Flows.SBC, Flows.CARRIER, null);
        viewModel.messageProperty().set(null);
        assertTrue(viewModel.headers().isEmpty());
        assertEquals("", viewModel.rawTextProperty().get());
        viewModel.copyRawMessage();
        assertTrue(copied.isEmpty());
    }

    /** Stands in for the full parser: flags messages without a Max-Forwards header, as a judge would flag anything. */
    private static SipMessage judged(SipMessage m) {
        boolean bad = m.isRequest() && m.header("Max-Forwards") == null;
        return new SipMessage(m.frame(), m.timestampMicros(), m.src(), m.dst(), m.transport(), m.method(), m.requestUri(),
                m.status(), m.reason(), m.headers(), m.body(), m.sdp(), m.raw(), bad, bad ? "Max-Forwards missing" : null);
    }

    @Test
    void whatTheFullParserFoundWrongIsAPropertyOfItsOwn() {
        // the summary is one line that gives way to the controls: a reason at its end was cut to "malfor..."
        show(INVITE, Flows.SBC, Flows.CARRIER, null);
        assertTrue(viewModel.summaryProperty().get().endsWith("· malformed"), viewModel.summaryProperty().get());
        assertEquals("Malformed: Max-Forwards missing", viewModel.problemProperty().get());
        viewModel.messageProperty().set(null);
        assertEquals("", viewModel.problemProperty().get());
    }

    private void show(String text, Endpoint src, Endpoint dst, Sdp sdp) {
        viewModel.messageProperty().set(new FlowMessage(Flows.message(7, src, dst, text, sdp), 1, false, "k"));
    }
}
