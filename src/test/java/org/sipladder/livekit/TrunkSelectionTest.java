package org.sipladder.livekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Section 2 of the routing notes, one row per rule. */
class TrunkSelectionTest {

    private static final String CALLED = "4991874350352";
    private static final String CALLER = "+4915112345678";

    static Stream<Arguments> cases() {
        return Stream.of(
                row("exact number", "MATCHED", "ST_a", CALLED, "89.1.1.1", "h",
                        "{'sipTrunkId':'ST_a','numbers':['4991874350352']}"),
                row("normalized number with + and spaces", "MATCHED", "ST_a", CALLED, "89.1.1.1", "h",
                        "{'sipTrunkId':'ST_a','numbers':['+49 (918) 743-50352']}"),
                row("national form does not match", "NOT_FOUND", "", CALLED, "89.1.1.1", "h",
                        "{'sipTrunkId':'ST_a','numbers':['91874350352']}"),
                row("00 prefix does not match", "NOT_FOUND", "", CALLED, "89.1.1.1", "h",
                        "{'sipTrunkId':'ST_a','numbers':['004991874350352']}"),
                row("two trunks claim the number", "CONFLICT", "ST_a,ST_b", CALLED, "89.1.1.1", "h",
                        "{'sipTrunkId':'ST_a','numbers':['+4991874350352']}",
                        "{'sipTrunkId':'ST_b','numbers':['4991874350352']}"),
                row("specific trunk beats default", "MATCHED", "ST_b", CALLED, "89.1.1.1", "h",
                        "{'sipTrunkId':'ST_a'}", "{'sipTrunkId':'ST_b','numbers':['4991874350352']}"),
                row("one default trunk", "DEFAULT", "ST_a", CALLED, "89.1.1.1", "h",
                        "{'sipTrunkId':'ST_a'}", "{'sipTrunkId':'ST_b','numbers':['111']}"),
                row("two default trunks", "DEFAULT_CONFLICT", "ST_a,ST_b", CALLED, "89.1.1.1", "h",
                        "{'sipTrunkId':'ST_a'}", "{'sipTrunkId':'ST_b'}"),
                row("no trunks at all", "NO_TRUNKS", "", CALLED, "89.1.1.1", "h"),
                row("caller not in allowed_numbers", "NOT_FOUND", "", CALLED, "89.1.1.1", "h",
                        "{'sipTrunkId':'ST_a','numbers':['4991874350352'],'allowedNumbers':['+4930111']}"),
                row("caller in allowed_numbers after normalization", "MATCHED", "ST_a", CALLED, "89.1.1.1", "h",
                        "{'sipTrunkId':'ST_a','numbers':['4991874350352'],'allowedNumbers':['4915112345678']}"),
                row("allowed_numbers removes one of two conflicting trunks", "MATCHED", "ST_b", CALLED, "89.1.1.1",
                        "h", "{'sipTrunkId':'ST_a','numbers':['4991874350352'],'allowedNumbers':['+4930111']}",
                        "{'sipTrunkId':'ST_b','numbers':['4991874350352']}"),
                row("source IP in CIDR", "MATCHED", "ST_a", CALLED, "89.1.1.1", "h",
                        "{'sipTrunkId':'ST_a','numbers':['4991874350352'],'allowedAddresses':['89.1.0.0/16']}"),
                row("source IP equal", "MATCHED", "ST_a", CALLED, "89.1.1.1", "h",
                        "{'sipTrunkId':'ST_a','numbers':['4991874350352'],'allowedAddresses':['89.1.1.1']}"),
                row("source IP outside", "NOT_FOUND", "", CALLED, "89.1.1.1", "h",
                        "{'sipTrunkId':'ST_a','numbers':['4991874350352'],'allowedAddresses':['10.0.0.0/8']}"),
                row("from host stands in for an address", "MATCHED", "ST_a", CALLED, "89.1.1.1", "sbc.example.com",
                        "{'sipTrunkId':'ST_a','numbers':['4991874350352'],'allowedAddresses':['sbc.example.com']}"),
                row("IPv6 prefix", "MATCHED", "ST_a", CALLED, "2001:db8::5", "h",
                        "{'sipTrunkId':'ST_a','numbers':['4991874350352'],'allowedAddresses':['2001:db8::/32']}"),
                row("malformed entries ignored, others still apply", "NOT_FOUND", "", CALLED, "89.1.1.1", "h",
                        "{'sipTrunkId':'ST_a','numbers':['4991874350352'],"
                                + "'allowedAddresses':['sip://89.1.1.1','10.0.0.0/8']}"),
                row("only malformed entries: any address", "MATCHED", "ST_a", CALLED, "89.1.1.1", "h",
                        "{'sipTrunkId':'ST_a','numbers':['4991874350352'],"
                                + "'allowedAddresses':['89.1.1.1, 89.1.1.2','(x)','+1','a*','a;b','a b','a\\tb','sip://x']}"),
                row("unknown source IP is accepted", "MATCHED", "ST_a", CALLED, null, "h",
                        "{'sipTrunkId':'ST_a','numbers':['4991874350352'],'allowedAddresses':['10.0.0.0/8']}"),
                row("same trunk listing the number twice matches once", "MATCHED", "ST_a", CALLED, "89.1.1.1", "h",
                        "{'sipTrunkId':'ST_a','numbers':['4991874350352','+4991874350352']}")
        );
    }

