package org.sipladder.flow;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.sipladder.sip.SipMessage;

/**
 * Timing joins that were a guess (several A-legs fitted a B-leg equally: one caller, one number, all waiting), set
 * right by the responses the B2BUA passes back: it sends on the A-leg the ringing, answer or refusal its B-leg got, a
 * moment after (RFC 7092 3: a signalling B2BUA relays the responses of one dialog into the other). When the one guessed
 * B-leg of a host that received a response with a status in the {@link #RELAY_MICROS} before, not passed back yet, is
 * followed by that status on one of the A-legs it fitted, the two are one call. Kept only for guessed joins, so a
 * capture without any pays one emptiness check per response.
 */
final class RelayedResponses {

    /** How a join's evidence ends while it is a guess ({@link CallFlow#guessedJoins}). */
    static final String GUESS = "joined in the order the host received them, a guess.";


    /** How long after its B-leg got a response a B2BUA passes it back: a few ms usually; longer is too loose a tie. */
    static final long RELAY_MICROS = 200_000L;
    /** Guesses are forgotten this long after their B-leg's INVITE: beyond the longest ringing. */
    private static final long KEEP_MICROS = 300_000_000L;

    /** A B-leg joined by a guess, what it was joined to, and what set it right, if anything did. */
    final class Guess implements Supplier<String> {
        private final LegState bLeg;
        private final String host;
        private final List<LegState> candidates;
        private final int lastDigits;
        private final long micros;
        private LegState aLeg;
        /** The last response the B-leg got from downstream, not passed back yet when {@link #passed} is false. */
        private int status;
        private long statusMicros;
        private long statusFrame;
        private boolean passed = true;
        /** The response pair that told the A-leg, or 0 while the join is a guess. */
        private long relayedFrame;
        private long receivedFrame;
        private long relayMicros;
        private int relayedStatus;
        private int receivedStatus;

        private Guess(LegState aLeg, LegState bLeg, String host, List<LegState> candidates, int lastDigits,
                      long micros) {
            this.aLeg = aLeg;
            this.bLeg = bLeg;
            this.host = host;
            this.candidates = candidates;
            this.lastDigits = lastDigits;
            this.micros = micros;
        }

        private boolean confirmed() {
            return relayedFrame != 0;
        }

        @Override
        public String get() {
            String join = TimingCorrelation.joinOf(bLeg.store(),
                    TimingCorrelation.timed(aLeg.initialInvite, bLeg.initialInvite), lastDigits).get();
            join = join.substring(0, join.length() - 1);
            if (confirmed()) {
                return join.replace("), and both called numbers end in ", "), both called numbers end in ")
                        + ", and the " + relayedStatus + " that host sent on that leg in frame " + relayedFrame
                        + " followed " + TimingCorrelation.milliseconds(relayMicros) + " s after the " + receivedStatus
                        + " this leg received in frame " + receivedFrame + ", as a B2BUA passes a response back.";
            }
            int others = candidates.size() - 1;
            return join + "; " + others + (others == 1 ? " other call fits" : " other calls fit")
                    + " as well, and no response passed back from one leg to the other tells which this leg"
                    + " continues: " + GUESS;
        }
    }

    /** The guesses by B-leg, and in the order they were made, to forget them after {@link #KEEP_MICROS}. */
    private final Map<LegState, Guess> byBLeg = new IdentityHashMap<>();
    private final ArrayDeque<Guess> made = new ArrayDeque<>();
    /** By host, the guesses whose B-leg got a response in the last {@link #RELAY_MICROS}, in the order they got it. */
    private final Map<String, ArrayDeque<Guess>> awaitingRelay = new HashMap<>();

    /**
     * The evidence for joining {@code bLeg}, whose INVITE {@code host} sent, to {@code aLeg}, one of the equally
     * fitting A-legs {@code candidates} (it among them) whose called numbers end in {@code lastDigits}: a guess until a
     * response passed back tells.
     */
    Guess guess(LegState aLeg, LegState bLeg, String host, List<LegState> candidates, int lastDigits, long micros) {
        while (!made.isEmpty() && made.peekFirst().micros < micros - KEEP_MICROS) {
            byBLeg.remove(made.pollFirst().bLeg);
        }
        Guess g = new Guess(aLeg, bLeg, host, List.copyOf(candidates), lastDigits, micros);
        made.addLast(g);
        byBLeg.put(bLeg, g);
        return g;
    }

    /** True when {@code aLeg}'s call is it and a B-leg a guess joined to it, which no response told yet. */
    boolean heldByGuess(LegState aLeg) {
        if (byBLeg.isEmpty() || aLeg.group.legCount() != 2) {
            return false;
        }
        Guess g = guessJoinedTo(aLeg);
        return g != null && !g.confirmed();
    }

    /** The guess that joined a B-leg to {@code aLeg} in its call, or null. */
    private Guess guessJoinedTo(LegState aLeg) {
        for (LegState other : aLeg.group.legs()) {
            Guess g = other != aLeg ? byBLeg.get(other) : null;
            if (g != null && g.aLeg == aLeg) {
                return g;
            }
        }
        return null;
    }

