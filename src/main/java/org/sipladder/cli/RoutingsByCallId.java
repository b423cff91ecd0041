package org.sipladder.cli;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.LiveKitRouting;

/**
 * The routings of a call of more than {@link #WALKED} of them by Call-ID, for finding the one each finding is about
 * ({@link FindingJson}'s routingIndex) without walking them all: a caller retrying thousands of times on one Call-ID
 * had every finding compared with every routing (20,000 INVITEs: 4 s of 6 s of {@code diagnose --json}).
 */
final class RoutingsByCallId {

    /** Calls of up to this many routings are walked for each finding. */
    static final int WALKED = 64;

    private final List<LiveKitRouting> routings;
    /** The places of each Call-ID's routings in capture order, their count first. */
    private final Map<String, int[]> places = new HashMap<>();
    /** Whether each Call-ID's INVITE frames never go down: then the last at or before a frame is searched for. */
    private boolean framesInOrder = true;

    /** How many routings were looked at: for tests that findings are not compared with every routing. */
    long looks;

    RoutingsByCallId(List<LiveKitRouting> routings) {
        this.routings = routings;
        for (int i = 0; i < routings.size(); i++) {
            String callId = routings.get(i).transaction().callId();
            if (callId == null) {
                continue; // no finding's Call-ID equals it
            }
            int[] same = places.get(callId);
            if (same == null) {
                same = new int[4];
            } else if (same[0] + 1 == same.length) {
                same = Arrays.copyOf(same, 2 * same.length);
            }
            if (same[0] > 0 && frame(same[same[0]]) > frame(i)) {
                framesInOrder = false;
            }
            same[++same[0]] = i;
            places.put(callId, same);
        }
        looks += routings.size();
    }

    /**
     * The index of the last routing of the finding's Call-ID whose INVITE is at or before the finding's first frame
     * (any frame when it names none), or -1: what walking them gives.
     */
    int indexOf(Finding f, long firstFrame) {
        int[] same = f.callId() == null ? null : places.get(f.callId());
        if (same == null) {
            return -1;
        }
        if (!framesInOrder) {
            int last = -1;
            for (int k = 1; k <= same[0]; k++) {
                looks++;
                if (frame(same[k]) <= firstFrame) {
                    last = same[k];
                }
            }
            return last;
        }
        // the routings at or before the frame are the first of the Call-ID's: the last of them is the one
        int low = 1;
        int high = same[0] + 1;
        while (low < high) {
            looks++;
            int mid = (low + high) >>> 1;
            if (frame(same[mid]) <= firstFrame) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low == 1 ? -1 : same[low - 1];
    }

    private long frame(int i) {
        return routings.get(i).transaction().frame();
    }
}
