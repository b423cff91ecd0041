package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Hop;
import org.sipladder.flow.SipAddresses;
import org.sipladder.sip.ScanTool;
import org.sipladder.sip.SipMessage;

/**
 * The calls from SIP scanners ({@link CallFlow#scanner}) summed up by scanner, as they come: per scanner address its
 * tool, calls, requests by method, distinct targets and users, and the worst answer it got. Read from the flows'
 * messages and the headers they keep (no read-back of the capture), so the text overview and the PDF cover can both
 * build it from the flows they already hold.
 */
public final class ScanSources {

    private final Map<String, Source> byAddress = new LinkedHashMap<>();

    /** Counts {@code flow} when a scanner sent its first request; any other call is left alone. */
    public void add(CallFlow flow) {
        Hop scanner = flow.scanner();
        if (scanner == null) {
            return;
        }
        Source source = byAddress.computeIfAbsent(scanner.place(), Source::new);
        source.calls++;
        if (source.tool == null) {
            Scan scan = Scan.of(flow);
            source.tool = scan.tool();
        }
        for (FlowMessage fm : flow.messages()) {
            SipMessage m = fm.message();
            if (fm.retransmission()) {
                continue;
            }
            if (m.isRequest() && scanner.holds(m.src())) {
                source.request(m);
            } else if (!m.isRequest() && scanner.holds(m.dst())) {
                source.response(m);
            }
        }
    }

    /** The scanners, most calls first (then in the order they were first seen). */
    public List<ScanSource> sources() {
        List<ScanSource> out = new ArrayList<>(byAddress.size());
        byAddress.values().forEach(s -> out.add(s.summary()));
        out.sort(Comparator.comparingInt(ScanSource::calls).reversed());
        return out;
    }

    /** What one scanner sent and got, while it is counted. */
    private static final class Source {
        private final String address;
        private ScanTool tool;
        private int calls;
        private final Map<String, Integer> methods = new LinkedHashMap<>();
        private final Set<String> targets = new HashSet<>();
        private final Set<String> users = new HashSet<>();
        private ScanAnswer worst = ScanAnswer.NONE;
        private String worstLabel;
        private String worstMethod;
        private int worstCount;

        Source(String address) {
            this.address = address;
        }

        void request(SipMessage m) {
            String method = m.method();
            if ("ACK".equals(method) || "CANCEL".equals(method)) {
                return; // part of the INVITE's transaction, not a probe of its own
            }
            methods.merge(method, 1, Integer::sum);
            targets.add(m.dst().toString());
            String uri = m.requestUri();
            String user = uri != null && uri.indexOf('@') > 0 ? SipAddresses.user(uri) : SipAddresses.user(m.header("To"));
            if (!user.isEmpty()) {
                users.add(user);
            }
        }

        void response(SipMessage m) {
            ScanAnswer answer = ScanAnswer.of(m);
            if (answer == null || answer.compareTo(worst) > 0) {
                return;
            }
            if (answer.compareTo(worst) < 0) {
                worst = answer;
                worstLabel = m.label();
                worstMethod = m.cseqMethod();
                worstCount = 1;
            } else if (m.label().equals(worstLabel) && m.cseqMethod().equals(worstMethod)) {
                worstCount++;
            }
        }

        ScanSource summary() {
            List<Map.Entry<String, Integer>> sorted = new ArrayList<>(methods.entrySet());
            sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
            Map<String, Integer> byMethod = new LinkedHashMap<>();
            sorted.forEach(e -> byMethod.put(e.getKey(), e.getValue()));
            return new ScanSource(address, tool, calls, byMethod, targets.size(), users.size(), worst,
                    worstLabel, worstMethod, worstCount);
        }
    }
}
