package org.sipladder.flow;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Supplier;
import org.sipladder.sip.SipMessage;

/** Builds the immutable {@link CallFlow} of one group of joined legs. */
final class CallFlowAssembly {

    /** Time, then arrival: written out, as a chain of comparator lambdas is slow before the JIT's last tier. */
    private static final Comparator<LegState> START_ORDER = (a, b) -> {
        long am = a.firstMicros();
        long bm = b.firstMicros();
        return am != bm ? Long.compare(am, bm) : Long.compare(a.firstSeq(), b.firstSeq());
    };

    private static final int RECENT_TRANSACTIONS = 8;
    /** Set in a message's place for a retransmission (leg indexes are never negative). */
    private static final int REPEAT = Integer.MIN_VALUE;

    private CallFlowAssembly() {
    }

    /** The call of the legs {@code ordered} (an array this sorts), joined for {@code joinEvidence}. */
    static CallFlow assemble(LegState[] ordered, Supplier<String>[] joinEvidence, AgentRoles agentRoles) {
        if (ordered.length > 1) {
            Arrays.sort(ordered, START_ORDER);
        }
        Leg[] legs = new Leg[ordered.length];
        // each leg's messages looked up once, for the legs' order, its analysis and the call's messages; no object per
        // message (the command line lists the calls by their legs and hops, and never reads their messages)
        SipMessage[][] messages = new SipMessage[ordered.length][];
        int[][] arrivals = new int[ordered.length][];
        for (int i = 0; i < ordered.length; i++) {
            arrivals[i] = new int[ordered[i].size()];
            messages[i] = ordered[i].messages(arrivals[i]);
        }
        if (ordered.length > 1) {
            UpstreamOrder.sort(ordered, messages, arrivals);
        }
        Timings timings = null;
        int total = 0;
        // the caller's last attempt: the A-leg, or its last retry under a new Call-ID
        int outcome = 0;
        for (int i = 0; i < ordered.length; i++) {
            total += messages[i].length;
            LegAnalysis analysis = new LegAnalysis(ordered[i], messages[i], arrivals[i]);
            int retryOf = indexOf(ordered, ordered[i].retried, i);
            legs[i] = analysis.toLeg(i, retryOf);
            if (i == 0 || retryOf >= 0 && retryOf == outcome) {
                outcome = i;
                timings = analysis.timings();
            }
        }
        SipMessage[] inOrder = new SipMessage[total];
        int[] places = new int[total];
        merge(arrivals, messages, inOrder, places);
        return new CallFlow(ordered[0].callId(), List.of(legs), HopRoles.hops(inOrder, places, agentRoles),
                new FlowMessages(inOrder, places), evidenceText(joinEvidence), timings);
    }

