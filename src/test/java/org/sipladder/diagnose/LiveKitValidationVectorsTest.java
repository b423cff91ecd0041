package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sipladder.livekit.ConfigFileLoader;
import org.sipladder.livekit.LiveKitConfig;

/**
 * LiveKit's own trunk validation tables (livekit/protocol {@code sip/sip_test.go} TestSIPValidateTrunks over
 * trunkCases, TestSIPValidateTrunksNormalizedNumbers; code under test sip.go ValidateTrunksIter and
 * validateTrunkInbound) against the config findings we raise for trunks that claim the same calls:
 * LK_TRUNK_CONFLICT (same number) and LK_DEFAULT_TRUNK_CONFLICT (several trunks without numbers).
 *
 * <p>One deliberate difference, in case "inbound": LiveKit's validator (what it checks when a trunk is created)
 * accepts two trunks on one number when one has allowed_numbers and the other has none, yet at call time a caller
 * in that allowed_numbers passes both trunks and gets "Multiple SIP Trunks matched" (sip.go:541-566). We report
 * what calls meet, so that row expects a finding where LiveKit's validator expects none.
 */
class LiveKitValidationVectorsTest {

    private static final String N1 = "1111 1111";
    private static final String N2 = "2222 2222";
    private static final String N3 = "3333 3333";

    @TempDir
    Path dir;

