package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A transfer without a header naming the call: LiveKit sends REFER to the B2BUA on its leg, the B2BUA accepts it and
 * dials the Refer-To target; that leg belongs to the call that asked for it, when nothing else fits as well.
 */
class TransferFlowsTest {

    private static final String CARRIER = "203.0.113.10:5060";
    private static final String SBC = "198.51.100.20:5060";
    private static final String LIVEKIT = "34.1.2.3:5060";
    private static final String TARGET = "<sip:+4915199988877@203.0.113.10>";

    /**
     * Call {@code n}: the carrier's A-leg to the SBC at {@code millis}, the SBC's B-leg to LiveKit naming it in X-CID,
     * and at {@code referAt} LiveKit's REFER to {@code referTo} on the B-leg, answered {@code status} by the SBC.
     */
    private static void referredCall(Dialogue d, int n, long millis, long referAt, String referTo, int status) {
        referredCall(d, n, millis, referAt, referTo);
        answerRefer(d, n, referAt + 10, status);
    }

    /** As above, the REFER not answered yet. */
    private static void referredCall(Dialogue d, int n, long millis, long referAt, String referTo) {
        d.answeredInvite(millis, CARRIER, SBC, "a" + n, "sip:+493011122" + n + "@198.51.100.20");
        d.answeredInvite(millis + 300, SBC, LIVEKIT, "b" + n, "sip:+493011122" + n + "@34.1.2.3", "X-CID: a" + n);
        d.send(referAt, LIVEKIT, SBC, Dialogue.request("REFER", "sip:u@198.51.100.20", "b" + n, "z9hG4bK-refer" + n, 5,
                "t-b" + n, "Refer-To: " + referTo, "Referred-By: <sip:agent@34.1.2.3>"));
    }

    /** The SBC's answer to call {@code n}'s REFER. */
    private static void answerRefer(Dialogue d, int n, long millis, int status) {
        d.send(millis, SBC, LIVEKIT, Dialogue.response(status, status == 202 ? "Accepted" : "Decline", "REFER",
                "b" + n, "z9hG4bK-refer" + n, 5, "t-b" + n));
    }

    @Test
    void theLegTheB2buaDialsToTheReferToTargetJoinsTheCallThatReferred() {
        Dialogue d = new Dialogue();
        referredCall(d, 1, 0, 10_000, TARGET, 202);
        int referFrame = d.messages().size() - 1;
        // the target's number without its +
        d.answeredInvite(10_100, SBC, CARRIER, "c1", "sip:4915199988877@203.0.113.10");

        List<CallFlow> flows = new FlowBuilder().build(d.messages());

        assertEquals(1, flows.size(), flows.toString());
        assertEquals(List.of("a1", "b1", "c1"), flows.get(0).legs().stream().map(Leg::callId).toList());
        assertEquals("The INVITE in frame " + (referFrame + 2) + " (Call-ID c1) was sent by 198.51.100.20 0.090 s after"
                + " that host accepted (202) the REFER in frame " + referFrame + " (Call-ID b1), and it calls"
                + " +4915199988877, the REFER's Refer-To user.", flows.get(0).joinEvidence().get(1));
    }

    /**
     * A Call-ID first used by a request that opens no call (an OPTIONS) and more than the look-back's 5 s later by an
     * INVITE: the legs remembered for a REFER captured later were all let go, the new one too, and the next look at the
     * oldest found none (a NullPointerException that stopped the read).
     */
    @Test
    void aCallIdReusedByAnInviteLongAfterItsFirstRequestIsRead() {
        Dialogue d = new Dialogue();
        d.send(0, CARRIER, SBC, Dialogue.request("OPTIONS", "sip:198.51.100.20", "o1", "z9hG4bK-o1", 1, null));
        d.send(10, SBC, CARRIER, Dialogue.response(200, "OK", "OPTIONS", "o1", "z9hG4bK-o1", 1, "t-o"));
        d.answeredInvite(60_000, CARRIER, SBC, "o1", "sip:+4930111221@198.51.100.20");
        d.answeredInvite(61_000, CARRIER, SBC, "a2", "sip:+4930111222@198.51.100.20");

        List<CallFlow> flows = new FlowBuilder().build(d.messages());

        assertEquals(List.of("o1", "a2"), flows.stream().map(CallFlow::id).toList());
    }

