package org.sipladder.diagnose;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The routings of a call of more than {@link InviteTransaction#WALKED} of them, with the one each finding is about
 * ({@link ContradictedPredictions#routingOf}) found by INVITE frame and Call-ID: a caller retrying thousands of times
 * on one Call-ID had each of its findings compared with every routing, several times over (contradicted predictions,
 * primary causes, consequent findings: 20,000 INVITEs with a LiveKit config took 13 s to diagnose).
 */
final class IndexedRoutings extends AbstractList<LiveKitRouting> implements RandomAccess {

    private final List<LiveKitRouting> routings;
    /** The places of the routings of each INVITE frame, their count first. */
    private final Map<Long, int[]> byFrame = new HashMap<>();
    /** The place of the first routing of each Call-ID. */
    private final Map<String, Integer> firstByCallId = new HashMap<>();

    /** How many routings were looked at: for tests that findings are not compared with every routing. */
    long looks;

    private IndexedRoutings(List<LiveKitRouting> routings) {
        this.routings = routings;
        for (int i = 0; i < routings.size(); i++) {
            InviteTransaction tx = routings.get(i).transaction();
            if (tx.callId() != null) {
                byFrame.put(tx.frame(), InviteTransaction.append(byFrame.get(tx.frame()), i));
                firstByCallId.putIfAbsent(tx.callId(), i);
            }
        }
        looks += routings.size();
    }

    /** {@code routings}, indexed when there are more than {@link InviteTransaction#WALKED} of them. */
    static List<LiveKitRouting> of(List<LiveKitRouting> routings) {
        return routings.size() > InviteTransaction.WALKED ? new IndexedRoutings(routings) : routings;
    }

    @Override
    public LiveKitRouting get(int index) {
        return routings.get(index);
    }

    @Override
    public int size() {
        return routings.size();
    }

    /**
     * As {@link ContradictedPredictions#routingOf} for a finding with a Call-ID: the first routing of its Call-ID at
     * one of its frames, else the first of its Call-ID, or null.
     */
    LiveKitRouting routingOf(Finding f) {
        List<Long> frames = f.evidence().frames();
        int first = Integer.MAX_VALUE;
        for (int i = 0; i < frames.size(); i++) {
            int[] at = byFrame.get(frames.get(i));
            for (int k = 1; at != null && k <= at[0]; k++) {
                looks++;
                if (f.callId().equals(routings.get(at[k]).transaction().callId())) {
                    first = Math.min(first, at[k]);
                    break;
                }
            }
        }
        if (first != Integer.MAX_VALUE) {
            return routings.get(first);
        }
        Integer sameCall = firstByCallId.get(f.callId());
        return sameCall == null ? null : routings.get(sameCall);
    }
}
