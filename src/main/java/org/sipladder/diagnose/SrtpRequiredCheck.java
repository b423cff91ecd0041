package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.livekit.CallEncryption;
import org.sipladder.livekit.DispatchMatch;
import org.sipladder.sip.Sdp;
import org.sipladder.sip.SdpMedia;

/**
 * LK_SRTP_REQUIRED: the call's trunk or dispatch rule sets media_encryption to SIP_MEDIA_ENCRYPT_REQUIRE and the
 * INVITE's audio offer carries no SDES keys, so LiveKit refuses the offer with a 400 of empty reason once the call
 * is routed ({@link CallEncryption}). Only the trunk and rule the routing simulation picked for the INVITE are
 * believed: without a config, LK_RESPONSE_EXPLAINED names the 400's possible reasons.
 */
final class SrtpRequiredCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.LK_SRTP_REQUIRED;

    private static final String WHY = "LiveKit applies the media_encryption of the call's trunk, or of its dispatch "
            + "rule when the rule sets one. SIP_MEDIA_ENCRYPT_REQUIRE accepts only an offer with SDES-SRTP keys (an "
            + "a=crypto line in the audio section, RFC 4568; LiveKit reads no DTLS-SRTP fingerprint): a plain RTP "
            + "offer fails with 'no common encryption profiles', and LiveKit answers 400 with an empty reason phrase "
            + "after ringing. SIP_MEDIA_ENCRYPT_ALLOW encrypts when the offer has keys and takes plain RTP otherwise.";

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (LiveKitRouting r : context.simulatedRoutings()) {
            DispatchMatch d = r.outcome().dispatch();
            if (d.kind() != DispatchMatch.Kind.MATCHED && d.kind() != DispatchMatch.Kind.PIN_PROMPT
                    || !Boolean.FALSE.equals(r.invite().offerEncrypted())) {
                continue;
            }
            CallEncryption encryption = r.outcome().media() != null ? r.outcome().media().encryption()
                    : CallEncryption.of(r.outcome().trunk().trunk(), d.rule());
            if (!encryption.required()) {
                continue;
            }
            List<String> facts = new ArrayList<>();
            facts.add(capitalized(encryption.describe()) + ".");
            facts.add("The INVITE to LiveKit (frame " + r.transaction().request().frame() + ") offers audio as "
                    + audioProtocols(context.sdp(r.transaction().request())) + " with no a=crypto line.");
            facts.add(r.summary());
            findings.add(Findings.call(r.transaction(), CODE, CODE.title(capitalized(encryption.setBy())), WHY,
                    Findings.evidence(Findings.frames(r.transaction()), List.of(encryption.id()), facts),
                    Findings.fix(List.of("If LiveKit may take plain RTP from this sender, set the " + encryption.field() + " of "
                                    + encryption.setBy() + " to SIP_MEDIA_ENCRYPT_ALLOW (SRTP when the offer has keys) "
                                    + "or SIP_MEDIA_ENCRYPT_DISABLE.",
                            "If the media must be encrypted, make the sender offer SDES-SRTP: RTP/SAVP with a=crypto "
                                    + "lines in the INVITE to LiveKit (the SBC's SRTP setting for its LiveKit "
                                    + "gateway)."),
                            List.of(encryption.setBy().startsWith("trunk") ? LkCommand.listTrunks()
                                    : LkCommand.listRules()), null)));
        }
        return findings;
    }

    /** "RTP/AVP" (or the protocols of several audio sections, joined). */
    private static String audioProtocols(Sdp sdp) {
        List<String> protocols = new ArrayList<>(1);
        for (SdpMedia m : sdp == null ? List.<SdpMedia>of() : sdp.media()) {
            if ("audio".equals(m.type()) && !protocols.contains(m.protocol())) {
                protocols.add(m.protocol());
            }
        }
        return protocols.isEmpty() ? "audio" : String.join(" and ", protocols);
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
