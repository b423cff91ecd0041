package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.PhoneNumbers;
import org.sipladder.livekit.TrunkStoreCheck;
import org.sipladder.livekit.TrunkMatch;

/**
 * LK_NO_TRUNK_MATCH: no trunk lists the called number and none is a default trunk, on LiveKit Cloud, which answers
 * 404 No trunk found. The open-source server goes on to the wildcard dispatch rules instead (the dispatch findings
 * cover it).
 */
final class NoTrunkMatchCheck implements FindingRule {

    /** The trunk the fix adds the called number to, and its command's start: the same for every call of a diagnosis. */
    private static final PerConfig<Example> EXAMPLE = new PerConfig<>(c -> Example.of(workOutExample(c)));

    static final FindingCode CODE = FindingCode.LK_NO_TRUNK_MATCH;

    private static final List<String> STEPS = List.of("Add the number to the trunk that should take these calls (the "
                    + "flag replaces the whole list: the command repeats the numbers the trunk already has),",
            "or have the sender put a number the trunk lists into the To header.");

    /** With no inbound trunk at all there is nothing to add the number to. */
    private static final List<String> STEPS_NO_TRUNKS = List.of("Create an inbound trunk for the number (add "
            + "--auth-user and --auth-pass to have LiveKit challenge the caller),",
            "then make sure a dispatch rule takes its calls (lk sip dispatch list).");

    /** The same words for every call (the number is in the title and the facts): written once as JSON. */
    private static final String EXPLANATION = "LiveKit picks the inbound trunk whose numbers contain the To user "
            + "(exactly or after normalizing to +digits), or a default trunk without numbers. No trunk lists the called "
            + "number and there is no default trunk, so LiveKit ends the call: LiveKit Cloud answers 404 No trunk found. "
            + "(A self-hosted server would go on to the wildcard dispatch rules; set --livekit-deployment self-hosted if "
            + "that is what runs.)";

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<LiveKitRouting> routings = context.simulatedRoutings();
        List<Finding> found = List.of();
        for (int i = 0; i < routings.size(); i++) {
            LiveKitRouting r = routings.get(i);
            TrunkMatch.Kind kind = r.outcome().trunk().kind();
            if ((kind == TrunkMatch.Kind.NOT_FOUND || kind == TrunkMatch.Kind.NO_TRUNKS) && r.outcome().options().cloud()
                    && !context.trunkMiss(r).explained()) {
                if (found.isEmpty()) {
                    found = new ArrayList<>(1);
                }
                found.add(finding(context, r));
            }
        }
        return found;
    }

    /**
     * The trunk the command adds the number to: one with numbers (a default trunk would stop taking every other
     * number) that no trunk conflict touches and LiveKit lets update now; else the one a conflict's fix keeps (the
     * others lose the number or are deleted); else the first with numbers, else the first.
     */
    private static Example example(LiveKitConfig config) {
        return EXAMPLE.of(config);
    }

    /**
     * The example trunk and the start of the command that gives it the called number too: "lk sip inbound update
     * --id ST_x --numbers " and the trunk's numbers, each followed by a comma. The numbers were copied, joined and
     * written for every call, which only adds its called number.
     */
    private record Example(SIPInboundTrunkInfo trunk, String commandStart) {

        static Example of(SIPInboundTrunkInfo trunk) {
            return new Example(trunk, LkCommand.setTrunkNumbersAndOneMore(trunk.getSipTrunkId(), trunk.getNumbersList()));
        }

        /** {@code LkCommand.setTrunkNumbers} of the trunk's numbers and {@code called}. */
        String command(String called) {
            return commandStart.concat(String.valueOf(called));
        }
    }

    private static SIPInboundTrunkInfo workOutExample(LiveKitConfig config) {
        List<SIPInboundTrunkInfo> numbered = config.trunks().stream().filter(t -> t.getNumbersCount() > 0).toList();
        if (numbered.isEmpty()) {
            return config.trunks().get(0);
        }
        Set<String> conflicting = new HashSet<>();
        TrunkConflictCheck.conflictGroups(config).keySet().forEach(conflicting::addAll);
        for (SIPInboundTrunkInfo t : numbered) {
            if (!conflicting.contains(t.getSipTrunkId()) && TrunkStoreCheck.refusal(config.trunks(), t).isEmpty()) {
                return t;
            }
        }
        Set<String> kept = TrunkConflictCheck.keptTrunks(config);
        return numbered.stream().filter(t -> kept.contains(t.getSipTrunkId())).findFirst().orElse(numbered.get(0));
    }

    /** "To user 4930... (normalized +4930...)", in a builder of its size (a concatenation's grows twice). */
    private static String toUser(String called) {
        String normalized = PhoneNumbers.normalize(called);
        return new StringBuilder(22 + String.valueOf(called).length() + normalized.length()).append("To user ")
                .append(called).append(" (normalized ").append(normalized).append(')').toString();
    }

    private static Finding finding(DiagnosisContext context, LiveKitRouting r) {
        String called = r.invite().calledNumber();
        ConfigTexts texts = context.configTexts();
        List<String> ids = texts.trunkIds();
        List<SIPInboundTrunkInfo> trunks = context.config().trunks();
        Fix fix;
        if (trunks.isEmpty()) {
            fix = Findings.fix(STEPS_NO_TRUNKS, List.of(LkCommand.createTrunk("Inbound " + called, List.of(called)),
                    LkCommand.listTrunks()), null);
        } else {
            Example example = example(context.config());
            String refusal = TrunkUpdateRefusal.stepAddingNumber(context.config(), example.trunk(), called);
            List<String> steps = refusal == null ? STEPS : texts.stepsAfter(refusal, STEPS);
            fix = Findings.fix(steps, List.of(example.command(called), LkCommand.listTrunks()), null);
        }
        return Findings.call(r.transaction(), CODE,
                CODE.title(called),
                EXPLANATION,
                Findings.evidence(Findings.frames(r.transaction()), ids, List.of(
                        toUser(called),
                        trunks.isEmpty() ? "The project has no inbound trunk" : texts.trunkNumbers(),
                        texts.assumption(r.outcome()),
                        r.summary())),
                fix);
    }
}
