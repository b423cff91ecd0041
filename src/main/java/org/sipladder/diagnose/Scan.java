package org.sipladder.diagnose;

import java.util.function.BiFunction;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Hop;
import org.sipladder.sip.ScanTool;
import org.sipladder.sip.SipMessage;

/**
 * Who scanned in a call from a scanner ({@link CallFlow#scanner}): its address and the tool its requests name, with the
 * header that names it.
 *
 * @param scanner the scanner's hop
 * @param tool    the tool its requests name, or null when none of this call's does (its role came from elsewhere)
 * @param clue    how it names it: "identifies itself as \"friendly-scanner\"", or null with no tool
 * @param frame   the frame of the request that names it (0 with no tool)
 */
record Scan(Hop scanner, ScanTool tool, String clue, long frame) {

    /** The scan of {@code flow}, or null when no scanner sent its first request. */
    static Scan of(CallFlow flow, CallMemo memo) {
        return of(flow, memo::header);
    }

    /** The scan of {@code flow} read from the headers its messages keep (User-Agent, From): no read-back. */
    static Scan of(CallFlow flow) {
        return of(flow, SipMessage::header);
    }

    private static Scan of(CallFlow flow, BiFunction<SipMessage, String, String> headers) {
        Hop scanner = flow.scanner();
        if (scanner == null) {
            return null;
        }
        for (FlowMessage m : flow.messages()) {
            SipMessage s = m.message();
            if (!s.isRequest() || !scanner.holds(s.src())) {
                continue;
            }
            String agent = headers.apply(s, "User-Agent");
            ScanTool tool = ScanTool.ofAgent(agent);
            if (tool != null) {
                return new Scan(scanner, tool, "identifies itself as \"" + agent + "\"", s.frame());
            }
            String from = headers.apply(s, "From");
            tool = ScanTool.ofFrom(from);
            if (tool != null) {
                return new Scan(scanner, tool, "sends From \"" + ScanTool.displayName(from) + "\", the display name "
                        + "it writes", s.frame());
            }
        }
        return new Scan(scanner, null, null, 0);
    }

    /** The tool's name, "SIPVicious", or "a SIP scanner" when no request of the call names one. */
    String product() {
        return tool == null ? "a SIP scanner" : tool.product();
    }

    /** The scanner's address. */
    String source() {
        return scanner.place();
    }

    /** "SIPVicious from 203.0.113.66". */
    String label() {
        return product() + " from " + source();
    }
}
