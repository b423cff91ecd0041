package org.sipladder.cli;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.CallLookup;
import org.sipladder.flow.CallQuery;
import org.sipladder.flow.CallSummary;

/** Picks calls named on the command line. */
final class CallChoice {

    private CallChoice() {
    }

    /**
     * The calls with a leg whose Call-ID is one of {@code ids}, in start order; an unknown ID is the user's error,
     * told by {@code command} about {@code capture} (its file names).
     */
    static List<CallFlow> byCallId(List<CallFlow> calls, List<String> ids, String command, String capture)
            throws UserError {
        List<CallFlow> chosen = new ArrayList<>();
        for (String id : ids) {
            CallFlow match = CallLookup.find(calls, id);
            if (match == null) {
                throw new UserError(command + ": " + CallLookup.unknown(id, capture, calls.size()));
            }
            if (!chosen.contains(match)) {
                chosen.add(match);
            }
        }
        return chosen;
    }

    /**
     * The calls of {@code calls} that {@code query} matches, in their order; none is the user's error, naming
     * {@code text}, the filter as given.
     */
    static List<CallFlow> matching(List<CallFlow> calls, CallQuery query, String text) throws UserError {
        List<CallFlow> chosen = calls.stream().filter(c -> query.test(CallSummary.of(c))).toList();
        if (chosen.isEmpty()) {
            throw new UserError((calls.isEmpty() ? "there is no call" : calls.size() == 1 ? "the call does not match"
                    : "none of the " + calls.size() + " calls matches") + " the filter " + text);
        }
        return chosen;
    }
}
