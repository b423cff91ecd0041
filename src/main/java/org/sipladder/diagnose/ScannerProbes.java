package org.sipladder.diagnose;

import java.util.List;
import org.sipladder.flow.CallFlow;

/**
 * A scan is no call of the user's system: on a call from a scanner ({@link FindingCode#SIP_SCANNER_PROBE}), every other
 * finding (the refusal it got, its silence, the private address its forged Via names) is information about the probe,
 * saying so, with no fix of its own: the probe's fix is what to do. Runs before {@link CallImpact} and
 * {@link PrimaryCauses}, so the probe is the only warning or error of the call left for them to judge.
 */
final class ScannerProbes {

    private ScannerProbes() {
    }

    /** The findings of one call ({@code flow}), those beside its scanner probe lowered to information. */
    static List<Finding> lower(CallFlow flow, List<Finding> findings, CallMemo memo) {
        Finding probe = null;
        for (int i = 0; i < findings.size() && probe == null; i++) {
            Finding f = findings.get(i);
            probe = f.code() == FindingCode.SIP_SCANNER_PROBE && flow.id().equals(f.flowId()) ? f : null;
        }
        if (probe == null) {
            return findings; // nearly every call
        }
        Scan scan = Scan.of(flow, memo);
        String why = " This call was a scan by " + scan.label() + " (" + FindingCode.SIP_SCANNER_PROBE
                + "), not a call of this system's: it needs no fix of its own.";
        Fix pointer = Findings.fix(List.of("See " + FindingCode.SIP_SCANNER_PROBE + " for what to do about the "
                + "scanner; this finding only describes its probe."), List.of(), null);
        Finding[] out = new Finding[findings.size()];
        for (int i = 0; i < out.length; i++) {
            Finding f = findings.get(i);
            out[i] = f == probe || !flow.id().equals(f.flowId()) ? f
                    : new Finding(f.code(), Severity.INFO, f.title(), f.explanation().concat(why), f.callId(),
                    f.flowId(), false, f.evidence(), pointer);
        }
        return List.of(out);
    }
}
