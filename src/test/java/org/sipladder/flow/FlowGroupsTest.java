package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.Transport;
import org.sipladder.sip.SipHeader;
import org.sipladder.sip.SipMessage;

class FlowGroupsTest {

    private final MessageStore store = new MessageStore();

    private LegState leg(String callId) {
        return new LegState(callId, store);
    }

    /** New legs of these Call-IDs, each added to {@code groups} as a call of its own. */
    private List<LegState> added(FlowGroups groups, String... callIds) {
        List<LegState> legs = new ArrayList<>();
        for (String callId : callIds) {
            LegState l = leg(callId);
            groups.addLeg(l);
            legs.add(l);
        }
        return legs;
    }

    @Test
    void aLegJoinedAsItArrivesLeavesNoGroupBehind() {
        FlowGroups groups = new FlowGroups();
        for (int call = 0; call < 1000; call++) {
            LegState a = leg("a" + call);
            LegState b = leg("b" + call);
            groups.addLeg(a);
            groups.addLeg(b);
            Supplier<String> why = () -> "timing";
            groups.join(a, b, why);
            assertSame(a.group, b.group);
            assertEquals(List.of(a, b), a.group.legs());
            assertEquals(List.of(why), a.group.evidence());
        }
        // one group per call: the B-legs' own groups were let go at the join (2,000 held before, half of them merged)
        assertEquals(1000, groups.held());
        assertEquals(1000, groups.all().size());
    }

    @Test
    void joinsOfOlderCallsKeepLegsAndEvidenceInJoinOrder() {
        FlowGroups groups = new FlowGroups();
        LegState a = leg("a");
        LegState b = leg("b");
        LegState c = leg("c");
        LegState d = leg("d");
        for (LegState l : List.of(a, b, c, d)) {
            groups.addLeg(l);
        }
        Supplier<String> ab = () -> "ab";
        Supplier<String> cd = () -> "cd";
        Supplier<String> bd = () -> "bd";
        groups.join(a, b, ab);
        groups.join(c, d, cd);
        assertTrue(groups.hasOtherLegs(a));
        assertEquals(List.of(a.group, c.group), groups.all());
        // equal sizes: the first call takes the second's legs and evidence, then the join's own
        groups.join(b, d, bd);
        assertEquals(List.of(a, b, c, d), d.group.legs());
        assertEquals(List.of(ab, cd, bd), a.group.evidence());
        assertEquals(List.of(a.group), groups.all());
        for (LegState l : List.of(a, b, c, d)) {
            assertSame(a.group, l.group);
        }
    }

    @Test
    void aTimingJoinKeptAsTheArrivalNumbersOfItsInvitesIsToldAsTheRecordTellsIt() {
        FlowGroups groups = new FlowGroups();
        List<LegState> legs = added(groups, "a@h", "b@h", "c@h", "d@h");
        int aInvite = invite(legs.get(0), 1, 1_000_000, "10.0.0.1", "10.0.0.2", "sip:4930123456@x");
        int bInvite = invite(legs.get(1), 3, 1_040_000, "10.0.0.2", "10.0.0.3", "sip:494930123456@y");
        groups.joinTimed(legs.get(0), legs.get(1), aInvite, bInvite, 30123456);
        String told = "The INVITE in frame 3 (Call-ID b@h) was sent by 10.0.0.2 0.040 s after that host received the "
                + "INVITE in frame 1 (Call-ID a@h), and both called numbers end in 30123456.";
        assertEquals(List.of(told), texts(legs.get(0).group.evidence()));
        assertEquals(legs.subList(0, 2), legs.get(1).group.legs());
        // joined with a call of as many legs, after its evidence: the timing join keeps its place
        groups.join(legs.get(2), legs.get(3), () -> "cd");
        groups.join(legs.get(3), legs.get(1), () -> "bd");
        assertEquals(List.of("cd", told, "bd"), texts(legs.get(0).group.evidence()));
        assertEquals(List.of(legs.get(2), legs.get(3), legs.get(0), legs.get(1)), legs.get(0).group.legs());
    }

    /**
     * A call that thousands of legs join one at a time (a B2BUA sending one X-CID on every INVITE), asked at each new
     * leg whether a leg was sent to its sender: the work grows with the legs, not with their square (each join copied
     * every leg and evidence before, and each question walked every leg); the answers, the first leg and the order of
     * legs and evidence are the walk's.
     */
    @Test
    void aCallOfThousandsOfLegsIsJoinedAndAskedInWorkGrowingWithItsLegs() {
        long half = joinOneByOne(1_000);
        long full = joinOneByOne(2_000);
        assertTrue(full <= 2.5 * half, "work " + half + " for 1,000 legs, " + full + " for 2,000");
    }

    /** Joins {@code n} legs into one call, checking each answer with a walk; the work {@link FlowGroups#looks} took. */
    private long joinOneByOne(int n) {
        FlowGroups groups = new FlowGroups();
        List<LegState> legs = new ArrayList<>();
        List<Supplier<String>> whys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LegState leg = leg("leg" + i);
            groups.addLeg(leg);
            // the INVITE goes to one of three hosts; half the legs have it counted only once joined (a leg that
            // joined by a header before its INVITE came)
            int seq = invite(leg, i, i * 1_000L, "10.0.0.1", "10.0.1." + i % 3, "sip:4930123456@x");
            if (i % 2 == 0) {
                groups.opened(leg, seq);
            }
            if (i > 0) {
                Supplier<String> why = () -> "join";
                groups.join(legs.get(i % 7 == 0 ? 0 : i - 1), leg, why);
                whys.add(why);
            }
            if (i % 2 == 1) {
                groups.opened(leg, seq);
            }
            legs.add(leg);
            for (int host = 0; host < 4; host++) {
                String to = "10.0.1." + host;
                boolean walked = legs.stream().anyMatch(l -> l != leg && l.initialInvite >= 0
                        && store.get(l.initialInvite).dst().address().equals(to));
                assertEquals(walked, groups.hasLegSentTo(leg, to), "leg " + i + " to " + to);
            }
            assertSame(legs.get(0), leg.group.firstLeg());
        }
        assertEquals(legs, legs.get(0).group.legs());
        assertEquals(whys, legs.get(0).group.evidence());
        return groups.looks();
    }

    /** Adds an INVITE to {@code leg}; its arrival number. */
    private int invite(LegState leg, long frame, long micros, String from, String to, String uri) {
        SipMessage m = new SipMessage(frame, micros, new Endpoint(from, 5060), new Endpoint(to, 5060), Transport.UDP,
                "INVITE", uri, 0, null, List.of(new SipHeader("Call-ID", leg.callId(), "Call-ID: " + leg.callId())),
                new byte[0], null, "", false, null);
        int seq = store.add(m);
        leg.add(seq, m);
        return seq;
    }

    private static List<String> texts(List<Supplier<String>> evidence) {
        return evidence.stream().map(Supplier::get).toList();
    }
}
