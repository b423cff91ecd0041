package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.OutboundCapture.CARRIER;
import static org.sipladder.diagnose.OutboundCapture.LIVEKIT;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import com.google.protobuf.Duration;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import livekit.LivekitSip.CreateSIPParticipantRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.cli.SipLadderCommand;
import org.sipladder.testkit.Captures;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.ParticipantRequest;

/**
 * Calls LiveKit placed, diagnosed with the CreateSIPParticipant request that placed them: its ringing_timeout,
 * sip_number and headers (protocol rpc/sip.go NewCreateSIPParticipantRequestResult; sip pkg/sip/outbound.go).
 */
class OutboundRequestTest {

    private static final String HOST = "sip.provider.example";

    /** LiveKit's INVITE with {@code extra} headers rings for {@code seconds}; LiveKit cancels it, the provider 487s. */
    private static List<CallFlow> cancelledAfter(long seconds, String... extra) {
        String invite = OutboundCapture.liveKitInvite(HOST);
        for (String header : extra) {
            invite = invite.replace("User-Agent: LiveKit\r\n", "User-Agent: LiveKit\r\n" + header + "\r\n");
        }
        String cancel = invite.replace("INVITE sip:", "CANCEL sip:").replace("CSeq: 1 INVITE", "CSeq: 1 CANCEL");
        return new OutboundCapture().send(LIVEKIT, CARRIER, invite)
                .send(CARRIER, LIVEKIT, OutboundCapture.status(invite, "180 Ringing"))
                .after(seconds).send(LIVEKIT, CARRIER, cancel)
                .send(CARRIER, LIVEKIT, OutboundCapture.status(cancel, "200 OK"))
                .send(CARRIER, LIVEKIT, OutboundCapture.status(invite, "487 Request Terminated")).flows();
    }

    private static CreateSIPParticipantRequest.Builder ringing(long seconds) {
        return ParticipantRequestTest.request().setRingingTimeout(Duration.newBuilder().setSeconds(seconds));
    }

    private static LiveKitConfig config(CreateSIPParticipantRequest.Builder... requests) {
        List<ParticipantRequest> loaded = new java.util.ArrayList<>();
        for (int i = 0; i < requests.length; i++) {
            loaded.add(new ParticipantRequest(requests[i].build(), "participant.json, line " + (1 + 4 * i), ""));
        }
        return ParticipantRequestTest.withRequests(OutboundCapture.config(OutboundCapture.trunk(HOST)), loaded);
    }

    private static Finding cancelled(List<CallFlow> flows, LiveKitConfig config) {
        return DiagnosisEngine.standard().diagnose(flows, config).withCode(OutboundRejectedCheck.PROVIDER).get(0);
    }

    private static boolean hasFact(Finding f, String text) {
        return f.evidence().facts().stream().anyMatch(x -> x.contains(text));
    }

    @Test
    void aCancelAtTheRequestsRingingTimeoutIsNamedWithItsValue() {
        Finding f = cancelled(cancelledAfter(20), config(ringing(20)));

        assertTrue(f.title().startsWith("LiveKit cancelled its call at the request's ringing_timeout of 20 s"), f.title());
        assertTrue(hasFact(f, "20 s after its first INVITE: the CreateSIPParticipant request's ringing_timeout of 20 s "
                + "ran out"), f.evidence().facts().toString());
        assertTrue(hasFact(f, "The call was placed by the CreateSIPParticipant request from participant.json, line 1"),
                f.evidence().facts().toString());
        assertTrue(f.explanation().contains("the request's ringing_timeout of 20 s"), f.explanation());
        assertTrue(f.fix().steps().get(0).contains("raise ringing_timeout in the CreateSIPParticipant request from "
                + "participant.json, line 1 (now 20 s)"), f.fix().steps().toString());
    }

    @Test
    void aCancelBeforeTheRequestsRingingTimeoutIsTheCallEndedFirst() {
        Finding f = cancelled(cancelledAfter(20), config(ringing(60)));

        assertTrue(f.title().startsWith("LiveKit cancelled its call before it was answered"), f.title());
        assertTrue(hasFact(f, "20 s after its first INVITE, before the CreateSIPParticipant request's ringing_timeout "
                + "of 1 min: the call was ended before the answer"), f.evidence().facts().toString());
        assertFalse(hasFact(f, "default ringing timeout"), f.evidence().facts().toString());
    }

    @Test
    void aRequestWithoutRingingTimeoutRingsForLiveKitsDefault() {
        Finding f = cancelled(cancelledAfter(180), config(ParticipantRequestTest.request()));

        assertTrue(hasFact(f, "its default ringing timeout of 3 minutes ran out (the CreateSIPParticipant request "
                + "sets no ringing_timeout)"), f.evidence().facts().toString());
    }

