package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import livekit.LivekitSip.CreateSIPParticipantRequest;
import org.sipladder.Limits;
import org.sipladder.livekit.ParticipantRequest;
import org.sipladder.livekit.ParticipantRequestValidation;

/**
 * LK_PARTICIPANT_REQUEST_REFUSED: a loaded CreateSIPParticipant request that LiveKit refuses before it dials, with
 * LiveKit's own error and the request field to change.
 */
final class ParticipantRequestCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.LK_PARTICIPANT_REQUEST_REFUSED;

    private static final String CODECS = "Fix media.codecs: each codec needs a name as SDP writes it (PCMU, PCMA, "
            + "G722), without spaces or a /rate (the rate is a field of its own).";

    /** LiveKit's error (its start) and the step that fixes it: the field first. */
    private static final List<String[]> REMEDIES = List.of(
            new String[] {"missing sip trunk id and sip number", "Set sip_trunk_id to the outbound trunk to dial "
                    + "through ('lk sip outbound list' lists them), or give the request its own trunk (trunk.hostname) "
                    + "and sip_number."},
            new String[] {"missing sip callee number", "Set sip_call_to to the number (or SIP user) to dial."},
            new String[] {"SipCallTo should be", "Set sip_call_to to the user part only (the number): the host of the "
                    + "Request-URI is the outbound trunk's address."},
            new String[] {"ToUserOverride", "Set to_user_override to a user (a number or SIP token characters) "
                    + "without a host, or leave it out."},
            new String[] {"missing room name", "Set room_name to the room the callee joins."},
            new String[] {"DisplayName", "Shorten display_name to at most 128 bytes and leave out double quotes, "
                    + "newlines and backslashes."},
            new String[] {"invalid header", "Change the headers map: a name of SIP token characters (letters, digits, "
                    + "-.!%*_+`'~) that LiveKit does not set itself (From, Contact, Call-ID, CSeq, Content-Type... are "
                    + "refused), a value of printable characters on one line, at most 1024."},
            new String[] {"requested sip trunk does not exist", "sip_trunk_id names no outbound trunk of the loaded "
                    + "config: set it to one of them ('lk sip outbound list'), or load the export that has it."},
            new String[] {"no numbers on outbound trunk", "Set sip_number (the From number) in the request, or add "
                    + "numbers to the outbound trunk: LiveKit takes the From number from one of them."},
            new String[] {"no outbound hostname specified", "Set trunk.hostname, the provider's address LiveKit "
                    + "sends the INVITE to."},
            new String[] {"missing codec name", CODECS},
            new String[] {"invalid codec name", CODECS},
            new String[] {"codec name must", CODECS},
            new String[] {"media_timeout", "Set media.media_timeout between 0s (LiveKit's default) and 600s."},
            new String[] {"if city is specified", "Set destination.country (or region) beside destination.city."},
            new String[] {"country must be", "Set destination.country to an ISO 3166-1 alpha-2 code ('US', 'GB')."});

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        if (!context.checksConfig()) {
            return findings;
        }
        for (ParticipantRequest request : context.config().participantRequests()) {
            String error = ParticipantRequestValidation.error(request, context.config());
            if (error != null && findings.size() < Limits.FINDINGS_PER_CODE) {
                findings.add(finding(request, error));
            }
        }
        return findings;
    }

    private static Finding finding(ParticipantRequest request, String error) {
        CreateSIPParticipantRequest r = request.request();
        String why = "LiveKit checks a CreateSIPParticipant request before it creates the participant or sends any "
                + "INVITE (protocol CreateSIPParticipantRequest.Validate, which 'lk sip participant create' also runs, "
                + "then the outbound trunk it names), and refuses this one with \"" + error + "\": the call fails "
                + "at once with that error (InvalidArgument, NotFound or FailedPrecondition), so no capture shows a "
                + "call for it.";
        List<String> facts = new ArrayList<>();
        facts.add("LiveKit's error: " + error);
        facts.add("The request: " + request.trunkText() + ", sip_call_to " + shown(r.getSipCallTo()) + ", sip_number "
                + shown(r.getSipNumber()) + ", room_name " + shown(r.getRoomName()) + " (" + request.source() + ")");
        List<String> ids = r.getSipTrunkId().isEmpty() ? List.of() : List.of(r.getSipTrunkId());
        return Findings.config(CODE, CODE.title("CreateSIPParticipant request from " + request.source(), error), why,
                Findings.evidence(List.of(), ids, facts), Findings.fix(List.of(remedy(error)), List.of(), null));
    }

    private static String remedy(String error) {
        for (String[] remedy : REMEDIES) {
            if (error.startsWith(remedy[0])) {
                return remedy[1];
            }
        }
        return "Change the request as LiveKit's error says.";
    }

    private static String shown(String value) {
        return value.isEmpty() ? "(not set)" : value;
    }
}
