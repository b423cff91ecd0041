package org.sipladder.diagnose;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sipladder.sip.SipMessage;

/**
 * ITU-T Q.850 cause values, as gateways and B2BUAs name them in a Reason header ("Q.850;cause=21;text=..."): what
 * the network on the far side said about the call (RFC 3326). The causes seen in SIP, not the whole table.
 */
final class Q850 {

    private static final Map<Integer, String> CAUSES = Map.ofEntries(
            Map.entry(1, "unallocated (unassigned) number"), Map.entry(2, "no route to specified transit network"),
            Map.entry(3, "no route to destination"), Map.entry(16, "normal call clearing"),
            Map.entry(17, "user busy"), Map.entry(18, "no user responding"),
            Map.entry(19, "no answer from user (user alerted)"), Map.entry(20, "subscriber absent"),
            Map.entry(21, "call rejected"), Map.entry(22, "number changed"),
            Map.entry(26, "non-selected user clearing"), Map.entry(27, "destination out of order"),
            Map.entry(28, "invalid number format (address incomplete)"), Map.entry(29, "facility rejected"),
            Map.entry(31, "normal, unspecified"), Map.entry(34, "no circuit/channel available"),
            Map.entry(38, "network out of order"), Map.entry(41, "temporary failure"),
            Map.entry(42, "switching equipment congestion"), Map.entry(44, "requested circuit/channel not available"),
            Map.entry(47, "resource unavailable, unspecified"), Map.entry(50, "requested facility not subscribed"),
            Map.entry(55, "incoming calls barred within CUG"), Map.entry(57, "bearer capability not authorized"),
            Map.entry(58, "bearer capability not presently available"), Map.entry(63, "service or option not "
                    + "available, unspecified"), Map.entry(65, "bearer capability not implemented"),
            Map.entry(79, "service or option not implemented"), Map.entry(87, "user not member of CUG"),
            Map.entry(88, "incompatible destination"), Map.entry(102, "recovery on timer expiry"),
            Map.entry(111, "protocol error, unspecified"), Map.entry(127, "interworking, unspecified"));

    /**
     * The causes by which the callee's network reports what the callee did or could not do (busy, not reachable, no
     * answer, rejected): the outcome of a call that signalling delivered, no fault of a route or a setting.
     */
    private static final Set<Integer> CALLEE_OUTCOMES = Set.of(17, 18, 19, 21);

    /**
     * The causes by which the answerer reports that it took the call and could not pass it on: no route, the next
     * network or destination out of order, no circuit, temporary failure, congestion, its own timer toward the next hop
     * (Q.850 classes 000 and 010; RFC 3398 maps 502, 503 and 504 from them). The fault is behind the answerer.
     */
    private static final Set<Integer> BEYOND_ANSWERER = Set.of(2, 3, 27, 34, 38, 41, 42, 44, 47, 102);

    private Q850() {
    }

    /**
     * The cause the Reason of {@code answer} names when it is one of {@link #BEYOND_ANSWERER}, e.g. "Q.850 cause 38:
     * network out of order"; null otherwise, and for a challenge or refusal of the caller (401, 403, 407), a busy
     * callee or a cancelled call (486, 487), whose statuses say more than a cause the answerer mapped them to.
     */
    static String beyondAnswerer(DiagnosisContext context, SipMessage answer) {
        int status = answer.status();
        if (status == 401 || status == 403 || status == 407 || status == 486 || status == 487) {
            return null;
        }
        String reason = context.header(answer, "Reason");
        return reason != null && BEYOND_ANSWERER.contains(cause(reason)) ? meaning(reason) : null;
    }

    /** "Q.850 cause 21: call rejected" for a Reason value naming a known Q.850 cause; null otherwise. */
    static String meaning(String reason) {
        int cause = cause(reason);
        String text = CAUSES.get(cause);
        return text == null ? null : "Q.850 cause " + cause + ": " + text;
    }

    /**
     * What the callee did, as the Reason header of the final response {@code answer} names it by a cause of {@link
     * #CALLEE_OUTCOMES}, e.g. "Q.850 cause 19: no answer from user (user alerted)"; null when it names none. Not for a
     * challenge or refusal of the caller's credentials or rights (401, 403, 407), which is the answerer's decision
     * and not the callee's: their Q.850 form is cause 21 too (RFC 3398 8.2.6.1), where "call rejected" may only
     * translate the status. Inbound and outbound rejections read it alike.
     */
    static String calleeOutcome(DiagnosisContext context, SipMessage answer) {
        int status = answer.status();
        if (status == 401 || status == 403 || status == 407) {
            return null;
        }
        // read back through the call's memo: the answer's bytes come from the diagnosis's stretch of the file
        String reason = context.header(answer, "Reason");
        return reason != null && CALLEE_OUTCOMES.contains(cause(reason)) ? meaning(reason) : null;
    }

    /** The Q.850 cause a Reason value names, or -1. */
    private static int cause(String reason) {
        String lower = reason.toLowerCase(Locale.ROOT);
        int q = lower.indexOf("q.850");
        int c = q < 0 ? -1 : lower.indexOf("cause", q);
        if (c < 0) {
            return -1;
        }
        int i = c + "cause".length();
        while (i < lower.length() && (lower.charAt(i) == ' ' || lower.charAt(i) == '=')) {
            i++;
        }
        int start = i;
        while (i < lower.length() && i - start < 3 && Character.isDigit(lower.charAt(i))) {
            i++;
        }
        return i == start ? -1 : Integer.parseInt(lower.substring(start, i));
    }
}
