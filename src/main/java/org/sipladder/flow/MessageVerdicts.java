package org.sipladder.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.sipladder.sip.SipMessage;

/**
 * A call with its messages judged again by a stricter parser: a capture is read with a fast scan that lets through
 * what only the full parse rejects (a bad Via, say), and a call that is shown should say so on every view, not only
 * where one message is opened.
 */
public final class MessageVerdicts {

    private MessageVerdicts() {
    }

    /**
     * {@code flow} with its first {@code limit} messages replaced by {@code judge}'s verdict on them (the rest are
     * judged when opened); the same object when no verdict changed or {@code stop} said to stop before the end.
     */
    public static CallFlow judged(CallFlow flow, UnaryOperator<SipMessage> judge, int limit, BooleanSupplier stop) {
        List<FlowMessage> messages = flow.messages();
        List<FlowMessage> judged = null;
        int n = Math.min(limit, messages.size());
        for (int i = 0; i < n; i++) {
            if (stop.getAsBoolean()) {
                return flow;
            }
            FlowMessage fm = messages.get(i);
            SipMessage verdict = judge.apply(fm.message());
            if (verdict != fm.message() && differs(verdict, fm.message())) {
                if (judged == null) {
                    judged = new ArrayList<>(messages);
                }
                judged.set(i, fm.withMessage(verdict));
            }
        }
        return judged == null ? flow : new CallFlow(flow.id(), flow.legs(), flow.hops(), List.copyOf(judged),
                flow.joinEvidence(), flow.timings());
    }

    private static boolean differs(SipMessage a, SipMessage b) {
        return a.malformed() != b.malformed() || !Objects.equals(a.malformedReason(), b.malformedReason());
    }
}
