package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Rtp;
import org.sipladder.testkit.SipText;

class StreamsCommandTest {

    private static final long T0 = 1_763_900_000_000_000L;

    @TempDir
    Path dir;

    private Path capture() {
        Captures c = Captures.pcap().udp(T0, "10.0.0.1:5060", "10.0.0.2:5060",
                SipText.request("INVITE", "sip:bob@10.0.0.2", "call-a", 1, Rtp.sdp("10.0.0.1", 40000, "sendrecv")));
        for (int i = 0; i < 20; i++) {
            c.udp(T0 + 100_000 + i * 20_000L, "10.0.0.2:50000", "10.0.0.1:40000", Rtp.packet(8, i, 160L * i, 0xCAFEBABEL, i == 0));
        }
        c.udp(T0 + 600_000, "[2001:db8::2]:50000", "[2001:db8::1]:40000", Rtp.packet(0, 1, 0, 1, false));
        return c.write(dir.resolve("streams.pcap"));
    }

    @Test
    void seriesWithoutJsonIsRefusedRatherThanIgnored() {
        // the table has no place for the series: it used to print the same table as without --series, silently
        CliRun run = CliRun.of("streams", capture().toString(), "--series");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--series needs --json"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertEquals("", run.out());
    }

    @Test
    void jsonHasTheFieldsTheIssueAsksFor() {
        CliRun run = CliRun.of("streams", capture().toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonArray streams = JsonParser.parseString(run.out()).getAsJsonArray();
        assertEquals(1, streams.size());
        JsonObject s = streams.get(0).getAsJsonObject();
        assertEquals("10.0.0.2:50000", s.get("src").getAsString());
        assertEquals("10.0.0.1:40000", s.get("dst").getAsString());
        assertEquals(0xCAFEBABEL, s.get("ssrc").getAsLong());
        assertEquals(8, s.get("payloadType").getAsInt());
        assertEquals("PCMA", s.get("codec").getAsString());
        assertEquals(20, s.get("packets").getAsInt());
        assertEquals(0, s.get("lost").getAsInt());
        assertEquals(20.0, s.get("maxDeltaMs").getAsDouble(), 1e-9);
        assertEquals(0.0, s.get("meanJitterMs").getAsDouble(), 1e-9);
        assertEquals(0.0, s.get("maxJitterMs").getAsDouble(), 1e-9);
        assertEquals("1763900000.100000", s.get("firstTime").getAsString());
        assertEquals("call-a", s.get("callId").getAsString());
        assertEquals("", s.get("dtmf").getAsString());
        assertTrue(s.get("mos").getAsDouble() > 4.3);
    }

    @Test
    void jsonAndTableTellHowTheLossFellInGapsOfSequenceNumbers() {
        // 100 packets of 20 ms; 5 lost at 30-34, 1 at 60: two gaps, the longest 5 packets (100 ms)
        Captures c = Captures.pcap().udp(T0, "10.0.0.1:5060", "10.0.0.2:5060",
                SipText.request("INVITE", "sip:bob@10.0.0.2", "call-g", 1, Rtp.sdp("10.0.0.1", 40000, "sendrecv")));
        for (int i = 0; i < 100; i++) {
            if (i < 30 || i > 34 && i != 60) {
                c.udp(T0 + 100_000 + i * 20_000L, "10.0.0.2:50000", "10.0.0.1:40000", Rtp.packet(8, i, 160L * i, 7, false));
            }
        }
        String capture = c.write(dir.resolve("gaps.pcap")).toString();
        JsonObject s = JsonParser.parseString(CliRun.of("streams", capture, "--json").out()).getAsJsonArray().get(0)
                .getAsJsonObject();
        assertEquals(6, s.get("lostInRuns").getAsInt());
        assertEquals(2, s.get("lossGaps").getAsInt());
        assertEquals(5, s.get("longestLossGap").getAsInt());
        assertEquals(100.0, s.get("longestLossGapMs").getAsDouble(), 1e-9);
        assertTrue(CliRun.of("streams", capture).out().contains(" 6 (6.0%) in 2 gaps, longest 5 (100 ms) "));
    }

    @Test
    void theTableGroupsItsCountsInThousandsAsCallsAndDiagnoseDoWhileTheJsonKeepsNumbers() {
        // 2,400 packets of 20 ms, 1,100 of them (100-1,199) lost in one run
        Captures c = Captures.pcap().udp(T0, "10.0.0.1:5060", "10.0.0.2:5060",
                SipText.request("INVITE", "sip:bob@10.0.0.2", "call-k", 1, Rtp.sdp("10.0.0.1", 40000, "sendrecv")));
        for (int i = 0; i < 2400; i++) {
            if (i < 100 || i >= 1200) {
                c.udp(T0 + 100_000 + i * 20_000L, "10.0.0.2:50000", "10.0.0.1:40000", Rtp.packet(8, i, 160L * i, 11, i == 0));
            }
        }
        String capture = c.write(dir.resolve("thousands.pcap")).toString();
        String table = CliRun.of("streams", capture).out();
        assertTrue(table.contains(" 1,300  1,100 (45.8%) in 1 gap of 1,100 (22000 ms) "), table);
        JsonObject s = JsonParser.parseString(CliRun.of("streams", capture, "--json").out()).getAsJsonArray().get(0)
                .getAsJsonObject();
        assertEquals(1300, s.get("packets").getAsInt());
        assertEquals("1300", s.get("packets").toString(), "JSON numbers stay numbers");
        assertEquals(1100, s.get("lostInRuns").getAsInt());
    }

    @Test
    void theTableMarksAJitterThatHoldsAClockJumpAndGivesItWithoutTheJump() {
        // 100 packets of 20 ms; from packet 50 on (marked, as after a hold) the clock runs 80 s ahead
        Captures c = Captures.pcap().udp(T0, "10.0.0.1:5060", "10.0.0.2:5060",
                SipText.request("INVITE", "sip:bob@10.0.0.2", "call-j", 1, Rtp.sdp("10.0.0.1", 40000, "sendrecv")));
        for (int i = 0; i < 100; i++) {
            c.udp(T0 + 100_000 + i * 20_000L, "10.0.0.2:50000", "10.0.0.1:40000",
                    Rtp.packet(8, i, 160L * i + (i < 50 ? 0 : 640_000L), 9, i == 50));
        }
        String capture = c.write(dir.resolve("jump.pcap")).toString();
        String table = CliRun.of("streams", capture).out();
        JsonObject s = JsonParser.parseString(CliRun.of("streams", capture, "--json").out()).getAsJsonArray().get(0)
                .getAsJsonObject();
        assertTrue(s.get("maxJitterMs").getAsDouble() > 1000, "tshark's jitter holds the jump: " + s);
        assertTrue(table.contains(String.format(java.util.Locale.ROOT, "%.2f ms *", s.get("maxJitterMs").getAsDouble())),
                table);
        assertTrue(table.contains("* The jitter (tshark's) includes a jump of the sender's RTP clock")
                && table.contains("0x00000009 0.00 / 0.00 ms"), table);
        // a stream without a jump has neither
        assertTrue(!CliRun.of("streams", capture().toString()).out().contains("*"));
    }

    @Test
    void aDtmfStreamsRepeatedEndPacketsAreNamedDuplicatesNotNegativeLossWhileTheJsonKeepsTsharksLost() {
        // RFC 4733 2.5.1.4: an event's end packet is sent three times under one sequence number
        Captures c = Captures.pcap().udp(T0, "10.0.0.1:5060", "10.0.0.2:5060",
                SipText.request("INVITE", "sip:bob@10.0.0.2", "call-d", 1, Rtp.sdp("10.0.0.1", 40000, "sendrecv")));
        long at = T0 + 100_000;
        for (int i = 0; i < 4; i++) {
            boolean end = i == 3;
            for (int copy = 0; copy < (end ? 3 : 1); copy++) {
                at += 20_000;
                c.udp(at, "10.0.0.2:50000", "10.0.0.1:40000",
                        Rtp.packet(101, 7 + i, 8000, 0xD7D7D7D7L, i == 0, Rtp.event(5, end, 160 * (i + 1))));
            }
        }
        Path file = c.write(dir.resolve("dtmf.pcap"));
        CliRun json = CliRun.of("streams", file.toString(), "--json");
        assertEquals(0, json.exitCode(), json.err());
        assertEquals(-2, JsonParser.parseString(json.out()).getAsJsonArray().get(0).getAsJsonObject()
                .get("lost").getAsInt(), "tshark's lost: 4 expected, 6 received");
        CliRun table = CliRun.of("streams", file.toString());
        String row = table.out().lines().filter(l -> l.contains("0xD7D7D7D7")).findFirst().orElseThrow();
        assertTrue(row.contains("0 (0.0%), 2 duplicates"), table.out());
        assertTrue(!row.contains("-2"), table.out());
    }

    @Test
    void codecIsNamedAsRegisteredWhateverCaseTheSdpWrote() {
        // heplify_rtp_rtcp_sip.pcap's answer says "pcma": one leg's stream was "pcma", the other's "PCMA"
        String sdp = Rtp.sdp("10.0.0.1", 40000, "sendrecv").replace("PCMA/8000", "pcma/8000");
        Captures c = Captures.pcap().udp(T0, "10.0.0.1:5060", "10.0.0.2:5060",
                SipText.request("INVITE", "sip:bob@10.0.0.2", "call-b", 1, sdp));
        for (int i = 0; i < 5; i++) {
            c.udp(T0 + 100_000 + i * 20_000L, "10.0.0.2:50000", "10.0.0.1:40000", Rtp.packet(8, i, 160L * i, 7, false));
        }
        CliRun run = CliRun.of("streams", c.write(dir.resolve("lower.pcap")).toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject s = JsonParser.parseString(run.out()).getAsJsonArray().get(0).getAsJsonObject();
        assertEquals("PCMA", s.get("codec").getAsString());
    }

    @Test
    void tableListsTheStreamAndCallFilterNeedsAKnownCall() {
        CliRun run = CliRun.of("streams", capture().toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("10.0.0.2:50000") && run.out().contains("PCMA"), run.out());
        CliRun call = CliRun.of("streams", capture().toString(), "--call", "call-a", "--json");
        assertEquals(1, JsonParser.parseString(call.out()).getAsJsonArray().size());
        CliRun unknown = CliRun.of("streams", capture().toString(), "--call", "nope");
        assertEquals(2, unknown.exitCode());
        assertEquals("streams: no call with Call-ID nope in streams.pcap, which holds 1 call (`sipladder calls CAPTURE` "
                + "lists the Call-IDs)", unknown.err().trim());
    }

    /** An INVITE offering 10.0.0.1:40000, and 20 PCMA packets (SSRC 0xCAFEBABE) to it from 10.0.0.2:50000. */
    private static Captures calleeSends(String callId) {
        Captures c = Captures.pcap().udp(T0, "10.0.0.1:5060", "10.0.0.2:5060",
                SipText.request("INVITE", "sip:bob@10.0.0.2", callId, 1, Rtp.sdp("10.0.0.1", 40000, "sendrecv")));
        for (int i = 0; i < 20; i++) {
            c.udp(T0 + 100_000 + i * 20_000L, "10.0.0.2:50000", "10.0.0.1:40000", Rtp.packet(8, i, 160L * i, 0xCAFEBABEL, i == 0));
        }
        return c;
    }

    @Test
    void theReceiversRtcpReportsStandBesideOurFigures() {
        Captures c = calleeSends("call-r");
        long srSeconds = T0 / 1_000_000 + 2_208_988_800L;
        c.udp(T0 + 300_000, "10.0.0.2:50001", "10.0.0.1:40001", Rtp.senderReport(0xCAFEBABEL, srSeconds, 0, 10));
        // the receiver lost 5 of 20 after the capture point (64/256 in the last interval), 40 ms jitter, 120 ms round trip
        long lsr = (srSeconds & 0xffff) << 16;
        c.udp(T0 + 620_000, "10.0.0.1:40001", "10.0.0.2:50001", Rtp.compound(Rtp.receiverReport(0x77,
                Rtp.reportBlock(0xCAFEBABEL, 64, 5, 19, 320, lsr, 13_107)), Rtp.sdes(0x77, "phone")));
        Path file = c.write(dir.resolve("rtcp.pcap"));
        CliRun run = CliRun.of("streams", file.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject s = JsonParser.parseString(run.out()).getAsJsonArray().get(0).getAsJsonObject();
        assertEquals(0, s.get("lost").getAsInt());
        JsonObject rtcp = s.getAsJsonObject("rtcp");
        assertEquals(1, rtcp.get("reports").getAsInt());
        assertEquals("10.0.0.1:40001", rtcp.get("reporter").getAsString());
        assertEquals(0x77, rtcp.get("reporterSsrc").getAsLong());
        assertEquals(64, rtcp.get("fractionLost").getAsInt());
        assertEquals(25.0, rtcp.get("fractionLostPercent").getAsDouble(), 1e-9);
        assertEquals(5, rtcp.get("cumulativeLost").getAsInt());
        assertEquals(40.0, rtcp.get("jitterMs").getAsDouble(), 1e-9);
        assertEquals(120.0, rtcp.get("meanRttMs").getAsDouble(), 0.01);
        CliRun table = CliRun.of("streams", file.toString());
        String row = table.out().lines().filter(l -> l.contains("0xCAFEBABE")).findFirst().orElseThrow();
        assertTrue(row.contains("5 (25.0%)") && row.contains("40.00 ms") && row.contains("120.00 ms"), table.out());
        assertTrue(table.out().lines().findFirst().orElseThrow().contains("RTCP LOST"), table.out());
    }

    @Test
    void aNegativeRtcpLossIsNamedDuplicatesInTheTableAndKeptAsANumberInJson() throws Exception {
        Captures c = calleeSends("call-d");
        // 6 more packets arrived than were expected: duplicates (RFC 3550 6.4.1)
        c.udp(T0 + 620_000, "10.0.0.1:40001", "10.0.0.2:50001", Rtp.receiverReport(0x77,
                Rtp.reportBlock(0xCAFEBABEL, 0, -6, 19, 320, 0, 0)));
        Path file = c.write(dir.resolve("rtcp-dup.pcap"));
        CliRun json = CliRun.of("streams", file.toString(), "--json");
        assertEquals(0, json.exitCode(), json.err());
        assertEquals(-6, JsonParser.parseString(json.out()).getAsJsonArray().get(0).getAsJsonObject()
                .getAsJsonObject("rtcp").get("cumulativeLost").getAsInt());
        CliRun table = CliRun.of("streams", file.toString());
        String row = table.out().lines().filter(l -> l.contains("0xCAFEBABE")).findFirst().orElseThrow();
        assertTrue(row.contains("-6 (duplicates)"), table.out());
    }

    @Test
    void theReceiversXrVoipMetricsAreAFieldAColumnAndANote() {
        Captures c = calleeSends("call-x");
        // signal level and MOS-CQ unavailable (127); noise -62 dBm; PLC enhanced, buffer non-adaptive (0xA0)
        c.udp(T0 + 620_000, "10.0.0.1:40001", "10.0.0.2:50001", Rtp.compound(
                Rtp.receiverReport(0x77, 0xCAFEBABEL, 0, 0, 19, 8), Rtp.extendedReport(0x77, Rtp.voipMetrics(
                        0xCAFEBABEL, 64, 0, 10, 1, 60, 2000, 35, 70, 127, -62, 30, 16, 84, 127, 40, 127, 0xA0, 60, 60,
                        120))));
        Path file = c.write(dir.resolve("xr.pcap"));
        CliRun run = CliRun.of("streams", file.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject xr = JsonParser.parseString(run.out()).getAsJsonArray().get(0).getAsJsonObject()
                .getAsJsonObject("voipMetrics");
        assertEquals(1, xr.get("reports").getAsInt());
        assertEquals("10.0.0.1:40001", xr.get("reporter").getAsString());
        assertEquals(64, xr.get("lossRate").getAsInt());
        assertEquals(25.0, xr.get("lossRatePercent").getAsDouble(), 1e-9);
        assertEquals(2000, xr.get("gapDurationMs").getAsInt());
        assertEquals(35, xr.get("roundTripDelayMs").getAsInt());
        assertEquals(70, xr.get("endSystemDelayMs").getAsInt());
        assertTrue(xr.get("signalLevelDbm").isJsonNull(), "127: unavailable");
        assertEquals(-62, xr.get("noiseLevelDbm").getAsInt());
        assertEquals(30, xr.get("rerlDb").getAsInt());
        assertEquals(84, xr.get("rFactor").getAsInt());
        assertTrue(xr.get("externalRFactor").isJsonNull());
        assertEquals(4.0, xr.get("mosLq").getAsDouble(), 1e-9);
        assertTrue(xr.get("mosCq").isJsonNull());
        assertEquals("enhanced", xr.get("plc").getAsString());
        assertEquals("non-adaptive", xr.get("jitterBuffer").getAsString());
        assertEquals(120, xr.get("jitterBufferAbsMaxMs").getAsInt());
        CliRun table = CliRun.of("streams", file.toString());
        assertTrue(table.out().lines().findFirst().orElseThrow().contains("XR MOS LQ/CQ"), table.out());
        String row = table.out().lines().filter(l -> l.startsWith("10.0.0.2:50000")).findFirst().orElseThrow();
        assertTrue(row.contains("4.0 / -"), table.out());
        assertTrue(table.out().contains("0xCAFEBABE 10.0.0.2:50000 -> 10.0.0.1:40000: XR VoIP metrics from "
                + "10.0.0.1:40001 (1, last frame 22): loss 25.0 %, discard 0.0 %"), table.out());
        assertTrue(table.out().contains("signal unavailable, noise -62 dBm, RERL 30 dB"), table.out());
    }

    @Test
    void aStreamWithoutXrHasANullField() {
        CliRun run = CliRun.of("streams", capture().toString(), "--json");
        JsonObject s = JsonParser.parseString(run.out()).getAsJsonArray().get(0).getAsJsonObject();
        assertTrue(s.has("voipMetrics") && s.get("voipMetrics").isJsonNull(), run.out());
    }
}
