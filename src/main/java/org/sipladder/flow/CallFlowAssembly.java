package org.sipladder.flow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the immutable {@link CallFlow} of one group of joined legs. */
final class CallFlowAssembly {

    private static final Comparator<LegState> START_ORDER = Comparator
            .comparingLong(LegState::firstMicros)
            .thenComparingLong(LegState::firstSeq);

    private static final int RECENT_TRANSACTIONS = 8;

    private CallFlowAssembly() {
    }

    static CallFlow assemble(List<LegState> group, List<String> joinEvidence, FlowSettings settings) {
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
        return new CallFlow(ordered.get(0).callId(), List.copyOf(legs), HopRoles.hops(messages, settings),
                List.copyOf(messages), List.copyOf(joinEvidence), timings);
    }

    private record IndexedEntry(Entry entry, int legIndex) {
    }
}