    @Test
    void aPbxThatTransfersItsCallerAndRelaysTheTransfersInviteStaysAProxy() {
        // the caller's phone calls the PBX, which answers itself and refers the phone to extension 204; the phone's
        // INVITE to 204 goes through the PBX, which relays it with its Call-ID to the extension
        String phone = "192.168.5.10:5060";
        String pbx = "192.168.5.11:5060";
        String extension = "192.168.5.20:5060";
        Dialogue d = new Dialogue();
        d.answeredInvite(0, phone, pbx, "a1", "sip:0@192.168.5.11");
        d.send(5_000, pbx, phone, Dialogue.request("REFER", "sip:201@192.168.5.10", "a1", "z9hG4bK-refer", 5, "t-a1",
                "Refer-To: <sip:204@192.168.5.11>"));
        d.send(5_300, phone, pbx, Dialogue.request("INVITE", "sip:204@192.168.5.11", "c1", "z9hG4bK-c1", 1, null));
        d.send(5_305, pbx, extension, Dialogue.request("INVITE", "sip:204@192.168.5.20", "c1", "z9hG4bK-c1p", 1, null));
        d.send(5_400, extension, pbx, Dialogue.response(200, "OK", "INVITE", "c1", "z9hG4bK-c1p", 1, "t-c1"));
        d.send(5_405, pbx, phone, Dialogue.response(200, "OK", "INVITE", "c1", "z9hG4bK-c1", 1, "t-c1"));

        List<CallFlow> flows = new FlowBuilder().build(d.messages());

        assertEquals(1, flows.size(), flows.toString());
        assertEquals(Role.PROXY, flows.get(0).hops().stream().filter(h -> h.address().equals("192.168.5.11"))
                .findFirst().orElseThrow().role(), flows.get(0).hops().toString());
    }

    @Test
    void aLegDialledBeforeTheReferIsAnsweredJoinsUnlessTheReferIsRefused() {
        // a phone that dials the target before it sends its 202 (seen in a real capture, 90 ms apart)
        Dialogue d = new Dialogue();
        referredCall(d, 1, 0, 10_000, TARGET);
        int referFrame = d.messages().size();
        d.answeredInvite(10_371, SBC, CARRIER, "c1", "sip:+4915199988877@203.0.113.10");
        answerRefer(d, 1, 10_461, 202);
        // the second call's REFER is refused before its transferee dials anyway
        referredCall(d, 2, 20_000, 30_000, TARGET, 603);
        d.answeredInvite(30_100, SBC, CARRIER, "c2", "sip:+4915199988877@203.0.113.10");

        List<CallFlow> flows = new FlowBuilder().build(d.messages());

        assertEquals(List.of(List.of("a1", "b1", "c1"), List.of("a2", "b2"), List.of("c2")),
                flows.stream().map(f -> f.legs().stream().map(Leg::callId).toList()).toList());
        assertEquals("The INVITE in frame " + (referFrame + 1) + " (Call-ID c1) was sent by 198.51.100.20 0.371 s after"
                + " that host received the REFER in frame " + referFrame + " (Call-ID b1, not answered yet), and it"
                + " calls +4915199988877, the REFER's Refer-To user.", flows.get(0).joinEvidence().get(1));
    }

    @Test
    void aTelUriTargetAndASeparatedNumberAreTheSameUser() {
        Dialogue d = new Dialogue();
        referredCall(d, 1, 0, 10_000, "<tel:+49-151-99988877>", 202);
        d.answeredInvite(12_000, SBC, CARRIER, "c1", "sip:+4915199988877@203.0.113.10");

        assertEquals(List.of(List.of("a1", "b1", "c1")), d.callIds());
    }

    @Test
    void aLegOutsideTheWindowFromAnotherHostOrToAnotherUserIsACallOfItsOwn() {
        Dialogue d = new Dialogue();
        referredCall(d, 1, 0, 10_000, TARGET, 202);
        d.answeredInvite(10_100, "198.51.100.99:5060", CARRIER, "c-other-host", "sip:+4915199988877@203.0.113.10");
        d.answeredInvite(10_200, SBC, CARRIER, "c-other-user", "sip:+4915199988878@203.0.113.10");
        d.answeredInvite(42_100, SBC, CARRIER, "c-too-late", "sip:+4915199988877@203.0.113.10");

        assertEquals(List.of(List.of("a1", "b1"), List.of("c-other-host"), List.of("c-other-user"),
                List.of("c-too-late")), d.callIds());
    }

