package org.sipladder.diagnose;

import static livekit.LivekitSip.SIPMediaEncryption.SIP_MEDIA_ENCRYPT_ALLOW;
import static livekit.LivekitSip.SIPMediaEncryption.SIP_MEDIA_ENCRYPT_REQUIRE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.TestCall.JAMBONZ;
import static org.sipladder.diagnose.TestCall.LIVEKIT;
import static org.sipladder.diagnose.TestConfig.config;
import static org.sipladder.diagnose.TestConfig.rule;
import static org.sipladder.diagnose.TestConfig.trunk;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Role;
import org.sipladder.livekit.LiveKitConfig;

/** Per finding code: one case where it must fire and one where it must not. */
class FindingRulesTest {

    private static final String DID = "4991874350352";
    static final String CALLER = "+493023125417";
    static final String LK_URI = "sip:" + DID + "@project-1z3kctsj.sip.livekit.cloud";

    record Case(FindingCode code, boolean fires, String name, Supplier<List<CallFlow>> flows, Supplier<LiveKitConfig> config) {
        @Override
        public String toString() {
            return code + (fires ? " fires: " : " silent: ") + name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                fires(FindingCode.SIP_SCANNER_PROBE, "SIPVicious's INVITE challenged",
                        () -> List.of(probedBy(Role.SCANNER, "friendly-scanner")), LiveKitConfig::empty),
                silent(FindingCode.SIP_SCANNER_PROBE, "a carrier's INVITE challenged",
                        () -> List.of(probedBy(Role.CARRIER, "Acme-SBC/2.1")), LiveKitConfig::empty),
                fires(FindingCode.LK_TRUNK_CONFLICT, "numbers equal after normalization", () -> List.of(liveKitCall(DID, "100 Processing", "503 Try again later")),
                        () -> config(List.of(trunk("ST_a", "+" + DID), trunk("ST_b", DID)), List.of())),
                silent(FindingCode.LK_TRUNK_CONFLICT, "same number, disjoint allowed addresses", List::of,
                        () -> config(List.of(trunk("ST_a", DID).addAllowedAddresses("203.0.113.1"),
                                trunk("ST_b", DID).addAllowedAddresses("198.51.100.0/24")), List.of())),
                fires(FindingCode.LK_DEFAULT_TRUNK_CONFLICT, "two open default trunks", List::of,
                        () -> config(List.of(trunk("ST_a"), trunk("ST_b")), List.of())),
                silent(FindingCode.LK_DEFAULT_TRUNK_CONFLICT, "default trunks for different carriers", List::of,
                        () -> config(List.of(trunk("ST_a").addAllowedAddresses("203.0.113.1"),
                                trunk("ST_b").addAllowedAddresses("198.51.100.7")), List.of())),
                fires(FindingCode.LK_NO_TRUNK_MATCH, "trunk for another number", () -> List.of(liveKitCall(DID, "100 Processing", "404 No trunk found")),
                        () -> config(List.of(trunk("ST_a", "+4930111111")), List.of(rule("SDR_a", "agent", "ST_a")))),
                silent(FindingCode.LK_NO_TRUNK_MATCH, "trunk lists the number", () -> List.of(liveKitCall(DID, "100 Processing", "180 Ringing", "200 OK")),
                        () -> config(List.of(trunk("ST_a", DID)), List.of(rule("SDR_a", "agent", "ST_a")))),
                fires(FindingCode.LK_CALLED_NUMBER_MISMATCH, "To lacks the country code", () -> List.of(liveKitCall("91874350352", "100 Processing", "404 No trunk found")),
                        () -> config(List.of(trunk("ST_a", "+" + DID)), List.of(rule("SDR_a", "agent", "ST_a")))),
                silent(FindingCode.LK_CALLED_NUMBER_MISMATCH, "To matches after normalization", () -> List.of(liveKitCall(DID, "100 Processing", "180 Ringing", "200 OK")),
                        () -> config(List.of(trunk("ST_a", "+" + DID)), List.of(rule("SDR_a", "agent", "ST_a")))),
                fires(FindingCode.LK_SOURCE_NOT_ALLOWED, "sender outside allowed addresses", () -> List.of(liveKitCall(DID, "100 Processing", "404 No trunk found")),
                        () -> config(List.of(trunk("ST_a", DID).addAllowedAddresses("203.0.113.7")), List.of(rule("SDR_a", "agent", "ST_a")))),
                silent(FindingCode.LK_SOURCE_NOT_ALLOWED, "sender inside an allowed CIDR", () -> List.of(liveKitCall(DID, "100 Processing", "180 Ringing", "200 OK")),
                        () -> config(List.of(trunk("ST_a", DID).addAllowedAddresses("172.20.11.0/24")), List.of(rule("SDR_a", "agent", "ST_a")))),
                fires(FindingCode.LK_CALLER_NOT_ALLOWED, "caller not in allowed numbers", () -> List.of(liveKitCall(DID, "100 Processing", "404 No trunk found")),
                        () -> config(List.of(trunk("ST_a", DID).addAllowedNumbers("+4930999999")), List.of(rule("SDR_a", "agent", "ST_a")))),
                silent(FindingCode.LK_CALLER_NOT_ALLOWED, "caller listed in another spelling", () -> List.of(liveKitCall(DID, "100 Processing", "180 Ringing", "200 OK")),
                        () -> config(List.of(trunk("ST_a", DID).addAllowedNumbers("+49 (30) 231-25417")), List.of(rule("SDR_a", "agent", "ST_a")))),
                fires(FindingCode.LK_AUTH_CHALLENGE_UNANSWERED, "407 and no retry", () -> List.of(liveKitCall(DID, "100 Processing", "407 Unauthorized")), LiveKitConfig::empty),
                silent(FindingCode.LK_AUTH_CHALLENGE_UNANSWERED, "407 answered with credentials", () -> List.of(authCall("200 OK")), LiveKitConfig::empty),
                fires(FindingCode.LK_AUTH_FAILED, "retry rejected with 401", () -> List.of(authCall("401 Unauthorized")), LiveKitConfig::empty),
                silent(FindingCode.LK_AUTH_FAILED, "retry accepted", () -> List.of(authCall("200 OK")), LiveKitConfig::empty),
                fires(FindingCode.LK_RULE_UNKNOWN_TRUNK, "rule names a deleted trunk", List::of,
                        () -> config(List.of(trunk("ST_a", DID)), List.of(rule("SDR_a", "agent", "ST_gone")))),
                silent(FindingCode.LK_RULE_UNKNOWN_TRUNK, "rule names an existing trunk", List::of,
                        () -> config(List.of(trunk("ST_a", DID)), List.of(rule("SDR_a", "agent", "ST_a")))),
                fires(FindingCode.LK_PARTICIPANT_REQUEST_REFUSED, "a request without room_name", List::of,
                        () -> ParticipantRequestTest.withRequest(LiveKitConfig.empty(),
                                ParticipantRequestTest.request().clearRoomName(), "")),
                silent(FindingCode.LK_PARTICIPANT_REQUEST_REFUSED, "a request LiveKit accepts", List::of,
                        () -> ParticipantRequestTest.withRequest(LiveKitConfig.empty(), ParticipantRequestTest.request(), "")),
                fires(FindingCode.LK_RULE_NO_AGENT, "rule without agents", List::of,
                        () -> config(List.of(trunk("ST_a", DID)), List.of(rule("SDR_a", null, "ST_a")))),
                silent(FindingCode.LK_RULE_NO_AGENT, "rule with an agent", List::of,
                        () -> config(List.of(trunk("ST_a", DID)), List.of(rule("SDR_a", "agent", "ST_a")))),
                fires(FindingCode.LK_SRTP_REQUIRED, "the trunk requires SRTP, the offer is plain RTP",
                        () -> List.of(liveKitCall(DID, "100 Processing", "180 Ringing", "400")),
                        () -> config(List.of(trunk("ST_a", DID).setMediaEncryption(SIP_MEDIA_ENCRYPT_REQUIRE)),
                                List.of(rule("SDR_a", "agent", "ST_a")))),
                fires(FindingCode.LK_SRTP_REQUIRED, "the rule requires SRTP over the trunk's allowing it",
                        () -> List.of(liveKitCall(DID, "100 Processing", "180 Ringing", "400")),
                        () -> config(List.of(trunk("ST_a", DID).setMediaEncryption(SIP_MEDIA_ENCRYPT_ALLOW)),
                                List.of(rule("SDR_a", "agent", "ST_a").setMediaEncryption(SIP_MEDIA_ENCRYPT_REQUIRE)))),
                fires(FindingCode.LK_SRTP_REQUIRED, "a PIN rule's call requires SRTP: refused before any prompt",
                        () -> List.of(liveKitCall(DID, "100 Processing", "180 Ringing", "400")),
                        () -> config(List.of(trunk("ST_a", DID).setMediaEncryption(SIP_MEDIA_ENCRYPT_REQUIRE)),
                                List.of(pinRule("SDR_pin", "ST_a")))),
                silent(FindingCode.LK_RULE_PIN_PROMPT, "a PIN rule's call refused for its plain RTP offer",
                        () -> List.of(liveKitCall(DID, "100 Processing", "180 Ringing", "400")),
                        () -> config(List.of(trunk("ST_a", DID).setMediaEncryption(SIP_MEDIA_ENCRYPT_REQUIRE)),
                                List.of(pinRule("SDR_pin", "ST_a")))),
                silent(FindingCode.LK_SRTP_REQUIRED, "the offer has SDES keys",
                        () -> List.of(liveKitCallOffering(SipTexts.SDP_G711.replace("a=rtpmap:8",
                                "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz\r\n"
                                        + "a=rtpmap:8").replace("RTP/AVP", "RTP/SAVP"), "100 Processing", "180 Ringing",
                                "200 OK")),
                        () -> config(List.of(trunk("ST_a", DID).setMediaEncryption(SIP_MEDIA_ENCRYPT_REQUIRE)),
                                List.of(rule("SDR_a", "agent", "ST_a")))),
                silent(FindingCode.LK_SRTP_REQUIRED, "the rule allows what the trunk requires",
                        () -> List.of(liveKitCall(DID, "100 Processing", "180 Ringing", "200 OK")),
                        () -> config(List.of(trunk("ST_a", DID).setMediaEncryption(SIP_MEDIA_ENCRYPT_REQUIRE)),
                                List.of(rule("SDR_a", "agent", "ST_a").setMediaEncryption(SIP_MEDIA_ENCRYPT_ALLOW)))),
                fires(FindingCode.MEDIA_ENCRYPTION_MISMATCH, "LiveKit answers an SRTP offer with plain RTP",
                        () -> List.of(offerAnswered(SRTP_OFFER, SipTexts.sdp("129.158.233.108", "0 PCMU/8000"))),
                        () -> config(List.of(trunk("ST_a", DID)), List.of(rule("SDR_a", "agent", "ST_a")))),
                silent(FindingCode.MEDIA_ENCRYPTION_MISMATCH, "SRTP answered with SRTP",
                        () -> List.of(offerAnswered(SRTP_OFFER, SipTexts.sdp("129.158.233.108", "0 PCMU/8000")
                                .replace("RTP/AVP", "RTP/SAVP") + CRYPTO)), LiveKitConfig::empty),
                silent(FindingCode.MEDIA_ENCRYPTION_MISMATCH, "best-effort SRTP answered as SRTP with keys",
                        () -> List.of(offerAnswered(SipTexts.SDP_G711 + CRYPTO, SipTexts.sdp("129.158.233.108",
                                "0 PCMU/8000").replace("RTP/AVP", "RTP/SAVP") + CRYPTO)), LiveKitConfig::empty),
                silent(FindingCode.MEDIA_ENCRYPTION_MISMATCH, "plain RTP with keys (best-effort SRTP) answered plainly",
                        () -> List.of(offerAnswered(SipTexts.SDP_G711 + CRYPTO,
                                SipTexts.sdp("129.158.233.108", "0 PCMU/8000"))), LiveKitConfig::empty),
                fires(FindingCode.LK_RULE_CONFLICT, "two rules for one trunk", List::of,
                        () -> config(List.of(trunk("ST_a", DID)), List.of(rule("SDR_a", "agent", "ST_a"), rule("SDR_b", "agent", "ST_a")))),
                silent(FindingCode.LK_RULE_CONFLICT, "one rule per trunk", List::of,
                        () -> config(List.of(trunk("ST_a", DID), trunk("ST_b", "+4930111111")),
                                List.of(rule("SDR_a", "agent", "ST_a"), rule("SDR_b", "agent", "ST_b")))),
                fires(FindingCode.LK_RULE_NO_KIND, "a wildcard rule without kind", () -> List.of(liveKitCall(DID,
                                "100 Processing", "180 Ringing", "503 Try again later")),
                        () -> config(List.of(trunk("ST_a", DID)), List.of(rule("SDR_a", "agent", "ST_a"),
                                rule("SDR_blank", "agent").clearRule()))),
                silent(FindingCode.LK_RULE_NO_KIND, "rules with kinds", () -> List.of(liveKitCall(DID,
                                "100 Processing", "180 Ringing", "200 OK")),
                        () -> config(List.of(trunk("ST_a", DID)), List.of(rule("SDR_a", "agent", "ST_a")))),
                fires(FindingCode.LK_NO_RULE_MATCH, "trunk without rule", () -> List.of(liveKitCall(DID, "100 Processing", "180 Ringing")),
                        () -> config(List.of(trunk("ST_a", DID)), List.of())),
                silent(FindingCode.LK_NO_RULE_MATCH, "rule for the trunk", () -> List.of(liveKitCall(DID, "100 Processing", "180 Ringing", "200 OK")),
                        () -> config(List.of(trunk("ST_a", DID)), List.of(rule("SDR_a", "agent", "ST_a")))),
                fires(FindingCode.LK_INBOUND_NUMBERS_LOOKS_LIKE_DID, "rule lists the DID as caller", List::of,
                        () -> config(List.of(trunk("ST_a", DID)), List.of(rule("SDR_a", "agent", "ST_a").addInboundNumbers("+" + DID)))),
                silent(FindingCode.LK_INBOUND_NUMBERS_LOOKS_LIKE_DID, "rule lists a caller", List::of,
                        () -> config(List.of(trunk("ST_a", DID)), List.of(rule("SDR_a", "agent", "ST_a").addInboundNumbers(CALLER)))),
                fires(FindingCode.SIP_NO_FINAL_RESPONSE, "only 100", () -> List.of(liveKitCall(DID, "100 Processing")), LiveKitConfig::empty),
                silent(FindingCode.SIP_NO_FINAL_RESPONSE, "answered", () -> List.of(liveKitCall(DID, "100 Processing", "200 OK")), LiveKitConfig::empty),
                fires(FindingCode.SIP_PRACK_MISSING, "reliable 183 sent again, no PRACK, 504",
                        () -> List.of(PrackMissingTest.call(2)), LiveKitConfig::empty),
                silent(FindingCode.SIP_PRACK_MISSING, "reliable 183 PRACKed, 504", () -> List.of(PrackMissingTest.call(0, "c",
                        PrackMissingTest.prack("1 1 INVITE"), "p", SipTexts.response(PrackMissingTest.prack("1 1 INVITE"), 200, "OK"))),
                        LiveKitConfig::empty),
                fires(FindingCode.SIP_PRIVATE_ADDRESS_TO_PUBLIC_PEER, "private Contact and SDP to LiveKit Cloud",
                        () -> List.of(liveKitCall(DID, "100 Processing", "200 OK")), LiveKitConfig::empty),
                silent(FindingCode.SIP_PRIVATE_ADDRESS_TO_PUBLIC_PEER, "private addresses inside a private network",
                        () -> List.of(privateNetworkCall()), LiveKitConfig::empty),
                fires(FindingCode.SIP_NO_COMMON_CODEC, "only G729 offered to LiveKit",
                        () -> List.of(liveKitCallOffering(SipTexts.sdp(JAMBONZ, "18 G729/8000"), "100 Processing", "180 Ringing", "400")),
                        LiveKitConfig::empty),
                silent(FindingCode.SIP_NO_COMMON_CODEC, "AMR-WB offered to a LiveKit that answers with it (enabled)",
                        () -> List.of(offerAnswered(SipTexts.sdp("172.20.11.236", "96 AMR-WB/16000"),
                                SipTexts.sdp("129.158.233.108", "96 AMR-WB/16000"))), LiveKitConfig::empty),
                fires(FindingCode.SIP_NO_COMMON_CODEC, "AMR-WB offered to a LiveKit that refuses it",
                        () -> List.of(liveKitCallOffering(SipTexts.sdp("172.20.11.236", "96 AMR-WB/16000"),
                                "100 Processing", "180 Ringing", "400")), LiveKitConfig::empty),
                silent(FindingCode.SIP_NO_COMMON_CODEC, "PCMA offered to LiveKit", () -> List.of(liveKitCall(DID, "100 Processing", "200 OK")), LiveKitConfig::empty),
                silent(FindingCode.SIP_NO_COMMON_CODEC, "audio disabled (m=audio 0) answered 488",
                        () -> List.of(liveKitCallOffering(SipTexts.sdp("0.0.0.0", "0 PCMU/8000")
                                .replace("m=audio 40000", "m=audio 0") + "a=inactive\r\n", "100 Processing",
                                "488 Not Acceptable Here")), LiveKitConfig::empty),
                silent(FindingCode.SIP_NO_COMMON_CODEC, "T.38 re-INVITE refused with 488, audio goes on",
                        () -> List.of(afterAnswer(Mid.T38_REFUSED)), LiveKitConfig::empty),
                fires(FindingCode.LK_RESPONSE_EXPLAINED, "503 without ringing, no config", () -> List.of(liveKitCall(DID, "100 Processing", "503 Try again later")),
                        LiveKitConfig::empty),
                silent(FindingCode.LK_RESPONSE_EXPLAINED, "503 the config explains", () -> List.of(liveKitCall(DID, "100 Processing", "503 Try again later")),
                        () -> config(List.of(trunk("ST_a", "+" + DID), trunk("ST_b", DID)), List.of())),
                fires(FindingCode.SIP_CALL_REJECTED, "carrier answers 404", () -> List.of(carrierCall("404 Not Found")), LiveKitConfig::empty),
                silent(FindingCode.SIP_CALL_REJECTED, "LiveKit's 503 is left to the LiveKit findings",
                        () -> List.of(liveKitCall(DID, "100 Processing", "503 Try again later")), LiveKitConfig::empty),
                fires(FindingCode.LK_RULE_PIN_PROMPT, "a PIN rule wins and LiveKit answers", () -> List.of(liveKitCall(DID, "100 Processing", "180 Ringing", "200 OK")),
                        () -> config(List.of(trunk("ST_a", DID)), List.of(rule("SDR_open", "agent", "ST_a"), pinRule("SDR_pin", "ST_a")))),
                silent(FindingCode.LK_RULE_PIN_PROMPT, "the PIN rule is for another trunk", () -> List.of(liveKitCall(DID, "100 Processing", "180 Ringing", "200 OK")),
                        () -> config(List.of(trunk("ST_a", DID)), List.of(rule("SDR_open", "agent", "ST_a"), pinRule("SDR_pin", "ST_b")))),
                fires(FindingCode.LK_SILENT_DROP, "INVITE retransmitted, never answered", () -> List.of(retransmittedCall()), LiveKitConfig::empty),
                silent(FindingCode.LK_SILENT_DROP, "INVITE answered", () -> List.of(liveKitCall(DID, "100 Processing", "486 Rejected")), LiveKitConfig::empty),
                fires(FindingCode.SIP_REGISTER_REJECTED, "credentials challenged again", () -> List.of(registration(401)), LiveKitConfig::empty),
                silent(FindingCode.SIP_REGISTER_REJECTED, "challenge then 200", () -> List.of(registration(200)), LiveKitConfig::empty),
                fires(FindingCode.SIP_REQUEST_REJECTED, "SUBSCRIBE with credentials answered 489 Bad Event",
                        () -> List.of(challenged("SUBSCRIBE", 489)), LiveKitConfig::empty),
                silent(FindingCode.SIP_REQUEST_REJECTED, "SUBSCRIBE challenge then 202", () -> List.of(challenged("SUBSCRIBE", 202)),
                        LiveKitConfig::empty),
                fires(FindingCode.SIP_LATE_OFFER, "INVITE to LiveKit without SDP", () -> List.of(liveKitCallOffering("", "100 Processing", "180 Ringing", "400")),
                        LiveKitConfig::empty),
                silent(FindingCode.SIP_LATE_OFFER, "INVITE with SDP", () -> List.of(liveKitCall(DID, "100 Processing", "400")), LiveKitConfig::empty),
                fires(FindingCode.SIP_TRANSFER_FAILED, "NOTIFY sipfrag 486", () -> List.of(afterAnswer(Mid.TRANSFER_BUSY)), LiveKitConfig::empty),
                silent(FindingCode.SIP_TRANSFER_FAILED, "NOTIFY sipfrag 200", () -> List.of(afterAnswer(Mid.TRANSFER_OK)), LiveKitConfig::empty),
                fires(FindingCode.SIP_DIALOG_NOT_FOUND, "BYE answered 481", () -> List.of(afterAnswer(Mid.BYE_481)), LiveKitConfig::empty),
                silent(FindingCode.SIP_DIALOG_NOT_FOUND, "BYE answered 200", () -> List.of(afterAnswer(Mid.BYE_OK)), LiveKitConfig::empty),
                fires(FindingCode.SIP_IN_DIALOG_NO_RESPONSE, "BYE resent, never answered", () -> List.of(afterAnswer(Mid.BYE_UNANSWERED)), LiveKitConfig::empty),
                silent(FindingCode.SIP_IN_DIALOG_NO_RESPONSE, "BYE answered 200", () -> List.of(afterAnswer(Mid.BYE_OK)), LiveKitConfig::empty),
                fires(FindingCode.SIP_ACK_MISSING, "200 OK retransmitted, no ACK", () -> List.of(afterAnswer(Mid.NO_ACK)), LiveKitConfig::empty),
                silent(FindingCode.SIP_ACK_MISSING, "200 OK acknowledged", () -> List.of(afterAnswer(Mid.BYE_OK)), LiveKitConfig::empty),
                silent(FindingCode.SIP_ACK_MISSING, "200 OK captured twice 1 ms apart, then ACKed",
                        () -> List.of(afterAnswer(Mid.OK_CAPTURED_TWICE)), LiveKitConfig::empty),
                silent(FindingCode.SIP_ACK_MISSING, "200 OK sent again, then ACKed", () -> List.of(afterAnswer(Mid.LATE_ACK)),
                        LiveKitConfig::empty),
                fires(FindingCode.SIP_ACK_MISSING, "200 OK sent again after its ACK arrived",
                        () -> List.of(afterAnswer(Mid.ACK_NOT_MATCHED)), LiveKitConfig::empty),
                fires(FindingCode.SIP_SESSION_TIMER_EXPIRED, "BYE after Session-Expires without refresh", () -> List.of(afterAnswer(Mid.TIMER_EXPIRED)),
                        LiveKitConfig::empty),
                silent(FindingCode.SIP_SESSION_TIMER_EXPIRED, "BYE before the interval", () -> List.of(afterAnswer(Mid.TIMER_OK)), LiveKitConfig::empty),
                fires(FindingCode.LK_MAX_CALL_DURATION, "LiveKit's BYE at the trunk's max_call_duration",
                        () -> List.of(afterAnswer(Mid.TIMER_EXPIRED)), () -> limitedTrunk(95)),
                silent(FindingCode.LK_MAX_CALL_DURATION, "LiveKit's BYE long before the trunk's max_call_duration",
                        () -> List.of(afterAnswer(Mid.TIMER_OK)), () -> limitedTrunk(95)),
                fires(FindingCode.SIP_REINVITE_GLARE, "re-INVITE answered 491", () -> List.of(afterAnswer(Mid.GLARE)), LiveKitConfig::empty),
                silent(FindingCode.SIP_REINVITE_GLARE, "re-INVITE answered 200", () -> List.of(afterAnswer(Mid.REINVITE_OK)), LiveKitConfig::empty),
                fires(FindingCode.SIP_SESSION_CHANGE_REFUSED, "re-INVITE answered 488",
                        () -> List.of(afterAnswer(Mid.REINVITE_488)), LiveKitConfig::empty),
                silent(FindingCode.SIP_SESSION_CHANGE_REFUSED, "re-INVITE answered 200",
                        () -> List.of(afterAnswer(Mid.REINVITE_OK)), LiveKitConfig::empty),
                fires(FindingCode.SIP_EARLY_UPDATE_REFUSED, "UPDATE after 183 answered 488, then the INVITE 200",
                        () -> List.of(earlyUpdate(488, "Not Acceptable Here")), LiveKitConfig::empty),
                silent(FindingCode.SIP_EARLY_UPDATE_REFUSED, "UPDATE after 183 answered 200, then the INVITE 200",
                        () -> List.of(earlyUpdate(200, "OK")), LiveKitConfig::empty),
                fires(FindingCode.LK_REINVITE_NEW_CALL, "re-INVITE answered 100 Processing, 180, 404",
                        () -> List.of(afterAnswer(Mid.REINVITE_NEW_CALL)), LiveKitConfig::empty),
                silent(FindingCode.LK_REINVITE_NEW_CALL, "re-INVITE answered 200", () -> List.of(afterAnswer(Mid.REINVITE_OK)),
                        LiveKitConfig::empty),
                silent(FindingCode.LK_REINVITE_NEW_CALL, "re-INVITE answered 488", () -> List.of(afterAnswer(Mid.REINVITE_488)),
                        LiveKitConfig::empty),
                fires(FindingCode.SIP_MALFORMED_MESSAGE, "a Max-Forwards that is no number",
                        () -> List.of(withMaxForwards("many")), LiveKitConfig::empty),
                silent(FindingCode.SIP_MALFORMED_MESSAGE, "every header readable", () -> List.of(withMaxForwards("69")),
                        LiveKitConfig::empty),
                fires(FindingCode.SIP_RETRY_RECOVERED, "488, then CSeq 2 answered 200", () -> List.of(retried(488, "Not Acceptable Here")), LiveKitConfig::empty),
                silent(FindingCode.SIP_RETRY_RECOVERED, "401 challenge, then CSeq 2 answered 200", () -> List.of(retried(401, "Unauthorized")), LiveKitConfig::empty),
                fires(FindingCode.LK_OUTBOUND_AUTH_LOOP, "401 again after the trunk's credentials", () -> List.of(outboundAuth(401)),
                        () -> OutboundCapture.config(OutboundCapture.trunk(PROVIDER))),
                silent(FindingCode.LK_OUTBOUND_AUTH_LOOP, "credentials accepted", () -> List.of(outboundAuth(200)),
                        () -> OutboundCapture.config(OutboundCapture.trunk(PROVIDER))),
                fires(FindingCode.LK_OUTBOUND_AUTH_MISSING, "407 and the trunk has no password", () -> List.of(outbound("407 Proxy Authentication Required")),
                        () -> OutboundCapture.config(OutboundCapture.trunk(PROVIDER).clearAuthPassword())),
                silent(FindingCode.LK_OUTBOUND_AUTH_MISSING, "407 answered with credentials", () -> List.of(outboundAuth(200)), LiveKitConfig::empty),
                fires(FindingCode.LK_OUTBOUND_FROM_REJECTED, "provider answers 403", () -> List.of(outbound("403 Forbidden")), LiveKitConfig::empty),
                silent(FindingCode.LK_OUTBOUND_FROM_REJECTED, "provider answers 404", () -> List.of(outbound("404 Not Found")), LiveKitConfig::empty),
                fires(FindingCode.LK_OUTBOUND_NUMBER_REJECTED, "provider answers 484", () -> List.of(outbound("484 Address Incomplete")), LiveKitConfig::empty),
                silent(FindingCode.LK_OUTBOUND_NUMBER_REJECTED, "provider answers 403", () -> List.of(outbound("403 Forbidden")), LiveKitConfig::empty),
                fires(FindingCode.LK_OUTBOUND_NO_RESPONSE, "INVITE sent twice, nothing back", () -> List.of(outbound()), LiveKitConfig::empty),
                silent(FindingCode.LK_OUTBOUND_NO_RESPONSE, "provider answers 200", () -> List.of(outbound("200 OK")), LiveKitConfig::empty),
                fires(FindingCode.LK_OUTBOUND_PROVIDER_REJECTED, "carrier 503 relayed by Jambonz as 480",
                        () -> OutboundCapture.throughJambonz(OutboundCapture.FROM, "+4930123456", "503 Service Unavailable",
                                "480 Temporarily Unavailable"), LiveKitConfig::empty),
                silent(FindingCode.LK_OUTBOUND_PROVIDER_REJECTED, "Jambonz 503 on an inbound call to LiveKit",
                        () -> List.of(liveKitCall(DID, "100 Processing", "503 Try again later")), LiveKitConfig::empty),
                fires(FindingCode.B2BUA_FAILURE_RELAYED, "seed case 503 relayed as 603", () -> List.of(SeedCall.flow()), LiveKitConfig::empty),
                silent(FindingCode.B2BUA_FAILURE_RELAYED, "one leg failing by itself", () -> List.of(liveKitCall(DID, "100 Processing", "503 Try again later")),
                        LiveKitConfig::empty));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void firesOnlyWhereItShould(Case c) {
        Diagnosis d = DiagnosisEngine.standard().diagnose(c.flows().get(), c.config().get());
        List<Finding> found = d.withCode(c.code());
        assertEquals(c.fires(), !found.isEmpty(), d.findings().stream().map(Finding::title).toList().toString());
        for (Finding f : found) {
            assertFalse(f.title().isBlank() || f.explanation().isBlank(), f.code().name());
            assertFalse(f.fix().steps().isEmpty(), f.code() + " has fix steps");
            assertFalse(f.evidence().facts().isEmpty(), f.code() + " has facts");
        }
    }

