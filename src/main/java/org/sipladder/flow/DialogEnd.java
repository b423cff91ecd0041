package org.sipladder.flow;

import java.util.List;
import java.util.Objects;
import org.sipladder.sip.SipMessage;

/**
 * When a dialog ended, as far as the capture shows: with the first BYE answered 2xx (RFC 3261 15.1.2), else with the
 * last BYE sent. A BYE refused (481, a 401/407 challenge) or never answered leaves the dialog up at the side that
 * refused it or never got it (LiveKit keeps a call whose BYE it answered 481 until its own BYE), and its media with
 * it. A BYE sent again, or passed on by a proxy (the same From tag and CSeq), is its first capture. The call list's
 * duration and the media checks both read the end of a call here.
 */
public final class DialogEnd {

    private DialogEnd() {
    }

    /**
     * The index in {@code messages} (a leg's, in arrival order; {@code arrivals} negative for a retransmission) of the
     * BYE that ended the dialog, looking from index {@code from} on; -1 when the capture shows no BYE there.
     */
    static int endingBye(SipMessage[] messages, int[] arrivals, int from) {
        int ending = -1;
        for (int i = from; i < messages.length; i++) {
            if (arrivals[i] >= 0 && "BYE".equals(messages[i].method())) {
                ending = ending >= 0 && sameRequest(messages[ending], messages[i]) ? ending : i;
                if (acceptedAfter(messages, i)) {
                    break;
                }
            }
        }
        return ending;
    }

    /**
     * The BYE that ended the dialog of leg {@code legIndex} of {@code flow} after {@code after} (its answer; null: from
     * the leg's start), or null when the capture shows none.
     */
    public static SipMessage endingBye(CallFlow flow, int legIndex, SipMessage after) {
        List<FlowMessage> all = flow.messages();
        int n = 0;
        for (int i = 0; i < all.size(); i++) {
            n += all.get(i).legIndex() == legIndex ? 1 : 0;
        }
        SipMessage[] messages = new SipMessage[n];
        int[] arrivals = new int[n];
        int from = after == null ? 0 : -1;
        int k = 0;
        for (int i = 0; i < all.size(); i++) {
            FlowMessage fm = all.get(i);
            if (fm.legIndex() == legIndex) {
                messages[k] = fm.message();
                arrivals[k] = fm.retransmission() ? -1 : k;
                from = from < 0 && fm.message() == after ? k + 1 : from;
                k++;
            }
        }
        int ending = from < 0 ? -1 : endingBye(messages, arrivals, from);
        return ending < 0 ? null : messages[ending];
    }

    /** True when {@code b} is {@code a} at another hop: the same sender's (From tag) request of the same CSeq. */
    private static boolean sameRequest(SipMessage a, SipMessage b) {
        return a.cseqNumber() == b.cseqNumber()
                && Objects.equals(SipMessage.tagOf(a.header("From")), SipMessage.tagOf(b.header("From")));
    }

    /** True when a 2xx after the request at {@code request} answers it. */
    private static boolean acceptedAfter(SipMessage[] messages, int request) {
        for (int i = request + 1; i < messages.length; i++) {
            int status = messages[i].status();
            if (status >= 200 && status < 300 && SipFields.sameTransaction(messages[i], messages[request])) {
                return true;
            }
        }
        return false;
    }
}
