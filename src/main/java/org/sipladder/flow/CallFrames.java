package org.sipladder.flow;

import java.util.Collection;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** The frames that hold calls: for saving them as a capture of their own. */
public final class CallFrames {

    private CallFrames() {
    }

    /** The Call-IDs of every leg of {@code calls}: what their media is announced under. */
    public static Set<String> callIds(Collection<CallFlow> calls) {
        Set<String> ids = new TreeSet<>();
        for (CallFlow c : calls) {
            for (Leg leg : c.legs()) {
                ids.add(leg.callId());
            }
        }
        return ids;
    }

    /** The frames of every SIP message of every leg of {@code calls}, retransmissions included, in order. */
    public static SortedSet<Long> sip(Collection<CallFlow> calls) {
        SortedSet<Long> frames = new TreeSet<>();
        for (CallFlow c : calls) {
            for (FlowMessage m : c.messages()) {
                frames.add(m.message().frame());
            }
        }
        return frames;
    }
}
