package org.sipladder.ui.findings;

import java.util.List;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.FindingCode;
import org.sipladder.diagnose.LiveKitRouting;
import org.sipladder.diagnose.Severity;

/**
 * The findings of one call (or the config's own findings) as the panel keeps them: the code, severity and primary
 * mark of each, in the order they are listed, which is what headings, counts, the summary and the call list's
 * {@code finding:CODE} need; the findings themselves and the call's LiveKit routings are worked out again the first
 * time they are asked for (when the call is opened or looked at) and kept from then on.
 */
public final class CallFindings {

    private static final FindingCode[] CODES = FindingCode.values();
    private static final Severity[] SEVERITIES = Severity.values();

    /** The findings and routings of a call, whole. */
    record Shown(List<Finding> findings, List<LiveKitRouting> routings) {
    }

    /** Works out again the findings of the calls at these positions in start order (one source for all calls). */
    interface Source {
        /** @param more further calls with the same id, or null */
        Shown shown(int position, int[] more);
    }

    private final String flowId;
    /** Per finding, in listed order: code ordinal << 3 | severity ordinal << 1 | primary. */
    private final short[] kinds;
    private final int position;
    private final int[] more;
    private Source source;
    private Shown shown;

    private CallFindings(String flowId, short[] kinds, int position, int[] more, Source source, Shown shown) {
        this.flowId = flowId;
        this.kinds = kinds;
        this.position = position;
        this.more = more;
        this.source = source;
        this.shown = shown;
    }

    /** Findings in hand, in the order they are listed, with the routings of their call. */
    static CallFindings held(String flowId, List<Finding> findings, List<LiveKitRouting> routings) {
        return new CallFindings(flowId, kinds(findings), -1, null, null,
                new Shown(List.copyOf(findings), List.copyOf(routings)));
    }

    /**
     * Findings of these kinds ({@link #kinds(List)}) of the call at {@code position} (and those at {@code more},
     * null when none), worked out by {@code source} when first asked for.
     */
    static CallFindings workedOutWhenShown(String flowId, short[] kinds, int position, int[] more, Source source) {
        return new CallFindings(flowId, kinds, position, more, source, null);
    }

    /** The code, severity and primary mark of each finding, in their order. */
    static short[] kinds(List<Finding> findings) {
        short[] kinds = new short[findings.size()];
        for (int i = 0; i < kinds.length; i++) {
            Finding f = findings.get(i);
            kinds[i] = (short) (f.code().ordinal() << 3 | f.severity().ordinal() << 1 | (f.primary() ? 1 : 0));
        }
        return kinds;
    }

    /** The call, or null for the config's own findings. */
    public String flowId() {
        return flowId;
    }

    public int size() {
        return kinds.length;
    }

    public FindingCode code(int i) {
        return CODES[kinds[i] >> 3];
    }

    public Severity severity(int i) {
        return SEVERITIES[kinds[i] >> 1 & 3];
    }

    public boolean primary(int i) {
        return (kinds[i] & 1) != 0;
    }

    /** True when one of its findings is a primary cause. */
    boolean hasPrimary() {
        for (short kind : kinds) {
            if ((kind & 1) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Its findings, in the order they are listed: worked out the first time, the same objects afterwards. */
    public List<Finding> findings() {
        return shown().findings();
    }

    /** The LiveKit routings of its INVITEs. */
    List<LiveKitRouting> routings() {
        return shown().routings();
    }

    private synchronized Shown shown() {
        if (shown == null) {
            shown = source.shown(position, more);
            source = null;
        }
        return shown;
    }
}