    @Test
    void ofRequestsDiallingTheSameNumberTheOneWhoseHeadersLiveKitSentIsTaken() {
        LiveKitConfig both = config(ringing(45).putHeaders("X-Campaign", "spring"),
                ringing(20).putHeaders("X-Campaign", "c7"));

        Finding f = cancelled(cancelledAfter(20, "X-Campaign: c7"), both);

        assertTrue(hasFact(f, "placed by the CreateSIPParticipant request from participant.json, line 5"),
                f.evidence().facts().toString());
        assertTrue(hasFact(f, "ringing_timeout of 20 s ran out"), f.evidence().facts().toString());
    }

    @Test
    void requestsThatFitEquallyAreNotGuessedBetween() {
        Finding f = cancelled(cancelledAfter(20), config(ringing(45), ringing(20)));

        assertTrue(hasFact(f, "2 loaded CreateSIPParticipant requests dial +4930123456 and fit this call equally"),
                f.evidence().facts().toString());
        assertFalse(f.title().contains("ringing_timeout"), f.title());
    }

    @Test
    void aFromNumberOrHeaderOtherThanTheRequestsIsSaid() {
        Finding f = cancelled(cancelledAfter(20), config(ringing(20).setSipNumber("+15105550199")
                .putHeaders("X-Campaign", "c7")));

        assertTrue(hasFact(f, "The request's sip_number is +15105550199, but LiveKit's From user is +15105550100"),
                f.evidence().facts().toString());
        assertTrue(hasFact(f, "The request's header X-Campaign: c7 is missing from LiveKit's INVITE"),
                f.evidence().facts().toString());
    }

    /** LiveKit's call, answered 2 s after its INVITE; LiveKit sends BYE {@code seconds} after the INVITE. */
    private static List<CallFlow> liveKitHungUpAfter(long seconds) {
        String invite = OutboundCapture.liveKitInvite(HOST);
        String ok = SipTexts.response(invite, 200, "OK", SipTexts.sdp(CARRIER, "0 PCMU/8000"));
        String bye = "BYE sip:" + OutboundCapture.CALLED + "@" + CARRIER + ":5060 SIP/2.0\r\nVia: SIP/2.0/UDP " + LIVEKIT
                + ":5060;branch=z9hG4bKbye1\r\nMax-Forwards: 70\r\nFrom: <sip:" + OutboundCapture.FROM + "@" + LIVEKIT
                + ">;tag=SCL_7Hq2xYz\r\nTo: <sip:" + OutboundCapture.CALLED + "@" + HOST + ">;tag=t200\r\nCall-ID: "
                + OutboundCapture.LK_CALL_ID + "\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n";
        return new OutboundCapture().send(LIVEKIT, CARRIER, invite)
                .send(CARRIER, LIVEKIT, OutboundCapture.status(invite, "180 Ringing")).after(2)
                .send(CARRIER, LIVEKIT, ok).after(seconds - 2).send(LIVEKIT, CARRIER, bye)
                .send(CARRIER, LIVEKIT, SipTexts.response(bye, 200, "OK")).flows();
    }

    private static List<Finding> cuts(List<CallFlow> flows, LiveKitConfig config) {
        return DiagnosisEngine.standard().diagnose(flows, config).withCode(MaxCallDurationCheck.CODE);
    }

    @Test
    void liveKitsByeAtTheRequestsMaxCallDurationIsThatLimit() {
        LiveKitConfig config = config(ParticipantRequestTest.request().setMaxCallDuration(
                Duration.newBuilder().setSeconds(600)));

        List<Finding> found = cuts(liveKitHungUpAfter(600), config);

        assertEquals(1, found.size(), found.toString());
        Finding f = found.get(0);
        assertEquals("LiveKit hung up at the CreateSIPParticipant request's max_call_duration of 10 min", f.title());
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(hasFact(f, "max_call_duration: 10 min in the CreateSIPParticipant request from participant.json, "
                + "line 1"), f.evidence().facts().toString());
        assertTrue(f.fix().steps().get(0).contains("raise max_call_duration in the CreateSIPParticipant request from "
                + "participant.json, line 1 (now 10 min)"), f.fix().steps().toString());
    }

    @Test
    void aByeAwayFromTheRequestsMaxCallDurationIsNotIt() {
        LiveKitConfig config = config(ParticipantRequestTest.request().setMaxCallDuration(
                Duration.newBuilder().setSeconds(600)));

        assertEquals(List.of(), cuts(liveKitHungUpAfter(300), config));
        assertEquals(List.of(), cuts(liveKitHungUpAfter(600), config(ParticipantRequestTest.request())),
                "a request without max_call_duration leaves LiveKit's cap of 24 h");
    }

    @TempDir
    Path dir;

