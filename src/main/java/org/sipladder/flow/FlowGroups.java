package org.sipladder.flow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.sipladder.sip.SipMessage;

/**
 * Legs joined into calls, with the evidence for each join and a summary per call. Each leg points at its call
 * ({@link LegState#group}); a join moves the legs of the smaller call into the larger, so no look-up by Call-ID
 * is needed while a capture with a hundred thousand legs is read.
 */
final class FlowGroups {

    private static final LegState[] NO_LEGS = {};
    @SuppressWarnings("unchecked")
    private static final Supplier<String>[] NO_EVIDENCE = new Supplier[0];
    /** No timing join in {@link Group#timed}. */
    private static final long NO_TIMING = -1;
    /**
     * Up to this many legs a call's legs are walked to answer {@link #hasLegSentTo}; beyond, their INVITEs'
     * destinations are counted ({@link InviteDestinations}).
     */
    static final int WALKED_LEGS = 64;

    /** The legs of one call so far; {@code summary} is valid until a leg gets a message or another group joins. */
    static final class Group {
        // a large capture holds 50,000 calls of two legs joined by one piece of evidence, nearly always a timing join:
        // those are fields, the timing join two arrival numbers, and arrays (made at the first join beyond, doubled when
        // full) only hold more; an array each for the legs and the evidence of every call, and a record of the timing join, were
        // 150,000 objects more for each young collection to copy into the old generation
        /**
         * The first leg and the second, or with more than two legs null and all of them in the first
         * {@link #manyCount} of {@link #many} (room to spare, doubled when full: a call that thousands of legs join one
         * at a time copies each a few times, not at every join).
         */
        private LegState leg0;
        private LegState leg1;
        private LegState[] many;
        private int manyCount;
        /** With {@link #many}, the leg whose first message arrived first, kept at each join ({@link #firstLeg}). */
        private LegState firstOfMany;
        /** Where the legs' INVITEs went, once the call has more than {@link #WALKED_LEGS}; null before. */
        private InviteDestinations destinations;
        /**
         * Why the legs were joined, made into text when the call is assembled: the one reason, or with more than one
         * null and all of them in the first {@link #whyCount} of {@link #whys} (room to spare, as {@link #many}).
         */
        private Supplier<String> why;
        private Supplier<String>[] whys;
        private int whyCount;
        /**
         * The one reason when it is a timing join: the arrival numbers of its INVITEs
         * ({@link TimingCorrelation#joinOf}), made into its record when read; else {@link #NO_TIMING}.
         */
        private long timed = NO_TIMING;
        /** The last digits of the called numbers of {@link #timed} ({@link TimingCorrelation#lastDigitsOf}). */
        private int timedDigits;
        boolean dirty = true;
        /** True once joined into another group, which then holds its legs. */
        boolean merged;
        CallSummary summary;
        /** The first message of the call, once found; null again after a join. */
        private SipMessage start;

        Group(LegState first) {
            leg0 = first;
        }

        /** The legs, in the order they joined the call. */
        List<LegState> legs() {
            return List.of(legArray());
        }

        /** How many legs the call has. */
        int legCount() {
            return many != null ? manyCount : leg1 != null ? 2 : leg0 != null ? 1 : 0;
        }

        /** The legs in the order they joined the call, in an array of their own. */
        private LegState[] legArray() {
            return many != null ? copy(many, manyCount) : leg1 != null ? new LegState[] {leg0, leg1}
                    : leg0 != null ? new LegState[] {leg0} : NO_LEGS;
        }

        /** Sets the legs to one or none (a join's other call, a detach). */
        private void setLegs(LegState[] legs) {
            if (legs.length > 1) {
                throw new IllegalArgumentException("a call is set to one leg or none; legs join by append");
            }
            leg0 = legs.length > 0 ? legs[0] : null;
            leg1 = null;
            many = null;
            manyCount = 0;
            firstOfMany = null;
            destinations = null;
        }

        /**
         * Adds {@code moved} (legs of another call) after the legs, which then number more than two; how many legs were
         * copied or counted to do so.
         */
        private int append(LegState[] moved) {
            int count = legCount() + moved.length;
            int work = moved.length;
            if (many == null || count > many.length) {
                work += manyCount;
                LegState[] grown = new LegState[Math.max(8, Integer.highestOneBit(count) << 1)];
                if (many != null) {
                    System.arraycopy(many, 0, grown, 0, manyCount);
                } else {
                    grown[0] = leg0;
                    grown[1] = leg1;
                    manyCount = leg1 != null ? 2 : leg0 != null ? 1 : 0;
                }
                many = grown;
                leg0 = null;
                leg1 = null;
            }
            System.arraycopy(moved, 0, many, manyCount, moved.length);
            manyCount = count;
            if (destinations != null) {
                destinations.addAll(moved, moved.length);
                work += moved.length;
            } else if (count > WALKED_LEGS) {
                destinations = new InviteDestinations();
                destinations.addAll(many, count);
                work += count;
            }
            return work;
        }