    /**
     * A case: LiveKit's "invalid", why we report the opposite (null: we agree), the trunks (as AsInbound gives them).
     */
    static Stream<Arguments> cases() {
        return Stream.of(
                // TestSIPValidateTrunks/empty
                row("empty", false, null),
                // TestSIPValidateTrunks/one wildcard
                row("one wildcard", false, null, "{'sipTrunkId':'aaa'}"),
                // TestSIPValidateTrunks/matching (and "matching regexp": the regex is dropped by AsInbound)
                row("matching", false, null, "{'sipTrunkId':'aaa','numbers':['" + N2 + "']}"),
                // TestSIPValidateTrunks/matching inbound
                row("matching inbound", false, null,
                        "{'sipTrunkId':'aaa','numbers':['" + N2 + "'],'allowedNumbers':['" + N1 + "']}"),
                // TestSIPValidateTrunks/not matching
                row("not matching", false, null, "{'sipTrunkId':'aaa','numbers':['" + N3 + "']}"),
                // TestSIPValidateTrunks/not matching inbound
                row("not matching inbound", false, null,
                        "{'sipTrunkId':'aaa','numbers':['" + N2 + "'],'allowedNumbers':['" + N1 + "1']}"),
                // TestSIPValidateTrunks/one match
                row("one match", false, null, "{'sipTrunkId':'aaa','numbers':['" + N3 + "']}",
                        "{'sipTrunkId':'bbb','numbers':['" + N2 + "']}"),
                // TestSIPValidateTrunks/many matches
                row("many matches", true, null, "{'sipTrunkId':'aaa','numbers':['" + N3 + "']}",
                        "{'sipTrunkId':'bbb','numbers':['" + N2 + "']}", "{'sipTrunkId':'ccc','numbers':['" + N2 + "']}"),
                // TestSIPValidateTrunks/many matches default: bbb and ddd are both defaults for every caller
                row("many matches default", true, null, "{'sipTrunkId':'aaa','numbers':['" + N3 + "']}",
                        "{'sipTrunkId':'bbb'}", "{'sipTrunkId':'ccc','numbers':['" + N2 + "']}", "{'sipTrunkId':'ddd'}"),
                // TestSIPValidateTrunks/inbound: valid for LiveKit's validator; a call from "1111 11111" to
                // "2222 2222" passes bbb and ccc, which we report (see the class comment)
                row("inbound", false, "a caller in ccc's allowed_numbers passes both trunks",
                        "{'sipTrunkId':'aaa','numbers':['" + N3 + "']}",
                        "{'sipTrunkId':'bbb','numbers':['" + N2 + "']}",
                        "{'sipTrunkId':'ccc','numbers':['" + N2 + "'],'allowedNumbers':['" + N1 + "1']}"),
                // TestSIPValidateTrunks/multiple defaults
                row("multiple defaults", true, null, "{'sipTrunkId':'aaa','numbers':['" + N3 + "']}",
                        "{'sipTrunkId':'bbb'}", "{'sipTrunkId':'ccc'}"),
                // TestSIPValidateTrunks/inbound with ip exact, ip exact miss, ip mask, ip mask miss, host mask: one trunk
                row("inbound with ip exact", false, null, "{'sipTrunkId':'bbb','numbers':['" + N2 + "'],"
                        + "'allowedAddresses':['10.10.10.10','1.1.1.1']}"),
                row("inbound with ip mask", false, null, "{'sipTrunkId':'bbb','numbers':['" + N2 + "'],"
                        + "'allowedAddresses':['10.10.10.0/24','1.1.1.0/24']}"),
                row("inbound with host mask", false, null, "{'sipTrunkId':'bbb','numbers':['" + N2 + "'],"
                        + "'allowedAddresses':['10.10.10.0/24','sip.example.com']}"),
                // TestSIPValidateTrunks/inbound with plus
                row("inbound with plus", false, null, "{'sipTrunkId':'aaa','numbers':['+" + N3 + "']}",
                        "{'sipTrunkId':'bbb','numbers':['+" + N2 + "']}"),
                // TestSIPValidateTrunks/inbound without plus
                row("inbound without plus", false, null, "{'sipTrunkId':'aaa','numbers':['" + N3 + "']}",
                        "{'sipTrunkId':'bbb','numbers':['" + N2 + "']}"),
                // TestSIPValidateTrunksNormalizedNumbers/same trunk duplicate Numbers forms
                row("same trunk duplicate Numbers forms", false, null,
                        "{'sipTrunkId':'aaa','numbers':['+" + N2 + "','" + N2 + "']}"),
                // TestSIPValidateTrunksNormalizedNumbers/same trunk duplicate AllowedNumbers forms
                row("same trunk duplicate AllowedNumbers forms", false, null, "{'sipTrunkId':'aaa','numbers':['" + N2
                        + "'],'allowedNumbers':['+" + N1 + "','" + N1 + "']}"),
                // TestSIPValidateTrunksNormalizedNumbers/different trunks different Numbers forms
                row("different trunks different Numbers forms", true, null,
                        "{'sipTrunkId':'aaa','numbers':['+" + N2 + "']}", "{'sipTrunkId':'bbb','numbers':['" + N2 + "']}"),
                // TestSIPValidateTrunksNormalizedNumbers/different trunks different AllowedNumbers forms
                row("different trunks different AllowedNumbers forms", true, null,
                        "{'sipTrunkId':'aaa','numbers':['" + N2 + "'],'allowedNumbers':['+" + N1 + "']}",
                        "{'sipTrunkId':'bbb','numbers':['" + N2 + "'],'allowedNumbers':['" + N1 + "']}")
        );
    }

    private static Arguments row(String name, boolean liveKitInvalid, String deviation, String... trunks) {
        return Arguments.of(name, liveKitInvalid, deviation, List.of(trunks));
    }

    @ParameterizedTest(name = "TestSIPValidateTrunks/{0}")
    @MethodSource("cases")
    void reportsTheConflictsLiveKitsValidatorFinds(String name, boolean liveKitInvalid, String deviation,
                                                   List<String> trunks) throws Exception {
        DiagnosisContext context = new DiagnosisContext(List.of(), load(trunks), List.of());

        List<Finding> findings = new ArrayList<>(new TrunkConflictCheck().findings(context));
        findings.addAll(new DefaultTrunkConflictCheck().findings(context));

        assertEquals(deviation == null ? liveKitInvalid : !liveKitInvalid, !findings.isEmpty(), findings.toString());
    }

    private LiveKitConfig load(List<String> trunks) throws Exception {
        if (trunks.isEmpty()) {
            return LiveKitConfig.empty();
        }
        Path file = dir.resolve("trunks.json");
        try {
            Files.writeString(file, "{\"items\":[" + String.join(",", trunks).replace('\'', '"') + "]}");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new ConfigFileLoader().load(file);
    }
}
