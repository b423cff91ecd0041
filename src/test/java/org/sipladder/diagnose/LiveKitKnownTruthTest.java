package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.cli.SipLadderCommand;
import org.sipladder.testkit.Captures;

/**
 * Known-truth scenarios of carrier -> Jambonz -> LiveKit calls whose cause the config decides, through the whole path
 * as a user runs it: capture bytes and {@code lk ... list --json} files into {@code diagnose --json}. Each asserts the
 * primary finding and its key fact, LiveKit's predicted answer (livekit-inbound-routing.md, section 5) and the {@code lk}
 * commands of the fix (flags as livekit-cli's cmd/lk/sip.go takes them).
 */
class LiveKitKnownTruthTest {

    private static final String CARRIER = "89.184.187.124";
    /** A public Jambonz: LiveKit sees this address as the source (no NAT in between). */
    private static final String JAMBONZ = "3.120.5.17";
    private static final String LIVEKIT = "129.158.233.108";
    private static final String DID = "4991874350352";
    private static final String CALLER = "+4930123456";
    private static final String CLOUD = "p-1z3kctsj.sip.livekit.cloud";
    private static final String AGENT = ", \"roomConfig\": {\"agents\": [{\"agentName\": \"inbound-agent\"}]}";

    @TempDir
    Path dir;

    /**
     * The call: the carrier's INVITE to Jambonz, Jambonz's INVITE to LiveKit at {@code lkHost} (To = Request-URI user
     * {@code called}, X-CID naming the first leg), LiveKit's {@code responses} ("180 Ringing", or "+N" for N seconds
     * passing), then Jambonz's {@code aFinal} to the carrier (none when empty).
     */
    private Path call(String called, String lkHost, String aFinal, String... responses) {
        Captures c = Captures.pcap();
        long t = 1_795_011_787_000_000L;
        String aUri = "sip:+" + DID + "@" + JAMBONZ;
        String aInvite = SipTexts.invite("a-leg-1", aUri, CALLER, CARRIER, SipTexts.sdp(CARRIER, "8 PCMA/8000"));
        c.udp(t, CARRIER + ":5060", JAMBONZ + ":5060", aInvite);
        c.udp(t += 10_000, JAMBONZ + ":5060", CARRIER + ":5060", SipTexts.response(aInvite, 100, "Trying"));
        String bInvite = SipTexts.invite("b-leg-1", "sip:" + called + "@" + lkHost, CALLER, JAMBONZ,
                SipTexts.sdp(JAMBONZ, "8 PCMA/8000", "0 PCMU/8000"), "X-CID: a-leg-1");
        c.udp(t += 50_000, JAMBONZ + ":5060", LIVEKIT + ":5060", bInvite);
        for (String r : responses) {
            if (r.startsWith("+")) {
                t += Long.parseLong(r.substring(1)) * 1_000_000L;
                continue;
            }
            int blank = r.indexOf(' ');
            c.udp(t += 20_000, LIVEKIT + ":5060", JAMBONZ + ":5060", SipTexts.response(bInvite,
                    Integer.parseInt(blank < 0 ? r : r.substring(0, blank)), blank < 0 ? "" : r.substring(blank + 1)));
        }
        if (!aFinal.isEmpty()) {
            int blank = aFinal.indexOf(' ');
            c.udp(t + 20_000, JAMBONZ + ":5060", CARRIER + ":5060", SipTexts.response(aInvite,
                    Integer.parseInt(aFinal.substring(0, blank)), aFinal.substring(blank + 1)));
        }
        return c.write(dir.resolve("call.pcap"));
    }

    private Path cloudCall(String aFinal, String... responses) {
        return call(DID, CLOUD, aFinal, responses);
    }