        /** The reasons for the joins in order, in an array of their own. */
        @SuppressWarnings("unchecked")
        private Supplier<String>[] evidenceArray() {
            if (whys != null || why != null) {
                return whys != null ? copy(whys, whyCount) : new Supplier[] {why};
            }
            return timed == NO_TIMING ? NO_EVIDENCE
                    : new Supplier[] {TimingCorrelation.joinOf(anyLeg().store(), timed, timedDigits)};
        }

        private void setEvidence(Supplier<String>[] evidence) {
            why = evidence.length == 1 ? evidence[0] : null;
            whys = evidence.length > 1 ? evidence : null;
            whyCount = evidence.length > 1 ? evidence.length : 0;
            timed = NO_TIMING;
        }

        /** Adds the evidence of another call's joins and then {@code last} after this call's; how many were copied. */
        @SuppressWarnings("unchecked")
        private int appendEvidence(Supplier<String>[] joined, Supplier<String> last) {
            int work = joined.length + 1;
            if (whys == null) {
                Supplier<String>[] before = evidenceArray();
                whys = new Supplier[Math.max(8, Integer.highestOneBit(before.length + joined.length + 1) << 1)];
                System.arraycopy(before, 0, whys, 0, before.length);
                whyCount = before.length;
                why = null;
                timed = NO_TIMING;
            }
            int count = whyCount + joined.length + 1;
            if (count > whys.length) {
                Supplier<String>[] grown = new Supplier[Integer.highestOneBit(count) << 1];
                System.arraycopy(whys, 0, grown, 0, whyCount);
                whys = grown;
                work += whyCount;
            }
            System.arraycopy(joined, 0, whys, whyCount, joined.length);
            whys[count - 1] = last;
            whyCount = count;
            return work;
        }

        private boolean hasEvidence() {
            return why != null || whys != null || timed != NO_TIMING;
        }

        private LegState anyLeg() {
            return many != null ? many[0] : leg0;
        }

        /** The call as its legs make it now. */
        CallFlow assemble(AgentRoles agentRoles) {
            return CallFlowAssembly.assemble(legArray(), evidenceArray(), agentRoles);
        }

        /**
         * The message that arrived first of all the call's messages: found once (as the call's messages are added,
         * {@link LiveFlows#add}), so that putting the calls in start order after the read looks at one object per
         * call, not at its legs and their first messages (five places in memory, 0.15 s for 50,000 calls).
         */
        SipMessage start() {
            if (start == null) {
                start = firstLeg().firstMessage();
            }
            return start;
        }

        /** The leg whose first message arrived first. */
        LegState firstLeg() {
            if (many == null) {
                return leg1 != null && leg1.firstSeq() < leg0.firstSeq() ? leg1 : leg0;
            }
            return firstOfMany;
        }

        /** Why the legs were joined, in the order of the joins. */
        List<Supplier<String>> evidence() {
            return List.of(evidenceArray());
        }
    }

    /**
     * The groups in the order the calls' first legs arrived (nearly start order already), with up to as many
     * merged ones, which {@link #all} leaves out.
     */
    private final List<Group> made = new ArrayList<>();
    private int mergedCount;
    /** Legs looked at or copied by joins and {@link #hasLegSentTo}: what a test bounds, as the work grows with a call. */
    private long looks;

    void addLeg(LegState leg) {
        Group g = new Group(leg);
        leg.group = g;
        made.add(g);
    }

    /** Marks the call holding {@code leg} as changed: once per message, so without looking the call up. */
    void touch(LegState leg) {
        leg.group.dirty = true;
    }

    /** True when the call holding {@code leg} already has more than this one leg. */
    boolean hasOtherLegs(LegState leg) {
        return leg.group.legCount() > 1;
    }

