package org.sipladder.diagnose;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.Transport;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Hop;
import org.sipladder.flow.Leg;
import org.sipladder.flow.Role;
import org.sipladder.flow.Timings;
import org.sipladder.capture.SipPayload;
import org.sipladder.sip.SipMessage;
import org.sipladder.sip.SipParser;

/** Builds one call flow in test code from SIP texts, one leg per Call-ID, hops with the roles the test gives. */
final class TestCall {

    static final String CARRIER = "89.184.187.124";
    static final String JAMBONZ = "172.20.11.236";
    static final String LIVEKIT = "129.158.233.108";

    private final List<Hop> hops = new ArrayList<>();
    private final List<FlowMessage> messages = new ArrayList<>();
    private final Map<String, Integer> legs = new LinkedHashMap<>();
    private long frame;
    private long time = 1_795_011_787_000_000L;

    /** The usual three hops: carrier, Jambonz, LiveKit. */
    static TestCall carrierJambonzLiveKit() {
        return new TestCall().hop(CARRIER, Role.CARRIER).hop(JAMBONZ, Role.JAMBONZ).hop(LIVEKIT, Role.LIVEKIT);
    }

    /**
     * The usual three hops with a call ringing through them: the carrier's INVITE {@code aInvite} to Jambonz, Jambonz's
     * 100, its INVITE {@code bInvite} to LiveKit, LiveKit's 100 Processing and 180 Ringing, Jambonz's 180.
     */
    static TestCall ringingThroughJambonz(String aInvite, String bInvite) {
        return carrierJambonzLiveKit()
                .send(CARRIER, JAMBONZ, aInvite)
                .send(JAMBONZ, CARRIER, SipTexts.response(aInvite, 100, "Trying"))
                .send(JAMBONZ, LIVEKIT, bInvite)
                .send(LIVEKIT, JAMBONZ, SipTexts.response(bInvite, 100, "Processing"))
                .send(LIVEKIT, JAMBONZ, SipTexts.response(bInvite, 180, "Ringing"))
                .send(JAMBONZ, CARRIER, SipTexts.response(aInvite, 180, "Ringing"));
    }

    TestCall hop(String address, Role role) {
        hops.add(new Hop(address, role, role.displayName() + " " + address, List.of()));
        return this;
    }

    /** Adds a message sent from {@code src} to {@code dst} (port 5060), 10 ms after the previous one. */
    TestCall send(String src, String dst, String text) {
        SipMessage m = parse(++frame, time += 10_000, new Endpoint(src, 5060), new Endpoint(dst, 5060), text);
        int leg = legs.computeIfAbsent(m.callId(), k -> legs.size());
        messages.add(new FlowMessage(m, leg, false, m.callId() + " " + m.cseq()));
        return this;
    }

    /** Lets {@code seconds} pass before the next message. */
    TestCall after(long seconds) {
        time += seconds * 1_000_000L;
        return this;
    }

    /** Adds a retransmission of {@code text} (sent again from {@code src} to {@code dst}, 500 ms later). */
    TestCall resend(String src, String dst, String text) {
        return again(src, dst, text, 500_000);
    }

    /**
     * Adds {@code text} captured a second time 1 ms later (the one packet seen on two interfaces): the flow marks it a
     * retransmission, as it marks every repeat of a message.
     */
    TestCall duplicate(String src, String dst, String text) {
        return again(src, dst, text, 1_000);
    }

    /** Adds {@code text} again, {@code afterMicros} after the previous message, marked a retransmission. */
    private TestCall again(String src, String dst, String text, long afterMicros) {
        SipMessage m = parse(++frame, time += afterMicros, new Endpoint(src, 5060), new Endpoint(dst, 5060), text);
        messages.add(new FlowMessage(m, legs.get(m.callId()), true, m.callId() + " " + m.cseq()));
        return this;
    }

    CallFlow flow() {
        List<Leg> legList = new ArrayList<>();
        legs.forEach((callId, index) -> legList.add(leg(index, callId)));
        return new CallFlow(legList.get(0).callId(), legList, List.copyOf(hops), List.copyOf(messages),
                legList.size() > 1 ? List.of("X-CID of the second leg names the first leg's Call-ID") : List.of(),
                new Timings(null, null, null, null));
    }

    private Leg leg(int index, String callId) {
        List<SipMessage> of = messages.stream().filter(m -> m.legIndex() == index).map(FlowMessage::message).toList();
        SipMessage first = of.get(0);
        // the dialog's method: INVITE when it has one, else its first message's (as the flow engine names it)
        String method = of.stream().anyMatch(m -> "INVITE".equals(m.cseqMethod())) ? "INVITE" : first.cseqMethod();
        // as the flow builder: the answer to the last dialog-opening request (no To tag), not to a later re-INVITE
        SipMessage opening = of.stream().filter(m -> m.isRequest() && method.equals(m.method()) && !m.hasToTag())
                .reduce((a, b) -> b).orElse(null);
        SipMessage fin = of.stream().filter(m -> !m.isRequest() && m.status() >= 200 && method.equals(m.cseqMethod())
                        && (opening == null || m.cseqNumber() == opening.cseqNumber()))
                .reduce((a, b) -> b).orElse(null);
        return new Leg(index, callId, first.header("From"), first.header("To"), first.requestUri(), first.frame(),
                of.get(of.size() - 1).frame(), fin == null ? 0 : fin.status(), fin == null ? null : fin.reason(), of.size(),
                true, method);
    }

    private static final SipParser PARSER = new SipParser();

    /** Parses a test text with the product's own SIP parser. */
    static SipMessage parse(long frame, long micros, Endpoint src, Endpoint dst, String text) {
        return PARSER.parse(new SipPayload(frame, micros, src, dst, Transport.UDP, text.getBytes(StandardCharsets.US_ASCII)))
                .orElseThrow(() -> new IllegalArgumentException("not SIP: " + text));
    }
}
