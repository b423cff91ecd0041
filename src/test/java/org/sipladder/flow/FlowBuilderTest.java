package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.flow.Dialogue.request;
import static org.sipladder.flow.Dialogue.response;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowBuilderTest {

    static final String CARRIER = "89.184.187.124:5060";
    static final String JAMBONZ = "172.20.11.236:5060";
    static final String LIVEKIT = "129.158.233.108:5060";
    static final String A = "a-leg-1@89.184.187.124";
    static final String B = "b-leg-7f3e";
    static final String LIVEKIT_URI = "sip:4991874350352@vocieagentpipelinetest-1z3kctsj.sip.livekit.cloud";

    private final FlowBuilder builder = new FlowBuilder();

    /** The field case: carrier -> Jambonz -> LiveKit, LiveKit answers 100 Processing then 503, Jambonz 603s the carrier. */
    static Dialogue seed(String... bLegExtra) {
        Dialogue d = new Dialogue();
        d.send(0, CARRIER, JAMBONZ, request("INVITE", "sip:91874350352@sip.jambonz.cloud", A, "z9hG4bKa1", 1, null));
        d.send(2, JAMBONZ, CARRIER, response(100, "Trying", "INVITE", A, "z9hG4bKa1", 1, null));
        d.send(40, JAMBONZ, LIVEKIT, request("INVITE", LIVEKIT_URI, B, "z9hG4bKb1", 1, null, bLegExtra));
        d.send(60, LIVEKIT, JAMBONZ, response(100, "Processing", "INVITE", B, "z9hG4bKb1", 1, null));
        d.send(70, JAMBONZ, CARRIER, response(183, "Session Progress", "INVITE", A, "z9hG4bKa1", 1, "j1"));
        d.send(1_560, LIVEKIT, JAMBONZ, response(503, "Try again later", "INVITE", B, "z9hG4bKb1", 1, "SCL_8xkq"));
        d.send(1_561, JAMBONZ, LIVEKIT, request("ACK", LIVEKIT_URI, B, "z9hG4bKb1", 1, "SCL_8xkq"));
        d.send(1_580, JAMBONZ, CARRIER, response(603, "Decline", "INVITE", A, "z9hG4bKa1", 1, "j1"));
        d.send(1_600, CARRIER, JAMBONZ, request("ACK", "sip:91874350352@sip.jambonz.cloud", A, "z9hG4bKa1", 1, "j1"));
        return d;
    }

    @Test
    void seedCaseLegsAreJoinedByXcidWithCarrierJambonzLiveKitHops() {
        List<CallFlow> flows = builder.build(seed("X-CID: " + A).messages());
        assertEquals(1, flows.size());
        CallFlow flow = flows.get(0);
        assertEquals(A, flow.id());
        assertEquals(List.of(A, B), flow.legs().stream().map(Leg::callId).toList());
        assertEquals(List.of("Carrier 89.184.187.124", "Jambonz 172.20.11.236", "LiveKit 129.158.233.108"),
                flow.hops().stream().map(Hop::name).toList());
        assertEquals(List.of(Role.CARRIER, Role.JAMBONZ, Role.LIVEKIT), flow.hops().stream().map(Hop::role).toList());
        Leg a = flow.aLeg();
        assertEquals(603, a.finalStatus());
        assertEquals("Decline", a.finalReason());
        assertEquals("sip:91874350352@sip.jambonz.cloud", a.requestUri());
        assertEquals(1, a.firstFrame());
        assertEquals(9, a.lastFrame());
        assertEquals(5, a.messageCount());
        Leg b = flow.legs().get(1);
        assertEquals(503, b.finalStatus());
        assertEquals("Try again later", b.finalReason());
        assertEquals(LIVEKIT_URI, b.requestUri());
        assertEquals(4, b.messageCount());
        assertEquals(List.of("Frame 3 (Call-ID b-leg-7f3e) carries X-CID: a-leg-1@89.184.187.124, the Call-ID of the leg "
                + "that starts in frame 1."), flow.joinEvidence());
        assertEquals(9, flow.messages().size());
        assertEquals(List.of(0, 0, 1, 1, 0, 1, 1, 0, 0), flow.messages().stream().map(FlowMessage::legIndex).toList());
        assertTrue(flow.failed());
        assertTrue(flow.hasInvite());
    }

    @Test
    void aBLegSeenBeforeTheALegItNamesIsNotTakenForTheCallersLeg() {
        // the B-leg from a second capture whose clock runs 0.8 s behind: it starts first, but its X-CID names the
        // A-leg, the caller's: the call is the A-leg's, its status the 603 the caller got
        CallFlow flow = single(builder.build(bLegFirst(JAMBONZ).messages()));

        assertEquals(A, flow.id());
        assertEquals(List.of(A, B), flow.legs().stream().map(Leg::callId).toList());
        assertEquals(603, flow.aLeg().finalStatus());
        assertEquals(Role.CARRIER, flow.hops().stream().filter(h -> h.name().contains("89.184.187.124")).findFirst()
                .orElseThrow().role());
    }

    @Test
    void aBLegSeenBeforeTheALegItNamesLeavesTheHopsInTheCallsPath() {
        // as above with Jambonz on a public address: the B-leg's INVITE is then the first one captured from a public
        // address, and the carrier was taken for the second side of a two-address LiveKit
        CallFlow flow = single(builder.build(bLegFirst("198.51.100.20:5060").messages()));

        assertEquals(List.of(Role.CARRIER, Role.JAMBONZ, Role.LIVEKIT), flow.hops().stream().map(Hop::role).toList(),
                flow.hops().toString());
        assertEquals(List.of("89.184.187.124", "198.51.100.20", "129.158.233.108"),
                flow.hops().stream().map(Hop::address).toList());
    }

    /** LiveKit refuses a B-leg captured 0.76 s before the A-leg from the carrier that {@code jambonz} continues. */
    private static Dialogue bLegFirst(String jambonz) {
        Dialogue d = new Dialogue();
        d.send(0, jambonz, LIVEKIT, request("INVITE", LIVEKIT_URI, B, "z9hG4bKb1", 1, null, "X-CID: " + A));
        d.send(20, LIVEKIT, jambonz, response(100, "Processing", "INVITE", B, "z9hG4bKb1", 1, null));
        d.send(760, CARRIER, jambonz, request("INVITE", "sip:91874350352@sip.jambonz.cloud", A, "z9hG4bKa1", 1, null));
        d.send(762, jambonz, CARRIER, response(100, "Trying", "INVITE", A, "z9hG4bKa1", 1, null));
        d.send(1_520, LIVEKIT, jambonz, response(486, "Rejected", "INVITE", B, "z9hG4bKb1", 1, "SCL_8xkq"));
        d.send(2_340, jambonz, CARRIER, response(603, "Decline", "INVITE", A, "z9hG4bKa1", 1, "j1"));
        return d;
    }

    @Test
    void seedCaseTimingsAreMeasuredOnTheALeg() {
        Timings t = builder.build(seed("X-CID: " + A).messages()).get(0).timings();
        assertEquals(70_000L, t.postDialDelayMicros());
        assertEquals(2_000L, t.firstProvisionalMicros());
        assertEquals(1_580_000L, t.finalResponseMicros());
        assertNull(t.durationMicros());
    }

    @Test
    void hopEvidenceNamesTheClues() {
        List<Hop> hops = builder.build(seed("X-CID: " + A).messages()).get(0).hops();
        assertEquals(List.of("It sent the first INVITE of the call (frame 1)."), hops.get(0).evidence());
        assertEquals(List.of("It sent X-CID, a header Jambonz adds (frame 3)."), hops.get(1).evidence());
        assertEquals(List.of("It was sent INVITE " + LIVEKIT_URI + ", a LiveKit SIP domain (frame 3).",
                        "It answered 100 Processing, as LiveKit SIP does (frame 4).",
                        "Its To tag SCL_8xkq has LiveKit SIP's SCL_ prefix (frame 6).",
                        "It answered 503 Try again later, as LiveKit SIP words it (frame 6)."),
                hops.get(2).evidence());
    }

    @Test
    void withoutCorrelationHeaderLegsAreJoinedByTimingAndCalledNumber() {
        CallFlow flow = single(builder.build(seed().messages()));
        assertEquals(2, flow.legs().size());
        assertEquals(List.of("The INVITE in frame 3 (Call-ID b-leg-7f3e) was sent by 172.20.11.236 0.040 s after that "
                + "host received the INVITE in frame 1 (Call-ID a-leg-1@89.184.187.124), and both called numbers end "
                + "in 74350352."), flow.joinEvidence());
        // the Jambonz hop has no Jambonz clue left; what it did (received the A-leg, sent the B-leg) makes it a B2BUA
        assertEquals(Role.B2BUA, flow.hops().get(1).role());
    }

    @Test
    void timingJoinEvidenceKeepsTheDigitsAsSent() {
        // leading zeros, and digits that are not ASCII (Character.isDigit takes them)
        for (String digits : new String[] {"00012345", "0000000", "\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668"}) {
            String called = "49" + digits + (digits.length() < 8 ? "0" : "");
            Dialogue d = new Dialogue();
            d.send(0, CARRIER, JAMBONZ, request("INVITE", "sip:" + called + "@sip.jambonz.cloud", A, "z9hG4bKa1", 1, null));
            d.send(40, JAMBONZ, LIVEKIT, request("INVITE", "sip:1" + called + "@x.sip.livekit.cloud", B, "z9hG4bKb1", 1,
                    null));
            CallFlow flow = single(builder.build(d.messages()));
            String last = called.substring(called.length() - 8);
            assertTrue(flow.joinEvidence().get(0).endsWith("both called numbers end in " + last + "."),
                    flow.joinEvidence().get(0));
        }
    }

    @Test
    void aCallSeenOnlyFromItsByeDidNotFailThatTheCaptureCanTell() {
        // the capture started after the call was set up: a BYE and its 200 OK only
        Dialogue d = new Dialogue();
        d.send(0, CARRIER, JAMBONZ, request("BYE", "sip:x@" + JAMBONZ, A, "z9hG4bKbye", 2, "t-1"));
        d.send(20, JAMBONZ, CARRIER, response(200, "OK", "BYE", A, "z9hG4bKbye", 2, "t-1"));
        CallFlow midCall = single(builder.build(d.messages()));
        assertFalse(midCall.aLeg().setupCaptured());
        assertEquals(0, midCall.finalStatus());
        assertFalse(midCall.failed(), "no setup in the capture: not a failed call");
        // an INVITE with no answer in the capture is one
        Dialogue unanswered = new Dialogue();
        unanswered.send(0, CARRIER, JAMBONZ, request("INVITE", "sip:4991874350352@sip.jambonz.cloud", A, "z9hG4bKa1", 1,
                null));
        CallFlow open = single(builder.build(unanswered.messages()));
        assertTrue(open.aLeg().setupCaptured());
        assertTrue(open.failed());
    }

    @Test
    void timingJoinNeedsTheSameLastEightDigits() {
        Dialogue d = new Dialogue();
        d.send(0, CARRIER, JAMBONZ, request("INVITE", "sip:91874350352@sip.jambonz.cloud", A, "z9hG4bKa1", 1, null));
        d.send(40, JAMBONZ, LIVEKIT, request("INVITE", "sip:4991874350353@x.sip.livekit.cloud", B, "z9hG4bKb1", 1, null));
        assertEquals(2, builder.build(d.messages()).size());
    }

    @Test
    void timingJoinNeedsTheBLegWithinFiveSeconds() {
        Dialogue d = new Dialogue();
        d.send(0, CARRIER, JAMBONZ, request("INVITE", "sip:91874350352@sip.jambonz.cloud", A, "z9hG4bKa1", 1, null));
        d.send(5_001, JAMBONZ, LIVEKIT, request("INVITE", LIVEKIT_URI, B, "z9hG4bKb1", 1, null));
        assertEquals(2, builder.build(d.messages()).size());
        Dialogue inTime = new Dialogue();
        inTime.send(0, CARRIER, JAMBONZ, request("INVITE", "sip:91874350352@sip.jambonz.cloud", A, "z9hG4bKa1", 1, null));
        inTime.send(5_000, JAMBONZ, LIVEKIT, request("INVITE", LIVEKIT_URI, B, "z9hG4bKb1", 1, null));
        assertEquals(1, builder.build(inTime.messages()).size());
    }

    @Test
    void timingJoinNeedsTheSenderToBeTheHostThatReceivedTheALeg() {
        Dialogue d = new Dialogue();
        d.send(0, CARRIER, JAMBONZ, request("INVITE", "sip:91874350352@sip.jambonz.cloud", A, "z9hG4bKa1", 1, null));
        d.send(40, "10.1.1.1:5060", LIVEKIT, request("INVITE", LIVEKIT_URI, B, "z9hG4bKb1", 1, null));
        assertEquals(2, builder.build(d.messages()).size());
    }

    @Test
    void oneHostsNextCallIsNoBLegOfItsLast() {
        // SIPp as caller (127.0.0.1:5061) and callee (127.0.0.1:5060) on one address, the same number called twice
        String uac = "127.0.0.1:5061";
        String uas = "127.0.0.1:5060";
        Dialogue d = new Dialogue();
        d.send(0, uac, uas, request("INVITE", "sip:4991874350352@127.0.0.1", A, "z9hG4bKa1", 1, null));
        d.send(100, uac, uas, request("INVITE", "sip:4991874350352@127.0.0.1", B, "z9hG4bKb1", 1, null));
        assertEquals(2, builder.build(d.messages()).size(), "sent from where the first call came from");
        // a B2BUA on that address still joins: it sends from its own port
        Dialogue b2bua = new Dialogue();
        b2bua.send(0, uac, uas, request("INVITE", "sip:4991874350352@127.0.0.1", A, "z9hG4bKa1", 1, null));
        b2bua.send(100, uas, "127.0.0.1:5062", request("INVITE", "sip:4991874350352@127.0.0.1", B, "z9hG4bKb1", 1, null));
        assertEquals(1, builder.build(b2bua.messages()).size());
    }

    @Test
    void twoCallsToOneNumberASecondApartKeepTheirOwnBLegsWhenTheB2buaIsSlowerThanThat() {
        // two callers dial the same number 1 s apart through a B2BUA with no correlation header, which takes 1.5 s to
        // send each B-leg: the first B-leg leaves after the second A-leg arrived, and it keeps its caller
        String sbc = "198.51.100.30:5060";
        String pbx = "198.51.100.40:5060";
        Dialogue d = new Dialogue();
        d.send(0, CARRIER, sbc, extensionInvite("sip:+4991874350352@198.51.100.30", "a0", "z9hG4bKa0", "+493023125410"));
        d.send(1_000, CARRIER, sbc, extensionInvite("sip:+4991874350352@198.51.100.30", "a1", "z9hG4bKa1", "+493023125411"));
        d.send(1_500, sbc, pbx, extensionInvite("sip:4991874350352@198.51.100.40", "b0", "z9hG4bKb0", "+493023125410"));
        d.send(2_500, sbc, pbx, extensionInvite("sip:4991874350352@198.51.100.40", "b1", "z9hG4bKb1", "+493023125411"));

        List<CallFlow> flows = builder.build(d.messages());

        assertEquals(List.of(List.of("a0", "b0"), List.of("a1", "b1")),
                flows.stream().map(f -> f.legs().stream().map(Leg::callId).toList()).toList());
        // a B2BUA that rewrites every caller serves its calls in the order they came: each B-leg to the oldest A-leg
        // still waiting
        Dialogue rewritten = new Dialogue();
        rewritten.send(0, CARRIER, sbc, extensionInvite("sip:+4991874350352@x", "a0", "z9hG4bKa0", "+493023125410"));
        rewritten.send(1_000, CARRIER, sbc, extensionInvite("sip:+4991874350352@x", "a1", "z9hG4bKa1", "+493023125411"));
        rewritten.send(1_500, sbc, pbx, extensionInvite("sip:4991874350352@y", "b0", "z9hG4bKb0", "trunk"));
        rewritten.send(2_500, sbc, pbx, extensionInvite("sip:4991874350352@y", "b1", "z9hG4bKb1", "trunk"));
        assertEquals(List.of(List.of("a0", "b0"), List.of("a1", "b1")), builder.build(rewritten.messages()).stream()
                .map(f -> f.legs().stream().map(Leg::callId).toList()).toList());
    }

    @Test
    void concurrentCallsToOneNumberThroughAB2buaWithOneFixedCallerIdEachKeepTheirOwnBLeg() {
        // twenty callers dial one number 250 ms apart; the B2BUA presents one caller ID on every B-leg and takes 1.8 s
        // to send each: when a B-leg leaves, the seven A-legs after its own wait too, and the oldest is its own
        String sbc = "198.51.100.30:5060";
        String lk = "198.51.100.40:5060";
        Dialogue d = new Dialogue();
        List<List<String>> expected = new java.util.ArrayList<>();
        // in time order: A-leg i at 250 i ms, B-leg i at 1,800 + 250 i ms (B-legs 0 and 1 are sent between A-legs 7 and 8)
        for (int tick = 0; tick < 20 + 8; tick++) {
            if (tick < 20) {
                d.send(tick * 250L, CARRIER, sbc, extensionInvite("sip:+4991874350352@198.51.100.30", "a" + tick,
                        "z9hG4bKa" + tick, "+4917055501" + (10 + tick)));
                expected.add(List.of("a" + tick, "b" + tick));
            }
            for (int i = 0; i < 20; i++) {
                long at = 1_800 + i * 250L;
                if (at >= tick * 250L && at < (tick + 1) * 250L) {
                    d.send(at, sbc, lk, extensionInvite("sip:+4991874350352@198.51.100.40", "b" + i, "z9hG4bKb" + i,
                            "+4930111222"));
                }
            }
        }
        assertEquals(expected, builder.build(d.messages()).stream()
                .map(f -> f.legs().stream().map(Leg::callId).toList()).toList());
    }

    @Test
    void callsFromOneCallerThroughASlowB2buaKeepTheirOrderAndNoALegTakesTwoBLegs() {
        // the same caller (or withheld numbers, "anonymous" alike) dials one number 1 s apart; the B2BUA takes 1.5 s:
        // b0 leaves after a1 arrived. a1 was the newest from the caller, and then took b1 too (a0 none)
        String sbc = "198.51.100.30:5060";
        String lk = "198.51.100.40:5060";
        for (String caller : List.of("+4917055599", "anonymous")) {
            Dialogue d = new Dialogue();
            d.send(0, CARRIER, sbc, extensionInvite("sip:+4991874350352@198.51.100.30", "a0", "z9hG4bKa0", caller));
            d.send(1_000, CARRIER, sbc, extensionInvite("sip:+4991874350352@198.51.100.30", "a1", "z9hG4bKa1", caller));
            d.send(1_500, sbc, lk, extensionInvite("sip:+4991874350352@198.51.100.40", "b0", "z9hG4bKb0", caller));
            d.send(2_500, sbc, lk, extensionInvite("sip:+4991874350352@198.51.100.40", "b1", "z9hG4bKb1", caller));

            assertEquals(List.of(List.of("a0", "b0"), List.of("a1", "b1")), builder.build(d.messages()).stream()
                    .map(f -> f.legs().stream().map(Leg::callId).toList()).toList(), caller);
        }
    }

    @Test
    void aCallIdNamingAnIpv6AddressInBracketsJoinsAcrossTheSbcsTwoAddresses() {
        Dialogue d = new Dialogue();
        d.send(0, "2001:db8::10:5060", "2001:db8::20:5060", request("INVITE", "sip:+390289279987@fastweb.it", A,
                "z9hG4bKa1", 1, null));
        d.send(20, "172.22.204.69:5060", "10.252.41.104:5060", request("INVITE", "sip:+390289279987@fastweb.it",
                "2148e6ae-B2b1@[2001:db8::20]", "z9hG4bKb1", 1, null));
        assertEquals(2, single(builder.build(d.messages())).legs().size());
    }

    @Test
    void anSbcWithAnAddressOnEachSideIsJoinedWhenItsBLegsCallIdNamesTheInsideOne() {
        String inside = "172.22.204.85:5060";
        String outside = "172.22.204.69:5060";
        Dialogue d = new Dialogue();
        d.send(0, "10.252.47.107:5060", inside, request("INVITE", "sip:+390289279987@fastweb.it", A, "z9hG4bKa1", 1,
                null));
        d.send(20, outside, "10.252.41.104:5060", request("INVITE", "sip:+390289279987@fastweb.it",
                "2148e6ae-B2b1@172.22.204.85", "z9hG4bKb1", 1, null));
        CallFlow flow = single(builder.build(d.messages()));
        assertEquals(2, flow.legs().size());
        assertTrue(flow.joinEvidence().get(0).contains("after 172.22.204.85, the address its Call-ID names, received"),
                flow.joinEvidence().toString());
        // a Call-ID naming another address that received nothing like it joins nothing
        Dialogue other = new Dialogue();
        other.send(0, "10.252.47.107:5060", inside, request("INVITE", "sip:+390289279987@fastweb.it", A, "z9hG4bKa1",
                1, null));
        other.send(20, outside, "10.252.41.104:5060", request("INVITE", "sip:+390289279987@fastweb.it",
                "2148e6ae-B2b1@172.22.204.99", "z9hG4bKb1", 1, null));
        assertEquals(2, builder.build(other.messages()).size());
    }

    /** An INVITE from {@code fromTag}, as an SBC's two sides send them (its own Call-ID on each). */
    private static String taggedInvite(String uri, String callId, String branch, String fromTag) {
        return request("INVITE", uri, callId, branch, 1, null).replace(";tag=f-" + callId, ";tag=" + fromTag);
    }

    @Test
    void anSbcWhoseBLegFromTagKeepsTheALegsBehindAPrefixIsJoinedAcrossItsAddresses() {
        // an Oracle (Acme Packet) SBC: inside 10.35.40.200, outside 138.132.169.101; numbers too short to compare
        Dialogue d = new Dialogue();
        d.send(0, "10.35.40.25:5060", "10.35.40.200:5060", taggedInvite("sip:061963177@10.35.40.200", A, "z9hG4bKa1",
                "00e9d478"));
        d.send(5, "138.132.169.101:5060", "192.168.100.219:5060", taggedInvite("sip:061963177@192.168.100.219",
                "SD4909701-9ff11bf72eb4a347c92974d8fbbc2668-ao8o3i1", "z9hG4bKb1", "SD4909701-00e9d478"));
        CallFlow flow = single(builder.build(d.messages()));
        assertEquals(2, flow.legs().size());
        assertTrue(flow.joinEvidence().get(0).contains("its From tag SD4909701-00e9d478 keeps that INVITE's From tag "
                + "00e9d478 behind a prefix"), flow.joinEvidence().toString());
        // another tag, a kept tag too short to prove anything, or an A-leg older than 5 s: two calls
        for (String[] c : new String[][] {{"00e9d479", "SD4909701-00e9d478", "5"}, {"0e9d4", "SD1-0e9d4", "5"},
                {"00e9d478", "SD4909701-00e9d478", "6000"}}) {
            Dialogue other = new Dialogue();
            other.send(0, "10.35.40.25:5060", "10.35.40.200:5060", taggedInvite("sip:061963177@10.35.40.200", A,
                    "z9hG4bKa1", c[0]));
            other.send(Long.parseLong(c[2]), "138.132.169.101:5060", "192.168.100.219:5060",
                    taggedInvite("sip:061963177@192.168.100.219", B, "z9hG4bKb1", c[1]));
            assertEquals(2, builder.build(other.messages()).size(), String.join(" ", c));
        }
    }

    @Test
    void aRefusedOrEndedALegGetsNoBLeg() {
        for (String end : new String[] {"refused", "bye", "cancel"}) {
            Dialogue d = new Dialogue();
            d.send(0, CARRIER, JAMBONZ, request("INVITE", "sip:91874350352@sip.jambonz.cloud", A, "z9hG4bKa1", 1, null));
            switch (end) {
                case "refused" -> d.send(10, JAMBONZ, CARRIER, response(403, "Forbidden", "INVITE", A, "z9hG4bKa1", 1, "j1"));
                case "bye" -> d.send(10, CARRIER, JAMBONZ, request("BYE", "sip:x@" + JAMBONZ, A, "z9hG4bKa2", 2, "j1"));
                default -> d.send(10, CARRIER, JAMBONZ, request("CANCEL", "sip:91874350352@sip.jambonz.cloud", A,
                        "z9hG4bKa1", 1, null));
            }
            d.send(40, JAMBONZ, LIVEKIT, request("INVITE", LIVEKIT_URI, B, "z9hG4bKb1", 1, null));
            assertEquals(2, builder.build(d.messages()).size(), end);
        }
        // a challenge answered by a new attempt leaves the call going; so does an answer (an IVR dials out after it)
        for (int status : new int[] {407, 200}) {
            Dialogue d = new Dialogue();
            d.send(0, CARRIER, JAMBONZ, request("INVITE", "sip:91874350352@sip.jambonz.cloud", A, "z9hG4bKa1", 1, null));
            d.send(10, JAMBONZ, CARRIER, response(status, "Status", "INVITE", A, "z9hG4bKa1", 1, "j1"));
            if (status == 407) {
                d.send(20, CARRIER, JAMBONZ, request("INVITE", "sip:91874350352@sip.jambonz.cloud", A, "z9hG4bKa2", 2,
                        null));
            }
            d.send(40, JAMBONZ, LIVEKIT, request("INVITE", LIVEKIT_URI, B, "z9hG4bKb1", 1, null));
            assertEquals(1, builder.build(d.messages()).size(), "after " + status);
        }
    }

    /** An INVITE to extension {@code uri} from user {@code caller}, as a PBX's phones send them. */
    private static String extensionInvite(String uri, String callId, String branch, String caller) {
        return request("INVITE", uri, callId, branch, 1, null)
                .replace("From: <sip:+4930123456@carrier.example>", "From: \"Phone\" <sip:" + caller + "@10.0.2.4>");
    }

    @Test
    void pbxLegsToExtensionsAreJoinedByTheirOnlyCallerInTheWindow() {
        // Asterisk maps extension 1018 to the user test18: no digits to compare, the caller is the same
        String pbx = "10.0.2.15:5060";
        Dialogue d = new Dialogue();
        d.send(0, "10.0.2.4:5060", pbx, extensionInvite("sip:1018@10.0.2.15", A, "z9hG4bKa1", "test07"));
        d.send(28, pbx, "10.0.2.5:5060", extensionInvite("sip:test18@10.0.2.5", B, "z9hG4bKb1", "test07"));
        CallFlow flow = single(builder.build(d.messages()));
        assertEquals(2, flow.legs().size());
        assertEquals(List.of("The INVITE in frame 2 (Call-ID " + B + ") was sent by 10.0.2.15 0.028 s after that host "
                + "received the INVITE in frame 1 (Call-ID " + A + "), the only one from caller test07 it received in "
                + "the 5 s before (a called number too short to compare)."), flow.joinEvidence());
        // another caller's B-leg stays a call of its own
        Dialogue other = new Dialogue();
        other.send(0, "10.0.2.4:5060", pbx, extensionInvite("sip:1018@10.0.2.15", A, "z9hG4bKa1", "test07"));
        other.send(28, pbx, "10.0.2.5:5060", extensionInvite("sip:test18@10.0.2.5", B, "z9hG4bKb1", "test08"));
        assertEquals(2, builder.build(other.messages()).size());
        // two calls from the caller in the window: which one the B-leg continues is not known
        Dialogue two = new Dialogue();
        two.send(0, "10.0.2.4:5060", pbx, extensionInvite("sip:1018@10.0.2.15", A, "z9hG4bKa1", "test07"));
        two.send(10, "10.0.2.6:5060", pbx, extensionInvite("sip:1019@10.0.2.15", "a-leg-2", "z9hG4bKa2", "test07"));
        two.send(28, pbx, "10.0.2.5:5060", extensionInvite("sip:test18@10.0.2.5", B, "z9hG4bKb1", "test07"));
        assertEquals(3, builder.build(two.messages()).size());
        // long numbers that differ are not the same call for being from one caller (timingJoinNeedsTheSameLastEightDigits)
    }

    @Test
    void correlationHeaderNamingALegSeenLaterStillJoins() {
        Dialogue d = new Dialogue();
        d.send(0, JAMBONZ, LIVEKIT, request("INVITE", "sip:1@x.sip.livekit.cloud", B, "z9hG4bKb1", 1, null,
                "X-Original-Call-ID: " + A));
        d.send(10, CARRIER, JAMBONZ, request("INVITE", "sip:2@sip.jambonz.cloud", A, "z9hG4bKa1", 1, null));
        CallFlow flow = single(builder.build(d.messages()));
        // the leg the header names is the original call, the caller's: first, though seen later
        assertEquals(List.of(A, B), flow.legs().stream().map(Leg::callId).toList());
        assertTrue(flow.joinEvidence().get(0).contains("X-Original-Call-ID"), flow.joinEvidence().toString());
    }

    @Test
    void callSidIsNotACallIdHeader() {
        Dialogue d = new Dialogue();
        d.send(0, CARRIER, JAMBONZ, request("INVITE", "sip:1@j", A, "z9hG4bKa1", 1, null));
        // from another caller, so that the short numbers' caller rule does not join them either
        d.send(10, JAMBONZ, LIVEKIT, extensionInvite("sip:2@l", B, "z9hG4bKb1", "other").replace("Content-Length",
                "X-Call-Sid: " + A + "\r\nContent-Length"));
        assertEquals(2, builder.build(d.messages()).size());
    }

    @Test
    void retransmissionsAreFoundInLongLegsToo() {
        // a registration refreshed 40 times in one Call-ID: past the size where a leg indexes its messages
        Dialogue d = new Dialogue();
        List<Boolean> expected = new java.util.ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            String register = request("REGISTER", "sip:x", A, "z9hG4bKr" + i, i, null);
            d.send(i * 1000L, CARRIER, JAMBONZ, register);
            expected.add(false);
            String ok = response(200, "OK", "REGISTER", A, "z9hG4bKr" + i, i, "t" + i);
            d.send(i * 1000L + 10, JAMBONZ, CARRIER, ok);
            expected.add(false);
            if (i == 5) {
                // sent again after its answer: still the same message, a retransmission
                d.send(i * 1000L + 500, CARRIER, JAMBONZ, register);
                expected.add(true);
            }
            if (i == 38) {
                d.send(i * 1000L + 20, JAMBONZ, CARRIER, ok);
                expected.add(true);
            }
        }
        d.send(50_000, CARRIER, JAMBONZ, request("REGISTER", "sip:x", A, "z9hG4bKr3", 3, null));
        expected.add(true);
        d.send(50_001, JAMBONZ, CARRIER, response(200, "OK", "REGISTER", A, "z9hG4bKr3", 3, "other-tag"));
        expected.add(false);
        CallFlow flow = single(builder.build(d.messages()));
        assertEquals(expected, flow.messages().stream().map(FlowMessage::retransmission).toList());
        assertEquals("z9hG4bKr3|3 REGISTER", flow.messages().get(flow.messages().size() - 1).transactionKey());
    }

    @Test
    void retransmissionsAreMarkedPerTransaction() {
        Dialogue d = new Dialogue();
        String invite = request("INVITE", "sip:1@x", A, "z9hG4bK1", 1, null);
        d.send(0, CARRIER, JAMBONZ, invite);
        d.send(500, CARRIER, JAMBONZ, invite);
        d.send(600, JAMBONZ, CARRIER, response(407, "Proxy Authentication Required", "INVITE", A, "z9hG4bK1", 1, "t1"));
        d.send(601, CARRIER, JAMBONZ, request("ACK", "sip:1@x", A, "z9hG4bK1", 1, "t1"));
        d.send(602, CARRIER, JAMBONZ, request("INVITE", "sip:1@x", A, "z9hG4bK2", 2, null));
        d.send(700, JAMBONZ, CARRIER, response(200, "OK", "INVITE", A, "z9hG4bK2", 2, "t2"));
        d.send(1_200, JAMBONZ, CARRIER, response(200, "OK", "INVITE", A, "z9hG4bK2", 2, "t2"));
        CallFlow flow = single(builder.build(d.messages()));
        assertEquals(List.of(false, true, false, false, false, false, true),
                flow.messages().stream().map(FlowMessage::retransmission).toList());
        assertEquals("z9hG4bK1|1 INVITE", flow.messages().get(2).transactionKey());
        assertEquals("z9hG4bK1|1 ACK", flow.messages().get(3).transactionKey());
        assertEquals(flow.messages().get(4).transactionKey(), flow.messages().get(5).transactionKey());
        // an assembled message, whose key is made when asked for, equals one given its key (as a record would)
        FlowMessage challenge = flow.messages().get(2);
        FlowMessage given = new FlowMessage(challenge.message(), 0, false, "z9hG4bK1|1 INVITE");
        assertEquals(given, challenge);
        assertEquals(challenge, given);
        assertEquals(given.hashCode(), challenge.hashCode());
        assertEquals(given.toString(), challenge.toString());
        assertFalse(challenge.equals(new FlowMessage(challenge.message(), 0, false, "z9hG4bK1|1 ACK")));
        // the retry after the challenge decides the call
        assertEquals(200, flow.finalStatus());
        assertEquals(7, flow.aLeg().messageCount());
    }

    @Test
    void timingsStartAtTheAttemptAfterTheChallenge() {
        Dialogue d = new Dialogue();
        d.send(0, CARRIER, JAMBONZ, request("INVITE", "sip:1@x", A, "z9hG4bK1", 1, null));
        d.send(50, JAMBONZ, CARRIER, response(407, "Proxy Authentication Required", "INVITE", A, "z9hG4bK1", 1, "t1"));
        d.send(17_000, CARRIER, JAMBONZ, request("INVITE", "sip:1@x", A, "z9hG4bK2", 2, null));
        d.send(17_010, JAMBONZ, CARRIER, response(100, "Trying", "INVITE", A, "z9hG4bK2", 2, null));
        d.send(17_300, JAMBONZ, CARRIER, response(183, "In band info available", "INVITE", A, "z9hG4bK2", 2, "t2"));
        d.send(17_400, JAMBONZ, CARRIER, response(480, "Error", "INVITE", A, "z9hG4bK2", 2, "t2"));
        CallFlow flow = single(builder.build(d.messages()));
        assertEquals(new Timings(300_000L, 10_000L, 400_000L, null), flow.timings());
        assertEquals(480, flow.finalStatus());
    }

    @Test
    void answeredCallDurationRunsFromTheOkToTheBye() {
        Dialogue d = new Dialogue();
        d.send(0, CARRIER, JAMBONZ, request("INVITE", "sip:1@x", A, "z9hG4bK1", 1, null));
        d.send(100, JAMBONZ, CARRIER, response(180, "Ringing", "INVITE", A, "z9hG4bK1", 1, "t"));
        d.send(2_000, JAMBONZ, CARRIER, response(200, "OK", "INVITE", A, "z9hG4bK1", 1, "t"));
        d.send(2_010, CARRIER, JAMBONZ, request("ACK", "sip:1@x", A, "z9hG4bK2", 1, "t"));
        d.send(32_000, JAMBONZ, CARRIER, request("BYE", "sip:1@x", A, "z9hG4bK3", 2, "t"));
        d.send(32_010, CARRIER, JAMBONZ, response(200, "OK", "BYE", A, "z9hG4bK3", 2, "t"));
        CallFlow flow = single(builder.build(d.messages()));
        assertEquals(new Timings(100_000L, 100_000L, 2_000_000L, 30_000_000L), flow.timings());
        assertFalse(flow.failed());
    }

    @Test
    void registerAndOptionsAreFlowsWithoutInvite() {
        Dialogue d = new Dialogue();
        d.send(0, "10.0.0.5:5060", "10.0.0.1:5060", request("REGISTER", "sip:example.com", "reg-1", "z9hG4bKr1", 1, null));
        d.send(5, "10.0.0.1:5060", "10.0.0.5:5060", response(401, "Unauthorized", "REGISTER", "reg-1", "z9hG4bKr1", 1, "x"));
        d.send(10, "10.0.0.5:5060", "10.0.0.1:5060", request("REGISTER", "sip:example.com", "reg-1", "z9hG4bKr2", 2, null));
        d.send(15, "10.0.0.1:5060", "10.0.0.5:5060", response(200, "OK", "REGISTER", "reg-1", "z9hG4bKr2", 2, "x"));
        d.send(20, "10.0.0.1:5060", "10.0.0.5:5060", request("OPTIONS", "sip:10.0.0.5", "opt-1", "z9hG4bKo1", 1, null));
        List<CallFlow> flows = builder.build(d.messages());
        assertEquals(List.of("reg-1", "opt-1"), flows.stream().map(CallFlow::id).toList());
        CallFlow register = flows.get(0);
        assertEquals(200, register.finalStatus());
        assertFalse(register.hasInvite());
        assertEquals(new Timings(null, null, 5_000L, null), register.timings());
        // the host that challenged and accepted the REGISTER is its registrar (RFC 3261 10.3)
        assertEquals(List.of(Role.SIP_ENDPOINT, Role.REGISTRAR), register.hops().stream().map(Hop::role).toList());
        assertEquals(0, flows.get(1).finalStatus());
    }

    @Test
    void aPublicHostsFirstRequestWithoutInviteToLiveKitNamesTheCarrierButARegisterOrAnUnnamedPeerDoesNot() {
        Dialogue d = new Dialogue();
        d.send(0, CARRIER, LIVEKIT, request("OPTIONS", LIVEKIT_URI, "opt-1", "z9hG4bKo1", 1, null));
        d.send(5, LIVEKIT, CARRIER, response(200, "OK", "OPTIONS", "opt-1", "z9hG4bKo1", 1, "x"));
        d.send(10, CARRIER, LIVEKIT, request("REGISTER", LIVEKIT_URI, "reg-1", "z9hG4bKr1", 1, null));
        d.send(20, CARRIER, "93.184.216.34:5060", request("MESSAGE", "sip:bob@93.184.216.34", "msg-1", "z9hG4bKm1", 1,
                null));
        List<CallFlow> flows = builder.build(d.messages());
        assertEquals(List.of("opt-1", "reg-1", "msg-1"), flows.stream().map(CallFlow::id).toList());
        Hop carrier = flows.get(0).hops().get(0);
        assertEquals(Role.CARRIER, carrier.role(), carrier.toString());
        assertTrue(carrier.evidence().get(0).contains("It sent the first request of this call without INVITE ("
                + "OPTIONS) to 129.158.233.108, an SBC or LiveKit side (frame 1)"), carrier.evidence().toString());
        assertEquals(Role.LIVEKIT, flows.get(0).hops().get(1).role());
        assertEquals(List.of(Role.SIP_ENDPOINT, Role.LIVEKIT), flows.get(1).hops().stream().map(Hop::role).toList(),
                "a registering host is no carrier");
        assertEquals(List.of(Role.SIP_ENDPOINT, Role.SIP_ENDPOINT),
                flows.get(2).hops().stream().map(Hop::role).toList(), "a request to a host nothing names");
    }

    @Test
    void columnsFollowTheFirstInvitesPathNotTheFirstPacket() {
        Dialogue d = new Dialogue();
        d.send(0, LIVEKIT, JAMBONZ, request("OPTIONS", "sip:j", A, "z9hG4bKo", 7, null));
        d.send(10, CARRIER, JAMBONZ, request("INVITE", "sip:1@j", A, "z9hG4bK1", 1, null));
        d.send(20, JAMBONZ, LIVEKIT, request("INVITE", "sip:1@l", A, "z9hG4bK2", 1, null));
        CallFlow flow = single(builder.build(d.messages()));
        assertEquals(List.of("89.184.187.124", "172.20.11.236", "129.158.233.108"),
                flow.hops().stream().map(Hop::address).toList());
    }

    @Test
    void addressesOffTheInvitesPathComeAfterItInTheOrderTheyFirstAppear() {
        Dialogue d = new Dialogue();
        d.send(0, "10.9.9.9:5060", JAMBONZ, request("OPTIONS", "sip:j", A, "z9hG4bKo", 7, null));
        d.send(10, CARRIER, JAMBONZ, request("INVITE", "sip:1@j", A, "z9hG4bK1", 1, null));
        d.send(20, JAMBONZ, LIVEKIT, request("INVITE", "sip:1@l", A, "z9hG4bK2", 1, null));
        d.send(30, LIVEKIT, "10.8.8.8:5060", request("OPTIONS", "sip:x", A, "z9hG4bKo2", 8, null));
        d.send(40, "10.7.7.7:5060", "10.9.9.9:5060", request("OPTIONS", "sip:y", A, "z9hG4bKo3", 9, null));
        CallFlow flow = single(builder.build(d.messages()));
        assertEquals(List.of("89.184.187.124", "172.20.11.236", "129.158.233.108", "10.9.9.9", "10.8.8.8", "10.7.7.7"),
                flow.hops().stream().map(Hop::address).toList());
    }

    @Test
    void jambonzIsRecognisedByItsUserAgentAndLiveKitByItsToTagAlone() {
        Dialogue d = new Dialogue();
        d.send(0, CARRIER, JAMBONZ, request("INVITE", "sip:1@j", A, "z9hG4bK1", 1, null));
        d.send(10, JAMBONZ, LIVEKIT, request("INVITE", "sip:1@l", B, "z9hG4bK2", 1, null, "User-Agent: drachtio 0.8.26",
                "X-Call-ID: " + A));
        d.send(20, LIVEKIT, JAMBONZ, response(486, "Busy Here", "INVITE", B, "z9hG4bK2", 1, "SCL_x"));
        CallFlow flow = single(builder.build(d.messages()));
        assertEquals(List.of(Role.CARRIER, Role.JAMBONZ, Role.LIVEKIT), flow.hops().stream().map(Hop::role).toList());
        assertEquals(List.of("It identifies itself as \"drachtio 0.8.26\" (frame 2)."), flow.hops().get(1).evidence());
    }

    @Test
    void aliasesReplaceHopNamesAndRemovingOneRestoresTheGuess() {
        CallFlow flow = builder.build(seed("X-CID: " + A).messages()).get(0);
        HopAliases aliases = HopAliases.none().with("172.20.11.236", " SBC Frankfurt ");
        List<Hop> hops = aliases.apply(flow).hops();
        assertEquals(List.of("Carrier 89.184.187.124", "SBC Frankfurt", "LiveKit 129.158.233.108"),
                hops.stream().map(Hop::name).toList());
        assertEquals(Role.JAMBONZ, hops.get(1).role());
        assertSame(flow, aliases.with("172.20.11.236", " ").apply(flow), "a blank name removes the alias");
    }

    @Test
    void aliasesFromTheCommandLine() {
        assertEquals(Map.of("10.0.0.1", "SBC"), HopAliases.parse(List.of(" 10.0.0.1 =SBC ")).byAddress());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HopAliases.parse(List.of("10.0.0.1")));
        assertTrue(e.getMessage().contains("ADDRESS=NAME"), e.getMessage());
    }

    @Test
    void aliasAddressesAreReadAsHopsWriteThemOrRefused() {
        // hops carry addresses as the capture formats them (IPv6 compressed, lower case): an alias spelled otherwise,
        // or of no address at all, named no hop and was dropped without a word
        assertEquals(Map.of("2001:db8::2", "B"), HopAliases.parse(List.of("2001:DB8:0::2=B")).byAddress());
        assertEquals(Map.of("[2001:db8::2]:5080", "B"), HopAliases.parse(List.of("[2001:db8:0:0::2]:5080=B")).byAddress());
        assertEquals(Map.of("10.0.0.1:5080", "uas"), HopAliases.parse(List.of("10.0.0.1:5080=uas")).byAddress());
        for (String bad : List.of("999.0.0.1=x", "10.0.0.1:99999=x", "10.0.0.1:0=x", "sbc.example.com=x",
                "10.0.0=x", "[10.0.0.1]:5060=x", "2001:db8::2:5060x=y")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> HopAliases.parse(List.of(bad)), bad);
            assertTrue(e.getMessage().startsWith("--alias \"" + bad + "\": "), e.getMessage());
            assertTrue(e.getMessage().contains("is not an IP address"), e.getMessage());
        }
    }

    @Test
    void flowsComeInStartOrder() {
        Dialogue d = new Dialogue();
        d.send(0, CARRIER, JAMBONZ, request("INVITE", "sip:1@j", "first", "z9hG4bK1", 1, null));
        d.send(10, CARRIER, JAMBONZ, request("INVITE", "sip:2@j", "second", "z9hG4bK2", 1, null));
        d.send(20, JAMBONZ, CARRIER, response(200, "OK", "INVITE", "first", "z9hG4bK1", 1, "t"));
        assertEquals(List.of("first", "second"), builder.build(d.messages()).stream().map(CallFlow::id).toList());
    }

    @Test
    void aMessageWithoutCallIdIsACallOfItsOwnThatJoinsNoOther() {
        // sngrep lists it too (under the empty Call-ID); it names no dialog, so nothing joins it to another call
        Dialogue d = new Dialogue();
        d.send(0, CARRIER, JAMBONZ, "INVITE sip:1@j SIP/2.0\r\nCSeq: 1 INVITE\r\n\r\n");
        d.send(10, CARRIER, JAMBONZ, request("INVITE", "sip:1@j", "first", "z9hG4bK1", 1, null));
        assertEquals(List.of("(no Call-ID #1)", "first"), builder.build(d.messages()).stream().map(CallFlow::id).toList());
    }

    private static CallFlow single(List<CallFlow> flows) {
        assertEquals(1, flows.size(), () -> flows.stream().map(CallFlow::id).toList().toString());
        return flows.get(0);
    }
}
