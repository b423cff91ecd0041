package org.sipladder.report;

import java.util.List;
import org.sipladder.diagnose.TrunkLabel;
import org.sipladder.livekit.DispatchMatch;
import org.sipladder.livekit.RoutingOutcome;

/** "Which call matched which": per INVITE that reached LiveKit, the trunk, authentication and dispatch rule. */
final class RoutingTable {

    private final PageFlow page;
    private final Redaction redaction;

    RoutingTable(PageFlow page, Redaction redaction) {
        this.page = page;
        this.redaction = redaction;
    }

    void write(List<CallRouting> routings) {
        if (routings.isEmpty()) {
            return;
        }
        page.heading("Which call matched which", 2);
        page.table(new Table(List.of("INVITE", "Trunk", "Auth", "Dispatch rule", "Outcome"),
                List.of(2.1, 1.9, 1.1, 2.0, 2.8), routings.stream().map(this::row).toList(),
                List.of(false, true, false, false, false)));
    }

    private List<String> row(CallRouting r) {
        var routing = r.routing();
        String invite = "Call " + r.callNumber() + ", frame " + routing.transaction().frame() + "\nto "
                + redaction.apply(routing.invite().calledNumber());
        RoutingOutcome o = routing.outcome();
        if (o == null) {
            return List.of(invite, "no config loaded", "", "", redaction.apply(routing.summary()));
        }
        return List.of(invite, TrunkLabel.lines(o.trunk()), auth(o), dispatch(o.dispatch()), redaction.apply(routing.summary()));
    }

    private static String auth(RoutingOutcome o) {
        return switch (o.auth()) {
            case NOT_REQUIRED -> "not required";
            case CHALLENGE -> "challenged (407)";
            case BAD_CREDENTIALS -> "rejected (401)";
            case CREDENTIALS_PRESENT -> "credentials sent";
            case NOT_EVALUATED -> "not reached";
        };
    }

    private static String dispatch(DispatchMatch d) {
        return switch (d.kind()) {
            case MATCHED -> d.rule().getSipDispatchRuleId() + "\nagents: "
                    + (d.agentNames().isEmpty() ? "none" : String.join(", ", d.agentNames()));
            case PIN_PROMPT -> d.rule().getSipDispatchRuleId() + "\n(asks for a PIN)";
            case NONE -> "none matched";
            case CONFLICT -> "conflict:\n" + String.join("\n", d.candidateIds());
            case NO_RULE_KIND -> d.rule().getSipDispatchRuleId() + "\n(has no rule kind)";
            case NOT_EVALUATED -> "not reached";
        };
    }
}
