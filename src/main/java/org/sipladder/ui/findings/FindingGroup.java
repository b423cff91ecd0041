package org.sipladder.ui.findings;

import java.util.List;
import org.sipladder.diagnose.Finding;
import org.sipladder.flow.CallSummary;

/**
 * Findings under one heading of the side panel: a call, or a trunk or rule. A call's heading is made each time it
 * is shown rather than kept: a large capture has 50,000 calls with findings, whose headings took 5 MB; so are its
 * findings, when the diagnosis kept only their codes ({@link CallFindings}).
 */
public final class FindingGroup {

    private final String title;
    private final CallSummary summary;
    private final List<Finding> findings;
    private final CallFindings call;

    /**
     * @param title    "ST_GjeZjGQjrsvC", "LiveKit config"
     * @param findings its findings, primary cause first
     */
    public FindingGroup(String title, List<Finding> findings) {
        this(title, null, List.copyOf(findings), null);
    }

    private FindingGroup(String title, CallSummary summary, List<Finding> findings, CallFindings call) {
        this.title = title;
        this.summary = summary;
        this.findings = findings;
        this.call = call;
    }

    /**
     * The findings of a call, titled "+4930… → 9187… · 603 Decline" from its summary when asked for ("Call ID" when
     * the capture has no such call).
     */
    static FindingGroup ofCall(CallSummary summary, CallFindings call) {
        return new FindingGroup(summary == null ? "Call " + call.flowId() : null, summary, null, call);
    }

    /**
     * How the panel names a call: "+4930… → 9187… · 603 Decline"; with its method first when it is no INVITE
     * ("REGISTER · 1001 → 1001 · 403 Forbidden"), so that a REGISTER and a SUBSCRIBE of one user read apart.
     */
    static String title(CallSummary call) {
        String method = call.method();
        String head = method == null || method.isEmpty() || method.equals("INVITE") ? "" : method + " · ";
        return head + call.from() + " → " + call.to() + " · " + call.statusText();
    }

    public String title() {
        return title != null ? title : title(summary);
    }

    /** How many findings it holds, without working them out. */
    public int size() {
        return call != null ? call.size() : findings.size();
    }

    /** Its findings, primary cause first (a call's worked out the first time they are asked for). */
    public List<Finding> findings() {
        return call != null ? call.findings() : findings;
    }

    /** True when {@code f} is one of its findings (a call's group tells by the call, without working them out). */
    boolean holds(Finding f) {
        if (call != null && call.flowId() != null) {
            return call.flowId().equals(f.flowId()) && findings().stream().anyMatch(x -> x == f);
        }
        return findings().stream().anyMatch(x -> x == f);
    }

    @Override
    public String toString() {
        return title() + " " + (call != null ? call.size() + " findings" : findings);
    }
}
