package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Leg;
import org.sipladder.flow.Role;
import org.sipladder.media.SdpAnnouncement;

/**
 * MEDIA_HOLD_MISMATCH: an offer that puts media on hold (sendonly or inactive; recvonly likewise) answered with a
 * direction RFC 3264 section 6.1 does not allow (sendonly must be answered recvonly or inactive, inactive with
 * inactive, recvonly with sendonly or inactive): the two sides then disagree about who sends, which gives
 * one-way audio or music on hold that never stops. LiveKit answers every hold so, which is its way, not a fault
 * the user can fix there: {@link LiveKitHold} says what that does to the call.
 */
final class MediaHoldMismatchCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.MEDIA_HOLD_MISMATCH;

    /** The answers RFC 3264 allows to each holding direction. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "sendonly", Set.of("recvonly", "inactive"),
            "inactive", Set.of("inactive"),
            "recvonly", Set.of("sendonly", "inactive"));

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        // only an offer that holds (no sendrecv) can be answered wrongly: none in most captures
        if (context.media().announcements().isEmpty() || context.media().requestsAllSendRecv()) {
            return findings;
        }
        for (CallFlow flow : context.flows()) {
            // a proxy or B2BUA passing the offer and its answer on repeats the same hold: told once a call
            List<SdpAnnouncement[]> found = new ArrayList<>();
            for (Leg leg : flow.legs()) {
                List<SdpAnnouncement> sdp = context.media().announcementsOf(leg.callId());
                for (SdpAnnouncement offer : sdp) {
                    Set<String> allowed = ALLOWED.get(offer.direction());
                    // port 0 disables or refuses the stream (RFC 3264 section 6): no hold, whatever its direction
                    if (!offer.isRequest() || allowed == null || offer.port() == 0) {
                        continue;
                    }
                    SdpAnnouncement answer = answerTo(offer, sdp);
                    if (answer != null && answer.port() != 0 && !allowed.contains(answer.direction())
                            && found.stream().noneMatch(f -> same(f[0], offer) && same(f[1], answer))) {
                        found.add(new SdpAnnouncement[] {offer, answer});
                        findings.add(finding(flow, leg, offer, answer, allowed, established(offer, sdp)));
                    }
                }
            }
        }
        return findings;
    }

    /** True when {@code a} and {@code b} announce the same media end in the same direction (one is the other's copy). */
    private static boolean same(SdpAnnouncement a, SdpAnnouncement b) {
        return a.port() == b.port() && a.address().equals(b.address()) && a.direction().equals(b.direction())
                && a.mediaType().equals(b.mediaType());
    }

    /** The first response with SDP to the offer's request (same CSeq and method, same media type). */
    private static SdpAnnouncement answerTo(SdpAnnouncement offer, List<SdpAnnouncement> sdp) {
        for (SdpAnnouncement a : sdp) {
            if (!a.isRequest() && a.frame() > offer.frame() && a.cseq() == offer.cseq()
                    && offer.method() != null && offer.method().equals(a.method())
                    && a.mediaType().equals(offer.mediaType()) && a.status() < 300) {
                return a;
            }
        }
        return null;
    }

    /** True when a 2xx to an INVITE came before {@code offer}: it is a re-INVITE's, in an established dialog. */
    private static boolean established(SdpAnnouncement offer, List<SdpAnnouncement> sdp) {
        for (SdpAnnouncement a : sdp) {
            if (a.frame() < offer.frame() && !a.isRequest() && a.status() >= 200 && a.status() < 300
                    && "INVITE".equals(a.method())) {
                return true;
            }
        }
        return false;
    }

    private static Finding finding(CallFlow flow, Leg leg, SdpAnnouncement offer, SdpAnnouncement answer,
                                   Set<String> allowed, boolean reInvite) {
        List<String> facts = List.of("Offer: " + MediaLeg.sdpFact(offer), "Answer: " + MediaLeg.sdpFact(answer));
        if (reInvite && flow.hasHop(answer.sipSrc(), Role.LIVEKIT)) {
            // LiveKit answers every re-INVITE so: advice to change the answerer would ask the impossible
            return LiveKitHold.finding(flow.id(), leg, offer, answer, facts);
        }
        String holder = offer.sipSrc().address();
        String peer = answer.sipSrc().address();
        return new Finding(CODE, CODE.severity(), CODE.title(offer.direction(), answer.direction()), holder + " offered a=" + offer.direction() + " (" + offer.describe() + ") and "
                + peer + " answered a=" + answer.direction() + " (" + answer.describe() + "); RFC 3264 allows only "
                + String.join(" or ", allowed.stream().sorted().toList()) + ". The two sides now disagree about who "
                + "sends media: expect one-way audio, or hold that does not take effect.", leg.callId(), flow.id(),
                false, Findings.evidence(List.of(offer.frame(), answer.frame()), List.of(), facts),
                Findings.fix(List.of("Make " + peer + " answer a hold offer with the mirrored direction (sendonly -> "
                        + "recvonly, inactive -> inactive); for a B2BUA such as Jambonz/FreeSWITCH, pass the hold "
                        + "through to the other leg rather than answering sendrecv itself."), List.of(), null));
    }
}