    @Test
    void anAnswerNeverAcknowledgedFailsTheCallWithTheMissingAckAsItsPrimaryCause() {
        CallFlow flow = afterAnswer(Mid.NO_ACK);
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty());
        assertTrue(d.failed(flow), "answered, but its answerer ends a call whose 200 OK gets no ACK");
        assertEquals(FindingCode.SIP_ACK_MISSING, d.primaryFor(flow.id()).orElseThrow().code());
        CallFlow acked = afterAnswer(Mid.LATE_ACK);
        assertFalse(DiagnosisEngine.standard().diagnose(List.of(acked), LiveKitConfig.empty()).failed(acked));
    }

    @Test
    void theCodecFixNamesJambonzOnlyWhereJambonzSentTheOffer() {
        String step = codecStep(liveKitCallOffering(SipTexts.sdp(JAMBONZ, "18 G729/8000"), "100 Processing", "180 Ringing",
                "400"));
        assertTrue(step.contains("in Jambonz, enable the codec"), step);
        // the carrier calls LiveKit directly: no Jambonz hop to change
        String invite = SipTexts.invite("call-direct", LK_URI, CALLER, TestCall.CARRIER, SipTexts.sdp(TestCall.CARRIER,
                "18 G729/8000"));
        CallFlow direct = new TestCall().hop(TestCall.CARRIER, Role.CARRIER).hop(LIVEKIT, Role.LIVEKIT)
                .send(TestCall.CARRIER, LIVEKIT, invite)
                .send(LIVEKIT, TestCall.CARRIER, SipTexts.response(invite, 100, "Processing"))
                .send(LIVEKIT, TestCall.CARRIER, SipTexts.response(invite, 400, "")).flow();
        String directStep = codecStep(direct);
        assertFalse(directStep.contains("Jambonz"), directStep);
        assertTrue(directStep.contains("enable the codec where " + TestCall.CARRIER), directStep);
    }

