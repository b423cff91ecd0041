package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.Transport;
import org.sipladder.sip.SipHeader;
import org.sipladder.sip.SipMessage;

class HeaderCorrelationTest {

    private final MessageStore store = new MessageStore();
    private final LegTable legs = new LegTable();
    private final FlowGroups groups = new FlowGroups();
    private final HeaderCorrelation correlation = new HeaderCorrelation();
    private long frame;

    /** A message of leg {@code callId}, naming {@code named} in an X-CID header (and again in X-Call-ID). */
    private LegState send(String callId, String named) {
        frame++;
        List<SipHeader> headers = named == null ? List.of(new SipHeader("Call-ID", callId, "Call-ID: " + callId))
                : List.of(new SipHeader("Call-ID", callId, "Call-ID: " + callId),
                        new SipHeader("X-CID", named, "X-CID: " + named),
                        new SipHeader("X-Call-ID", named, "X-Call-ID: " + named));
        SipMessage m = new SipMessage(frame, frame, new Endpoint("10.0.0.1", 5060), new Endpoint("10.0.0.2", 5060),
                Transport.UDP, "INFO", "sip:x", 0, null, headers, new byte[0], null, "", false, null);
        LegState leg = legs.get(callId);
        if (leg == null) {
            leg = new LegState(callId, store);
            legs.add(leg);
            groups.addLeg(leg);
            leg.add(store.add(m), m);
            correlation.onNewLeg(leg, groups);
        } else {
            leg.add(store.add(m), m);
        }
        correlation.onMessage(leg, m, legs, groups);
        return leg;
    }

    @Test
    void aLegNamingAnotherInEveryMessageJoinsItOnceWithTheTextOfItsFirstMention() {
        for (int call = 0; call < 500; call++) {
            boolean namedFirst = call % 2 == 0;
            String a = "a" + call + "@h";
            String b = "b" + call + "@h";
            long aFrame = frame + 1;
            if (namedFirst) {
                send(a, null);
            }
            long mentionFrame = frame + 1;
            LegState bLeg = send(b, a);
            for (int i = 0; i < 4; i++) {
                send(b, a);
            }
            if (!namedFirst) {
                aFrame = frame + 1;
                send(a, null);
            }
            LegState aLeg = legs.get(a);
            assertSame(aLeg.group, bLeg.group);
            assertEquals(2, aLeg.group.legs().size());
            assertEquals(1, aLeg.group.evidence().size());
            assertEquals("Frame " + mentionFrame + " (Call-ID " + b + ") carries X-CID: " + a
                    + ", the Call-ID of the leg that starts in frame " + aFrame + ".",
                    aLeg.group.evidence().get(0).get());
        }
        // nothing is remembered of the 500 mentions once their legs are joined
        assertEquals(0, correlation.waitingNames());
        assertEquals(500, groups.all().size());
    }

    @Test
    void aMentionWaitsOnceForALegNotSeenYet() {
        send("b@h", "a@h");
        send("b@h", "a@h");
        send("c@h", "a@h");
        assertEquals(1, correlation.waitingNames());
        send("a@h", null);
        assertEquals(0, correlation.waitingNames());
        // both legs that named it were joined to it, one piece of evidence each
        assertSame(legs.get("a@h").group, legs.get("b@h").group);
        assertSame(legs.get("a@h").group, legs.get("c@h").group);
        assertEquals(2, legs.get("a@h").group.evidence().size());
    }
}