    @Test
    void requestFilesLoadedWithLivekitConfigReachTheOutboundDiagnosis() throws IOException {
        String invite = OutboundCapture.liveKitInvite(HOST);
        String cancel = invite.replace("INVITE sip:", "CANCEL sip:").replace("CSeq: 1 INVITE", "CSeq: 1 CANCEL");
        long t = 1_795_011_787_000_000L;
        Path capture = Captures.pcap()
                .udp(t, LIVEKIT + ":5060", CARRIER + ":5060", invite)
                .udp(t + 300_000, CARRIER + ":5060", LIVEKIT + ":5060", OutboundCapture.status(invite, "180 Ringing"))
                .udp(t + 25_000_000, LIVEKIT + ":5060", CARRIER + ":5060", cancel)
                .udp(t + 25_050_000, CARRIER + ":5060", LIVEKIT + ":5060", OutboundCapture.status(cancel, "200 OK"))
                .udp(t + 25_060_000, CARRIER + ":5060", LIVEKIT + ":5060",
                        OutboundCapture.status(invite, "487 Request Terminated"))
                .write(dir.resolve("outbound-cancel.pcap"));
        Path trunks = Files.writeString(dir.resolve("outbound.json"), "{\"items\": [{\"sipTrunkId\": \"ST_out\", "
                + "\"address\": \"" + HOST + "\", \"numbers\": [\"" + OutboundCapture.FROM + "\"]}]}");
        // the raw request in snake_case, and an lk-style camelCase one LiveKit refuses (no room_name)
        Path requests = Files.writeString(dir.resolve("participant.json"), "[{\"sip_trunk_id\": \"ST_out\", "
                + "\"sip_call_to\": \"" + OutboundCapture.CALLED + "\", \"room_name\": \"r\", "
                + "\"ringing_timeout\": \"25s\"},\n {\"sipTrunkId\": \"ST_out\", \"sipCallTo\": \"+4930999\"}]");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, SipLadderCommand.execute(new String[] {"diagnose", "--json", capture.toString(),
                "--livekit-config", trunks.toString(), "--livekit-config", requests.toString()},
                new PrintWriter(out), new PrintWriter(err)), err.toString());

        JsonArray findings = JsonParser.parseString(out.toString()).getAsJsonArray();
        List<String> titles = new ArrayList<>();
        findings.forEach(f -> titles.add(f.getAsJsonObject().get("title").getAsString()));
        assertTrue(titles.contains("LiveKit cancelled its call at the request's ringing_timeout of 25 s "
                + "(487 Request Terminated)"), titles.toString());
        assertTrue(titles.contains("CreateSIPParticipant request from " + requests + ", line 2: LiveKit refuses it: "
                + "missing room name"), titles.toString());
    }

    @Test
    void aRefusedSrtpOfferIsPutOnTheRequestsMediaEncryptionWhenTheRequestAskedForIt() {
        // protocol rpc/sip.go: the request's media (media_encryption upgraded into it) is merged over the trunk's, and
        // LiveKit's offer is built from the result (sip outbound.go NewOffer(mconf.Codecs, mconf.Encryption))
        String sdp = SipTexts.sdp(LIVEKIT, "0 PCMU/8000").replace("RTP/AVP", "RTP/SAVP")
                + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz\r\n";
        String invite = SipTexts.invite(OutboundCapture.LK_CALL_ID, "sip:" + OutboundCapture.CALLED + "@" + HOST,
                OutboundCapture.FROM, LIVEKIT, sdp, "User-Agent: LiveKit").replaceFirst(";tag=f\\d+", ";tag=SCL_7Hq2xYz");
        List<CallFlow> flows = OutboundCapture.direct(invite, OutboundCapture.status(invite, "100 Trying"),
                OutboundCapture.status(invite, "488 Not Acceptable Here"));
        LiveKitConfig config = config(ParticipantRequestTest.request()
                .setMediaEncryption(livekit.LivekitSip.SIPMediaEncryption.SIP_MEDIA_ENCRYPT_REQUIRE));

        Finding f = DiagnosisEngine.standard().diagnose(flows, config).withCode(OutboundRejectedCheck.PROVIDER).get(0);

        assertTrue(hasFact(f, "The CreateSIPParticipant request from participant.json, line 1 requires media "
                + "encryption (SRTP): its media_encryption is SIP_MEDIA_ENCRYPT_REQUIRE"), f.evidence().facts().toString());
        assertTrue(f.fix().steps().stream().anyMatch(x -> x.contains("LiveKit offered SRTP as the CreateSIPParticipant "
                + "request from participant.json, line 1's media_encryption asks")), f.fix().steps().toString());
    }

    @Test
    void aMaxCallDurationShorterThanTheRingingEndsTheRingingAtIt() {
        // sip outbound.go DialAsync: the dial runs under the max_call_duration deadline, set before the room join and
        // the INVITE; when it passes first, sipSignal's context ends and LiveKit cancels
        Finding f = cancelled(cancelledAfter(28), config(ringing(60).setMaxCallDuration(
                Duration.newBuilder().setSeconds(30))));

        assertTrue(hasFact(f, "28 s after its first INVITE: the CreateSIPParticipant request's max_call_duration of "
                + "30 s ran out, before its ringing_timeout of 1 min"), f.evidence().facts().toString());
        assertTrue(f.title().startsWith("LiveKit cancelled its call at the request's max_call_duration of 30 s"),
                f.title());
        assertTrue(f.fix().steps().get(0).startsWith("Raise max_call_duration in the CreateSIPParticipant request from "
                + "participant.json, line 1 (now 30 s)"), f.fix().steps().toString());
    }
}