    /** The fix step of the one SIP_NO_COMMON_CODEC finding of {@code flow}. */
    private static String codecStep(CallFlow flow) {
        List<Finding> found = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty())
                .withCode(FindingCode.SIP_NO_COMMON_CODEC);
        assertEquals(1, found.size());
        return found.get(0).fix().steps().get(0);
    }

    @Test
    void aCallTheCallerCancelledNamesItsCancel() {
        String invite = SipTexts.invite("call-cancel", "sip:+4930111111@89.184.187.124", CALLER, JAMBONZ, SipTexts.SDP_G711);
        String cancel = invite.substring(0, invite.indexOf("\r\n\r\n")).replace("INVITE sip:", "CANCEL sip:")
                .replace(" INVITE\r\n", " CANCEL\r\n").replaceAll("Content-Length: \\d+", "Content-Length: 0") + "\r\n\r\n";
        CallFlow flow = TestCall.carrierJambonzLiveKit().send(JAMBONZ, "89.184.187.124", invite)
                .send("89.184.187.124", JAMBONZ, SipTexts.response(invite, 180, "Ringing")).after(2)
                .send(JAMBONZ, "89.184.187.124", cancel).send("89.184.187.124", JAMBONZ, SipTexts.response(cancel, 200, "OK"))
                .send("89.184.187.124", JAMBONZ, SipTexts.response(invite, 487, "Request Terminated")).flow();
        Finding f = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty())
                .withCode(FindingCode.SIP_CALL_REJECTED).get(0);
        assertEquals(Severity.INFO, f.severity());
        assertEquals(List.of(1L, 3L, 5L), f.evidence().frames());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.startsWith("CANCEL frame 3 from " + JAMBONZ
                + ":5060, 2.020 s after the INVITE")), f.evidence().facts().toString());
    }

    @Test
    void anUnansweredChallengeIsThePrimaryCauseEvenWhereTheConfigPredictsOtherwise() {
        // the seed config's two trunks claim the number (LiveKit would answer 503), the capture shows 407 and no
        // retry: the challenge nobody answered is read from the capture and still explains the failed call
        CallFlow flow = liveKitCall(DID, "100 Processing", "407 Unauthorized");
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), TestConfig.seed());
        assertEquals(FindingCode.LK_AUTH_CHALLENGE_UNANSWERED, d.primaryFor(flow.id()).orElseThrow().code(),
                d.findings().stream().map(f -> f.code() + (f.primary() ? "*" : "")).toList().toString());
    }

    @Test
    void rejectedCredentialsAreThePrimaryCauseEvenWhereTheConfigPredictsOtherwise() {
        CallFlow flow = authCall("401 Unauthorized");
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), TestConfig.seed());
        assertEquals(FindingCode.LK_AUTH_FAILED, d.primaryFor(flow.id()).orElseThrow().code(),
                d.findings().stream().map(f -> f.code() + (f.primary() ? "*" : "")).toList().toString());
    }

    @Test
    void aCallLiveKitFailedHasAPrimaryCauseWhateverTheConfigSays() {
        // LiveKit's final answers (livekit-inbound-routing.md section 5), with no config, the seed's (two trunks claim
        // the number: it predicts 503) and one that lets the call in: each failed call gets a primary cause
        List<String[]> answers = List.of(new String[] {"100 Processing", "503 Try again later"},
                new String[] {"100 Processing", "404 No trunk found"},
                new String[] {"100 Processing", "180 Ringing", "404 Does not match Trunks or Dispatch Rules"},
                new String[] {"100 Processing", "503 Service temporarily unavailable"},
                new String[] {"100 Processing", "407 Unauthorized"},
                new String[] {"100 Processing", "180 Ringing", "400"},
                new String[] {"100 Processing", "500"},
                new String[] {"100 Processing", "180 Ringing", "486 Rejected"},
                new String[] {"100 Processing", "180 Ringing", "487 Request Terminated"},
                new String[] {"400 Bad request"});
        for (LiveKitConfig config : List.of(LiveKitConfig.empty(), TestConfig.seed())) {
            for (String[] answer : answers) {
                CallFlow flow = liveKitCall(DID, answer);
                Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), config);
                assertTrue(d.failed(flow), List.of(answer).toString());
                assertTrue(d.primaryFor(flow.id()).isPresent(), config.trunks().size() + " trunks, " + List.of(answer)
                        + ": " + d.findings().stream().map(f -> f.code().name()).toList());
            }
        }
    }

    @Test
    void dialogsWithoutAnInviteOrWithoutTheirRequestGetAPrimaryCause() {
        // an OPTIONS ping nobody answers, sent three times
        String options = SipTexts.invite("ping-1", "sip:ping@89.184.187.124", CALLER, JAMBONZ, "")
                .replace("INVITE sip:", "OPTIONS sip:").replace("CSeq: 1 INVITE", "CSeq: 1 OPTIONS");
        CallFlow ping = TestCall.carrierJambonzLiveKit().send(JAMBONZ, "89.184.187.124", options)
                .resend(JAMBONZ, "89.184.187.124", options).resend(JAMBONZ, "89.184.187.124", options).flow();
        Finding unanswered = primary(ping);
        assertEquals(FindingCode.SIP_NO_FINAL_RESPONSE, unanswered.code());
        assertEquals("OPTIONS to 89.184.187.124:5060 got no final response", unanswered.title());
        assertTrue(unanswered.evidence().facts().contains("OPTIONS frame 1 to 89.184.187.124:5060, sent 3 times"),
                unanswered.evidence().facts().toString());
        // a lone 100 Trying: the capture holds too little to tell, but says so
        String lone = SipTexts.invite("lone-1", "sip:+4930111111@89.184.187.124", CALLER, JAMBONZ, "");
        Finding trying = primary(TestCall.carrierJambonzLiveKit()
                .send("89.184.187.124", JAMBONZ, SipTexts.response(lone, 100, "Trying")).flow());
        assertEquals(FindingCode.SIP_NO_FINAL_RESPONSE, trying.code());
        assertEquals(Severity.WARNING, trying.severity());
        assertTrue(trying.explanation().startsWith("Only a provisional response of this INVITE"), trying.explanation());
        // the answers alone (the capture holds one direction): an INVITE's 403, a REGISTER's 503
        String invite = SipTexts.invite("one-way-1", "sip:+4930111111@89.184.187.124", CALLER, JAMBONZ, "");
        CallFlow refused = TestCall.carrierJambonzLiveKit()
                .send("89.184.187.124", JAMBONZ, SipTexts.response(invite, 403, "Forbidden")).flow();
        Finding rejected = primary(refused);
        assertEquals(FindingCode.SIP_CALL_REJECTED, rejected.code());
        assertTrue(rejected.evidence().facts().stream().anyMatch(f -> f.startsWith("The INVITE itself is not in the capture")),
                rejected.evidence().facts().toString());
        String register = invite.replace("INVITE sip:", "REGISTER sip:").replace("CSeq: 1 INVITE", "CSeq: 1 REGISTER");
        CallFlow registrar = TestCall.carrierJambonzLiveKit()
                .send("89.184.187.124", JAMBONZ, SipTexts.response(register, 503, "Service Unavailable")).flow();
        assertEquals(FindingCode.SIP_REGISTER_REJECTED, primary(registrar).code());
    }

    /** The primary cause the standard engine names for {@code flow}, a failed call, without a config. */
    private static Finding primary(CallFlow flow) {
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty());
        assertTrue(d.failed(flow));
        return d.primaryFor(flow.id()).orElseThrow(() -> new AssertionError(d.findings().toString()));
    }

    /** SIP_CALL_REJECTED of an INVITE the carrier answered {@code status} with {@code header}. */
    private static Finding rejectedWith(String invite, int status, String reason, String header) {
        CallFlow flow = TestCall.carrierJambonzLiveKit().send(JAMBONZ, "89.184.187.124", invite)
                .send("89.184.187.124", JAMBONZ, SipTexts.response(invite, status, reason, header)).flow();
        return DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty())
                .withCode(FindingCode.SIP_CALL_REJECTED).get(0);
    }

    @Test
    void aRejectionsQ850ReasonIsTold() {
        String invite = SipTexts.invite("call-480", "sip:+4930111111@89.184.187.124", CALLER, JAMBONZ, SipTexts.SDP_G711);
        Finding f = rejectedWith(invite, 480, "Temporarily Unavailable", "Reason: Q.850;cause=21");
        assertTrue(f.evidence().facts().contains("Reason: Q.850;cause=21 (Q.850 cause 21: call rejected)"),
                f.evidence().facts().toString());
    }

    @Test
    void aCancelBeforeAnotherFinalAnswerIsTold() {
        // the caller cancelled after 34 s of 100 Trying and the proxy answered the INVITE 408, not 487
        // (peafowl test/pcaps/sip-rtp.pcap): the CANCEL is part of the story whatever the status
        String invite = SipTexts.invite("call-408", "sip:+4930111111@89.184.187.124", CALLER, JAMBONZ, SipTexts.SDP_G711);
        String cancel = invite.replace("INVITE sip:", "CANCEL sip:").replace("CSeq: 1 INVITE", "CSeq: 1 CANCEL");
        CallFlow flow = TestCall.carrierJambonzLiveKit().send(JAMBONZ, "89.184.187.124", invite)
                .send("89.184.187.124", JAMBONZ, SipTexts.response(invite, 100, "Trying")).after(34)
                .send(JAMBONZ, "89.184.187.124", cancel)
                .send("89.184.187.124", JAMBONZ, SipTexts.response(invite, 408, "Request Timeout")).flow();
        Finding f = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty())
                .withCode(FindingCode.SIP_CALL_REJECTED).get(0);
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.startsWith("CANCEL frame 3 from " + JAMBONZ)),
                f.evidence().facts().toString());
        assertEquals(List.of(1L, 3L, 4L), f.evidence().frames());
        // nobody answered the CANCEL: RFC 3261 9.2 asks for a 200 at once
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.startsWith("Nobody answered the CANCEL")),
                f.evidence().facts().toString());
        CallFlow answered = TestCall.carrierJambonzLiveKit().send(JAMBONZ, "89.184.187.124", invite)
                .send("89.184.187.124", JAMBONZ, SipTexts.response(invite, 100, "Trying")).after(34)
                .send(JAMBONZ, "89.184.187.124", cancel)
                .send("89.184.187.124", JAMBONZ, SipTexts.response(cancel, 200, "OK"))
                .send("89.184.187.124", JAMBONZ, SipTexts.response(invite, 487, "Request Terminated")).flow();
        Finding told = DiagnosisEngine.standard().diagnose(List.of(answered), LiveKitConfig.empty())
                .withCode(FindingCode.SIP_CALL_REJECTED).get(0);
        assertFalse(told.evidence().facts().stream().anyMatch(x -> x.startsWith("Nobody answered the CANCEL")),
                told.evidence().facts().toString());
    }

    @Test
    void a415SaysTheBodyWasRefusedAndShowsBothTypes() {
        // a Dialogic gateway offered SIP-T (multipart/mixed: SDP and ISUP) and the peer, taking only SDP, answered
        // 415 with Accept: application/sdp (dotpcap/packetnet udp-ip-fragmented.pcap)
        String invite = SipTexts.invite("call-415", "sip:+4930111111@89.184.187.124", CALLER, JAMBONZ, SipTexts.SDP_G711)
                .replace("Content-Type: application/sdp", "Content-Type: multipart/mixed;boundary=unique-boundary-1");
        Finding f = rejectedWith(invite, 415, "Unsupported Media Type", "Accept: application/sdp");
        assertTrue(f.explanation().startsWith("415 means the peer cannot take the INVITE's body"), f.explanation());
        assertTrue(f.evidence().facts().contains("Accept: application/sdp"), f.evidence().facts().toString());
        assertTrue(f.evidence().facts().contains("The INVITE's body: Content-Type multipart/mixed;boundary=unique-boundary-1"),
                f.evidence().facts().toString());
        // the facts are the more specific cause; a bare rejection has none to point to
        assertFalse(f.explanation().contains("no more specific cause"), f.explanation());
        String bare = SipTexts.invite("call-403", "sip:+4930111111@89.184.187.124", CALLER, JAMBONZ, SipTexts.SDP_G711);
        Finding plain = rejectedWith(bare, 403, "Forbidden", "Server: SomeSwitch 1.0");
        assertTrue(plain.explanation().endsWith("The capture shows no more specific cause."), plain.explanation());
    }

    @Test
    void aRedirectNamesWhereItPoints() {
        String invite = SipTexts.invite("call-302", "sip:+4930111111@89.184.187.124", CALLER, JAMBONZ, SipTexts.SDP_G711);
        Finding f = rejectedWith(invite, 302, "Moved Temporarily", "Contact: <sip:+4930111111@192.0.2.10:5060>");
        assertTrue(f.evidence().facts().contains("Redirected to Contact <sip:+4930111111@192.0.2.10:5060>"),
                f.evidence().facts().toString());
        // the redirect alone (the capture holds one direction) names it too
        CallFlow answerOnly = TestCall.carrierJambonzLiveKit().send("89.184.187.124", JAMBONZ, SipTexts.response(invite,
                302, "Moved Temporarily", "Contact: <sip:+4930111111@192.0.2.10:5060>")).flow();
        Finding alone = primary(answerOnly);
        assertEquals(FindingCode.SIP_CALL_REJECTED, alone.code());
        assertTrue(alone.evidence().facts().contains("Redirected to Contact <sip:+4930111111@192.0.2.10:5060>"),
                alone.evidence().facts().toString());
    }

    /** The carrier's INVITE with {@code maxForwards} in its Max-Forwards header, answered 486 by Jambonz. */
    private static CallFlow withMaxForwards(String maxForwards) {
        String invite = SipTexts.invite("call-mf", "sip:+4930111111@172.20.11.236", CALLER, TestCall.CARRIER,
                SipTexts.SDP_G711).replace("Max-Forwards: 70", "Max-Forwards: " + maxForwards);
        return TestCall.carrierJambonzLiveKit().send(TestCall.CARRIER, JAMBONZ, invite)
                .send(JAMBONZ, TestCall.CARRIER, SipTexts.response(invite, 486, "Busy Here")).flow();
    }

    /** The carrier's INVITE answered {@code status} by Jambonz, then sent again with CSeq 2 and answered 200 OK. */
    private static CallFlow retried(int status, String reason) {
        String invite = SipTexts.invite("call-retry", "sip:+4930111111@172.20.11.236", CALLER, TestCall.CARRIER, SipTexts.SDP_G711);
        String again = SipTexts.retry(invite, 2);
        return TestCall.carrierJambonzLiveKit().send(TestCall.CARRIER, JAMBONZ, invite)
                .send(JAMBONZ, TestCall.CARRIER, SipTexts.response(invite, status, reason))
                .send(TestCall.CARRIER, JAMBONZ, again)
                .send(JAMBONZ, TestCall.CARRIER, SipTexts.response(again, 200, "OK")).flow();
    }

    @Test
    void everyCodeOfTheCatalogueHasBothCases() {
        Set<FindingCode> firing = cases().filter(Case::fires).map(Case::code).collect(Collectors.toCollection(TreeSet::new));
        Set<FindingCode> silent = cases().filter(c -> !c.fires()).map(Case::code).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(firing, silent, "every code with a case where it fires has one where it stays silent");
        // the MEDIA_ codes need captures with RTP: MediaFindingsTest has their cases
        Set<FindingCode> all = new TreeSet<>(firing);
        all.addAll(MediaFindingsTest.CODES);
        all.addAll(ConnectionRefusedTest.CODES);
        all.addAll(ConnectionFailedTest.CODES);
        all.addAll(UnmatchedResponseTest.CODES);
        assertEquals(EnumSet.allOf(FindingCode.class), all, "every code has a case where it fires");
    }

    @Test
    void ranksNameOneOrderOfPrimaryCauses() {
        List<Integer> ranks = Arrays.stream(FindingCode.values()).filter(FindingCode::canBePrimary).map(FindingCode::rank).toList();
        assertEquals(ranks.size(), new HashSet<>(ranks).size(), "no two codes share a rank");
    }

    /** A trunk for the DID whose max_call_duration is {@code seconds}, and a rule dispatching an agent for it. */
    static LiveKitConfig limitedTrunk(long seconds) {
        return config(List.of(trunk("ST_a", DID).setMaxCallDuration(com.google.protobuf.Duration.newBuilder()
                .setSeconds(seconds))), List.of(rule("SDR_a", "agent", "ST_a")));
    }

    private static Case fires(FindingCode code, String name, Supplier<List<CallFlow>> flows, Supplier<LiveKitConfig> config) {
        return new Case(code, true, name, flows, config);
    }

    private static Case silent(FindingCode code, String name, Supplier<List<CallFlow>> flows, Supplier<LiveKitConfig> config) {
        return new Case(code, false, name, flows, config);
    }

    /** Jambonz sends an INVITE to LiveKit for {@code to}; LiveKit answers with the given status lines. */
    static CallFlow liveKitCall(String to, String... responses) {
        String uri = "sip:" + to + "@project-1z3kctsj.sip.livekit.cloud";
        return answered(SipTexts.invite("call-" + to, uri, CALLER, JAMBONZ, SipTexts.SDP_G711), responses);
    }

    /** An SDES key line. */
    private static final String CRYPTO = "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz\r\n";
    /** Jambonz's G.711 offer as SDES-SRTP. */
    private static final String SRTP_OFFER = SipTexts.SDP_G711.replace("RTP/AVP", "RTP/SAVP") + CRYPTO;

    /** Jambonz offers {@code offer} to LiveKit, which rings and answers 200 OK with {@code answer}. */
    static CallFlow offerAnswered(String offer, String answer) {
        String invite = SipTexts.invite("call-srtp", LK_URI, CALLER, JAMBONZ, offer);
        return TestCall.carrierJambonzLiveKit().send(JAMBONZ, LIVEKIT, invite)
                .send(LIVEKIT, JAMBONZ, SipTexts.response(invite, 100, "Processing"))
                .send(LIVEKIT, JAMBONZ, SipTexts.response(invite, 180, "Ringing"))
                .send(LIVEKIT, JAMBONZ, SipTexts.response(invite, 200, "OK", answer)).flow();
    }

    static CallFlow liveKitCallOffering(String sdp, String... responses) {
        return answered(SipTexts.invite("call-codec", LK_URI, CALLER, JAMBONZ, sdp), responses);
    }

    private static CallFlow answered(String invite, String... responses) {
        TestCall call = TestCall.carrierJambonzLiveKit().send(JAMBONZ, LIVEKIT, invite);
        for (String r : responses) {
            String[] parts = r.split(" ", 2);
            call.send(LIVEKIT, JAMBONZ, SipTexts.response(invite, Integer.parseInt(parts[0]), parts.length > 1 ? parts[1] : ""));
        }
        return call.flow();
    }

    /** A direct rule with a PIN for the given trunk. */
    static livekit.LivekitSip.SIPDispatchRuleInfo.Builder pinRule(String id, String trunkId) {
        return rule(id, "agent", trunkId).setRule(livekit.LivekitSip.SIPDispatchRule.newBuilder().setDispatchRuleDirect(
                livekit.LivekitSip.SIPDispatchRuleDirect.newBuilder().setRoomName("conf").setPin("4242")));
    }

    /** Jambonz sends an INVITE to LiveKit three times and nothing comes back. */
    static CallFlow retransmittedCall() {
        String invite = SipTexts.invite("call-flood", LK_URI, CALLER, JAMBONZ, SipTexts.SDP_G711);
        return TestCall.carrierJambonzLiveKit().send(JAMBONZ, LIVEKIT, invite).resend(JAMBONZ, LIVEKIT, invite)
                .resend(JAMBONZ, LIVEKIT, invite).flow();
    }

    /** What happens after LiveKit answered a call. */
    enum Mid {
        TRANSFER_BUSY, TRANSFER_OK, BYE_481, BYE_OK, NO_ACK,
        /** Jambonz's BYE sent three times, LiveKit never answers. */
        BYE_UNANSWERED, TIMER_EXPIRED, TIMER_OK, GLARE, REINVITE_OK,
        /** The 200 OK captured twice 1 ms apart, then the ACK. */
        OK_CAPTURED_TWICE,
        /** The 200 OK sent again 500 ms later, then the ACK reaches LiveKit and the copies stop. */
        LATE_ACK,
        /** The ACK reaches LiveKit, which sends the 200 OK again after it all the same. */
        ACK_NOT_MATCHED,
        /** A re-INVITE switching to T.38 fax (no audio section), refused with 488. */
        T38_REFUSED,
        /** A re-INVITE with the session's own codecs refused with 488. */
        REINVITE_488,
        /** A re-INVITE LiveKit answers as a new call: 100 Processing, 180 Ringing, 404 No trunk found. */
        REINVITE_NEW_CALL
    }

    /** Jambonz calls LiveKit, LiveKit answers 183, Jambonz sends an UPDATE answered {@code status}, then LiveKit 200. */
    static CallFlow earlyUpdate(int status, String reason) {
        String invite = SipTexts.invite("call-mid", LK_URI, CALLER, JAMBONZ, SipTexts.SDP_G711);
        String update = inDialog("UPDATE", 2, JAMBONZ, SipTexts.SDP_G711, "Content-Type: application/sdp");
        return TestCall.carrierJambonzLiveKit().send(JAMBONZ, LIVEKIT, invite)
                .send(LIVEKIT, JAMBONZ, SipTexts.response(invite, 183, "Session Progress", SipTexts.sdp(LIVEKIT, "8 PCMA/8000")))
                .send(JAMBONZ, LIVEKIT, update).send(LIVEKIT, JAMBONZ, SipTexts.response(update, status, reason))
                .send(LIVEKIT, JAMBONZ, SipTexts.response(invite, 200, "OK", SipTexts.sdp(LIVEKIT, "8 PCMA/8000"))).flow();
    }

    /** Jambonz calls LiveKit, LiveKit answers (Session-Expires 90 s), then {@code mid} happens. */
    static CallFlow afterAnswer(Mid mid) {
        String invite = SipTexts.invite("call-mid", LK_URI, CALLER, JAMBONZ, SipTexts.SDP_G711);
        String ok = SipTexts.response(invite, 200, "OK", "Contact: <sip:" + LIVEKIT + ":5060>", "Session-Expires: 90;refresher=uac",
                SipTexts.sdp(LIVEKIT, "8 PCMA/8000"));
        TestCall call = TestCall.carrierJambonzLiveKit().send(JAMBONZ, LIVEKIT, invite)
                .send(LIVEKIT, JAMBONZ, SipTexts.response(invite, 100, "Processing")).send(LIVEKIT, JAMBONZ, ok);
        if (mid == Mid.NO_ACK) {
            return call.resend(LIVEKIT, JAMBONZ, ok).resend(LIVEKIT, JAMBONZ, ok).flow();
        }
        if (mid == Mid.OK_CAPTURED_TWICE) {
            call.duplicate(LIVEKIT, JAMBONZ, ok);
        } else if (mid == Mid.LATE_ACK) {
            call.resend(LIVEKIT, JAMBONZ, ok);
        }
        if (mid == Mid.ACK_NOT_MATCHED) {
            return call.send(JAMBONZ, LIVEKIT, inDialog("ACK", 1, JAMBONZ, "")).resend(LIVEKIT, JAMBONZ, ok).flow();
        }
        call.send(JAMBONZ, LIVEKIT, inDialog("ACK", 1, JAMBONZ, ""));
        switch (mid) {
            case TRANSFER_BUSY, TRANSFER_OK -> {
                String refer = inDialog("REFER", 2, LIVEKIT, "", "Refer-To: <sip:+4930555@carrier>");
                String frag = mid == Mid.TRANSFER_OK ? "SIP/2.0 200 OK\r\n" : "SIP/2.0 486 Busy Here\r\n";
                String notify = inDialog("NOTIFY", 3, JAMBONZ, frag, "Event: refer", "Content-Type: message/sipfrag");
                call.send(LIVEKIT, JAMBONZ, refer).send(JAMBONZ, LIVEKIT, SipTexts.response(refer, 202, "Accepted"))
                        .send(JAMBONZ, LIVEKIT, notify).send(LIVEKIT, JAMBONZ, SipTexts.response(notify, 200, "OK"));
            }
            case OK_CAPTURED_TWICE, LATE_ACK -> {
                // the answer and its ACK only
            }
            case BYE_481, BYE_OK -> {
                String bye = inDialog("BYE", 2, JAMBONZ, "");
                call.send(JAMBONZ, LIVEKIT, bye).send(LIVEKIT, JAMBONZ, mid == Mid.BYE_OK ? SipTexts.response(bye, 200, "OK")
                        : SipTexts.response(bye, 481, "Call/Transaction Does Not Exist"));
            }
            case BYE_UNANSWERED -> {
                String bye = inDialog("BYE", 2, JAMBONZ, "");
                call.send(JAMBONZ, LIVEKIT, bye).resend(JAMBONZ, LIVEKIT, bye).resend(JAMBONZ, LIVEKIT, bye);
            }
            case TIMER_EXPIRED, TIMER_OK -> {
                String bye = inDialog("BYE", 2, LIVEKIT, "");
                call.after(mid == Mid.TIMER_OK ? 30 : 95).send(LIVEKIT, JAMBONZ, bye).send(JAMBONZ, LIVEKIT, SipTexts.response(bye, 200, "OK"));
            }
            case T38_REFUSED -> {
                String t38 = "v=0\r\no=- 2 2 IN IP4 " + JAMBONZ + "\r\ns=-\r\nc=IN IP4 " + JAMBONZ + "\r\nt=0 0\r\n"
                        + "m=image 16756 udptl t38\r\na=T38FaxVersion:0\r\n";
                String reinvite = inDialog("INVITE", 2, JAMBONZ, t38, "Content-Type: application/sdp");
                call.send(JAMBONZ, LIVEKIT, reinvite).send(LIVEKIT, JAMBONZ, SipTexts.response(reinvite, 488, "Not Acceptable Here"));
            }
            default -> {
                String reinvite = inDialog("INVITE", 2, JAMBONZ, SipTexts.SDP_G711, "Content-Type: application/sdp");
                call.send(JAMBONZ, LIVEKIT, reinvite).send(LIVEKIT, JAMBONZ, mid == Mid.GLARE
                        ? SipTexts.response(reinvite, 491, "Request Pending") : mid == Mid.REINVITE_488
                        ? SipTexts.response(reinvite, 488, "Not Acceptable Here") : mid == Mid.REINVITE_NEW_CALL
                        ? SipTexts.response(reinvite, 100, "Processing") : SipTexts.response(reinvite, 200, "OK"));
                if (mid == Mid.REINVITE_NEW_CALL) {
                    call.send(LIVEKIT, JAMBONZ, SipTexts.response(reinvite, 180, "Ringing"))
                            .send(LIVEKIT, JAMBONZ, SipTexts.response(reinvite, 404, "No trunk found"));
                }
            }
        }
        return call.flow();
    }

    /**
     * Jambonz calls LiveKit, LiveKit answers, then sends REFER, which Jambonz answers {@code referAnswer} ("202
     * Accepted"), followed by one NOTIFY (Event: refer) per sipfrag body, each answered 200 by LiveKit.
     */
    static CallFlow liveKitTransfer(String referAnswer, String... sipfrags) {
        return liveKitTransferCall(referAnswer, sipfrags).flow();
    }

    /** {@link #liveKitTransfer}'s call, to go on with (the NOTIFYs took CSeq 3 on). */
    static TestCall liveKitTransferCall(String referAnswer, String... sipfrags) {
        return liveKitTransferNotifying("Event: refer", referAnswer, sipfrags);
    }

    /** {@link #liveKitTransferCall} with the Event header line {@code event} in each NOTIFY (the REFER has CSeq 2). */
    static TestCall liveKitTransferNotifying(String event, String referAnswer, String... sipfrags) {
        String invite = SipTexts.invite("call-mid", LK_URI, CALLER, JAMBONZ, SipTexts.SDP_G711);
        String ok = SipTexts.response(invite, 200, "OK", "Contact: <sip:" + LIVEKIT + ":5060>", SipTexts.sdp(LIVEKIT, "8 PCMA/8000"));
        String refer = inDialog("REFER", 2, LIVEKIT, "", "Refer-To: <sip:+4930555@carrier>");
        String[] answer = referAnswer.split(" ", 2);
        TestCall call = TestCall.carrierJambonzLiveKit().send(JAMBONZ, LIVEKIT, invite).send(LIVEKIT, JAMBONZ, ok)
                .send(JAMBONZ, LIVEKIT, inDialog("ACK", 1, JAMBONZ, "")).send(LIVEKIT, JAMBONZ, refer)
                .send(JAMBONZ, LIVEKIT, SipTexts.response(refer, Integer.parseInt(answer[0]), answer[1]));
        int cseq = 3;
        for (String frag : sipfrags) {
            String notify = inDialog("NOTIFY", cseq++, JAMBONZ, frag, event, "Content-Type: message/sipfrag");
            call.send(JAMBONZ, LIVEKIT, notify).send(LIVEKIT, JAMBONZ, SipTexts.response(notify, 200, "OK"));
        }
        return call;
    }

    /** A request of the answered dialog "call-mid" sent by {@code from} (Jambonz or LiveKit). */
    static String inDialog(String method, int cseq, String from, String body, String... extra) {
        StringBuilder t = new StringBuilder(method + " sip:peer@" + (from.equals(JAMBONZ) ? LIVEKIT : JAMBONZ) + ":5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + from + ":5060;branch=z9hG4bKmid" + method + cseq + "\r\n"
                + "From: <sip:" + CALLER + "@" + JAMBONZ + ">;tag=f1\r\nTo: <" + LK_URI + ">;tag=SCL_1\r\n"
                + "Call-ID: call-mid\r\nCSeq: " + cseq + " " + method + "\r\n");
        for (String e : extra) {
            t.append(e).append("\r\n");
        }
        return t.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body).toString();
    }

    /** An INVITE for extension 100 from a host of {@code role} whose User-Agent is {@code agent}, answered 401. */
    static CallFlow probedBy(Role role, String agent) {
        String invite = SipTexts.invite("probe-1", "sip:100@198.51.100.20", "100", "203.0.113.66", SipTexts.SDP_G711,
                "User-Agent: " + agent);
        return new TestCall().hop("203.0.113.66", role).hop("198.51.100.20", Role.SIP_ENDPOINT)
                .send("203.0.113.66", "198.51.100.20", invite)
                .send("198.51.100.20", "203.0.113.66", SipTexts.response(invite, 401, "Unauthorized"))
                .flow();
    }

    /** REGISTER challenged with 401, sent again with credentials and answered {@code retried}. */
    static CallFlow registration(int retried) {
        return challenged("REGISTER", retried);
    }

    /** A {@code method} request (not INVITE) challenged with 401, sent again with credentials and answered {@code retried}. */
    static CallFlow challenged(String method, int retried) {
        String register = method + " sip:sip.provider.example SIP/2.0\r\nVia: SIP/2.0/UDP 172.20.11.236:5060;branch=z9hG4bKr1\r\n"
                + "From: <sip:jambonz@sip.provider.example>;tag=r1\r\nTo: <sip:jambonz@sip.provider.example>\r\n"
                + "Call-ID: reg-1\r\nCSeq: 1 " + method + "\r\nContact: <sip:172.20.11.236:5060>\r\nContent-Length: 0\r\n\r\n";
        String again = register.replace("CSeq: 1 " + method, "CSeq: 2 " + method).replace("branch=z9hG4bKr1", "branch=z9hG4bKr2")
                .replace("Content-Length: 0", "Authorization: Digest username=\"jambonz\", realm=\"provider\", nonce=\"n1\", "
                        + "uri=\"sip:provider.example\", response=\"00\"\r\nContent-Length: 0");
        return new TestCall().hop(JAMBONZ, Role.JAMBONZ).hop("89.184.187.124", Role.SIP_ENDPOINT)
                .send(JAMBONZ, "89.184.187.124", register)
                .send("89.184.187.124", JAMBONZ, SipTexts.response(register, 401, "Unauthorized"))
                .send(JAMBONZ, "89.184.187.124", again)
                .send("89.184.187.124", JAMBONZ, SipTexts.response(again, retried, retried < 300 ? "OK" : retried == 489 ? "Bad Event" : "Unauthorized"))
                .flow();
    }

    private static final String PROVIDER = "sip.provider.example";

    /** LiveKit calls out straight to a provider, which answers with the given status lines (none: INVITE sent twice). */
    static CallFlow outbound(String... answers) {
        String invite = OutboundCapture.liveKitInvite(PROVIDER);
        if (answers.length == 0) {
            return new OutboundCapture().send(OutboundCapture.LIVEKIT, OutboundCapture.CARRIER, invite)
                    .send(OutboundCapture.LIVEKIT, OutboundCapture.CARRIER, invite).flows().get(0);
        }
        return OutboundCapture.direct(invite, java.util.Arrays.stream(answers).map(a -> OutboundCapture.status(invite, a))
                .toArray(String[]::new)).get(0);
    }

    /** LiveKit's INVITE challenged with 407, its retry with the trunk's credentials answered {@code retried}. */
    static CallFlow outboundAuth(int retried) {
        String first = OutboundCapture.liveKitInvite(PROVIDER);
        String retry = OutboundCapture.withCredentials(first, 2, "Proxy-Authorization", "sip:+4930123456@" + PROVIDER,
                OutboundCapture.PASSWORD);
        return new OutboundCapture().send(OutboundCapture.LIVEKIT, OutboundCapture.CARRIER, first)
                .send(OutboundCapture.CARRIER, OutboundCapture.LIVEKIT, OutboundCapture.challenge(first, 407, 2))
                .send(OutboundCapture.LIVEKIT, OutboundCapture.CARRIER, retry)
                .send(OutboundCapture.CARRIER, OutboundCapture.LIVEKIT, retried == 200
                        ? SipTexts.response(retry, 200, "OK", SipTexts.sdp(OutboundCapture.CARRIER, "0 PCMU/8000"))
                        : OutboundCapture.challenge(retry, 407, 3))
                .flows().get(0);
    }

    /** 407, then a retry with credentials answered {@code retryFinal}. */
    static CallFlow authCall(String retryFinal) {
        String invite = SipTexts.invite("call-auth", LK_URI, CALLER, JAMBONZ, SipTexts.SDP_G711);
        String retry = SipTexts.retry(invite, 2,
                "Proxy-Authorization: Digest username=\"jambonz\", realm=\"LiveKit\", nonce=\"abc\", uri=\"" + LK_URI + "\", response=\"00\"");
        String[] parts = retryFinal.split(" ", 2);
        return TestCall.carrierJambonzLiveKit()
                .send(JAMBONZ, LIVEKIT, invite)
                .send(LIVEKIT, JAMBONZ, SipTexts.response(invite, 100, "Processing"))
                .send(LIVEKIT, JAMBONZ, SipTexts.response(invite, 407, "Unauthorized"))
                .send(JAMBONZ, LIVEKIT, retry)
                .send(LIVEKIT, JAMBONZ, SipTexts.response(retry, 100, "Processing"))
                .send(LIVEKIT, JAMBONZ, SipTexts.response(retry, Integer.parseInt(parts[0]), parts[1]))
                .flow();
    }

    /** Jambonz calls out to a carrier, which answers {@code status}. */
    private static CallFlow carrierCall(String status) {
        String invite = SipTexts.invite("call-out", "sip:+4930111111@89.184.187.124", CALLER, JAMBONZ, SipTexts.SDP_G711);
        String[] parts = status.split(" ", 2);
        return TestCall.carrierJambonzLiveKit().send(JAMBONZ, "89.184.187.124", invite)
                .send("89.184.187.124", JAMBONZ, SipTexts.response(invite, Integer.parseInt(parts[0]), parts[1])).flow();
    }

    private static CallFlow privateNetworkCall() {
        String invite = SipTexts.invite("call-lan", "sip:" + DID + "@10.0.0.9", CALLER, JAMBONZ, SipTexts.SDP_G711);
        return new TestCall().hop(JAMBONZ, Role.JAMBONZ).hop("10.0.0.9", Role.SIP_ENDPOINT)
                .send(JAMBONZ, "10.0.0.9", invite)
                .send("10.0.0.9", JAMBONZ, SipTexts.response(invite, 200, "OK")).flow();
    }

}
