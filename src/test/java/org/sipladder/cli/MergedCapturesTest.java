package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.MediaCall;
import org.sipladder.testkit.TwoHosts;

/** Two captures of one call taken at both ends of a hop, read as one. */
class MergedCapturesTest {

    @TempDir
    Path dir;

    private final TwoHosts call = new TwoHosts();

    @Test
    void messagesShowsEachMessageOnceWithBothObservationPointsAndTellsTheOffset() {
        Path a = call.writeA(dir.resolve("a.pcap"));
        Path b = call.writeB(dir.resolve("b.pcap"));
        CliRun run = CliRun.of("messages", a.toString(), b.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(b + ": clock corrected by -2.500000 s (from 6 messages also in " + a
                + "; --offset sets it by hand)\n", run.err());
        List<JsonObject> lines = run.outLines().stream().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
        assertEquals(7, lines.size());
        JsonObject invite = lines.get(1);
        assertEquals("INVITE", invite.get("method").getAsString());
        JsonArray seenAt = invite.getAsJsonArray("seenAt");
        assertEquals(2, seenAt.size());
        assertEquals(a.toString(), seenAt.get(0).getAsJsonObject().get("capture").getAsString());
        assertEquals(b.toString(), seenAt.get(1).getAsJsonObject().get("capture").getAsString());
        assertEquals(1_700_000_002.51, seenAt.get(1).getAsJsonObject().get("time").getAsDouble(), 1e-6);
        assertTrue(!lines.get(0).has("seenAt"), "the carrier's INVITE was only seen at A");
    }

    @Test
    void theRtpOfSeveralCapturesReadAsOneIsKeptAndSavedWithItsCall() throws Exception {
        Path media = MediaCall.of("media-call", 8, 10, 0x55, 0, false).write(dir.resolve("media.pcap"));
        Path other = call.writeA(dir.resolve("a.pcap"));
        CliRun streams = CliRun.of("streams", media.toString(), other.toString(), "--json");
        assertEquals(0, streams.exitCode(), streams.err());
        JsonArray found = JsonParser.parseString(streams.out()).getAsJsonArray();
        assertEquals(2, found.size(), streams.out());
        assertEquals("media-call", found.get(0).getAsJsonObject().get("callId").getAsString());
        Path out = dir.resolve("saved.pcap");
        CliRun save = CliRun.of("save", media.toString(), other.toString(), "--call", "media-call", "-o",
                out.toString());
        assertEquals(0, save.exitCode(), save.err());
        assertTrue(save.out().startsWith("25 packets of 1 call written"), save.out());
    }

    @Test
    void rtpSeenByBothCapturesIsCountedAndSavedOnce() throws Exception {
        Captures call = MediaCall.of("media-call", 8, 10, 0x55, 0, false);
        Path a = call.write(dir.resolve("a.pcap"));
        Path b = call.write(dir.resolve("b.pcap"));
        CliRun streams = CliRun.of("streams", a.toString(), b.toString(), "--json");
        assertEquals(0, streams.exitCode(), streams.err());
        JsonArray found = JsonParser.parseString(streams.out()).getAsJsonArray();
        assertEquals(2, found.size(), streams.out());
        for (var s : found) {
            assertEquals(10, s.getAsJsonObject().get("packets").getAsInt(), streams.out());
        }
        Path out = dir.resolve("saved.pcap");
        CliRun save = CliRun.of("save", a.toString(), b.toString(), "--call", "media-call", "-o", out.toString());
        assertEquals(0, save.exitCode(), save.err());
        assertTrue(save.out().startsWith("25 packets of 1 call written"), "5 SIP and 2 x 10 RTP, each once: "
                + save.out());
    }

    @Test
    void callsMergesTheTwoCapturesIntoOneCall() {
        CliRun run = CliRun.of("calls", call.writeA(dir.resolve("a.pcap")).toString(),
                call.writeB(dir.resolve("b.pcap")).toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonArray calls = JsonParser.parseString(run.out()).getAsJsonArray();
        JsonObject hop = null;
        for (int i = 0; i < calls.size(); i++) {
            for (var leg : calls.get(i).getAsJsonObject().getAsJsonArray("legs")) {
                if (leg.getAsJsonObject().get("callId").getAsString().equals("hop-leg")) {
                    hop = leg.getAsJsonObject();
                }
            }
        }
        assertEquals(6, hop.get("messageCount").getAsInt());
    }

    /**
     * The SDP both captures saw is one offer: `calls A B --json` listed each SDP of the hop twice in a leg's
     * media.sdp (the media listener was handed every copy of a message while the call was handed one), so the two
     * copies of the same offer read as an offer and a re-offer.
     */
    @Test
    void theSdpOfAMessageBothCapturesSawIsListedOnce() {
        // two observation points of one hop, the same packets at the same times (a mirror port and the host)
        long t = 1_700_000_000_000_000L;
        Captures hop = Captures.pcap()
                .udp(t, "10.0.0.1:5060", "10.0.0.2:5060", org.sipladder.testkit.SipText.invite("hop-leg"))
                .udp(t + 2_000, "10.0.0.2:5060", "10.0.0.1:5060",
                        org.sipladder.testkit.SipText.response(486, "Busy Here", "INVITE", "hop-leg", 1));
        String a = hop.write(dir.resolve("a.pcap")).toString();
        String b = hop.write(dir.resolve("b.pcap")).toString();
        java.util.Map<String, Integer> sdpMessages = new java.util.HashMap<>();
        for (String line : CliRun.of("messages", a, b, "--json").outLines()) {
            JsonObject m = JsonParser.parseString(line).getAsJsonObject();
            if (m.get("sdp").getAsBoolean()) {
                sdpMessages.merge(m.get("callId").getAsString(), 1, Integer::sum);
            }
        }
        assertTrue(sdpMessages.getOrDefault("hop-leg", 0) > 0, sdpMessages.toString());
        CliRun run = CliRun.of("calls", a, b, "--json");
        assertEquals(0, run.exitCode(), run.err());
        int legs = 0;
        for (var c : JsonParser.parseString(run.out()).getAsJsonArray()) {
            for (var leg : c.getAsJsonObject().getAsJsonArray("legs")) {
                JsonObject l = leg.getAsJsonObject();
                String id = l.get("callId").getAsString();
                assertEquals(sdpMessages.getOrDefault(id, 0), l.getAsJsonObject("media").getAsJsonArray("sdp").size(),
                        id + ": " + l.getAsJsonObject("media").getAsJsonArray("sdp"));
                legs++;
            }
        }
        assertEquals(1, legs, run.out());
    }

    @Test
    void anOffsetGivenByHandIsUsedAndAWrongCountIsOneLine() {
        Path a = call.writeA(dir.resolve("a.pcap"));
        Path b = call.writeB(dir.resolve("b.pcap"));
        CliRun byHand = CliRun.of("messages", a.toString(), b.toString(), "--offset", "-2.5", "--json");
        assertEquals("", byHand.err());
        assertEquals(7, byHand.outLines().size());
        CliRun wrong = CliRun.of("messages", a.toString(), b.toString(), "--offset", "1,2", "--json");
        assertEquals(SipLadderCommand.USER_ERROR, wrong.exitCode());
        assertEquals("--offset takes one correction per CAPTURE after the first (1), separated by commas; 2 given\n",
                wrong.err());
    }

    @Test
    void savingFromTwoCapturesWritesEachMessageOnceOnTheFirstClock() {
        Path a = call.writeA(dir.resolve("a.pcap"));
        Path b = call.writeB(dir.resolve("b.pcap"));
        Path out = dir.resolve("hop.pcapng");
        CliRun run = CliRun.of("save", a.toString(), b.toString(), "--call", "hop-leg", "-o", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        // the call is both legs: the carrier's INVITE to A (seen at A only) joins the hop's by its caller
        assertTrue(run.out().startsWith("7 packets of 1 call"), run.out());
        CliRun saved = CliRun.of("messages", out.toString(), "--json");
        List<Double> times = saved.outLines().stream()
                .map(l -> JsonParser.parseString(l).getAsJsonObject().get("time").getAsDouble()).toList();
        assertEquals(List.of(1_699_999_999.95, 1_700_000_000.0, 1_700_000_000.015, 1_700_000_000.9, 1_700_000_000.95,
                1_700_000_005.0, 1_700_000_005.02), times);
    }
}
