package org.sipladder.cli;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Leg;

/** Picks calls named on the command line. */
final class CallChoice {

    private CallChoice() {
    }

    /** The calls with a leg whose Call-ID is one of {@code ids}, in start order; an unknown ID is the user's error. */
    static List<CallFlow> byCallId(List<CallFlow> calls, List<String> ids) throws UserError {
        List<CallFlow> chosen = new ArrayList<>();
        for (String id : ids) {
            CallFlow match = calls.stream().filter(c -> c.id().equals(id)
                    || c.legs().stream().map(Leg::callId).anyMatch(id::equals)).findFirst()
                    .orElseThrow(() -> new UserError("no call with Call-ID " + id
                            + " in the capture (`sipladder calls CAPTURE` lists them)"));
            if (!chosen.contains(match)) {
                chosen.add(match);
            }
        }
        return chosen;
    }
}
