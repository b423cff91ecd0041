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
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.cli.SipLadderCommand;
import org.sipladder.testkit.Rtp;

/**
 * A trunk's and dispatch rule's {@code media} (SIPMediaConfig) as {@code lk sip inbound list --json} prints it, through
 * {@code diagnose --json --livekit-config}: the codecs LiveKit takes for the call, its later media timeout, and
 * LiveKit's default codec set when no item sets one.
 */
class MediaConfigDiagnoseTest {

    private static final String G729 = "v=0\r\no=- 1 1 IN IP4 " + MediaCase.JAMBONZ + "\r\ns=-\r\nc=IN IP4 "
            + MediaCase.JAMBONZ + "\r\nt=0 0\r\nm=audio 40000 RTP/AVP 18 101\r\na=rtpmap:18 G729/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";

    @TempDir
    Path dir;

    /** The findings of {@code diagnose --json} on {@code capture} with one config file of {@code trunkMedia} and {@code ruleMedia}. */
    private JsonArray diagnose(MediaCase capture, String trunkMedia, String ruleMedia) throws IOException {
        Path pcap = capture.write(dir);
        Path trunks = Files.writeString(dir.resolve("trunks.json"), "{\"items\": [{\"sipTrunkId\": \"ST_x\", "
                + "\"numbers\": [\"4991874350352\"]" + trunkMedia + "}]}");
        Path rules = Files.writeString(dir.resolve("rules.json"), "{\"items\": [{\"sipDispatchRuleId\": \"SDR_y\", "
                + "\"rule\": {\"dispatchRuleIndividual\": {\"roomPrefix\": \"call-\"}}, \"trunkIds\": [\"ST_x\"], "
                + "\"roomConfig\": {\"agents\": [{\"agentName\": \"agent\"}]}" + ruleMedia + "}]}");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SipLadderCommand.execute(new String[] {"diagnose", "--json", pcap.toString(), "--livekit-config",
                trunks.toString(), "--livekit-config", rules.toString()}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        return JsonParser.parseString(out.toString()).getAsJsonArray();
    }

    private static List<JsonObject> withCode(JsonArray findings, String code) {
        List<JsonObject> found = new ArrayList<>();
        for (JsonElement f : findings) {
            if (f.getAsJsonObject().get("code").getAsString().equals(code)) {
                found.add(f.getAsJsonObject());
            }
        }
        return found;
    }

    private static String facts(JsonObject finding) {
        return finding.getAsJsonObject("evidence").get("facts").toString();
    }

    private static String steps(JsonObject finding) {
        return finding.getAsJsonObject("fix").get("steps").toString();
    }

    private static String livekit(JsonArray findings) {
        for (JsonElement f : findings) {
            JsonObject lk = f.getAsJsonObject().getAsJsonObject("livekit");
            if (lk != null) {
                return lk.toString();
            }
        }
        return "";
    }

    @Test
    void anOfferWithoutPcmuPcmaOrG722IsRefusedByLiveKitsDefaultSetAndThatIsNoChangedConfig() throws Exception {
        JsonArray findings = diagnose(MediaCase.jambonzToLiveKitRefused(G729, 400), "", "");
        String all = findings.toString();
        assertFalse(all.contains("probably changed"), all);
        assertTrue(livekit(findings).contains("\"consistency\":\"CONSISTENT\""), livekit(findings));
        assertTrue(livekit(findings).contains("LiveKit's default set"), livekit(findings));
        List<JsonObject> codec = withCode(findings, "SIP_NO_COMMON_CODEC");
        assertEquals(1, codec.size(), all);
        // no media config: the finding is today's
        assertTrue(facts(codec.get(0)).contains("LiveKit accepts G722, PCMA, PCMU; the offer has none of them"),
                facts(codec.get(0)));
    }

    @Test
    void aTrunkListingOnlyG722NamesItselfAndTheLkCommandThatTakesTheOffersCodecs() throws Exception {
        JsonArray findings = diagnose(MediaCase.jambonzToLiveKitRefused(Rtp.sdp(MediaCase.JAMBONZ, 40000,
                        "sendrecv"), 400), ", \"media\": {\"onlyListedCodecs\": true, \"codecs\": [{\"name\": \"G722\", "
                        + "\"rate\": 8000}]}", "");
        List<JsonObject> codec = withCode(findings, "SIP_NO_COMMON_CODEC");
        assertEquals(1, codec.size(), findings.toString());
        JsonObject f = codec.get(0);
        assertTrue(facts(f).contains("trunk ST_x's media lists only G722/8000"), facts(f));
        assertEquals("[\"ST_x\"]", f.getAsJsonObject("evidence").get("configIds").toString());
        assertEquals("[\"lk sip inbound update --id ST_x --codecs PCMU,PCMA,G722\"]",
                f.getAsJsonObject("fix").get("commands").toString());
        assertTrue(livekit(findings).contains("\"consistency\":\"CONSISTENT\""), livekit(findings));
    }

    @Test
    void theLkUpdateSendsTheWholeMediaSoAMediaTimeoutSetThereIsGivenBackAsJson() throws Exception {
        JsonArray findings = diagnose(MediaCase.jambonzToLiveKitRefused(Rtp.sdp(MediaCase.JAMBONZ, 40000,
                        "sendrecv"), 400), "", ", \"media\": {\"onlyListedCodecs\": true, \"codecs\": [{\"name\": "
                        + "\"G722\", \"rate\": 8000}], \"mediaTimeout\": \"60s\"}");
        JsonObject f = withCode(findings, "SIP_NO_COMMON_CODEC").get(0);
        assertTrue(facts(f).contains("dispatch rule SDR_y's media lists only G722/8000"), facts(f));
        assertEquals("[\"lk sip dispatch update --id SDR_y --codecs PCMU,PCMA,G722\"]",
                f.getAsJsonObject("fix").get("commands").toString());
        assertTrue(steps(f).contains("drops its media_timeout (60s)"), steps(f));
        assertEquals("{\"media\":{\"codecs\":[{\"name\":\"PCMU\"},{\"name\":\"PCMA\"},{\"name\":\"G722\"}],"
                + "\"mediaTimeout\":\"60s\"}}", f.getAsJsonObject("fix").get("json").getAsString());
    }

    /** RTP both ways from 0.4 s; Jambonz's stops at 10.4 s, LiveKit's goes on, and LiveKit hangs up {@code afterLast} later. */
    private static MediaCase rtpToLiveKitStops(double afterLast) {
        double end = 10.4 + afterLast;
        return MediaCase.jambonzToLiveKit(MediaFindingsTest.SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(MediaFindingsTest.SBC, MediaFindingsTest.LK, 0.4, 501, 0x1111, Set.of())
                .rtp(MediaFindingsTest.LK, MediaFindingsTest.SBC, 0.41, (int) ((end - 0.5) * 50), 0x2222, Set.of())
                .bye(MediaCase.LIVEKIT, end);
    }

    @Test
    void aRulesMediaTimeoutIsTheLaterTimeoutLiveKitHangsUpAt() throws Exception {
        String sixty = ", \"media\": {\"mediaTimeout\": \"60s\"}";
        // 16 s of silence: LiveKit's default 15 s, but not this rule's 60 s
        assertEquals(List.of(), withCode(diagnose(rtpToLiveKitStops(16), "", sixty), "MEDIA_TIMEOUT_HANGUP"));
        List<JsonObject> at60 = withCode(diagnose(rtpToLiveKitStops(61), "", sixty), "MEDIA_TIMEOUT_HANGUP");
        assertEquals(1, at60.size());
        assertTrue(facts(at60.get(0)).contains("Dispatch rule SDR_y's media.media_timeout is 60 s"), facts(at60.get(0)));
        assertTrue(at60.get(0).get("explanation").getAsString().contains("media_timeout (60 s without RTP"),
                at60.get(0).get("explanation").getAsString());
        // without a media config: as before
        assertEquals(1, withCode(diagnose(rtpToLiveKitStops(16), "", ""), "MEDIA_TIMEOUT_HANGUP").size());
    }

    private static String explanation(JsonArray findings, String code) {
        List<JsonObject> found = withCode(findings, code);
        assertEquals(1, found.size(), findings.toString());
        return found.get(0).get("explanation").getAsString();
    }

    @Test
    void aHoldAtLiveKitRunsIntoTheCallsMediaTimeoutNotAlways15s() throws Exception {
        MediaCase held = MediaFindingsTest.clean().reInvite(5, MediaFindingsTest.SBC_MEDIA, 40000, "inactive",
                MediaCase.LIVEKIT, 30000, "sendrecv");
        String sixty = explanation(diagnose(held, "", ", \"media\": {\"mediaTimeout\": \"60s\"}"),
                "MEDIA_HOLD_MISMATCH");
        assertTrue(sixty.contains("media_timeout (60 s: dispatch rule SDR_y's media.media_timeout is 60 s)"), sixty);
        String none = explanation(diagnose(held, "", ""), "MEDIA_HOLD_MISMATCH");
        assertTrue(none.contains("media_timeout (15 s: no trunk or rule sets media.media_timeout"), none);
    }

    @Test
    void aByeLiveKitRefusedLingersUntilTheCallsMediaTimeout() throws Exception {
        // Jambonz's BYE is answered 481; LiveKit keeps the call until the trunk's 20 s without RTP
        MediaCase lingering = MediaCase.jambonzToLiveKit(MediaFindingsTest.SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(MediaFindingsTest.SBC, MediaFindingsTest.LK, 0.4, 500, 0x1111, Set.of())
                .rtp(MediaFindingsTest.LK, MediaFindingsTest.SBC, 0.41, 1500, 0x2222, Set.of())
                .bye(MediaCase.JAMBONZ, 10.45, "", 481, "Call does not exist")
                .bye(MediaCase.LIVEKIT, 30.42, "", 481, "Call/Transaction Does Not Exist");
        JsonArray findings = diagnose(lingering, ", \"media\": {\"mediaTimeout\": \"20s\"}", "");
        String all = withCode(findings, "SIP_DIALOG_NOT_FOUND").toString();
        assertTrue(all.contains("its media_timeout, 20 s: trunk ST_x's media.media_timeout is 20 s"), all);
        assertFalse(all.contains("15 s by default"), all);
    }

    @Test
    void a500ForAMediaConfigLiveKitCannotMakeNamesTheErrorTheItemAndTheFix() throws Exception {
        MediaCase failed = MediaCase.jambonzToLiveKitRefused(Rtp.sdp(MediaCase.JAMBONZ, 40000, "sendrecv"), 500);
        JsonArray findings = diagnose(failed, ", \"media\": {\"onlyListedCodecs\": true}", "");
        assertTrue(livekit(findings).contains("\"consistency\":\"CONSISTENT\""), livekit(findings));
        List<JsonObject> explained = withCode(findings, "LK_RESPONSE_EXPLAINED");
        assertEquals(1, explained.size(), findings.toString());
        JsonObject f = explained.get(0);
        String why = f.get("explanation").getAsString();
        assertTrue(why.contains("trunk ST_x's media sets only_listed_codecs with no codecs")
                && why.contains("only_listed_codecs is set but no codec is listed"), why);
        assertEquals("[\"ST_x\"]", f.getAsJsonObject("evidence").get("configIds").toString());
        assertEquals("[\"lk sip inbound update --id ST_x --codecs PCMU,PCMA,G722\"]",
                f.getAsJsonObject("fix").get("commands").toString());

        // a codec without a rate LiveKit has no default for, listed by the rule: the rule is named, the codec left out
        JsonArray opus = diagnose(failed, "", ", \"media\": {\"codecs\": [{\"name\": \"opus\"}, {\"name\": "
                + "\"G722\"}]}");
        JsonObject g = withCode(opus, "LK_RESPONSE_EXPLAINED").get(0);
        assertTrue(g.get("explanation").getAsString().contains("codec opus has no rate"), g.toString());
        assertEquals("[\"lk sip dispatch update --id SDR_y --codecs G722\"]",
                g.getAsJsonObject("fix").get("commands").toString());
    }
}