    /** The findings of {@code diagnose --json} on {@code capture} with these trunks and rules (JSON items). */
    private JsonArray diagnose(Path capture, String trunks, String rules) throws IOException {
        Path t = Files.writeString(dir.resolve("trunks.json"), "{\"items\": [" + trunks + "]}");
        Path r = Files.writeString(dir.resolve("rules.json"), "{\"items\": [" + rules + "]}");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SipLadderCommand.execute(new String[] {"diagnose", "--json", capture.toString(), "--livekit-config",
                t.toString(), "--livekit-config", r.toString()}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        return JsonParser.parseString(out.toString()).getAsJsonArray();
    }

    private static JsonObject primary(JsonArray findings) {
        for (JsonElement f : findings) {
            if (f.getAsJsonObject().get("primary").getAsBoolean()) {
                return f.getAsJsonObject();
            }
        }
        throw new AssertionError("no primary finding: " + findings);
    }

    private static List<String> strings(JsonObject o, String... path) {
        JsonObject at = o;
        for (int i = 0; i < path.length - 1; i++) {
            at = at.getAsJsonObject(path[i]);
        }
        List<String> out = new ArrayList<>();
        if (at.has(path[path.length - 1])) {
            at.getAsJsonArray(path[path.length - 1]).forEach(e -> out.add(e.getAsString()));
        }
        return out;
    }

    /** Asserts the primary finding's code, LiveKit's predicted answer (consistent with the capture) and commands. */
    private static JsonObject assertPrimary(JsonArray findings, String code, List<String> expected, List<String> commands) {
        JsonObject p = primary(findings);
        assertEquals(code, p.get("code").getAsString(), findings.toString());
        assertEquals(expected, strings(p, "livekit", "expected"), p.toString());
        assertEquals("CONSISTENT", p.getAsJsonObject("livekit").get("consistency").getAsString(), p.toString());
        assertEquals(commands, strings(p, "fix", "commands"), p.toString());
        return p;
    }

    private static String trunk(String id, String extra) {
        return "{\"sipTrunkId\": \"" + id + "\"" + extra + "}";
    }

    private static String rule(String id, String extra) {
        return "{\"sipDispatchRuleId\": \"" + id + "\", \"rule\": {\"dispatchRuleIndividual\": {\"roomPrefix\": \"call\"}}"
                + AGENT + extra + "}";
    }

    private static final List<String> TRUNK_ERROR = List.of("100 Processing", "503 Try again later");
    private static final List<String> DROPPED = List.of("100 Processing", "180 Ringing...", "(no final response)");

    @Test
    void twoTrunksListingTheNumberInTwoSpellingsAreAConflictAnd503WithoutRinging() throws IOException {
        JsonArray f = diagnose(cloudCall("603 Decline", "100 Processing", "503 Try again later"),
                trunk("ST_a", ", \"numbers\": [\"+" + DID + "\"]") + "," + trunk("ST_b", ", \"numbers\": [\"" + DID + "\"]"),
                rule("SDR_1", ", \"trunkIds\": [\"ST_a\"]"));
        JsonObject p = assertPrimary(f, "LK_TRUNK_CONFLICT", TRUNK_ERROR,
                List.of("lk sip inbound delete ST_b", "lk sip inbound list"));
        assertTrue(strings(p, "evidence", "facts").contains("LiveKit's error: Multiple SIP Trunks matched for \"" + DID
                + "\""), p.toString());
    }

    @Test
    void twoDefaultTrunksAreAConflictAnd503() throws IOException {
        JsonArray f = diagnose(cloudCall("603 Decline", "100 Processing", "503 Try again later"),
                trunk("ST_a", "") + "," + trunk("ST_b", ""), rule("SDR_1", ""));
        JsonObject p = assertPrimary(f, "LK_DEFAULT_TRUNK_CONFLICT", TRUNK_ERROR,
                List.of("lk sip inbound delete ST_b", "lk sip inbound list"));
        assertTrue(strings(p, "evidence", "facts").contains("LiveKit's error: Multiple default SIP Trunks matched for \""
                + DID + "\""), p.toString());
    }

    @Test
    void noTrunkForTheNumberIsCloudsOwn404AndTheFixKeepsTheTrunksNumbers() throws IOException {
        JsonArray f = diagnose(cloudCall("603 Decline", "100 Processing", "404 No trunk found"),
                trunk("ST_a", ", \"numbers\": [\"+4930999999\"]"), rule("SDR_1", ", \"trunkIds\": [\"ST_a\"]"));
        // --numbers replaces the list: the command repeats the number the trunk has
        assertPrimary(f, "LK_NO_TRUNK_MATCH", List.of("100 Processing", "404 No trunk found"),
                List.of("lk sip inbound update --id ST_a --numbers +4930999999," + DID, "lk sip inbound list"));
    }

    @Test
    void aCalledNumberWith00IsNotNormalizedToThePlusForm() throws IOException {
        // section 1: 004991874350352 becomes +004991874350352, which is not +4991874350352
        JsonArray f = diagnose(call("00" + DID, CLOUD, "603 Decline", "100 Processing", "404 No trunk found"),
                trunk("ST_a", ", \"numbers\": [\"+" + DID + "\"]"), rule("SDR_1", ", \"trunkIds\": [\"ST_a\"]"));
        assertPrimary(f, "LK_CALLED_NUMBER_MISMATCH", List.of("100 Processing", "404 No trunk found"),
                List.of("lk sip inbound update --id ST_a --numbers +" + DID + ",00" + DID));
    }

    @Test
    void selfHostedWithoutATrunkGoesOnToWildcardRulesAndDropsTheCallSilently() throws IOException {
        // a self-hosted server (the Request-URI host is LiveKit's address): no 404, no 503; no wildcard rule: drop
        JsonArray f = diagnose(call(DID, LIVEKIT, "480 Temporarily Unavailable", "100 Processing", "180 Ringing", "+1",
                        "180 Ringing", "+1", "180 Ringing"),
                trunk("ST_a", ", \"numbers\": [\"+4930999999\"]"), rule("SDR_1", ", \"trunkIds\": [\"ST_a\"]"));
        assertPrimary(f, "LK_NO_RULE_MATCH", DROPPED,
                List.of("lk sip inbound update --id ST_a --numbers +4930999999," + DID, "lk sip inbound list"));
    }

    @Test
    void aCallerOutsideAllowedNumbersIsNoTrunkAndTheJsonAddsTheCaller() throws IOException {
        JsonArray f = diagnose(cloudCall("603 Decline", "100 Processing", "404 No trunk found"),
                trunk("ST_a", ", \"numbers\": [\"" + DID + "\"], \"allowedNumbers\": [\"+4930555555\"]"),
                rule("SDR_1", ", \"trunkIds\": [\"ST_a\"]"));
        JsonObject p = assertPrimary(f, "LK_CALLER_NOT_ALLOWED", List.of("100 Processing", "404 No trunk found"),
                List.of("lk sip inbound update --id ST_a trunk.json"));
        // the update replaces the whole trunk: the JSON keeps its numbers
        JsonObject json = JsonParser.parseString(p.getAsJsonObject("fix").get("json").getAsString()).getAsJsonObject();
        assertEquals("[\"" + DID + "\"]", json.get("numbers").toString());
        assertEquals("[\"+4930555555\",\"" + CALLER + "\"]", json.get("allowedNumbers").toString());
    }

    @Test
    void aSourceOutsideAllowedAddressesIsNoTrunkEvenWithAnEntryLiveKitIgnores() throws IOException {
        // "3.120.5.17, 3.120.5.18" holds a comma and a blank: LiveKit ignores it, so only the /24 counts
        JsonArray f = diagnose(cloudCall("603 Decline", "100 Processing", "404 No trunk found"),
                trunk("ST_a", ", \"numbers\": [\"" + DID + "\"], \"allowedAddresses\": [\"54.1.2.0/24\", "
                        + "\"3.120.5.17, 3.120.5.18\"]"), rule("SDR_1", ", \"trunkIds\": [\"ST_a\"]"));
        JsonObject p = assertPrimary(f, "LK_SOURCE_NOT_ALLOWED", List.of("100 Processing", "404 No trunk found"),
                List.of("lk sip inbound update --id ST_a trunk.json"));
        JsonObject json = JsonParser.parseString(p.getAsJsonObject("fix").get("json").getAsString()).getAsJsonObject();
        assertTrue(json.get("allowedAddresses").toString().contains("\"" + JAMBONZ + "\""), json.toString());
    }

    @Test
    void aChallengeNobodyAnswersIsTheAuthFinding() throws IOException {
        JsonArray f = diagnose(cloudCall("603 Decline", "100 Processing", "407 Unauthorized"),
                trunk("ST_a", ", \"numbers\": [\"" + DID + "\"], \"authUsername\": \"jambonz\", \"authPassword\": "
                        + "\"s3cret-pw\""), rule("SDR_1", ", \"trunkIds\": [\"ST_a\"]"));
        assertPrimary(f, "LK_AUTH_CHALLENGE_UNANSWERED", List.of("100 Processing", "407 Unauthorized"), List.of());
        assertFalse(f.toString().contains("s3cret-pw"), f.toString());
    }

    @Test
    void theDidInInboundNumbersLeavesTheCallRingingAndTheFixFreesThatRule() throws IOException {
        JsonArray f = diagnose(cloudCall("480 Temporarily Unavailable", "100 Processing", "180 Ringing", "+1",
                        "180 Ringing"), trunk("ST_a", ", \"numbers\": [\"" + DID + "\"]"),
                rule("SDR_1", ", \"trunkIds\": [\"ST_a\"], \"inboundNumbers\": [\"" + DID + "\"]"));
        assertPrimary(f, "LK_NO_RULE_MATCH", DROPPED, List.of("lk sip dispatch update --id SDR_1 SDR_1.json"));
    }

    @Test
    void rulesWhoseCallersDifferOnlyInSpellingConflictAndFailEvenCallsNeitherTakes() throws IOException {
        JsonArray f = diagnose(cloudCall("603 Decline", "100 Processing", "180 Ringing", "503 Try again later"),
                trunk("ST_a", ", \"numbers\": [\"" + DID + "\"]"),
                rule("SDR_1", ", \"trunkIds\": [\"ST_a\"], \"inboundNumbers\": [\"+4930777777\"]") + ","
                        + rule("SDR_2", ", \"trunkIds\": [\"ST_a\"], \"inboundNumbers\": [\"4930777777\"]"));
        JsonObject p = assertPrimary(f, "LK_RULE_CONFLICT", List.of("100 Processing", "180 Ringing...",
                "503 Try again later"), List.of("lk sip dispatch delete SDR_2", "lk sip dispatch list"));
        assertTrue(p.toString().contains("Neither conflicting rule would take this call"), p.toString());
    }

    @Test
    void theConflictFixSaysWhenTheTwoEntriesDifferOnlyInSpelling() throws IOException {
        // protocol sip.ValidateDispatchRulesIter keys rules by NormalizeNumber(inbound number) and NormalizeNumber(number):
        // "+4930777777" and "4930 777-777" are one key, so respelling one of them never ends the conflict
        JsonArray f = diagnose(cloudCall("603 Decline", "100 Processing", "180 Ringing", "503 Try again later"),
                trunk("ST_a", ", \"numbers\": [\"" + DID + "\"]"),
                rule("SDR_1", ", \"trunkIds\": [\"ST_a\"], \"inboundNumbers\": [\"+4930777777\"]") + ","
                        + rule("SDR_2", ", \"trunkIds\": [\"ST_a\"], \"inboundNumbers\": [\"4930 777-777\"]"));
        int conflicts = 0;
        for (JsonElement e : f) {
            JsonObject o = e.getAsJsonObject();
            if (o.get("code").getAsString().equals("LK_RULE_CONFLICT")) {
                conflicts++;
                String steps = strings(o, "fix", "steps").toString();
                assertTrue(steps.contains("\"+4930777777\"") && steps.contains("\"4930 777-777\"")
                        && steps.contains("normaliz"), steps);
            }
        }
        assertEquals("LK_RULE_CONFLICT", primary(f).get("code").getAsString(), f.toString());
        assertTrue(conflicts >= 1, f.toString());
    }

    @Test
    void aRuleWithoutAnAgentRingsUntilTheRingingTimeoutThen486() throws IOException {
        String noAgent = "{\"sipDispatchRuleId\": \"SDR_1\", \"trunkIds\": [\"ST_a\"], \"rule\": "
                + "{\"dispatchRuleIndividual\": {\"roomPrefix\": \"call\"}}}";
        JsonArray f = diagnose(cloudCall("480 Temporarily Unavailable", "100 Processing", "180 Ringing", "+180",
                "486 Rejected"), trunk("ST_a", ", \"numbers\": [\"" + DID + "\"]"), noAgent);
        assertPrimary(f, "LK_RULE_NO_AGENT", List.of("100 Processing", "180 Ringing...", "486 Rejected"),
                List.of("lk sip dispatch update --id SDR_1 SDR_1.json"));
    }

    @Test
    void aRulesNumbersInAnotherSpellingThanToLeaveTheCallRingingAndTheFixNamesThatRule() throws IOException {
        // a rule's numbers are compared with the To user exactly (protocol sip.MatchDispatchRuleIter, slices.Contains),
        // while the trunk took the call after normalizing: the rule that holds the number as +49... is the cause
        JsonArray f = diagnose(cloudCall("480 Temporarily Unavailable", "100 Processing", "180 Ringing", "+1",
                        "180 Ringing"), trunk("ST_a", ", \"numbers\": [\"+" + DID + "\"]"),
                rule("SDR_1", ", \"trunkIds\": [\"ST_a\"], \"numbers\": [\"+" + DID + "\", \"+4930111111\"]"));
        JsonObject p = assertPrimary(f, "LK_NO_RULE_MATCH", DROPPED, List.of("lk sip dispatch update --id SDR_1 SDR_1.json"));
        String steps = strings(p, "fix", "steps").toString();
        assertTrue(steps.contains("+" + DID) && steps.contains("exactly"), steps);
        // both spellings in one rule normalize alike: LiveKit's conflict check would find the rule conflicting with
        // itself and fail every call with 503, so the JSON swaps the spelling instead of adding one
        JsonObject json = JsonParser.parseString(p.getAsJsonObject("fix").get("json").getAsString()).getAsJsonObject();
        assertEquals("[\"" + DID + "\",\"+4930111111\"]", json.get("numbers").toString(), json.toString());
        assertEquals("[\"ST_a\"]", json.get("trunkIds").toString(), json.toString());
    }

    @Test
    void aRuleNotTakenNamesTheCalledNumbersItWaitsFor() throws IOException {
        // protocol sip.MatchDispatchRuleIter: a rule's numbers filter the called number; the summary of a rule not
        // taken must show them, or the reader cannot see why the rule passed the call by
        JsonArray f = diagnose(cloudCall("480 Temporarily Unavailable", "100 Processing", "180 Ringing", "+1",
                        "180 Ringing"), trunk("ST_a", ", \"numbers\": [\"" + DID + "\"]"),
                rule("SDR_1", ", \"trunkIds\": [\"ST_a\"], \"numbers\": [\"+4930111111\"]"));
        JsonObject p = primary(f);
        assertEquals("LK_NO_RULE_MATCH", p.get("code").getAsString(), f.toString());
        String notTaken = strings(p, "evidence", "facts").stream().filter(x -> x.startsWith("Not taken: SDR_1"))
                .findFirst().orElseThrow(() -> new AssertionError(p.toString()));
        assertTrue(notTaken.contains("+4930111111"), notTaken);
    }

    /** LiveKit's routing of the capture's one INVITE to it, diagnosed from the capture file with this config. */
    private LiveKitRouting routing(Path capture, String items) throws Exception {
        Path config = Files.writeString(dir.resolve("config.json"), "{\"items\": [" + items + "]}");
        Diagnosis d = MediaCase.diagnoseFile(capture, new org.sipladder.livekit.ConfigFileLoader().load(config),
                new org.sipladder.media.MediaCollector());
        assertEquals(1, d.routings().size(), d.routings().toString());
        return d.routings().get(0);
    }

    private static final List<String> ANSWERED = List.of("100 Processing", "180 Ringing...", "200 OK");

    @Test
    void anAllowedAddressesEntryEqualToTheFromHostLetsTheCallIn() throws Exception {
        // section 2: neither IP entry holds the source 3.120.5.17, but "sip.jambonz.example" is the From host
        // Jambonz's INVITE straight to LiveKit, its From host a name
        Captures c = Captures.pcap();
        String invite = SipTexts.invite("b-leg-1", "sip:" + DID + "@" + CLOUD, CALLER, JAMBONZ,
                SipTexts.sdp(JAMBONZ, "8 PCMA/8000")).replace("@" + JAMBONZ + ">;tag=", "@sip.jambonz.example>;tag=");
        long t = 1_795_011_787_000_000L;
        c.udp(t, JAMBONZ + ":5060", LIVEKIT + ":5060", invite)
                .udp(t + 20_000, LIVEKIT + ":5060", JAMBONZ + ":5060", SipTexts.response(invite, 100, "Processing"))
                .udp(t + 40_000, LIVEKIT + ":5060", JAMBONZ + ":5060", SipTexts.response(invite, 180, "Ringing"))
                .udp(t + 900_000, LIVEKIT + ":5060", JAMBONZ + ":5060", SipTexts.response(invite, 200, "OK",
                        SipTexts.sdp(LIVEKIT, "8 PCMA/8000")));
        LiveKitRouting r = routing(c.write(dir.resolve("from-host.pcap")), trunk("ST_a", ", \"numbers\": [\"" + DID
                + "\"], \"allowedAddresses\": [\"54.1.2.0/24\", \"sip.jambonz.example\"]") + "," + rule("SDR_1",
                ", \"trunkIds\": [\"ST_a\"]"));
        assertEquals("ST_a", r.outcome().trunk().trunk().getSipTrunkId(), r.outcome().reasoning().toString());
        assertEquals(ANSWERED, r.outcome().expectedResponses());
        assertEquals(org.sipladder.livekit.Consistency.CONSISTENT, r.consistency());
    }

    @Test
    void aTrunkSpecificOpenRuleBeatsAWildcardPinRule() throws Exception {
        // section 4: rules naming the trunk are tried before wildcard ones, whatever their priority values
        LiveKitRouting r = routing(cloudCall("200 OK", "100 Processing", "180 Ringing", "200 OK"),
                trunk("ST_a", ", \"numbers\": [\"" + DID + "\"]") + ",{\"sipDispatchRuleId\": \"SDR_pin\", \"rule\": "
                        + "{\"dispatchRuleDirect\": {\"roomName\": \"conf\", \"pin\": \"1234\"}}" + AGENT + "},"
                        + rule("SDR_open", ", \"trunkIds\": [\"ST_a\"]"));
        assertEquals("SDR_open", r.outcome().dispatch().rule().getSipDispatchRuleId());
        assertEquals(ANSWERED, r.outcome().expectedResponses());
    }

    @Test
    void equalPrioritiesGoToTheLowerRoomName() throws Exception {
        // 100 + 1000 each (direct, open; one lacks inbound_numbers, the other numbers): "alpha" < "zulu"
        String direct = "{\"sipDispatchRuleId\": \"%s\", \"trunkIds\": [\"ST_a\"], \"rule\": {\"dispatchRuleDirect\": "
                + "{\"roomName\": \"%s\"}}" + AGENT + ", %s}";
        LiveKitRouting r = routing(cloudCall("200 OK", "100 Processing", "180 Ringing", "200 OK"),
                trunk("ST_a", ", \"numbers\": [\"" + DID + "\"]") + ","
                        + String.format(direct, "SDR_a", "zulu", "\"numbers\": [\"" + DID + "\"]") + ","
                        + String.format(direct, "SDR_b", "alpha", "\"inboundNumbers\": [\"" + CALLER + "\"]"));
        assertEquals("SDR_b", r.outcome().dispatch().rule().getSipDispatchRuleId(), r.outcome().reasoning().toString());
        assertEquals("alpha", r.outcome().dispatch().roomName());
    }

    @Test
    void withoutATrunkASelfHostedServerChecksEveryRuleForConflicts() throws Exception {
        // section 4: with no trunk matched the rule listing has no trunk filter, so two rules of another trunk that
        // conflict fail a call only a wildcard rule could take
        JsonArray f = diagnose(call(DID, LIVEKIT, "603 Decline", "100 Processing", "180 Ringing", "503 Try again later"),
                trunk("ST_a", ", \"numbers\": [\"+4930999999\"]"), rule("SDR_1", ", \"trunkIds\": [\"ST_a\"]") + ","
                        + rule("SDR_2", ", \"trunkIds\": [\"ST_a\"]") + "," + rule("SDR_w", ""));
        assertPrimary(f, "LK_RULE_CONFLICT", List.of("100 Processing", "180 Ringing...", "503 Try again later"),
                List.of("lk sip dispatch delete SDR_2", "lk sip dispatch list"));
    }
}
