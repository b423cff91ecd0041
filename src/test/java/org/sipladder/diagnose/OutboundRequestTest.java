package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.OutboundCapture.CARRIER;
import static org.sipladder.diagnose.OutboundCapture.LIVEKIT;

import com.google.protobuf.Duration;
import java.util.List;
import livekit.LivekitSip.CreateSIPParticipantRequest;
import org.junit.jupiter.api.Test;
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
}
