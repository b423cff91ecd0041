package org.sipladder.flow;

import java.util.AbstractList;
import java.util.ArrayList;
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
        List<LegState> ordered = new ArrayList<>(group);
        ordered.sort(START_ORDER);
        List<Leg> legs = new ArrayList<>();
        List<IndexedEntry> all = new ArrayList<>();
        Timings timings = null;
        for (int i = 0; i < ordered.size(); i++) {
            LegAnalysis analysis = new LegAnalysis(ordered.get(i));
            legs.add(analysis.toLeg(i));
            if (i == 0) {
                timings = analysis.timings();
            }
            for (Entry e : ordered.get(i).entries()) {
                all.add(new IndexedEntry(e, i));
            }
        }
        all.sort(Comparator.comparingLong(ie -> ie.entry().seq()));
        List<Entry> inOrder = new ArrayList<>(all.size());
        for (IndexedEntry ie : all) {
            inOrder.add(ie.entry());
        }
        return new CallFlow(ordered.get(0).callId(), List.copyOf(legs), HopRoles.hops(inOrder, agentRoles),
                new FlowMessages(all), evidenceText(joinEvidence), timings);
    }

    private static List<String> evidenceText(List<Supplier<String>> evidence) {
        String[] text = new String[evidence.size()];
        for (int i = 0; i < text.length; i++) {
            text[i] = evidence.get(i).get();
        }
        return List.of(text);
    }

    /**
     * The messages of a call in capture order, made (with their transaction keys) when first read: the command
     * line lists 50,000 calls of a large capture by their legs and hops, and never reads them.
     */
    static final class FlowMessages extends AbstractList<FlowMessage> implements RandomAccess {
        private final int size;
        /** What the list is made from; null once made. */
        private List<IndexedEntry> entries;
        /** Read without the lock once made: every walk over a call's messages comes through {@link #get}. */
        private volatile List<FlowMessage> made;

        private FlowMessages(List<IndexedEntry> entries) {
            this.entries = entries;
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
            return made != null ? made.get(0).message().timestampMicros() : entries.get(0).entry().message().timestampMicros();
        }

        /** Method of the call's first request, without making the list; empty when none was captured. */
        synchronized String firstMethod() {
            for (int i = 0; i < size; i++) {
                String method = (made != null ? made.get(i).message() : entries.get(i).entry().message()).method();
                if (method != null) {
                    return method;
                }
            }
            return "";
        }

        private synchronized List<FlowMessage> made() {
            if (made == null) {
                made = flowMessages(entries);
                entries = null;
            }
            return made;
        }
    }

    private static List<FlowMessage> flowMessages(List<IndexedEntry> all) {
        List<FlowMessage> messages = new ArrayList<>(all.size());
        // one key string per transaction of the call, shared by its messages; a message's transaction is nearly
        // always one of the last few, so the key string is made once per transaction, not once per message
        Map<String, String> keys = new HashMap<>();
        Entry[] recent = new Entry[RECENT_TRANSACTIONS];
        String[] recentKeys = new String[RECENT_TRANSACTIONS];
        int next = 0;
        for (IndexedEntry ie : all) {
            Entry e = ie.entry();
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
            messages.add(new FlowMessage(e.message(), ie.legIndex(), e.retransmission(), key));
        }
        return List.copyOf(messages);
    }

    private record IndexedEntry(Entry entry, int legIndex) {
    }
}
