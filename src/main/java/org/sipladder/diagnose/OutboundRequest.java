package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import livekit.LivekitSip.CreateSIPParticipantRequest;
import livekit.LivekitSip.SIPOutboundTrunkInfo;
import org.sipladder.Counted;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.ParticipantRequest;
import org.sipladder.livekit.ParticipantRequestValidation;
import org.sipladder.livekit.PhoneNumbers;
import org.sipladder.sip.SipMessage;

/**
 * The loaded CreateSIPParticipant request that placed a call LiveKit dialled, told from the others by what LiveKit
 * built its INVITE from (protocol {@code rpc/sip.go NewCreateSIPParticipantRequestResult}, sip {@code pkg/sip/client.go
 * buildOutboundHeaders}): the Request-URI user is sip_call_to, the From user sip_number (or one of the trunk's numbers
 * when unset), and every entry of headers is sent as written.
 *
 * @param request the request, or null when none fits (or several fit equally)
 * @param reason  why this one, or why none, one sentence; "" when no request is loaded
 */
record OutboundRequest(ParticipantRequest request, String reason) {

    static final OutboundRequest NONE = new OutboundRequest(null, "");

    /** The request among {@code config}'s for LiveKit's {@code invite}, sent through {@code trunk} (null if unknown). */
    static OutboundRequest find(LiveKitConfig config, SipMessage invite, SIPOutboundTrunkInfo trunk) {
        if (config.participantRequests().isEmpty()) {
            return NONE;
        }
        String called = SipAddress.parse(invite.requestUri() == null ? "" : invite.requestUri()).user();
        String from = SipAddress.parse(invite.header("From")).user();
        ParticipantRequest best = null;
        int bestScore = Integer.MIN_VALUE;
        boolean tie = false;
        int dialling = 0;
        for (ParticipantRequest r : config.participantRequests()) {
            if (!sameNumber(r.request().getSipCallTo(), called)
                    || ParticipantRequestValidation.error(r, config) != null) {
                continue; // LiveKit dials sip_call_to as written; a request it refuses placed no call
            }
            dialling++;
            int score = score(r.request(), invite, from, trunk);
            if (score > bestScore) {
                best = r;
                bestScore = score;
                tie = false;
            } else if (score == bestScore && !best.request().equals(r.request())) {
                tie = true;
            }
        }
        if (best == null) {
            return new OutboundRequest(null, "None of the " + Counted.of(config.participantRequests().size(),
                    "loaded CreateSIPParticipant request") + " that LiveKit accepts dials " + called + ".");
        }
        if (tie) {
            return new OutboundRequest(null, Counted.of(dialling, "loaded CreateSIPParticipant request") + " dial "
                    + called + " and fit this call equally (From number, headers): none is taken as its request.");
        }
        return new OutboundRequest(best, "The call was placed by " + best.label() + ": it dials " + called
                + (dialling > 1 ? ", and of the " + dialling + " requests that do, its From number and headers fit "
                + "the INVITE best" : "") + ".");
    }

    /** How well the request's From number, headers and trunk fit the INVITE: each agreement up, each difference down. */
    private static int score(CreateSIPParticipantRequest r, SipMessage invite, String from, SIPOutboundTrunkInfo trunk) {
        int score = 0;
        if (!r.getSipNumber().isEmpty()) {
            score += fromNumber(r.getSipNumber(), from) ? 2 : -2;
        }
        for (Map.Entry<String, String> h : r.getHeadersMap().entrySet()) {
            score += h.getValue().equals(invite.header(h.getKey())) ? 1 : -1;
        }
        if (trunk != null && !r.getSipTrunkId().isEmpty()) {
            score += r.getSipTrunkId().equals(trunk.getSipTrunkId()) ? 1 : -1;
        }
        return score;
    }

    /**
     * The differences between what the request asked for and LiveKit's INVITE, one fact each: a From user other than
     * sip_number, a header of the request missing or with another value.
     */
    List<String> differences(SipMessage invite) {
        List<String> facts = new ArrayList<>();
        CreateSIPParticipantRequest r = request.request();
        String from = SipAddress.parse(invite.header("From")).user();
        if (!r.getSipNumber().isEmpty() && !fromNumber(r.getSipNumber(), from)) {
            facts.add("The request's sip_number is " + r.getSipNumber() + ", but LiveKit's From user is "
                    + (from.isEmpty() ? "empty" : from) + ": the request was probably changed after the capture");
        }
        for (Map.Entry<String, String> h : r.getHeadersMap().entrySet()) {
            String sent = invite.header(h.getKey());
            if (!h.getValue().equals(sent)) {
                facts.add("The request's header " + h.getKey() + ": " + h.getValue() + " is " + (sent == null
                        ? "missing from LiveKit's INVITE" : "sent as " + h.getKey() + ": " + sent));
            }
        }
        return facts;
    }

    /** True when {@code from} is the request's sip_number as LiveKit sends it (a '+' added for Twilio's hosts). */
    private static boolean fromNumber(String sipNumber, String from) {
        return sameNumber(sipNumber, from) || from.equals("+" + sipNumber);
    }

    private static boolean sameNumber(String a, String b) {
        return a.equals(b) || PhoneNumbers.sameNumber(a, b);
    }
}
