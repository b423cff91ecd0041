package org.sipladder.flow;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Supplier;

/** Builds the immutable {@link CallFlow} of one group of joined legs. */
final class CallFlowAssembly {

    /** Time, then arrival: written out, as a chain of comparator lambdas is slow before the JIT's last tier. */
    private static final Comparator<LegState> START_ORDER = (a, b) -> {
        long am = a.firstMicros();
        long bm = b.firstMicros();
        return am != bm ? Long.compare(am, bm) : Long.compare(a.firstSeq(), b.firstSeq());
    };

    private static final int RECENT_TRANSACTIONS = 8;

    private CallFlowAssembly() {
    }

    /** The call of the legs {@code ordered} (an array this sorts), joined for {@code joinEvidence}. */
    static CallFlow assemble(LegState[] ordered, Supplier<String>[] joinEvidence, AgentRoles agentRoles) {
        if (ordered.length > 1) {
            Arrays.sort(ordered, START_ORDER);
        }
        Leg[] legs = new Leg[ordered.length];
        // each leg's entries made once, for its analysis and for the call's messages
        Entry[][] entries = new Entry[ordered.length][];
        Timings timings = null;
        int total = 0;
        for (int i = 0; i < ordered.length; i++) {
            entries[i] = ordered[i].entryArray();
            total += entries[i].length;
            LegAnalysis analysis = new LegAnalysis(ordered[i], entries[i]);
            legs[i] = analysis.toLeg(i);
            if (i == 0) {
                timings = analysis.timings();
            }
        }
        Entry[] inOrder = new Entry[total];
        int[] legIndexes = new int[total];
        merge(entries, inOrder, legIndexes);
        List<Entry> messages = Arrays.asList(inOrder);
        return new CallFlow(ordered[0].callId(), List.of(legs), HopRoles.hops(messages, agentRoles),
                new FlowMessages(messages, legIndexes), evidenceText(joinEvidence), timings);
    }

    /**
     * The legs' entries (each leg's in arrival order) in arrival order across the legs, with the index of each one's
     * leg: a merge, as a call has a leg or two.
     */
    private static void merge(Entry[][] legs, Entry[] inOrder, int[] legIndexes) {
        int[] next = new int[legs.length];
        for (int k = 0; k < inOrder.length; k++) {
            int pick = -1;
            long seq = Long.MAX_VALUE;
            for (int l = 0; l < legs.length; l++) {
                if (next[l] < legs[l].length && legs[l][next[l]].seq() < seq) {
                    pick = l;
                    seq = legs[l][next[l]].seq();
                }
            }
            inOrder[k] = legs[pick][next[pick]++];
            legIndexes[k] = pick;
        }
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
        /** What the list is made from (the entries in capture order and each one's leg); null once made. */
        private List<Entry> entries;
        private int[] legIndexes;
        /**
         * Read without the lock once made: every walk over a call's messages comes through {@link #get}. An array,
         * not a list: a list's get here would be a call the quick JIT dispatches through a stub (List.of gives two
         * kinds), on top of the one into this list.
         */
        private volatile FlowMessage[] made;

        private FlowMessages(List<Entry> entries, int[] legIndexes) {
            this.entries = entries;
            this.legIndexes = legIndexes;
            this.size = entries.size();
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
            return made != null ? made[0].message().timestampMicros() : entries.get(0).message().timestampMicros();
        }

        /** Method of the call's first request, without making the list; empty when none was captured. */
        synchronized String firstMethod() {
            for (int i = 0; i < size; i++) {
                String method = (made != null ? made[i].message() : entries.get(i).message()).method();
                if (method != null) {
                    return method;
                }
            }
            return "";
        }

        private synchronized FlowMessage[] made() {
            if (made == null) {
                made = flowMessages(entries, legIndexes);
                entries = null;
                legIndexes = null;
            }
            return made;
        }
    }

    private static FlowMessage[] flowMessages(List<Entry> all, int[] legIndexes) {
        FlowMessage[] messages = new FlowMessage[all.size()];
        // one transaction (and key, when asked for) shared by the messages of a transaction among the last few; one
        // further back gets a transaction of its own, with an equal key
        FlowMessage.Transaction[] recent = new FlowMessage.Transaction[RECENT_TRANSACTIONS];
        int next = 0;
        for (int i = 0; i < messages.length; i++) {
            Entry e = all.get(i);
            FlowMessage.Transaction transaction = null;
            for (int k = 0; k < recent.length && recent[k] != null && transaction == null; k++) {
                if (recent[k].has(e)) {
                    transaction = recent[k];
                }
            }
            if (transaction == null) {
                transaction = new FlowMessage.Transaction(e);
                recent[next] = transaction;
                next = (next + 1) % RECENT_TRANSACTIONS;
            }
            messages[i] = new FlowMessage(e.message(), legIndexes[i], e.retransmission(), transaction);
        }
        return messages;
    }
}
