package org.sipladder.flow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.sipladder.sip.SipMessage;

/**
 * The calls of a live source as a view shows them while it runs, bounded as sngrep bounds its call list
 * ({@code capture.limit} with rotation): at most {@link #limit} calls are kept, and when a new call would pass the
 * limit the oldest finished calls are dropped first, then the oldest still in progress, so a call being talked on
 * keeps its later messages. A source running all day no longer keeps every message it received. The packets stay in
 * the file the source writes; this bounds only what is held in memory for the view.
 */
public final class LiveCallWindow {

    /** Messages in arrival order: frame first, then the time, for several messages of one frame. */
    private static final Comparator<SipMessage> ARRIVAL = Comparator.comparingLong(SipMessage::frame)
            .thenComparingLong(SipMessage::timestampMicros);

    private final int limit;
    /** Calls kept after a drop: a quarter of the limit goes at once, so a drop's rebuild is paid once per many calls. */
    private final int keepAfterDrop;
    private LiveFlows flows = new LiveFlows();
    private long dropped;

    /** A window of at most {@code limit} calls. */
    public LiveCallWindow(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a live view must keep at least one call, not " + limit);
        }
        this.limit = limit;
        this.keepAfterDrop = Math.max(1, limit - limit / 4);
    }

    /** Adds the next message in arrival order, dropping old calls when the limit is passed. */
    public synchronized void add(SipMessage message) {
        flows.add(message);
        if (flows.callCount() > limit) {
            drop();
        }
    }

    /**
     * Keeps the {@link #keepAfterDrop} calls to keep and drops the rest. The flows' placing state (legs by Call-ID,
     * the correlations' memory of recent INVITEs) holds every call it has seen, so the kept calls are placed again
     * into new flows from their own messages, in arrival order: each join is made again from the same evidence, and
     * nothing of a dropped call stays.
     */
    private void drop() {
        List<CallSummary> calls = flows.summaries();
        int toDrop = calls.size() - keepAfterDrop;
        boolean[] gone = new boolean[calls.size()];
        // oldest finished first, then oldest in progress
        for (int pass = 0; pass < 2 && toDrop > 0; pass++) {
            for (int i = 0; i < calls.size() && toDrop > 0; i++) {
                if (!gone[i] && (pass == 1 || finished(calls.get(i)))) {
                    gone[i] = true;
                    toDrop--;
                }
            }
        }
        List<SipMessage> kept = new ArrayList<>();
        int droppedNow = 0;
        for (int i = 0; i < calls.size(); i++) {
            if (gone[i]) {
                droppedNow++;
            } else {
                calls.get(i).flow().messages().forEach(m -> kept.add(m.message()));
            }
        }
        kept.sort(ARRIVAL);
        LiveFlows rebuilt = new LiveFlows();
        kept.forEach(rebuilt::add);
        flows = rebuilt;
        dropped += droppedNow;
    }

    /**
     * Whether a call is over: a final response to a request other than INVITE, an INVITE refused or cancelled (a
     * final status of 300 or more), or an INVITE answered and hung up (a BYE ended it).
     */
    static boolean finished(CallSummary call) {
        if (call.finalStatus() == 0) {
            return false;
        }
        return !"INVITE".equalsIgnoreCase(call.method()) || call.finalStatus() >= 300 || call.durationMicros() != null;
    }

    /** The calls kept, in start order, as {@link LiveFlows#summaries}. */
    public synchronized List<CallSummary> summaries() {
        return flows.summaries();
    }

    /** Calls dropped so far for the limit. */
    public synchronized long dropped() {
        return dropped;
    }

    /** The most calls kept. */
    public int limit() {
        return limit;
    }
}
