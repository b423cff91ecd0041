package org.sipladder.livekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LiveKit's own tables for number normalization, trunk matching and address masks (livekit/protocol
 * {@code sip/sip_test.go}, code under test in {@code sip/sip.go} and {@code livekit/sip.go} NormalizeNumber), as
 * inputs to our config loader and simulator: each row names the LiveKit test function and its case. The expected
 * answers are what LiveKit's test asserts; where it asserts only "an error", the row also names which error
 * sip.go returns on that path.
 *
 * <p>Not expressible: {@code InboundNumbersRegex} (case "matching regexp") belongs to the legacy SIPTrunkInfo and is
 * dropped by {@code AsInbound} before matching, so the row is the trunk without it; TestMatchTrunkDetailed's
 * {@code DefaultTrunkCount} is a count we do not keep (the defaults left unused are named in {@code skipped}).
 */
class LiveKitTrunkVectorsTest {

    /** sip_test.go's constants. */
    private static final String N1 = "1111 1111";
    private static final String N2 = "2222 2222";
    private static final String N3 = "3333 3333";
    /** TestSIPMatchTrunk's defaults for a row that sets none. */
    private static final String SRC = "1.1.1.1";
    private static final String HOST = "sip.example.com";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "TestNormalizeNumber/{0}")
    @CsvSource(delimiter = '|', value = {
            "empty  | ''             | ''",
            "number | 123            | +123",
            "plus   | +123           | +123",
            "user   | user           | user",
            "human  | (123) 456 7890 | +1234567890",
    })
    void normalizeNumber(String name, String number, String expected) {
        assertEquals(expected, PhoneNumbers.normalize(number));
    }

    /** TestSIPMatchTrunk: trunkCases, each a trunk list (as AsInbound gives it), the call, and the result. */
    static Stream<Arguments> trunkCases() {
        return Stream.of(
                // TestSIPMatchTrunk/empty: no trunks, nil result, no error
                row("empty", "NO_TRUNKS", ""),
                // TestSIPMatchTrunk/one wildcard
                row("one wildcard", "DEFAULT", "aaa", "{'sipTrunkId':'aaa'}"),
                // TestSIPMatchTrunk/matching
                row("matching", "MATCHED", "aaa", "{'sipTrunkId':'aaa','numbers':['" + N2 + "']}"),
                // TestSIPMatchTrunk/matching inbound (InboundNumbers = allowed_numbers)
                row("matching inbound", "MATCHED", "aaa",
                        "{'sipTrunkId':'aaa','numbers':['" + N2 + "'],'allowedNumbers':['" + N1 + "']}"),
                // TestSIPMatchTrunk/matching regexp: AsInbound drops InboundNumbersRegex
                row("matching regexp", "MATCHED", "aaa", "{'sipTrunkId':'aaa','numbers':['" + N2 + "']}"),
                // TestSIPMatchTrunk/not matching
                row("not matching", "NOT_FOUND", "", "{'sipTrunkId':'aaa','numbers':['" + N3 + "']}"),
                // TestSIPMatchTrunk/not matching inbound
                row("not matching inbound", "NOT_FOUND", "",
                        "{'sipTrunkId':'aaa','numbers':['" + N2 + "'],'allowedNumbers':['" + N1 + "1']}"),
                // TestSIPMatchTrunk/one match
                row("one match", "MATCHED", "bbb", "{'sipTrunkId':'aaa','numbers':['" + N3 + "']}",
                        "{'sipTrunkId':'bbb','numbers':['" + N2 + "']}"),
                // TestSIPMatchTrunk/many matches: expErr (sip.go MatchTrunkDetailed, "Multiple SIP Trunks matched")
                row("many matches", "CONFLICT", "bbb,ccc", "{'sipTrunkId':'aaa','numbers':['" + N3 + "']}",
                        "{'sipTrunkId':'bbb','numbers':['" + N2 + "']}",
                        "{'sipTrunkId':'ccc','numbers':['" + N2 + "']}"),
                // TestSIPMatchTrunk/many matches default: the specific trunk wins over two defaults
                row("many matches default", "MATCHED", "ccc", "{'sipTrunkId':'aaa','numbers':['" + N3 + "']}",
                        "{'sipTrunkId':'bbb'}", "{'sipTrunkId':'ccc','numbers':['" + N2 + "']}",
                        "{'sipTrunkId':'ddd'}"),
                // TestSIPMatchTrunk/inbound
                row("inbound", "MATCHED", "bbb", "{'sipTrunkId':'aaa','numbers':['" + N3 + "']}",
                        "{'sipTrunkId':'bbb','numbers':['" + N2 + "']}",
                        "{'sipTrunkId':'ccc','numbers':['" + N2 + "'],'allowedNumbers':['" + N1 + "1']}"),
                // TestSIPMatchTrunk/multiple defaults: expErr ("Multiple default SIP Trunks matched")
                row("multiple defaults", "DEFAULT_CONFLICT", "bbb,ccc",
                        "{'sipTrunkId':'aaa','numbers':['" + N3 + "']}", "{'sipTrunkId':'bbb'}",
                        "{'sipTrunkId':'ccc'}"),
                // TestSIPMatchTrunk/inbound with ip exact
                row("inbound with ip exact", "MATCHED", "bbb", "{'sipTrunkId':'bbb','numbers':['" + N2 + "'],"
                        + "'allowedAddresses':['10.10.10.10','1.1.1.1']}"),
                // TestSIPMatchTrunk/inbound with ip exact miss
                row("inbound with ip exact miss", "NOT_FOUND", "", "{'sipTrunkId':'bbb','numbers':['" + N2 + "'],"
                        + "'allowedAddresses':['10.10.10.10']}"),
                // TestSIPMatchTrunk/inbound with ip mask
                row("inbound with ip mask", "MATCHED", "bbb", "{'sipTrunkId':'bbb','numbers':['" + N2 + "'],"
                        + "'allowedAddresses':['10.10.10.0/24','1.1.1.0/24']}"),
                // TestSIPMatchTrunk/inbound with ip mask miss
                row("inbound with ip mask miss", "NOT_FOUND", "", "{'sipTrunkId':'bbb','numbers':['" + N2 + "'],"
                        + "'allowedAddresses':['10.10.10.0/24']}"),
                // TestSIPMatchTrunk/inbound with host mask
                row("inbound with host mask", "MATCHED", "bbb", "{'sipTrunkId':'bbb','numbers':['" + N2 + "'],"
                        + "'allowedAddresses':['10.10.10.0/24','sip.example.com']}"),
                // TestSIPMatchTrunk/inbound with plus: trunks "+3333 3333", "+2222 2222", call to "2222 2222"
                row("inbound with plus", "MATCHED", "bbb", "{'sipTrunkId':'aaa','numbers':['+" + N3 + "']}",
                        "{'sipTrunkId':'bbb','numbers':['+" + N2 + "']}"),
                // TestSIPMatchTrunk/inbound without plus: call from "+1111 1111" to "+2222 2222"
                call("inbound without plus", "+" + N1, "+" + N2, SRC, HOST, "MATCHED", "bbb",
                        "{'sipTrunkId':'aaa','numbers':['" + N3 + "']}", "{'sipTrunkId':'bbb','numbers':['" + N2 + "']}"),
                // TestSIPMatchTrunkSameTrunkDuplicateNumberForms/to=2222 2222: never a conflict with itself
                row("same trunk duplicate number forms, to=" + N2, "MATCHED", "aaa",
                        "{'sipTrunkId':'aaa','numbers':['+" + N2 + "','" + N2 + "']}"),
                // TestSIPMatchTrunkSameTrunkDuplicateNumberForms/to=+2222 2222
                call("same trunk duplicate number forms, to=+" + N2, N1, "+" + N2, SRC, HOST, "MATCHED", "aaa",
                        "{'sipTrunkId':'aaa','numbers':['+" + N2 + "','" + N2 + "']}"),
                // TestMatchTrunkDetailed/empty: TrunkMatchEmpty
                row("detailed: empty", "NO_TRUNKS", ""),
                // TestMatchTrunkDetailed/one wildcard: TrunkMatchDefault aaa
                row("detailed: one wildcard", "DEFAULT", "aaa", "{'sipTrunkId':'aaa'}"),
                // TestMatchTrunkDetailed/specific match: TrunkMatchSpecific aaa
                row("detailed: specific match", "MATCHED", "aaa", "{'sipTrunkId':'aaa','numbers':['" + N2 + "']}"),
                // TestMatchTrunkDetailed/no match with trunks: TrunkMatchNone, no trunk, no error
                row("detailed: no match with trunks", "NOT_FOUND", "", "{'sipTrunkId':'aaa','numbers':['" + N3 + "']}"),
                // TestMatchTrunkDetailed/multiple defaults: error, conflict reported
                row("detailed: multiple defaults", "DEFAULT_CONFLICT", "aaa,bbb", "{'sipTrunkId':'aaa'}",
                        "{'sipTrunkId':'bbb'}"),
                // TestMatchTrunkDetailed/specific over default: TrunkMatchSpecific bbb
                row("detailed: specific over default", "MATCHED", "bbb", "{'sipTrunkId':'aaa'}",
                        "{'sipTrunkId':'bbb','numbers':['" + N2 + "']}"),
                // TestMatchTrunkDetailed/multiple specific: error, conflict reported
                row("detailed: multiple specific", "CONFLICT", "aaa,bbb", "{'sipTrunkId':'aaa','numbers':['" + N2 + "']}",
                        "{'sipTrunkId':'bbb','numbers':['" + N2 + "']}")
        );
    }

    private static Arguments row(String name, String kind, String ids, String... trunks) {
        return call(name, N1, N2, SRC, HOST, kind, ids, trunks);
    }

    private static Arguments call(String name, String from, String to, String src, String host, String kind,
                                  String ids, String... trunks) {
        return Arguments.of(name, from, to, src, host, TrunkMatch.Kind.valueOf(kind),
                ids.isEmpty() ? List.of() : Arrays.asList(ids.split(",")), List.of(trunks));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trunkCases")
    void matchesTheTrunkLiveKitMatches(String name, String from, String to, String src, String host,
                                       TrunkMatch.Kind kind, List<String> ids, List<String> trunks) throws Exception {
        LiveKitConfig config = load(trunks);
        InboundInvite invite = new InboundInvite("test-call-id", to, from, host, src, null, to);

        RoutingOutcome outcome = new RoutingSimulator(config, RoutingOptions.stated(Deployment.SELF_HOSTED))
                .simulate(invite);

        TrunkMatch match = outcome.trunk();
        assertEquals(kind, match.kind(), outcome.reasoning().toString());
        assertEquals(ids, match.candidateIds(), outcome.reasoning().toString());
        switch (kind) {
            case MATCHED, DEFAULT -> assertEquals(ids.get(0), match.trunk().getSipTrunkId());
            case CONFLICT -> {
                // sip.go MatchTrunkDetailed: twirp FailedPrecondition, answered 100 then 503 (no ringing)
                assertEquals("Multiple SIP Trunks matched for \"" + to + "\"", match.error());
                assertEquals(LiveKitResponses.TRUNK_ERROR.responses(), outcome.expectedResponses());
            }
            case DEFAULT_CONFLICT -> {
                assertEquals("Multiple default SIP Trunks matched for \"" + to + "\"", match.error());
                assertEquals(LiveKitResponses.TRUNK_ERROR.responses(), outcome.expectedResponses());
            }
            default -> {
                assertNull(match.trunk());
                assertNull(match.error(), "no trunk is not an error");
            }
        }
    }

    /** TestMatchIP: isValidMask and matchAddrMask for one address and one entry. */
    @ParameterizedTest(name = "TestMatchIP/{1}")
    @CsvSource(delimiter = '|', value = {
            "192.168.0.10 | 192.168.0.10    | true | true",
            "192.168.0.10 | 192.168.0.11    | true | false",
            "192.168.0.10 | 192.168.0.0/24  | true | true",
            "192.168.0.10 | 192.168.0.10/0  | true | true",
            "192.168.0.10 | 192.170.0.0/24  | true | false",
    })
    void matchIp(String address, String mask, boolean valid, boolean matches) {
        assertEquals(valid, AllowedAddresses.isUsable(mask));
        assertEquals(matches, TrunkAdmission.entryContains(mask, address));
    }

    /** TestMatchMasks: matchAddrMasks(addr, host, masks); the host is "" where the case sets none. */
    static Stream<Arguments> maskCases() {
        return Stream.of(
                // TestMatchMasks/no masks
                Arguments.of("no masks", "192.168.0.10", "", List.of(), true),
                // TestMatchMasks/single ip
                Arguments.of("single ip", "192.168.0.10", "", List.of("192.168.0.10"), true),
                // TestMatchMasks/wrong ip
                Arguments.of("wrong ip", "192.168.0.10", "", List.of("192.168.0.11"), false),
                // TestMatchMasks/ip mask
                Arguments.of("ip mask", "192.168.0.10", "", List.of("192.168.0.0/24"), true),
                // TestMatchMasks/wrong mask
                Arguments.of("wrong mask", "192.168.0.10", "", List.of("192.168.1.0/24"), false),
                // TestMatchMasks/hostname
                Arguments.of("hostname", "192.168.0.10", HOST, List.of(HOST), true),
                // TestMatchMasks/invalid hostname
                Arguments.of("invalid hostname", "192.168.0.10", HOST, List.of("some.domain"), false),
                // TestMatchMasks/invalid and valid range: the entry with a comma is ignored, the other matches
                Arguments.of("invalid and valid range", "192.168.0.10", "",
                        List.of("some.domain,192.168.0.10/24", "192.168.0.0/24"), true),
                // TestMatchMasks/invalid and wrong range
                Arguments.of("invalid and wrong range", "192.168.0.10", "", List.of("some.domain", "192.168.1.0/24"),
                        false),
                // TestMatchMasks/domain name
                Arguments.of("domain name", "192.168.0.10", HOST, List.of("some.domain", "192.168.1.0/24", HOST), true)
        );
    }

    @ParameterizedTest(name = "TestMatchMasks/{0}")
    @MethodSource("maskCases")
    void matchMasks(String name, String address, String host, List<String> masks, boolean allowed) {
        assertEquals(allowed, new AllowedAddresses(masks).allows(address, host));
    }

    /** The trunks through the loader, as a user's {@code lk sip inbound list --json} export. */
    private LiveKitConfig load(List<String> trunks) throws LiveKitConfigException {
        if (trunks.isEmpty()) {
            return LiveKitConfig.empty();
        }
        List<String> items = new ArrayList<>();
        trunks.forEach(t -> items.add(t.replace('\'', '"')));
        Path file = LiveKitFixtures.write(dir, "trunks.json", "{\"items\":[" + String.join(",", items) + "]}");
        return new ConfigFileLoader().load(file);
    }
}
