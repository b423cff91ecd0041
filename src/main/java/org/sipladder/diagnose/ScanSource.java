package org.sipladder.diagnose;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.sipladder.sip.ScanTool;

/**
 * One SIP scanner's calls summed up ({@link ScanSources}).
 *
 * @param address     the scanner's address (address:port for a party of a shared host)
 * @param tool        the tool its requests name, or null when none does
 * @param calls       its calls (scans)
 * @param methods     its requests by method (not retransmissions, ACKs or CANCELs), most first
 * @param targets     the distinct host:port it sent them to
 * @param users       the distinct users they named
 * @param worst       the worst kind of answer it got
 * @param worstLabel  the first such answer's status line label ("200 OK"), null with none
 * @param worstMethod the method that answer answered, null with none
 * @param worstCount  how many answers were that very one (label and method)
 */
public record ScanSource(String address, ScanTool tool, int calls, Map<String, Integer> methods, int targets, int users,
                         ScanAnswer worst, String worstLabel, String worstMethod, int worstCount) {

    public ScanSource {
        methods = Collections.unmodifiableMap(new LinkedHashMap<>(methods)); // in its order
    }

    /** Its requests, "6 (3 INVITE, 3 REGISTER)", or "2 OPTIONS" with one method. */
    public String requests() {
        int total = methods.values().stream().mapToInt(Integer::intValue).sum();
        if (methods.size() == 1) {
            return total + " " + methods.keySet().iterator().next();
        }
        return total + " (" + methods.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", ")) + ")";
    }

    /** The tool's name, "SIPVicious", or "unnamed". */
    public String toolName() {
        return tool == null ? "unnamed" : tool.product();
    }

    /** The worst answer: "let in: 1 REGISTER accepted (200 OK)", "404 Not Found to 2 INVITE", "no answer". */
    public String worstAnswer() {
        if (worst == ScanAnswer.NONE) {
            return "no answer";
        }
        if (worst == ScanAnswer.ACCEPTED) {
            return "let in: " + worstCount + " " + worstMethod + " accepted (" + worstLabel + ")";
        }
        return worstLabel + " to " + worstCount + " " + worstMethod;
    }
}
