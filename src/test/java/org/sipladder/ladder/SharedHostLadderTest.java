package org.sipladder.ladder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.SipPayload;
import org.sipladder.capture.Transport;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowBuilder;
import org.sipladder.media.RtpStream;
import org.sipladder.sip.SipMessage;
import org.sipladder.sip.SipParser;

/** A call between two ports of one address (SIPp's uac and uas on loopback) is drawn on a column per party. */
class SharedHostLadderTest {

    private static final LadderStyle STYLE = LadderStyle.standard();
    private static final long T0 = 1_700_000_000_000_000L;
    private static final Endpoint UAC = new Endpoint("127.0.0.1", 5061);
    private static final Endpoint UAS = new Endpoint("127.0.0.1", 5060);

    private final SipParser parser = new SipParser();
    private final List<SipMessage> messages = new ArrayList<>();

    private void send(Endpoint src, Endpoint dst, String startLine, String toTag, String cseq, int rtpPort) {
        String sdp = rtpPort == 0 ? "" : "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + rtpPort + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
        String text = startLine + "\r\nVia: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-" + cseq.replace(' ', '-')
                + "\r\nFrom: <sip:sipp@127.0.0.1:5061>;tag=1\r\nTo: <sip:service@127.0.0.1:5060>"
                + (toTag == null ? "" : ";tag=" + toTag) + "\r\nCall-ID: 1-lo@127.0.0.1\r\nCSeq: " + cseq + "\r\n"
                + (sdp.isEmpty() ? "" : "Content-Type: application/sdp\r\n") + "Content-Length: " + sdp.length()
                + "\r\n\r\n" + sdp;
        SipPayload p = new SipPayload(messages.size() + 1, T0 + messages.size() * 1000L, src, dst, Transport.UDP,
                text.getBytes(StandardCharsets.UTF_8));
        messages.add(parser.parse(p).orElseThrow());
    }

    private CallFlow loopbackCall() {
        send(UAC, UAS, "INVITE sip:service@127.0.0.1:5060 SIP/2.0", null, "1 INVITE", 6000);
        send(UAS, UAC, "SIP/2.0 100 Processing", null, "1 INVITE", 0);
        send(UAS, UAC, "SIP/2.0 200 OK", "SCL_1", "1 INVITE", 6002);
        send(UAC, UAS, "ACK sip:service@127.0.0.1:5060 SIP/2.0", "SCL_1", "1 ACK", 0);
        return new FlowBuilder().build(messages).get(0);
    }

    private static LadderStream stream(int id, int fromPort, int toPort) {
        return new LadderStream(id, "127.0.0.1", "127.0.0.1", T0 + 5_000, T0 + 30_000_000, "RTP PCMU", "", List.of(),
                fromPort, toPort);
    }

    @Test
    void eachPartyOfALoopbackCallHasAColumnTitledWithItsPortAndArrowsRunBetweenThem() {
        LadderLayout layout = LadderLayout.of(loopbackCall(), STYLE);

        assertEquals(2, layout.columns().size());
        assertEquals(List.of("SIP endpoint", "127.0.0.1:5061", "LiveKit", "127.0.0.1:5060"),
                List.of(layout.column(0).title().text(), layout.column(0).subtitle().text(),
                        layout.column(1).title().text(), layout.column(1).subtitle().text()));
        for (int i = 0; i < layout.rowCount(); i++) {
            LadderArrow arrow = layout.row(i).arrow();
            boolean request = layout.row(i).message().message().isRequest();
            assertEquals(List.of(request ? 0 : 1, request ? 1 : 0), List.of(arrow.fromColumn(), arrow.toColumn()),
                    "row " + i);
        }
    }

    @Test
    void rtpOfEachPartyLandsOnTheColumnOfThePartyWhoseSdpAnnouncedItsPort() {
        LadderLayout layout = LadderLayout.of(loopbackCall(), List.of(stream(0, 6002, 6000), stream(1, 6000, 6002)),
                STYLE);

        assertEquals(2, layout.columns().size(), "no column of its own for media of a party's own host");
        StreamArrow back = layout.streamRows().stream().filter(r -> r.stream().id() == 0).findFirst().orElseThrow()
                .arrow();
        StreamArrow forth = layout.streamRows().stream().filter(r -> r.stream().id() == 1).findFirst().orElseThrow()
                .arrow();
        assertEquals(List.of(1, 0, 0, 1), List.of(back.fromColumn(), back.toColumn(), forth.fromColumn(),
                forth.toColumn()));
    }

    @Test
    void rtpFromAPortNoSdpAnnouncedGoesToThePartyTheOtherEndsSdpWasSentTo() {
        // the uas sends from 7000 (asymmetric RTP) to the uac's announced 6000, which the uac's INVITE told it
        StreamRow row = loopbackStream(7000, 6000);

        assertEquals(List.of(1, 0), List.of(row.arrow().fromColumn(), row.arrow().toColumn()));
        assertEquals("RTP PCMU \u00b7 500 pkts", row.stream().label());
    }

    @Test
    void rtpBetweenPortsNoSdpExplainsStaysOnTheFirstPartyAndItsLabelSaysWhichPorts() {
        StreamRow row = loopbackStream(7000, 7002);

        assertEquals(List.of(0, 0), List.of(row.arrow().fromColumn(), row.arrow().toColumn()));
        assertEquals("RTP PCMU \u00b7 500 pkts \u00b7 from 127.0.0.1:7000 \u00b7 to 127.0.0.1:7002",
                row.stream().label());
    }

    /** The loopback call laid out with one stream of 500 packets from 127.0.0.1:{@code from} to :{@code to}. */
    private StreamRow loopbackStream(int from, int to) {
        CallFlow flow = loopbackCall();
        RtpStream s = LadderStreamsTest.stream(500, new Endpoint("127.0.0.1", from), new Endpoint("127.0.0.1", to));
        return LadderLayout.of(flow, LadderStreams.of(List.of(s), flow), STYLE).streamRows().get(0);
    }
}
