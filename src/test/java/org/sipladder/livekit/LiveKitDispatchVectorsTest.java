package org.sipladder.livekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LiveKit's own dispatch rule tables (livekit/protocol {@code sip/sip_test.go}: dispatchCases, run by
 * TestSIPMatchDispatchRule and TestSIPValidateDispatchRules; code under test sip.go MatchDispatchRuleIter,
 * DispatchRuleValidator.Validate, DispatchRulePriority) as inputs to our loader and simulator. Each row names its
 * LiveKit case; three cases share the name "direct/open specific vs pin generic" and are numbered here.
 *
 * <p>The call is TestSIPMatchDispatchRule's: calling "1111 1111", called "2222 2222", on trunk "aaa" (numbers
 * "2222 2222") or on no trunk. A PIN of "" is LiveKit's first evaluation (our {@link RoutingSimulator#simulate}),
 * any other PIN the evaluation after the caller typed it ({@link RoutingSimulator#afterPin}). Where LiveKit's test
 * asserts only "an error", the row says which one sip.go returns: CONFLICT from the validator (sip.go
 * DispatchRuleValidator.Validate), NONE from ErrNoDispatchMatched, which the open-source server turns into a drop
 * (livekit pkg/service/ioservice_sip.go EvaluateSIPDispatchRules).
 */
class LiveKitDispatchVectorsTest {

    private static final String N1 = "1111 1111";
    private static final String N2 = "2222 2222";
    private static final String TRUNK = "{'sipTrunkId':'aaa','numbers':['" + N2 + "']}";

    @TempDir
    Path dir;

    static Stream<Arguments> dispatchCases() {
        return Stream.of(
                // dispatchCases/empty: no trunk, no rules
                row("empty", "", "", "NONE", false),
                // dispatchCases/only trunk
                row("only trunk", "aaa", "", "NONE", false),
                // dispatchCases/one rule/no trunk: a wildcard rule works without a trunk
                row("one rule/no trunk", "", "", "rule_0", false, direct(0, "", "sip", "")),
                // dispatchCases/one rule/default trunk
                row("one rule/default trunk", "aaa", "", "rule_0", false, direct(0, "", "sip", "")),
                // dispatchCases/one rule/specific trunk
                row("one rule/specific trunk", "aaa", "", "rule_0", false, direct(0, "aaa','bbb", "sip", "")),
                // dispatchCases/one rule/wrong trunk
                row("one rule/wrong trunk", "aaa", "", "NONE", false, direct(0, "zzz", "sip", "")),
                // dispatchCases/direct pin/correct
                row("direct pin/correct", "aaa", "123", "rule_0", false, direct(0, "aaa", "sip", "123"),
                        direct(1, "bbb", "sip", "456")),
                // dispatchCases/direct pin/wrong: a wrong PIN matches nothing
                row("direct pin/wrong", "aaa", "zzz", "NONE", false, direct(0, "aaa", "sip", "123"),
                        direct(1, "bbb", "sip", "456")),
                // dispatchCases/direct pin/conflict
                row("direct pin/conflict", "aaa", "123", "CONFLICT", true, direct(0, "aaa", "sip1", "123"),
                        direct(1, "aaa','bbb", "sip2", "123")),
                // dispatchCases/direct pin/no conflict on different trunk
                row("direct pin/no conflict on different trunk", "aaa", "123", "rule_0", false,
                        direct(0, "aaa", "sip1", "123"), direct(1, "bbb", "sip2", "123")),
                // dispatchCases/direct pin/default and specific
                row("direct pin/default and specific", "aaa", "123", "rule_1", false, direct(0, "", "sip1", "123"),
                        direct(1, "aaa", "sip2", "123")),
                // dispatchCases/direct/default and specific
                row("direct/default and specific", "aaa", "", "rule_1", false, direct(0, "", "sip1", ""),
                        direct(1, "aaa", "sip2", "")),
                // dispatchCases/direct/default and specific/mixed 1
                row("direct/default and specific/mixed 1", "aaa", "", "rule_1", false, direct(0, "", "sip1", "123"),
                        direct(1, "aaa", "sip2", "")),
                // dispatchCases/direct/default and specific/mixed 2
                row("direct/default and specific/mixed 2", "aaa", "", "rule_1", false, direct(0, "", "sip1", ""),
                        direct(1, "aaa", "sip2", "123")),
                // dispatchCases/direct/multiple defaults
                row("direct/multiple defaults", "aaa", "", "CONFLICT", true, direct(0, "", "sip1", ""),
                        direct(1, "", "sip2", "")),
                // dispatchCases/direct/inbound number specific
                row("direct/inbound number specific", "aaa", "", "rule_1", false, direct(0, "", "sip1", ""),
                        with(direct(1, "", "sip2", ""), "inboundNumbers", N1)),
                // dispatchCases/direct/inbound number specific pin
                row("direct/inbound number specific pin", "aaa", "", "rule_1", false, direct(0, "", "sip1", "123"),
                        with(direct(1, "", "sip2", "123"), "inboundNumbers", N1)),
                // dispatchCases/direct/inbound number specific conflict
                row("direct/inbound number specific conflict", "aaa", "", "CONFLICT", true,
                        with(direct(0, "", "sip1", ""), "inboundNumbers", N1),
                        with(direct(1, "", "sip2", ""), "inboundNumbers", N1 + "','" + N2)),
                // dispatchCases/direct/open specific vs pin generic (first of three: inbound number)
                row("direct/open specific vs pin generic #1", "aaa", "", "rule_1", false,
                        direct(0, "", "sip1", "123"), with(direct(1, "", "sip2", ""), "inboundNumbers", N1)),
                // dispatchCases/direct vs individual/private
                row("direct vs individual/private", "aaa", "", "CONFLICT", true, individual(0, "pref_", "123"),
                        direct(1, "", "sip", "123")),
                // dispatchCases/direct vs individual/open
                row("direct vs individual/open", "aaa", "", "CONFLICT", true, individual(0, "pref_", ""),
                        direct(1, "", "sip", "")),
                // dispatchCases/direct vs individual/priority
                row("direct vs individual/priority", "aaa", "456", "rule_1", false, individual(0, "pref_", "123"),
                        direct(1, "", "sip", "456")),
                // dispatchCases/direct/number specific
                row("direct/number specific", "aaa", "", "rule_1", false, direct(0, "", "sip_1", ""),
                        with(direct(1, "", "sip_2", ""), "numbers", N2)),
                // dispatchCases/direct/number specific pin
                row("direct/number specific pin", "aaa", "", "rule_1", false, direct(0, "", "sip_1", "123"),
                        with(direct(1, "", "sip_2", "123"), "numbers", N2)),
                // dispatchCases/direct/number specific conflict
                row("direct/number specific conflict", "aaa", "", "CONFLICT", true,
                        with(direct(0, "", "sip_1", ""), "numbers", N1),
                        with(direct(1, "", "sip_2", ""), "numbers", N1 + "','" + N2)),
                // dispatchCases/direct/number + inbound number specific conflict
                row("direct/number + inbound number specific conflict", "aaa", "", "CONFLICT", true,
                        with(with(direct(0, "", "sip_1", ""), "numbers", N1), "inboundNumbers", N1),
                        with(with(direct(1, "", "sip_2", ""), "numbers", N1 + "','" + N2), "inboundNumbers", N1)),
                // dispatchCases/direct/open specific vs pin generic (second of three: called number)
                row("direct/open specific vs pin generic #2", "aaa", "", "rule_1", false,
                        direct(0, "", "sip_1", "123"), with(direct(1, "", "sip_2", ""), "numbers", N2)),
                // dispatchCases/direct/open specific vs pin generic (third of three: called and calling number)
                row("direct/open specific vs pin generic #3", "aaa", "", "rule_1", false,
                        direct(0, "", "sip_1", "123"),
                        with(with(direct(1, "", "sip_2", ""), "numbers", N2), "inboundNumbers", N1))
        );
    }

    /**
     * A case: the trunk ("aaa" or "" for none), the PIN the request carries, the rule or error LiveKit's
     * TestSIPMatchDispatchRule expects, whether TestSIPValidateDispatchRules expects the set to be invalid, the rules.
     */
    private static Arguments row(String name, String trunk, String pin, String expected, boolean invalid,
                                 String... rules) {
        return Arguments.of(name, trunk, pin, expected, invalid, List.of(rules));
    }

    private static String direct(int index, String trunks, String room, String pin) {
        return rule(index, trunks, "'dispatchRuleDirect':{'roomName':'" + room + "','pin':'" + pin + "'}");
    }

    /** sip_test.go newIndividualDispatch(prefix, pin, true): randomized, so no_randomness false. */
    private static String individual(int index, String prefix, String pin) {
        return rule(index, "", "'dispatchRuleIndividual':{'roomPrefix':'" + prefix + "','pin':'" + pin
                + "','noRandomness':false}");
    }

    private static String rule(int index, String trunks, String kind) {
        return "{'sipDispatchRuleId':'rule_" + index + "'" + (trunks.isEmpty() ? "" : ",'trunkIds':['" + trunks + "']")
                + ",'rule':{" + kind + "}}";
    }

    /** The rule with a list field added ({@code values} already joined with "','"). */
    private static String with(String rule, String field, String values) {
        return rule.substring(0, rule.length() - 1) + ",'" + field + "':['" + values + "']}";
    }

    @ParameterizedTest(name = "TestSIPMatchDispatchRule/{0}")
    @MethodSource("dispatchCases")
    void matchesTheRuleLiveKitMatches(String name, String trunk, String pin, String expected, boolean invalid,
                                      List<String> rules) throws Exception {
        LiveKitConfig config = load(trunk.isEmpty() ? List.of() : List.of(TRUNK), rules);
        RoutingSimulator simulator = new RoutingSimulator(config, RoutingOptions.stated(Deployment.SELF_HOSTED));
        InboundInvite invite = new InboundInvite("test-call-id", N2, N1, "sip.example.com", "1.1.1.1", null, N2);
        RoutingOutcome first = simulator.simulate(invite);
        assertEquals(trunk, first.trunk().trunk() == null ? "" : first.trunk().trunk().getSipTrunkId());

        // LiveKit's test runs the request's PIN, and also no PIN when it expects a rule (so that it can be asked for)
        if (pin.isEmpty() || !expected.startsWith("rule_")) {
            DispatchMatch match = pin.isEmpty() ? first.dispatch() : RoutingSimulator.afterPin(config, first, invite, pin);
            assertMatch(expected, match, first.reasoning());
        }
        if (!pin.isEmpty() && expected.startsWith("rule_")) {
            assertMatch(expected, RoutingSimulator.afterPin(config, first, invite, pin), first.reasoning());
            assertMatch(expected, first.dispatch(), first.reasoning());
        }
        if (pin.isEmpty()) {
            assertEquals(wire(first.dispatch()), first.expectedResponses(), first.reasoning().toString());
        }
    }

    private static void assertMatch(String expected, DispatchMatch match, List<String> reasoning) {
        switch (expected) {
            case "CONFLICT" -> {
                assertEquals(DispatchMatch.Kind.CONFLICT, match.kind(), reasoning.toString());
                assertTrue(match.error().startsWith("Dispatch rule for the same trunk, inbound number, number, and "
                        + "PIN combination already exists in dispatch rule \"rule_"), match.error());
            }
            case "NONE" -> {
                assertEquals(DispatchMatch.Kind.NONE, match.kind(), reasoning.toString());
                assertNull(match.rule());
            }
            default -> {
                assertTrue(match.kind() == DispatchMatch.Kind.MATCHED || match.kind() == DispatchMatch.Kind.PIN_PROMPT,
                        match.kind() + " " + reasoning);
                assertEquals(expected, match.rule().getSipDispatchRuleId(), reasoning.toString());
            }
        }
    }

    /**
     * The responses LiveKit sends for a first evaluation's result (routing notes, section 5): a conflict fails after
     * ringing, no rule is a silent drop, a PIN rule answers to prompt, and these rules dispatch no agent.
     */
    private static List<String> wire(DispatchMatch match) {
        return (switch (match.kind()) {
            case CONFLICT -> LiveKitResponses.DISPATCH_ERROR;
            case NONE -> LiveKitResponses.NO_DISPATCH_RULE;
            case PIN_PROMPT -> LiveKitResponses.PIN_PROMPT;
            default -> LiveKitResponses.NO_AGENT_TIMEOUT;
        }).responses();
    }

    /** TestSIPValidateDispatchRules over the same cases: every rule checked against every other, whatever the call. */
    @ParameterizedTest(name = "TestSIPValidateDispatchRules/{0}")
    @MethodSource("dispatchCases")
    void findsTheConflictsLiveKitsValidatorFinds(String name, String trunk, String pin, String expected,
                                                 boolean invalid, List<String> rules) throws Exception {
        LiveKitConfig config = load(List.of(), rules);

        assertEquals(invalid, !DispatchConflicts.groups(config.rules(), config).isEmpty());
        assertEquals(invalid, DispatchConflicts.firstPair(config.rules(), config) != null);
    }

    /** The trunks and rules through the loader, as {@code lk sip inbound/dispatch list --json} exports. */
    private LiveKitConfig load(List<String> trunks, List<String> rules) throws LiveKitConfigException {
        List<Path> files = new ArrayList<>();
        if (!trunks.isEmpty()) {
            files.add(LiveKitFixtures.write(dir, "trunks.json", items(trunks)));
        }
        if (!rules.isEmpty()) {
            files.add(LiveKitFixtures.write(dir, "rules.json", items(rules)));
        }
        return new ConfigFileLoader().loadAll(files);
    }

    private static String items(List<String> objects) {
        return "{\"items\":[" + String.join(",", objects).replace('\'', '"') + "]}";
    }
}
