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
import org.sipladder.testkit.Rtp;

/**
 * A call LiveKit placed (an agent dialled out through an outbound trunk) that the far end puts on hold: LiveKit's later
 * media timeout is then the outbound trunk's media.media_timeout (merged with the CreateSIPParticipant request's media:
 * livekit/protocol rpc/sip.go, livekit/sip client.go newMediaConfig), never an inbound trunk's or dispatch rule's.
 */
class OutboundHoldTimeoutTest {

    private static final String LIVEKIT = "129.158.233.108";
    private static final String JAMBONZ = "54.172.60.1";
    private static final String HOST = "sip.jambonz.example";

    @TempDir
    Path dir;

    /** LiveKit calls Jambonz, which answers, then puts the call on hold (a=inactive); LiveKit answers sendrecv. */
    private Path heldOutboundCall() {
        String invite = OutboundCapture.liveKitInvite(HOST).replace(SipTexts.sdp(LIVEKIT, "0 PCMU/8000", "8 PCMA/8000"),
                Rtp.sdp(LIVEKIT, 30000, "sendrecv")).replace("Content-Length: " + SipTexts.sdp(LIVEKIT, "0 PCMU/8000",
                "8 PCMA/8000").length(), "Content-Length: " + Rtp.sdp(LIVEKIT, 30000, "sendrecv").length());
        String ok = SipTexts.response(invite, 200, "OK", Rtp.sdp(JAMBONZ, 40000, "sendrecv"));
        String toTag = "t200";
        String callId = OutboundCapture.LK_CALL_ID;
        String ack = "ACK sip:" + OutboundCapture.CALLED + "@" + JAMBONZ + ":5060 SIP/2.0\r\nVia: SIP/2.0/UDP " + LIVEKIT
                + ":5060;branch=z9hG4bKack1\r\nMax-Forwards: 70\r\nFrom: <sip:" + OutboundCapture.FROM + "@" + LIVEKIT
                + ">;tag=SCL_7Hq2xYz\r\nTo: <sip:" + OutboundCapture.CALLED + "@" + HOST + ">;tag=" + toTag
                + "\r\nCall-ID: " + callId + "\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n";
        String holdSdp = Rtp.sdp(JAMBONZ, 40000, "inactive");
        String hold = "INVITE sip:" + OutboundCapture.FROM + "@" + LIVEKIT + ":5060 SIP/2.0\r\nVia: SIP/2.0/UDP " + JAMBONZ
                + ":5060;branch=z9hG4bKhold1\r\nMax-Forwards: 70\r\nFrom: <sip:" + OutboundCapture.CALLED + "@" + HOST
                + ">;tag=" + toTag + "\r\nTo: <sip:" + OutboundCapture.FROM + "@" + LIVEKIT + ">;tag=SCL_7Hq2xYz\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 5 INVITE\r\nContact: <sip:" + JAMBONZ + ":5060>\r\n"
                + "Content-Type: application/sdp\r\nContent-Length: " + holdSdp.length() + "\r\n\r\n" + holdSdp;
        String holdOk = SipTexts.response(hold, 200, "OK", Rtp.sdp(LIVEKIT, 30000, "sendrecv")).replace(";tag=t200;tag=t200",
                ";tag=t200");
        long t = 1_795_011_787_000_000L;
        return Captures.pcap()
                .udp(t, LIVEKIT + ":5060", JAMBONZ + ":5060", invite)
                .udp(t + 50_000, JAMBONZ + ":5060", LIVEKIT + ":5060", SipTexts.response(invite, 100, "Trying"))
                .udp(t + 2_000_000, JAMBONZ + ":5060", LIVEKIT + ":5060", ok.replace(";tag=t200", ";tag=" + toTag))
                .udp(t + 2_010_000, LIVEKIT + ":5060", JAMBONZ + ":5060", ack)
                .udp(t + 10_000_000, JAMBONZ + ":5060", LIVEKIT + ":5060", hold)
                .udp(t + 10_100_000, LIVEKIT + ":5060", JAMBONZ + ":5060", holdOk)
                .write(dir.resolve("outbound-hold.pcap"));
    }

