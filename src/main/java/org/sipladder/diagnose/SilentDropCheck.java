package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sipladder.Counted;
import org.sipladder.livekit.DispatchMatch;
import org.sipladder.livekit.LiveKitResponses;

/**
 * LK_SILENT_DROP: LiveKit never sent a final response to an INVITE and the sender retransmitted it, or LiveKit rang
 * and then fell silent while the capture went on (or the config predicts the drop): LiveKit dropped the call as a
 * "flood", matched to the config outcome that does it.
 */
final class SilentDropCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.LK_SILENT_DROP;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (LiveKitRouting r : context.routings()) {
            if (r.observedFinal() != null) {
                continue;
            }
            int copies = r.transaction().retransmissions();
            boolean predicted = r.simulated() && r.outcome().expectedResponses().contains(LiveKitResponses.NO_FINAL);
            long silence = silenceAfterRinging(r.transaction(), context.media().lastPacketMicros());
            if (copies > 0 || predicted || silence >= STOPPED_RINGING_MICROS) {
                findings.add(finding(r, copies, predicted, silence));
            }
        }
        return findings;
    }

    /**
     * How long LiveKit's silence after its last provisional response must last, while the capture goes on, to show
     * that it stopped ringing: it sends 180 Ringing every second while it waits for an agent.
     */
    static final long STOPPED_RINGING_MICROS = 5_000_000;

    /**
     * How long the capture went on after the last provisional response to {@code tx} with no final one (its repeats
     * included: LiveKit's 180 every second is the same message again), or -1 when there was none or the capture's end
     * is not known.
     */
    private static long silenceAfterRinging(InviteTransaction tx, long captureEndMicros) {
        long last = tx.responses().isEmpty() || captureEndMicros <= 0 ? -1 : tx.lastResponseMicros();
        return last < 0 ? -1 : captureEndMicros - last;
    }

    private static Finding finding(LiveKitRouting r, int copies, boolean predicted, long silence) {
        boolean provisional = !r.observed().isEmpty();
        List<String> facts = new ArrayList<>();
        facts.add("INVITE frame " + r.transaction().frame() + " sent " + Counted.of(copies + 1, "time") + ", "
                + (provisional ? "answered only " + String.join(", ", r.observed().stream().map(LiveKitRouting::label).toList())
                : "never answered"));
        if (provisional && silence >= STOPPED_RINGING_MICROS) {
            facts.add(String.format(Locale.ROOT, "Nothing more from LiveKit in the %.1f s the capture went on after its "
                    + "last provisional response: it stopped ringing (it rings every second while it waits for an "
                    + "agent)", silence / 1e6));
        }
        String cause;
        if (predicted) {
            DispatchMatch d = r.outcome().dispatch();
            cause = "The config explains it: no dispatch rule takes the call (" + d.error() + "), and LiveKit's answer "
                    + "to that is DispatchNoRuleDrop: it logs the call as a flood and sends no final response.";
            facts.add(r.summary());
        } else if (r.simulated()) {
            cause = "The loaded config predicts " + String.join(", ", r.outcome().expectedResponses()) + ", not a drop: "
                    + (provisional ? "the config probably changed since the capture."
                    : "either the INVITE never reached LiveKit (firewall, port, transport), or LiveKit Cloud's trunk "
                    + "lookup answered 'drop' (AuthDrop), which the configuration cannot show.");
            facts.add(r.summary());
        } else {
            cause = provisional
                    ? "LiveKit answered provisionally and then stayed silent: that is how it drops a call no dispatch "
                    + "rule takes (DispatchNoRuleDrop, a 'flood' in its logs)."
                    : "Nothing came back: LiveKit drops an INVITE its trunk lookup marks as a flood (AuthDrop) without "
                    + "any response, or the INVITE never reached it (firewall, port, transport).";
        }
        List<String> steps = new ArrayList<>();
        steps.add(provisional || predicted
                ? "Add a dispatch rule for the trunk (or a wildcard rule without trunk_ids), or fix the trunk_ids, "
                + "inbound_numbers and numbers of the rule that should take the call."
                : "Check that the INVITE reaches LiveKit (address, port 5060, transport) and that it comes from an "
                + "address one of the project's trunks accepts.");
        if (!r.simulated()) {
            steps.add(Findings.loadConfigStep("to see which rule or trunk is missing"));
        }
        return Findings.call(r.transaction(), CODE,
                CODE.title(copies > 0 ? ", INVITE retransmitted " + Counted.of(copies, "time") : ""),
                "LiveKit does not reject every call it will not take: for some outcomes it sends no final response "
                        + "at all and counts the call as a 'flood'. The caller retransmits the INVITE (when not even "
                        + "100 came back) or rings until it gives up. " + cause,
                Findings.evidence(Findings.frames(r.transaction()), predicted && r.outcome().trunk().trunk() != null
                        ? List.of(r.outcome().trunk().trunk().getSipTrunkId()) : List.of(), facts),
                Findings.fix(steps, List.of(LkCommand.listRules()), null));
    }
}
