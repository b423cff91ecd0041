package org.sipladder.flow;

import java.util.List;

/**
 * A call named by the Call-ID of any of its legs, as {@code --call} and a report of one call name it, and the one way
 * to tell a user that no call of the capture has the Call-ID given.
 */
public final class CallLookup {

    private CallLookup() {
    }

    /** True when {@code flow}'s id or the Call-ID of one of its legs is {@code callId}. */
    public static boolean named(CallFlow flow, String callId) {
        if (flow.id().equals(callId)) {
            return true;
        }
        for (Leg l : flow.legs()) {
            if (l.callId().equals(callId)) {
                return true;
            }
        }
        return false;
    }

    /** The first of {@code calls} {@link #named} {@code callId}, or null. */
    public static CallFlow find(List<CallFlow> calls, String callId) {
        for (CallFlow c : calls) {
            if (named(c, callId)) {
                return c;
            }
        }
        return null;
    }

    /**
     * "no call with Call-ID X in a.pcap, which holds 3 calls (`sipladder calls CAPTURE` lists the Call-IDs)": the
     * capture as shown ({@code capture}: its file names), holding {@code calls} calls.
     */
    public static String unknown(String callId, String capture, int calls) {
        String held = calls == 0 ? "no call" : calls == 1 ? "1 call" : calls + " calls";
        return "no call with Call-ID " + callId + " in " + capture + ", which holds " + held
                + " (`sipladder calls CAPTURE` lists the Call-IDs)";
    }
}
