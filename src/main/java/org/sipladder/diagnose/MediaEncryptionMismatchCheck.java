package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Role;
import org.sipladder.livekit.CallEncryption;
import org.sipladder.sip.Sdp;
import org.sipladder.sip.SdpMedia;
import org.sipladder.sip.SipMessage;

/**
 * MEDIA_ENCRYPTION_MISMATCH: an INVITE's audio offer and its 2xx answer disagree on encryption, one SRTP (a profile
 * of RTP/SAVP: RTP/SAVP, RTP/SAVPF, UDP/TLS/RTP/SAVP) and the other plain RTP/AVP. RFC 3264 6 has the answer keep
 * the offer's transport protocol; where it does not, one side encrypts what the other plays as plain RTP (noise),
 * or drops what fails its authentication (no audio that way), unless the offerer gives up its SRTP. LiveKit answers
 * an SRTP offer with plain RTP when the call's media_encryption is SIP_MEDIA_ENCRYPT_DISABLE, the default
 * (livekit/media-sdk sdp Offer.Answer reads the offer's keys only with ALLOW or REQUIRE). Best-effort SRTP (an
 * RTP/AVP offer with a=crypto keys) may be answered either way: plainly, or as RTP/SAVP with keys of its own.
 */
final class MediaEncryptionMismatchCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.MEDIA_ENCRYPTION_MISMATCH;

    private static final String WHY = "An answer keeps the offer's transport protocol (RFC 3264 6): SRTP (RTP/SAVP "
            + "and its profiles) answered as plain RTP/AVP, or the other way round, leaves one side encrypting media "
            + "that the other plays as plain RTP (heard as noise) or drops as failing SRTP authentication (no audio "
            + "that way), unless the offerer falls back to plain RTP. The packet headers look alike either way, so "
            + "the capture's RTP statistics cannot show it.";

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (CallFlow flow : context.flows()) {
            Set<String> legs = new HashSet<>();
            for (InviteTransaction tx : context.invites(flow)) {
                SipMessage answer = tx.finalResponse();
                if (answer == null || answer.status() < 200 || answer.status() >= 300 || !tx.request().hasSdp()
                        || !answer.hasSdp() || legs.contains(tx.callId())) {
                    continue;
                }
                SdpMedia offered = audio(context.sdp(tx.request()));
                SdpMedia answered = audio(context.sdp(answer));
                // best-effort SRTP (RTP/AVP with keys) answered as RTP/SAVP with keys: both sides have keys
                if (offered == null || answered == null || offered.srtp() == answered.srtp()
                        || offered.crypto() && answered.crypto()) {
                    continue;
                }
                legs.add(tx.callId());
                findings.add(finding(context, flow, tx, answer, offered, answered));
            }
        }
        return findings;
    }

    private static Finding finding(DiagnosisContext context, CallFlow flow, InviteTransaction tx, SipMessage answer,
                                   SdpMedia offered, SdpMedia answered) {
        boolean liveKit = flow.hasHop(answer.src(), Role.LIVEKIT);
        String answerer = liveKit ? "LiveKit" : answer.src().address();
        boolean srtpOffer = offered.srtp();
        List<String> facts = new ArrayList<>();
        facts.add("The INVITE (frame " + tx.request().frame() + ") offers audio as " + offered.protocol()
                + (offered.crypto() ? " with SDES keys (a=crypto)" : offered.protocol().startsWith("UDP/TLS")
                ? " (DTLS-SRTP)" : ""));
        facts.add(answerer + "'s " + answer.status() + " (frame " + answer.frame() + ") answers it as "
                + answered.protocol());
        List<String> steps = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        if (liveKit && srtpOffer) {
            LiveKitRouting routing = routing(context, tx);
            CallEncryption encryption = routing == null ? null : routing.outcome().media() != null
                    ? routing.outcome().media().encryption()
                    : CallEncryption.of(routing.outcome().trunk().trunk(), routing.outcome().dispatch().rule());
            if (encryption != null) {
                facts.add("For this call " + encryption.describe() + ": LiveKit reads an offer's SDES keys only "
                        + "with SIP_MEDIA_ENCRYPT_ALLOW or SIP_MEDIA_ENCRYPT_REQUIRE");
                if (encryption.id() != null) {
                    ids.add(encryption.id());
                }
            }
            String item = encryption != null && encryption.setBy() != null ? encryption.setBy()
                    : routing != null && routing.outcome().trunk().trunk() != null
                    ? "trunk " + routing.outcome().trunk().trunk().getSipTrunkId() : "the inbound trunk";
            steps.add("Set the " + (encryption != null && encryption.setBy() != null ? encryption.field()
                    : "media_encryption") + " of " + item + " to SIP_MEDIA_ENCRYPT_ALLOW (or REQUIRE), so that "
                    + "LiveKit answers SDES-SRTP offers with SRTP" + (offered.crypto() ? "." : "; LiveKit takes SDES "
                    + "keys (a=crypto) only, no DTLS-SRTP."));
            steps.add("Or make the sender offer plain RTP/AVP to LiveKit.");
        } else {
            steps.add(srtpOffer ? "Make " + answerer + " answer SRTP offers with SRTP (enable SRTP/SDES for this peer), "
                    + "or make the sender offer plain RTP/AVP to it."
                    : "Make " + answerer + " answer a plain RTP offer with plain RTP/AVP, or make the sender offer "
                    + "SRTP.");
        }
        String title = CODE.title(answerer, srtpOffer ? "an SRTP offer" : "a plain RTP offer",
                srtpOffer ? "plain RTP" : "SRTP");
        return Findings.call(tx, CODE, title, WHY, Findings.evidence(List.of(tx.request().frame(), answer.frame()),
                ids, facts), Findings.fix(steps, List.of(), null));
    }

    /** The simulated routing of {@code tx} that a dispatch rule took, or null. */
    private static LiveKitRouting routing(DiagnosisContext context, InviteTransaction tx) {
        for (LiveKitRouting r : context.simulatedRoutingsAt(tx.request().frame())) {
            if (r.transaction().request().frame() == tx.request().frame() && r.outcome().dispatch().rule() != null) {
                return r;
            }
        }
        return null;
    }

    /** The first audio section that is not refused (port 0), or null. */
    private static SdpMedia audio(Sdp sdp) {
        for (SdpMedia m : sdp == null ? List.<SdpMedia>of() : sdp.media()) {
            if ("audio".equals(m.type()) && m.port() != 0) {
                return m;
            }
        }
        return null;
    }
}
