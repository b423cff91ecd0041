package org.sipladder.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.sipladder.sip.SipHeader;
import org.sipladder.sip.SipMessage;

/**
 * Joins B2BUA legs whose messages name another leg's Call-ID in a correlation header (X-CID from Jambonz,
 * X-Call-ID, X-Original-Call-ID and the like), whichever of the two legs is seen first.
 */
final class HeaderCorrelation {

    private record Mention(LegState by, String header, String value, long frame) {
    }

    /**
     * Why two legs were joined, made into text only when the call is assembled: a B2BUA's capture joins every call
     * so, and the text (~250 bytes) was kept for each while the capture was read.
     */
    private record Join(Mention mention, LegState named) implements Supplier<String> {
        @Override
        public String get() {
            return "Frame " + mention.frame() + " (Call-ID " + mention.by().callId() + ") carries " + mention.header()
                    + ": " + mention.value() + ", the Call-ID of the leg that starts in frame "
                    + named.firstMessage().frame() + ".";
        }
    }

    /** Mentions of legs not seen yet, by the Call-ID they name. */
    private final Map<String, List<Mention>> waitingForLeg = new HashMap<>();

    /** Looks at the correlation headers of {@code m}, which belongs to {@code leg}. */
    void onMessage(LegState leg, SipMessage m, LegTable legs, FlowGroups groups) {
        List<SipHeader> headers = m.correlationHeaders();
        // indexed: a for-each would make an iterator for each message of a capture, nearly all without any
        for (int i = 0; i < headers.size(); i++) {
            SipHeader h = headers.get(i);
            String named = h.value().trim();
            if (named.isEmpty() || named.equals(leg.callId())) {
                continue;
            }
            // only a leg's first mention of another counts: once joined, the legs stay in one call, and a mention
            // still waiting is there once (was: a set of every leg and Call-ID it named, kept for the whole read)
            LegState other = legs.get(named);
            if (other != null) {
                if (other.group != leg.group) {
                    groups.join(leg, other, new Join(new Mention(leg, h.name(), named, m.frame()), other));
                }
            } else {
                List<Mention> waiting = waitingForLeg.computeIfAbsent(named, k -> new ArrayList<>(1));
                if (!mentionedBy(waiting, leg)) {
                    waiting.add(new Mention(leg, h.name(), named, m.frame()));
                }
            }
        }
    }

    /** Joins {@code leg} with earlier legs that named its Call-ID before it was seen. */
    void onNewLeg(LegState leg, FlowGroups groups) {
        List<Mention> mentions = waitingForLeg.remove(leg.callId());
        if (mentions != null) {
            for (Mention mention : mentions) {
                groups.join(mention.by(), leg, new Join(mention, leg));
            }
        }
    }

    private static boolean mentionedBy(List<Mention> waiting, LegState leg) {
        for (int i = 0; i < waiting.size(); i++) {
            if (waiting.get(i).by() == leg) {
                return true;
            }
        }
        return false;
    }

    /** How many Call-IDs not seen yet are remembered as named by a leg. */
    int waitingNames() {
        return waitingForLeg.size();
    }
}