    private static Arguments row(String name, String kind, String ids, String called, String source, String fromHost,
                                 String... trunks) {
        return Arguments.of(name, kind, ids.isEmpty() ? List.of() : Arrays.asList(ids.split(",")), called, source,
                fromHost, Arrays.stream(trunks).map(t -> LiveKitFixtures.trunk(t.replace('\'', '"'))).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void selectsLikeLiveKit(String name, String kind, List<String> ids, String called, String source, String fromHost,
                            List<SIPInboundTrunkInfo> trunks) {
        InboundInvite invite = new InboundInvite("c1", called, CALLER, fromHost, source, null, called);

        RoutingOutcome outcome = new RoutingSimulator(LiveKitFixtures.config(trunks, List.of())).simulate(invite);

        assertEquals(TrunkMatch.Kind.valueOf(kind), outcome.trunk().kind(), outcome.reasoning().toString());
        assertEquals(ids, outcome.trunk().candidateIds());
        if (outcome.trunk().kind() == TrunkMatch.Kind.NOT_FOUND) {
            assertEquals(null, outcome.trunk().error(), "no trunk matched is not an error");
            assertEquals(trunks.size(), outcome.trunk().skipped().size(), "every trunk says why it was skipped");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void errorTextsAreLiveKits(String name, String kind, List<String> ids, String called, String source,
                               String fromHost, List<SIPInboundTrunkInfo> trunks) {
        InboundInvite invite = new InboundInvite("c1", called, CALLER, fromHost, source, null, called);
        TrunkMatch match = new RoutingSimulator(LiveKitFixtures.config(trunks, List.of())).simulate(invite).trunk();
        switch (match.kind()) {
            case CONFLICT -> assertEquals("Multiple SIP Trunks matched for \"" + called + "\"", match.error());
            case DEFAULT_CONFLICT ->
                    assertEquals("Multiple default SIP Trunks matched for \"" + called + "\"", match.error());
            case MATCHED, DEFAULT -> assertTrue(match.trunk() != null && match.error() == null);
            default -> assertTrue(match.trunk() == null);
        }
    }

    @org.junit.jupiter.api.Test
    void manyTrunksForOtherNumbersAreCountedNotListedInTheReasoning() {
        List<SIPInboundTrunkInfo> trunks = java.util.stream.IntStream.range(0, 20).mapToObj(i -> LiveKitFixtures.trunk(
                "{\"sipTrunkId\":\"ST_" + i + "\",\"numbers\":[\"+1555" + i + "\"]}")).toList();
        InboundInvite invite = new InboundInvite("c1", CALLED, CALLER, "h", "89.1.1.1", null, CALLED);

        RoutingOutcome outcome = new RoutingSimulator(LiveKitFixtures.config(trunks, List.of())).simulate(invite);

        assertEquals(20, outcome.trunk().skipped().size());
        assertTrue(outcome.reasoning().contains("20 trunks do not list the called number (ST_0, ST_1, ST_2, ST_3, "
                + "ST_4 and 15 more)."), outcome.reasoning().toString());
        assertTrue(outcome.reasoning().size() < 8, outcome.reasoning().toString());
    }
}
