package org.sipladder.livekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.livekit.LiveKitFixtures.rule;
import static org.sipladder.livekit.LiveKitFixtures.trunk;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import java.util.List;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import org.junit.jupiter.api.Test;

/**
 * A dispatch rule without a kind fails LiveKit's validation of the listed rules (protocol sip.DispatchRuleValidator,
 * GetPinAndRoom), and with it the whole evaluation: the caller hears ringing, then 503 Try again later.
 */
class RuleWithoutKindTest {

    private static final String TRUNK = "{\"sipTrunkId\":\"ST_a\",\"numbers\":[\"+4930123\"]}";
    private static final String AGENT_RULE = "{\"sipDispatchRuleId\":\"SDR_a\",\"trunkIds\":[\"ST_a\"],\"rule\":"
            + "{\"dispatchRuleIndividual\":{\"roomPrefix\":\"call-\"}},\"roomConfig\":{\"agents\":[{\"agentName\":\"bot\"}]}}";
    private static final String SAME_TRUNK_RULE = "{\"sipDispatchRuleId\":\"SDR_b\",\"trunkIds\":[\"ST_a\"],\"rule\":"
            + "{\"dispatchRuleDirect\":{\"roomName\":\"b\"}}}";
    /** As lk prints a rule whose kind part is empty: a wildcard rule, so every call lists it. */
    private static final String EMPTY_KIND = "{\"sipDispatchRuleId\":\"SDR_blank\",\"name\":\"blank\",\"rule\":{}}";
    private static final String NO_RULE_PART = "{\"sipDispatchRuleId\":\"SDR_blank\",\"trunkIds\":[\"ST_a\"]}";

    @Test
    void aRuleWithoutKindFailsTheEvaluationWithA503AfterRinging() {
        for (String blank : List.of(EMPTY_KIND, NO_RULE_PART)) {
            RoutingOutcome outcome = simulate(rule(AGENT_RULE), rule(blank));

            assertEquals(DispatchMatch.Kind.NO_RULE_KIND, outcome.dispatch().kind(), blank);
            assertEquals(List.of("SDR_blank"), outcome.dispatch().candidateIds());
            assertEquals("unsupported SIP Dispatch Rule: <nil>", outcome.dispatch().error());
            assertEquals(LiveKitResponses.DISPATCH_ERROR.responses(), outcome.expectedResponses());
            String last = outcome.reasoning().get(outcome.reasoning().size() - 1);
            assertTrue(last.startsWith("Dispatch rule SDR_blank") && last.contains("has no rule kind")
                    && last.contains("503 Try again later") && last.contains("update lk and export the rules again"),
                    last);
            assertEquals(Consistency.CONSISTENT, ResponseComparison.compare(outcome, List.of(
                    new StatusLine(100, "Processing"), new StatusLine(180, "Ringing"),
                    new StatusLine(503, "Try again later"))));
        }
    }

    @Test
    void whicheverFailsFirstInListingOrderIsTheError() {
        assertEquals(DispatchMatch.Kind.CONFLICT,
                simulate(rule(AGENT_RULE), rule(SAME_TRUNK_RULE), rule(EMPTY_KIND)).dispatch().kind());
        assertEquals(DispatchMatch.Kind.NO_RULE_KIND,
                simulate(rule(AGENT_RULE), rule(EMPTY_KIND), rule(SAME_TRUNK_RULE)).dispatch().kind());
    }

    @Test
    void aKindNewerThanTheSdkIsNotMistakenForNoKind() {
        // read from the API, a kind this SDK does not know stays in the rule as an unknown field: LiveKit knows it
        SIPDispatchRuleInfo newer = rule(EMPTY_KIND).toBuilder().setRule(rule(EMPTY_KIND).getRule().toBuilder()
                .setUnknownFields(UnknownFieldSet.newBuilder().addField(9, UnknownFieldSet.Field.newBuilder()
                        .addLengthDelimited(ByteString.copyFromUtf8("x")).build()).build())).build();

        RoutingOutcome outcome = simulate(rule(AGENT_RULE), newer);

        assertEquals(DispatchMatch.Kind.MATCHED, outcome.dispatch().kind());
        assertTrue(outcome.reasoning().stream().anyMatch(s -> s.contains("SDR_blank")
                && s.contains("newer than this version of the LiveKit SDK")), String.join("\n", outcome.reasoning()));
    }

    private static RoutingOutcome simulate(SIPDispatchRuleInfo... rules) {
        LiveKitConfig config = LiveKitFixtures.config(List.of(trunk(TRUNK)), List.of(rules));
        return new RoutingSimulator(config).simulate(new InboundInvite("c1@h", "+4930123", "+4915112345678",
                "sbc.example.com", "89.184.187.200", null, "+4930123"));
    }
}