    /** The index of {@code leg} among the first {@code before} of {@code ordered}, or -1 (also for null). */
    private static int indexOf(LegState[] ordered, LegState leg, int before) {
        for (int i = 0; leg != null && i < before; i++) {
            if (ordered[i] == leg) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The legs' messages (each leg's in arrival order) in arrival order across the legs, with the {@link #place} of
     * each: a merge, as a call has a leg or two; one of more than {@link FlowGroups#WALKED_LEGS} legs is sorted
     * instead.
     */
    private static void merge(int[][] arrivals, SipMessage[][] messages, SipMessage[] inOrder, int[] places) {
        if (arrivals.length > FlowGroups.WALKED_LEGS) {
            mergeSorted(arrivals, messages, inOrder, places);
            return;
        }
        int[] next = new int[arrivals.length];
        for (int k = 0; k < inOrder.length; k++) {
            int pick = -1;
            int seq = 0;
            for (int l = 0; l < arrivals.length; l++) {
                if (next[l] < arrivals[l].length && (pick < 0 || (arrivals[l][next[l]] & ~LegState.REPEAT) < seq)) {
                    pick = l;
                    seq = arrivals[l][next[l]] & ~LegState.REPEAT;
                }
            }
            int i = next[pick]++;
            inOrder[k] = messages[pick][i];
            places[k] = place(pick, arrivals[pick][i] < 0);
        }
    }

    /**
     * As {@link #merge}, for a call of thousands of legs (a B2BUA sending one X-CID on every INVITE), where looking at
     * the next message of every leg for each message took time growing with messages times legs: each message's
     * arrival number and leg in one number, sorted. Arrival numbers are distinct and each leg's ascend, so this is the
     * merge's order.
     */
    private static void mergeSorted(int[][] arrivals, SipMessage[][] messages, SipMessage[] inOrder, int[] places) {
        long[] keys = new long[inOrder.length];
        int k = 0;
        for (int l = 0; l < arrivals.length; l++) {
            for (int i = 0; i < arrivals[l].length; i++) {
                keys[k++] = (long) (arrivals[l][i] & ~LegState.REPEAT) << 32 | l;
            }
        }
        Arrays.sort(keys);
        int[] next = new int[arrivals.length];
        for (k = 0; k < keys.length; k++) {
            int l = (int) keys[k];
            int i = next[l]++;
            inOrder[k] = messages[l][i];
            places[k] = place(l, arrivals[l][i] < 0);
        }
    }

    /** A message's leg index, with {@link #REPEAT} set when it is a retransmission. */
    static int place(int legIndex, boolean retransmission) {
        return retransmission ? legIndex | REPEAT : legIndex;
    }

    /** The leg index of a {@link #place}. */
    static int legIndex(int place) {
        return place & ~REPEAT;
    }

    /** Whether a {@link #place} is a retransmission's. */
    static boolean retransmission(int place) {
        return place < 0;
    }

    /**
     * The join evidence: each sentence that can be made later is made when read; the others now, as they may read
     * messages that another thread is adding to (the desktop assembles calls while a capture is still read).
     */
    private static List<String> evidenceText(Supplier<String>[] evidence) {
        Object[] sentences = new Object[evidence.length];
        for (int i = 0; i < sentences.length; i++) {
            Supplier<String> s = evidence[i];
            sentences[i] = s instanceof SentenceList.Source ? s : s.get();
        }
        return new SentenceList(sentences);
    }

    /**
     * The messages of a call in capture order, made (with their transaction keys) when first read: the command
     * line lists 50,000 calls of a large capture by their legs and hops, and never reads them.
     */
    static final class FlowMessages extends AbstractList<FlowMessage> implements RandomAccess {
        private final int size;
        /** What the list is made from (the messages in capture order and each one's place); null once made. */
        private SipMessage[] messages;
        private int[] places;
        /**
         * Read without the lock once made: every walk over a call's messages comes through {@link #get}. An array,
         * not a list: a list's get here would be a call the quick JIT dispatches through a stub (List.of gives two
         * kinds), on top of the one into this list.
         */
        private volatile FlowMessage[] made;

        private FlowMessages(SipMessage[] messages, int[] places) {
            this.messages = messages;
            this.places = places;
            this.size = messages.length;
        }

        @Override
        public FlowMessage get(int index) {
            FlowMessage[] m = made;
            return (m != null ? m : made())[index];
        }

        @Override
        public int size() {
            return size;
        }

        /** Capture time of the first message, without making the list. */
        synchronized long firstMicros() {
            return made != null ? made[0].message().timestampMicros() : messages[0].timestampMicros();
        }

        /** See {@link CallFlow#retransmissionFrames}. */
        synchronized long[] retransmissionFrames() {
            if (made != null) {
                return CallFlowAssembly.retransmissionFrames(Arrays.asList(made));
            }
            int count = 0;
            for (int place : places) {
                count += retransmission(place) ? 1 : 0;
            }
            if (count == 0) {
                return NO_FRAMES;
            }
            long[] frames = new long[count];
            for (int i = 0, k = 0; k < count; i++) {
                if (retransmission(places[i])) {
                    frames[k++] = messages[i].frame();
                }
            }
            return frames;
        }

        private synchronized FlowMessage[] made() {
            if (made == null) {
                made = flowMessages(messages, places);
                messages = null;
                places = null;
            }
            return made;
        }
    }

    private static final long[] NO_FRAMES = new long[0];

    /** The frames of the retransmissions among {@code messages}, in their order. */
    static long[] retransmissionFrames(List<FlowMessage> messages) {
        int count = 0;
        for (int i = 0; i < messages.size(); i++) {
            count += messages.get(i).retransmission() ? 1 : 0;
        }
        if (count == 0) {
            return NO_FRAMES;
        }
        long[] frames = new long[count];
        for (int i = 0, k = 0; k < count; i++) {
            if (messages.get(i).retransmission()) {
                frames[k++] = messages.get(i).message().frame();
            }
        }
        return frames;
    }

    private static FlowMessage[] flowMessages(SipMessage[] all, int[] places) {
        FlowMessage[] messages = new FlowMessage[all.length];
        // one transaction (and key, when asked for) shared by the messages of a transaction among the last few; one
        // further back gets a transaction of its own, with an equal key
        FlowMessage.Transaction[] recent = new FlowMessage.Transaction[RECENT_TRANSACTIONS];
        int next = 0;
        for (int i = 0; i < messages.length; i++) {
            SipMessage m = all[i];
            FlowMessage.Transaction transaction = null;
            for (int k = 0; k < recent.length && recent[k] != null && transaction == null; k++) {
                if (recent[k].has(m)) {
                    transaction = recent[k];
                }
            }
            if (transaction == null) {
                transaction = new FlowMessage.Transaction(m);
                recent[next] = transaction;
                next = (next + 1) % RECENT_TRANSACTIONS;
            }
            messages[i] = new FlowMessage(m, legIndex(places[i]), retransmission(places[i]), transaction);
        }
        return messages;
    }
}
