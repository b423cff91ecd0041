package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.sip.SipMessage;

/**
 * What a capture shows of the loop behind a 482 Loop Detected (RFC 3261 16.3 step 4 for a proxy, 8.2.2.2 for a UA):
 * the hops the looped request's Via headers show it passed before (the one it came back to, any named twice), and
 * the hosts the capture shows receiving the same request (same Call-ID, From tag and CSeq) in two transactions.
 */
final class RequestLoop {

    /** What 482 means, as a clause. */
    static final String MEANING = "a routing loop: the request came back to a proxy or UA it had already passed "
            + "(RFC 3261 16.3 step 4 and 8.2.2.2: the same From tag, Call-ID and CSeq arrived again in another "
            + "transaction, or the hop found its own address already in the Via headers)";

    /** What to check after a 482. */
    static final String CHECK = "Find where the routing of this number (the Request-URI) loops: two proxies, or an "
            + "SBC and a carrier, routing it to each other, or a forking proxy sending a branch back to itself. Check "
            + "the route or dial plan for the number at each hop the request visited twice, and read the Via headers "
            + "of the looped request: each hop adds one on top, so the address named twice is where the loop closes.";

    private RequestLoop() {
    }

    /**
     * Adds to {@code facts} (and the frames to {@code frames}) what the capture shows of the loop of {@code request},
     * the request a hop answered 482, in {@code flow}; nothing when it shows no loop.
     */
    static void add(CallFlow flow, SipMessage request, List<String> facts, List<Long> frames) {
        List<String> twice = viaRepeats(request);
        if (!twice.isEmpty()) {
            facts.add("The looped request (frame " + request.frame() + ", to " + request.dst().address()
                    + ") came back to a hop it had passed: its Via headers already name " + String.join(", ", twice));
        }
        Map<String, List<SipMessage>> byHost = new LinkedHashMap<>();
        for (FlowMessage fm : flow.messages()) {
            SipMessage m = fm.message();
            if (!fm.retransmission() && sameRequest(m, request)) {
                byHost.computeIfAbsent(m.dst().address(), k -> new ArrayList<>(2)).add(m);
            }
        }
        for (Map.Entry<String, List<SipMessage>> e : byHost.entrySet()) {
            List<SipMessage> got = e.getValue();
            if (got.size() > 1) {
                StringBuilder f = new StringBuilder(e.getKey()).append(" received this ").append(request.method())
                        .append(" (same Call-ID, From tag and CSeq) ").append(got.size()).append(" times: frames");
                for (int i = 0; i < got.size(); i++) {
                    f.append(i == 0 ? " " : ", ").append(got.get(i).frame()).append(" from ")
                            .append(got.get(i).src().address());
                    if (!frames.contains(got.get(i).frame())) {
                        frames.add(got.get(i).frame());
                    }
                }
                facts.add(f.toString());
            }
        }
    }

    /** True when {@code m} is {@code request} as another hop sent it: a request with its Call-ID, From tag and CSeq. */
    private static boolean sameRequest(SipMessage m, SipMessage request) {
        return m.isRequest() && Objects.equals(m.callId(), request.callId()) && m.sameCseq(request)
                && Objects.equals(SipMessage.tagOf(m.header("From")), SipMessage.tagOf(request.header("From")));
    }

    /**
     * The sent-by hosts {@code request} already passed as its Via headers show: its destination when a Via names it,
     * and any host named twice, in the order they first appear.
     */
    private static List<String> viaRepeats(SipMessage request) {
        String here = request.dst().address();
        List<String> seen = new ArrayList<>();
        List<String> twice = new ArrayList<>(1);
        for (String header : request.headers("Via")) {
            for (String via : header.split(",")) {
                String host = ViaParameters.sentByHost(via);
                if (host != null && (host.equals(here) || seen.contains(host)) && !twice.contains(host)) {
                    twice.add(host);
                }
                if (host != null) {
                    seen.add(host);
                }
            }
        }
        return twice;
    }
}