    @Test
    void aRefusedReferAsksForNoCall() {
        Dialogue d = new Dialogue();
        referredCall(d, 1, 0, 10_000, TARGET, 603);
        d.answeredInvite(10_100, SBC, CARRIER, "c1", "sip:+4915199988877@203.0.113.10");

        assertEquals(List.of(List.of("a1", "b1"), List.of("c1")), d.callIds());
    }

    @Test
    void whereTheRefersOfTwoCallsFitTheLegJoinsNeither() {
        Dialogue d = new Dialogue();
        referredCall(d, 1, 0, 10_000, TARGET, 202);
        referredCall(d, 2, 500, 10_500, TARGET, 202);
        d.answeredInvite(10_600, SBC, CARRIER, "c1", "sip:+4915199988877@203.0.113.10");

        assertEquals(List.of(List.of("a1", "b1"), List.of("a2", "b2"), List.of("c1")), d.callIds());
    }

    @Test
    void whereTheRefersOfTwoCallsFitTheOneWhoseReferredByTheInviteCarriesIsItsCall() {
        // RFC 3892: the referee copies the REFER's Referred-By into the request it sends; two agents refer their
        // callers to one number within the window
        Dialogue d = new Dialogue();
        for (int n = 1; n <= 2; n++) {
            d.answeredInvite(n * 500L, CARRIER, SBC, "a" + n, "sip:+493011122" + n + "@198.51.100.20");
            d.answeredInvite(n * 500L + 300, SBC, LIVEKIT, "b" + n, "sip:+493011122" + n + "@34.1.2.3", "X-CID: a" + n);
            d.send(10_000 + n * 500L, LIVEKIT, SBC, Dialogue.request("REFER", "sip:u@198.51.100.20", "b" + n,
                    "z9hG4bK-refer" + n, 5, "t-b" + n, "Refer-To: " + TARGET, "Referred-By: <sip:agent" + n
                            + "@34.1.2.3>"));
            answerRefer(d, n, 10_010 + n * 500L, 202);
        }
        d.answeredInvite(11_100, SBC, CARRIER, "c1", "sip:+4915199988877@203.0.113.10",
                "Referred-By: <sip:agent1@34.1.2.3>");

        assertEquals(List.of(List.of("a1", "b1", "c1"), List.of("a2", "b2")), d.callIds());
    }

    @Test
    void aReferAsksForOneCall() {
        // the first call's transfer was dialled before the second call referred to the same number
        Dialogue d = new Dialogue();
        referredCall(d, 1, 0, 10_000, TARGET, 202);
        d.answeredInvite(10_100, SBC, CARRIER, "c1", "sip:+4915199988877@203.0.113.10");
        referredCall(d, 2, 500, 10_500, TARGET, 202);
        d.answeredInvite(10_600, SBC, CARRIER, "c2", "sip:+4915199988877@203.0.113.10");

        assertEquals(List.of(List.of("a1", "b1", "c1"), List.of("a2", "b2", "c2")), d.callIds());
    }

    @Test
    void aLegCapturedJustBeforeTheReferThatAskedForItJoinsIt() {
        // the REFER came in on another interface, whose packets the merged capture shows a few ms late
        Dialogue d = new Dialogue();
        d.answeredInvite(0, CARRIER, SBC, "a1", "sip:+4930111221@198.51.100.20");
        d.answeredInvite(300, SBC, LIVEKIT, "b1", "sip:+4930111221@34.1.2.3", "X-CID: a1");
        d.answeredInvite(9_995, SBC, CARRIER, "c1", "sip:+4915199988877@203.0.113.10");
        int inviteFrame = d.messages().size() - 1;
        d.send(10_000, LIVEKIT, SBC, Dialogue.request("REFER", "sip:u@198.51.100.20", "b1", "z9hG4bK-refer1", 5,
                "t-b1", "Refer-To: " + TARGET));
        answerRefer(d, 1, 10_010, 202);

        List<CallFlow> flows = new FlowBuilder().build(d.messages());

        assertEquals(List.of(List.of("a1", "b1", "c1")), d.callIds());
        assertEquals("The INVITE in frame " + inviteFrame + " (Call-ID c1) was sent by 198.51.100.20 0.005 s before"
                + " that host received the REFER in frame " + (inviteFrame + 2) + " (Call-ID b1), and it calls"
                + " +4915199988877, the REFER's Refer-To user: the two were captured out of order.",
                flows.get(0).joinEvidence().get(1));
    }