    /** Looks at {@code response}, of {@code leg}: a guessed B-leg's response, or one a host passed back on an A-leg. */
    void onResponse(LegState leg, SipMessage response, FlowGroups groups) {
        if (byBLeg.isEmpty() || response.status() <= 100) {
            return; // 100 Trying is each hop's own, never passed back
        }
        Guess own = byBLeg.get(leg);
        if (own != null && response.dst().address().equals(own.host)) {
            own.status = response.status();
            own.statusMicros = response.timestampMicros();
            own.statusFrame = response.frame();
            own.passed = false;
            awaitingRelay.computeIfAbsent(own.host, k -> new ArrayDeque<>()).addLast(own);
            return;
        }
        String host = response.src().address();
        ArrayDeque<Guess> awaiting = awaitingRelay.get(host);
        if (awaiting == null || leg.initialInvite < 0
                || !leg.store().get(leg.initialInvite).dst().address().equals(host)) {
            return;
        }
        long now = response.timestampMicros();
        while (!awaiting.isEmpty() && (awaiting.peekFirst().passed
                || awaiting.peekFirst().statusMicros < now - RELAY_MICROS)) {
            awaiting.pollFirst();
        }
        Guess relayed = null;
        for (Guess g : awaiting) {
            if (!g.passed && g != relayed && g.statusMicros <= now && agree(g.status, response.status())
                    && g.candidates.contains(leg)) {
                if (relayed != null) {
                    return; // two B-legs got such a status a moment before: which one was passed back is not told
                }
                relayed = g;
            }
        }
        if (relayed != null) {
            relayed.passed = true;
            settle(relayed, leg, response, groups);
        }
    }

    /**
     * Whether a B2BUA passing back {@code received} may have sent {@code sent}: the same status, or one of the same
     * kind that it maps (a 180 sent on as 183 with its own early media; a 503 as a 603 or 480).
     */
    private static boolean agree(int received, int sent) {
        return received == sent || received >= 300 && sent >= 300
                || received > 100 && received < 200 && sent > 100 && sent < 200;
    }

    /** Joins the guessed B-leg of {@code g} to {@code aLeg}, on which its response was passed back in {@code relay}. */
    private void settle(Guess g, LegState aLeg, SipMessage relay, FlowGroups groups) {
        if (g.confirmed()) {
            return; // told once already: a later pair of responses does not undo it
        }
        if (g.aLeg != aLeg) {
            Guess displaced = aLeg.group.legCount() == 2 ? displacedBy(aLeg, g, groups) : null;
            boolean movable = g.bLeg.group.legCount() == 2 && g.bLeg.group == g.aLeg.group
                    && (aLeg.group.legCount() == 1 || displaced != null && !displaced.confirmed());
            if (!movable) {
                return; // joined by more than this guess since: left as it is
            }
            LegState formerA = g.aLeg;
            groups.detach(g.bLeg);
            if (displaced != null) {
                groups.detach(displaced.bLeg);
            }
            g.aLeg = aLeg;
            groups.join(aLeg, g.bLeg, g);
            if (displaced != null && displaced.candidates.contains(formerA)) {
                // the two swap: the other B-leg is still a guess, now for the A-leg this one left
                displaced.aLeg = formerA;
                groups.join(formerA, displaced.bLeg, displaced);
            }
        }
        g.relayedStatus = relay.status();
        g.receivedStatus = g.status;
        g.relayedFrame = relay.frame();
        g.receivedFrame = g.statusFrame;
        g.relayMicros = relay.timestampMicros() - g.statusMicros;
        groups.touch(aLeg);
    }

    /**
     * The guess that joined a B-leg to {@code aLeg} in its call of two legs; or, where that B-leg was joined by timing
     * alone while {@code settled}'s guess held the A-leg it fits as well, a guess made for it now; else null.
     */
    private Guess displacedBy(LegState aLeg, Guess settled, FlowGroups groups) {
        for (LegState other : aLeg.group.legs()) {
            if (other == aLeg) {
                continue;
            }
            Guess g = byBLeg.get(other);
            if (g != null) {
                return g.aLeg == aLeg ? g : null;
            }
            if (groups.timedPair(aLeg) && other.initialInvite >= 0 && aLeg.initialInvite >= 0) {
                SipMessage invite = other.store().get(other.initialInvite);
                SipMessage received = aLeg.store().get(aLeg.initialInvite);
                if (invite.src().address().equals(settled.host) && invite.timestampMicros() > received.timestampMicros()
                        && invite.timestampMicros() > settled.aLeg.store().get(settled.aLeg.initialInvite)
                                .timestampMicros()) {
                    return guess(aLeg, other, settled.host, List.of(aLeg, settled.aLeg), settled.lastDigits,
                            invite.timestampMicros());
                }
            }
        }
        return null;
    }
}
