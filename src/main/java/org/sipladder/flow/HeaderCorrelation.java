package org.sipladder.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sipladder.sip.SipHeader;
import org.sipladder.sip.SipMessage;

/**
 * Joins B2BUA legs whose messages name another leg's Call-ID in a correlation header (X-CID from Jambonz,
 * X-Call-ID, X-Original-Call-ID and the like), whichever of the two legs is seen first.
 */
final class HeaderCorrelation {

    private record Mention(LegState by, String header, String value, long frame) {
    }

    private final Map<String, List<Mention>> waitingForLeg = new HashMap<>();
    private final Set<String> mentioned = new HashSet<>();

    /** Looks at the correlation headers of {@code m}, which belongs to {@code leg}. */
    void onMessage(LegState leg, SipMessage m, Map<String, LegState> legs, FlowGroups groups) {
        List<SipHeader> headers = m.correlationHeaders();
        // indexed: a for-each would make an iterator for each message of a capture, nearly all without any
        for (int i = 0; i < headers.size(); i++) {
            SipHeader h = headers.get(i);
            String named = h.value().trim();
            if (named.isEmpty() || named.equals(leg.callId()) || !mentioned.add(leg.callId() + '\n' + named)) {
                continue;
            }
            Mention mention = new Mention(leg, h.name(), named, m.frame());
            LegState other = legs.get(named);
            if (other != null) {
                join(mention, other, groups);
            } else {
                waitingForLeg.computeIfAbsent(named, k -> new ArrayList<>()).add(mention);
            }
        }
    }

    /** Joins {@code leg} with earlier legs that named its Call-ID before it was seen. */
    void onNewLeg(LegState leg, FlowGroups groups) {
        List<Mention> mentions = waitingForLeg.remove(leg.callId());
        if (mentions != null) {
            for (Mention mention : mentions) {
                join(mention, leg, groups);
            }
        }
    }

    private static void join(Mention mention, LegState named, FlowGroups groups) {
        String evidence = "Frame " + mention.frame() + " (Call-ID " + mention.by().callId() + ") carries "
                + mention.header() + ": " + mention.value() + ", the Call-ID of the leg that starts in frame "
                + named.first().message().frame() + ".";
        groups.join(mention.by(), named, () -> evidence);
    }
}