    /**
     * True when the call holding {@code leg} has another leg that {@code host} opened and that is still going: a
     * B2BUA's outgoing leg for it in progress (a failed one does not count: the B2BUA may try the next destination).
     */
    boolean dialsOut(LegState leg, String host) {
        Group g = leg.group;
        if (g.legCount() < 2) {
            return false;
        }
        for (LegState other : g.legArray()) {
            if (other != leg && other.firstMessage().src().address().equals(host) && other.mayContinue()) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the call holding {@code leg} has another leg whose dialog-opening INVITE was sent to {@code host}: the
     * leg that {@code host}, when it sent {@code leg}, continues (its A-leg) is in the call already.
     */
    boolean hasLegSentTo(LegState leg, String host) {
        Group g = leg.group;
        if (g.many == null) {
            // asked once per leg's INVITE: the usual call of a leg or two looked at without an array
            LegState other = g.leg0 == leg ? g.leg1 : g.leg0;
            return other != null && sentTo(other, host);
        }
        if (g.destinations != null) {
            // a call of thousands of legs (one X-CID on every INVITE) asked at each new leg: counted, not walked
            return g.destinations.sentTo(host) > (sentTo(leg, host) ? 1 : 0);
        }
        for (int i = 0; i < g.manyCount; i++) {
            looks++;
            LegState other = g.many[i];
            if (other != leg && sentTo(other, host)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Records that {@code leg}'s dialog-opening INVITE arrived with arrival number {@code seq}
     * ({@link LegState#initialInvite}), which {@link #hasLegSentTo} counts in a call of many legs.
     */
    void opened(LegState leg, int seq) {
        leg.initialInvite = seq;
        InviteDestinations d = leg.group.destinations;
        if (d != null) {
            d.add(leg);
        }
    }

    private static boolean sentTo(LegState leg, String host) {
        return leg.initialInvite >= 0 && leg.store().get(leg.initialInvite).dst().address().equals(host);
    }

    /** Puts the calls of {@code a} and {@code b} together, recording why. */
    void join(LegState a, LegState b, Supplier<String> why) {
        join(a, b, why, NO_TIMING, 0);
    }

    /**
     * Puts the calls of {@code a} and {@code b} together for a timing correlation of the INVITEs with these arrival
     * numbers ({@link TimingCorrelation#joinOf}).
     */
    void joinTimed(LegState a, LegState b, int aInvite, int bInvite, int lastDigits) {
        join(a, b, null, TimingCorrelation.timed(aInvite, bInvite), lastDigits);
    }

    /**
     * Puts the calls together for {@code why}, or when it is null for the timing join {@code timed} of numbers ending
     * in {@code lastDigits}.
     */
    private void join(LegState a, LegState b, Supplier<String> why, long timed, int lastDigits) {
        Group ga = a.group;
        Group gb = b.group;
        if (ga == gb) {
            return;
        }
        if (ga.legCount() < gb.legCount()) {
            Group t = ga;
            ga = gb;
            gb = t;
        }
        if (ga.legCount() + gb.legCount() <= 2) {
            // the usual join, of two single legs: no arrays made
            gb.leg0.group = ga;
            ga.leg1 = gb.leg0;
        } else {
            LegState firstA = ga.firstLeg();
            LegState firstB = gb.firstLeg();
            LegState[] moved = gb.legArray();
            for (LegState leg : moved) {
                leg.group = ga;
            }
            looks += ga.append(moved);
            // as a walk over the legs in order finds it: the other call's first only when it came strictly before
            ga.firstOfMany = firstB.firstSeq() < firstA.firstSeq() ? firstB : firstA;
        }
        ga.start = null;
        if (!ga.hasEvidence() && !gb.hasEvidence()) {
            ga.why = why;
            ga.timed = timed;
            ga.timedDigits = lastDigits;
        } else {
            looks += ga.appendEvidence(gb.evidenceArray(), why != null ? why
                    : TimingCorrelation.joinOf(a.store(), timed, lastDigits));
        }
        ga.dirty = true;
        gb.merged = true;
        gb.setLegs(NO_LEGS);
        gb.setEvidence(NO_EVIDENCE);
        if (made.get(made.size() - 1) == gb) {
            // the usual join: a B-leg joined as its first message arrives; its group is let go while it is young
            made.remove(made.size() - 1);
        } else if (++mergedCount > made.size() / 2) {
            // merged groups are let go once they are half of all: each is passed over a bounded number of times
            made.removeIf(g -> g.merged);
            mergedCount = 0;
        }
    }

    /** True when the call holding {@code leg} is two legs joined by one timing join and nothing else. */
    boolean timedPair(LegState leg) {
        Group g = leg.group;
        return g.legCount() == 2 && g.timed != NO_TIMING;
    }

    /**
     * Takes {@code leg} out of its call of two legs into a call of its own, the other leg left alone without evidence:
     * for a join a later clue showed wrong ({@link RelayedResponses}).
     */
    void detach(LegState leg) {
        Group g = leg.group;
        if (g.legCount() != 2) {
            throw new IllegalStateException("only a call of two legs is taken apart");
        }
        LegState other = g.leg0 == leg ? g.leg1 : g.leg0;
        g.setLegs(new LegState[] {other});
        g.setEvidence(NO_EVIDENCE);
        g.start = null;
        g.dirty = true;
        addLeg(leg);
    }

    /** The first {@code count} of {@code from} in an array of their own. */
    private static LegState[] copy(LegState[] from, int count) {
        LegState[] to = new LegState[count];
        System.arraycopy(from, 0, to, 0, count);
        return to;
    }

    @SuppressWarnings("unchecked")
    private static Supplier<String>[] copy(Supplier<String>[] from, int count) {
        Supplier<String>[] to = new Supplier[count];
        System.arraycopy(from, 0, to, 0, count);
        return to;
    }

    /** The calls, in the order their first legs arrived: a view while no leg is added or joined. */
    /** How many calls {@link #all} holds, without making its list. */
    int size() {
        return made.size() - mergedCount;
    }

    List<Group> all() {
        // every merged group still held is counted until a sweep lets them all go
        return mergedCount == 0 ? Collections.unmodifiableList(made) : live();
    }

    private List<Group> live() {
        List<Group> live = new ArrayList<>(made.size() - mergedCount);
        for (int i = 0; i < made.size(); i++) {
            if (!made.get(i).merged) {
                live.add(made.get(i));
            }
        }
        return live;
    }

    /** See {@link #looks}. */
    long looks() {
        return looks;
    }

    /** How many groups are held, merged ones included. */
    int held() {
        return made.size();
    }
}
