package org.sipladder.flow;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.Supplier;

/** Builds the immutable {@link CallFlow} of one group of joined legs. */
final class CallFlowAssembly {

    private static final Comparator<LegState> START_ORDER = Comparator
            .comparingLong(LegState::firstMicros)
            .thenComparingLong(LegState::firstSeq);

    private static final int RECENT_TRANSACTIONS = 8;

    private CallFlowAssembly() {
    }

    static CallFlow assemble(List<LegState> group, List<Supplier<String>> joinEvidence, AgentRoles agentRoles) {
        LegState[] ordered = group.toArray(new LegState[0]);
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
    private static List<String> evidenceText(List<Supplier<String>> evidence) {
        Object[] sentences = new Object[evidence.size()];
        for (int i = 0; i < sentences.length; i++) {
            Supplier<String> s = evidence.get(i);
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
        /** Read without the lock once made: every walk over a call's messages comes through {@link #get}. */
        private volatile List<FlowMessage> made;

        private FlowMessages(List<Entry> entries, int[] legIndexes) {
            this.entries = entries;
            this.legIndexes = legIndexes;
            this.size = entries.size();
        }

        @Override
        public FlowMessage get(int index) {
            List<FlowMessage> m = made;
            return (m != null ? m : made()).get(index);
        }

        @Override
        public int size() {
            return size;
        }

        /** Capture time of the first message, without making the list. */
        synchronized long firstMicros() {
            return made != null ? made.get(0).message().timestampMicros() : entries.get(0).message().timestampMicros();
        }

        /** Method of the call's first request, without making the list; empty when none was captured. */
        synchronized String firstMethod() {
            for (int i = 0; i < size; i++) {
                String method = (made != null ? made.get(i).message() : entries.get(i).message()).method();
                if (method != null) {
                    return method;
                }
            }
            return "";
        }

        private synchronized List<FlowMessage> made() {
            if (made == null) {
                made = flowMessages(entries, legIndexes);
                entries = null;
                legIndexes = null;
            }
            return made;
        }
    }

    private static List<FlowMessage> flowMessages(List<Entry> all, int[] legIndexes) {
        List<FlowMessage> messages = new ArrayList<>(all.size());
        // one key string per transaction of the call, shared by its messages; a message's transaction is nearly
        // always one of the last few, so the key string is made once per transaction, not once per message
        Map<String, String> keys = new HashMap<>();
        Entry[] recent = new Entry[RECENT_TRANSACTIONS];
        String[] recentKeys = new String[RECENT_TRANSACTIONS];
        int next = 0;
        for (int i = 0; i < all.size(); i++) {
            Entry e = all.get(i);
            String key = null;
            for (int k = 0; k < recent.length && recent[k] != null && key == null; k++) {
                if (recent[k].sameTransaction(e)) {
                    key = recentKeys[k];
                }
            }
            if (key == null) {
                key = keys.computeIfAbsent(e.transactionKey(), k -> k);
                recent[next] = e;
                recentKeys[next] = key;
                next = (next + 1) % RECENT_TRANSACTIONS;
            }
            messages.add(new FlowMessage(e.message(), legIndexes[i], e.retransmission(), key));
        }
        return List.copyOf(messages);
    }
}