    @Test
    void aLegBeforeTheReferLongBeforeFromAnotherHostInAnotherCallOrOneOfTwoIsNotJoined() {
        Dialogue d = new Dialogue();
        d.answeredInvite(0, SBC, CARRIER, "c-too-early", "sip:+4915199988877@203.0.113.10");
        d.answeredInvite(6_000, CARRIER, SBC, "a1", "sip:+4930111221@198.51.100.20");
        d.answeredInvite(6_300, SBC, LIVEKIT, "b1", "sip:+4930111221@34.1.2.3", "X-CID: a1");
        d.answeredInvite(9_900, "198.51.100.99:5060", CARRIER, "c-other-host", "sip:+4915199988877@203.0.113.10");
        d.send(10_000, LIVEKIT, SBC, Dialogue.request("REFER", "sip:u@198.51.100.20", "b1", "z9hG4bK-refer1", 5,
                "t-b1", "Refer-To: " + TARGET));
        answerRefer(d, 1, 10_010, 202);
        assertEquals(List.of(List.of("c-too-early"), List.of("a1", "b1"), List.of("c-other-host")), d.callIds());

        Dialogue two = new Dialogue();
        two.answeredInvite(0, CARRIER, SBC, "a1", "sip:+4930111221@198.51.100.20");
        two.answeredInvite(300, SBC, LIVEKIT, "b1", "sip:+4930111221@34.1.2.3", "X-CID: a1");
        two.answeredInvite(9_900, SBC, CARRIER, "c1", "sip:+4915199988877@203.0.113.10");
        two.answeredInvite(9_950, SBC, CARRIER, "c2", "sip:+4915199988877@203.0.113.10");
        two.send(10_000, LIVEKIT, SBC, Dialogue.request("REFER", "sip:u@198.51.100.20", "b1", "z9hG4bK-refer1", 5,
                "t-b1", "Refer-To: " + TARGET));
        assertEquals(List.of(List.of("a1", "b1"), List.of("c1"), List.of("c2")), two.callIds());
    }

    @Test
    void theLegWhoseReplacesTheRefersTargetNamesJoinsFromAnyAddressInEitherOrder() {
        // attended transfer: the Refer-To URI carries the dialog to replace (RFC 3891), and the INVITE the SBC sends
        // from its other address names that dialog in its Replaces header
        String replacing = "<sip:+4915199988877@203.0.113.10?Replaces=xyz%40203.0.113.10%3Bto-tag%3D1%3Bfrom-tag%3D2>";
        String otherSide = "198.51.100.21:5060";
        for (boolean inviteFirst : List.of(false, true)) {
            Dialogue d = new Dialogue();
            d.answeredInvite(0, CARRIER, SBC, "a1", "sip:+4930111221@198.51.100.20");
            d.answeredInvite(300, SBC, LIVEKIT, "b1", "sip:+4930111221@34.1.2.3", "X-CID: a1");
            if (inviteFirst) {
                d.answeredInvite(9_995, otherSide, CARRIER, "c1", "sip:+4915199988877@203.0.113.10",
                        "Replaces: xyz@203.0.113.10;to-tag=1;from-tag=2");
            }
            d.send(10_000, LIVEKIT, SBC, Dialogue.request("REFER", "sip:u@198.51.100.20", "b1", "z9hG4bK-refer1", 5,
                    "t-b1", "Refer-To: " + replacing));
            answerRefer(d, 1, 10_010, 202);
            if (!inviteFirst) {
                d.answeredInvite(10_100, otherSide, CARRIER, "c1", "sip:+4915199988877@203.0.113.10",
                        "Replaces: xyz@203.0.113.10;to-tag=1;from-tag=2");
            }
            // another dialog replaced from that address is no leg of this transfer
            d.answeredInvite(10_200, otherSide, CARRIER, "c2", "sip:+4915199988877@203.0.113.10",
                    "Replaces: other@203.0.113.10;to-tag=1;from-tag=2");

            assertEquals(List.of(List.of("a1", "b1", "c1"), List.of("c2")), d.callIds(), "invite first " + inviteFirst);
        }
    }
}
