package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.Limits;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.sip.SipMessage;

/** Short ways to build the two kinds of finding: about a call, and about the config alone. */
final class Findings {

    private Findings() {
    }

    /** A finding about a LiveKit config object that no captured call is known to depend on. */
    static Finding config(FindingCode code, String title, String explanation, Evidence evidence, Fix fix) {
        return new Finding(code, code.severity(), title, explanation, null, null, false, evidence, fix);
    }

    /** A finding about the call leg of {@code tx}. */
    static Finding call(InviteTransaction tx, FindingCode code, String title, String explanation,
                        Evidence evidence, Fix fix) {
        return new Finding(code, code.severity(), title, explanation, tx.callId(), tx.flow().id(), false, evidence, fix);
    }

    /** The frames of an INVITE and all its responses. */
    static List<Long> frames(InviteTransaction tx) {
        List<FlowMessage> responses = tx.responses();
        List<Long> frames = new ArrayList<>(responses.size() + 1);
        frames.add(tx.frame());
        for (int i = 0; i < responses.size(); i++) {
            frames.add(responses.get(i).message().frame());
        }
        return frames;
    }

    static Evidence evidence(List<Long> frames, List<String> configIds, List<String> facts) {
        return new Evidence(List.copyOf(frames), List.copyOf(configIds), List.copyOf(facts));
    }

    /** A fix of at most {@link Limits#FIX_STEPS_PER_FINDING} steps and as many commands; a last line counts the rest. */
    static Fix fix(List<String> steps, List<String> commands, String json) {
        return new Fix(capped(steps, " more steps not shown"), capped(commands, " more commands not shown"), json);
    }

    private static List<String> capped(List<String> lines, String more) {
        if (lines.size() <= Limits.FIX_STEPS_PER_FINDING) {
            return List.copyOf(lines);
        }
        List<String> kept = new ArrayList<>(lines.subList(0, Limits.FIX_STEPS_PER_FINDING - 1));
        kept.add("# " + (lines.size() - kept.size()) + more + " (Limits.FIX_STEPS_PER_FINDING)");
        return List.copyOf(kept);
    }

    /** The fact that an answer's request is missing from the capture, and the two reasons it can be. */
    static String requestNotCaptured(String method) {
        return "The " + method + " itself is not in the capture: the capture started after it, or it holds one "
                + "direction of the traffic only";
    }

    /**
     * The step that asks for the LiveKit config when none was loaded, as the command line and the desktop app load
     * it (the same findings show in both), ending with {@code purpose} ("so that the analyzer can ...").
     */
    static String loadConfigStep(String purpose) {
        return "Load the project's trunks and dispatch rules (lk sip inbound list --json, lk sip dispatch list --json): "
                + "diagnose --livekit-config FILE or --livekit-url URL on the command line, LiveKit > Load LiveKit "
                + "config... or Connect... in the app, " + purpose + ".";
    }

    /** How many frames {@link #frameList} names before it skips to the last. */
    static final int FRAMES_LISTED = 8;

    /**
     * "frame 7", "frames 6, 11, 16", or for more than {@link #FRAMES_LISTED}: the first ones, then the last with the
     * count ("frames 6, 11, ..., 24996 (4999 in all)"): a loop of thousands of attempts is one line, not a page of
     * numbers.
     */
    static String frameList(List<?> frames) {
        StringBuilder out = new StringBuilder(frames.size() == 1 ? "frame " : "frames ");
        int listed = frames.size() > FRAMES_LISTED ? FRAMES_LISTED - 1 : frames.size();
        for (int i = 0; i < listed; i++) {
            out.append(i == 0 ? "" : ", ").append(frames.get(i));
        }
        if (listed < frames.size()) {
            out.append(", ..., ").append(frames.get(frames.size() - 1)).append(" (").append(frames.size())
                    .append(" in all)");
        }
        return out.toString();
    }

    static String quoted(List<String> values) {
        return values.isEmpty() ? "(none)" : "[" + String.join(", ", values) + "]";
    }

    /** The last response of {@code flow} to a {@code method} request with a status of at least {@code minStatus}, or null. */
    static SipMessage lastAnswer(CallFlow flow, String method, int minStatus) {
        SipMessage last = null;
        for (FlowMessage m : flow.messages()) {
            SipMessage s = m.message();
            if (!s.isRequest() && s.status() >= minStatus && method.equals(s.cseqMethod())) {
                last = s;
            }
        }
        return last;
    }
}
