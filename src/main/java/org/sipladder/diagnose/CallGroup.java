package org.sipladder.diagnose;

import java.util.List;
import org.sipladder.flow.CallFlow;

/**
 * Calls that share a finding code (a primary cause, a worst audio problem), as summaries count them: the first few
 * calls whole and the others as {@code T}, so thousands of calls are not all held whole.
 *
 * @param code   the finding code, null for the failed calls no rule explains
 * @param title  the finding's title ("e.g. ..." when the calls' titles differ)
 * @param calls  how many calls have it
 * @param first  its first calls, whole, in capture order
 * @param others its other calls as the summary keeps them, in capture order (empty when it keeps none)
 * @param <T>    what is kept of a call beyond the first few
 */
public record CallGroup<T>(FindingCode code, String title, int calls, List<CallFlow> first, List<T> others) {

    /** "LK_TRUNK_CONFLICT: Trunks ... both claim ...", or the title alone when no rule explains the calls. */
    public String label() {
        return code == null ? title : code + ": " + title;
    }
}