    private JsonObject holdFinding(Path capture, String... configFiles) throws IOException {
        List<String> args = new ArrayList<>(List.of("diagnose", "--json", capture.toString()));
        for (String f : configFiles) {
            args.add("--livekit-config");
            args.add(f);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, SipLadderCommand.execute(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err)),
                err.toString());
        JsonArray findings = JsonParser.parseString(out.toString()).getAsJsonArray();
        for (JsonElement f : findings) {
            if (f.getAsJsonObject().get("code").getAsString().equals("MEDIA_HOLD_MISMATCH")) {
                return f.getAsJsonObject();
            }
        }
        throw new AssertionError("no MEDIA_HOLD_MISMATCH: " + findings);
    }

    @Test
    void withoutAConfigTheHoldTextNamesTheOutboundTrunkNotAnInboundTrunkOrRule() throws IOException {
        String why = holdFinding(heldOutboundCall()).get("explanation").getAsString();
        assertTrue(why.contains("AcceptAsKeepAlive"), why);
        assertFalse(why.contains("dispatch rule"), why);
        assertTrue(why.contains("media_timeout (15 s unless the call's outbound trunk or the CreateSIPParticipant "
                + "request sets media.media_timeout)"), why);
    }

    @Test
    void theOutboundTrunksMediaTimeoutIsTheOneTheHoldRunsInto() throws IOException {
        Path trunks = Files.writeString(dir.resolve("outbound.json"), "{\"items\": [{\"sipTrunkId\": \"ST_out\", "
                + "\"address\": \"" + HOST + "\", \"numbers\": [\"" + OutboundCapture.FROM + "\"], "
                + "\"media\": {\"mediaTimeout\": \"60s\"}}]}");
        String why = holdFinding(heldOutboundCall(), trunks.toString()).get("explanation").getAsString();
        assertTrue(why.contains("media_timeout (60 s: outbound trunk ST_out's media.media_timeout is 60 s)"), why);

        Path plain = Files.writeString(dir.resolve("plain.json"), "{\"items\": [{\"sipTrunkId\": \"ST_out\", "
                + "\"address\": \"" + HOST + "\", \"numbers\": [\"" + OutboundCapture.FROM + "\"]}]}");
        String byDefault = holdFinding(heldOutboundCall(), plain.toString()).get("explanation").getAsString();
        assertFalse(byDefault.contains("dispatch rule") || byDefault.contains("no trunk or rule"), byDefault);
        assertTrue(byDefault.contains("media_timeout (15 s: outbound trunk ST_out sets no media.media_timeout"), byDefault);
    }

    @Test
    void theRequestsMediaTimeoutIsMergedOverTheOutboundTrunks() throws IOException {
        // protocol rpc/sip.go NewCreateSIPParticipantRequestResult: mediaConf.Merge(trunk.Media), then the request's
        Path trunks = Files.writeString(dir.resolve("outbound.json"), "{\"items\": [{\"sipTrunkId\": \"ST_out\", "
                + "\"address\": \"" + HOST + "\", \"numbers\": [\"" + OutboundCapture.FROM + "\"], "
                + "\"media\": {\"mediaTimeout\": \"60s\"}}]}");
        Path request = Files.writeString(dir.resolve("participant.json"), "{\"sip_trunk_id\": \"ST_out\", "
                + "\"sip_call_to\": \"" + OutboundCapture.CALLED + "\", \"room_name\": \"r\", "
                + "\"media\": {\"media_timeout\": \"40s\"}}");

        String why = holdFinding(heldOutboundCall(), trunks.toString(), request.toString()).get("explanation")
                .getAsString();

        assertTrue(why.contains("media_timeout (40 s: the CreateSIPParticipant request from " + request
                + ", line 1's media.media_timeout is 40 s)"), why);
    }
}
