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
 * the user can fix there: {@link LiveKitHold} says what that does to the call. A B2BUA (Jambonz) that passed the hold
 * on to LiveKit and LiveKit's answer back has not answered wrongly itself: its leg's finding is information naming
 * LiveKit's, one finding per root cause.
 */
final class MediaHoldMismatchCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.MEDIA_HOLD_MISMATCH;

    /** The answers RFC 3264 allows to each holding direction. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "sendonly", Set.of("recvonly", "inactive"),
            "inactive", Set.of("inactive"),
            "recvonly", Set.of("sendonly", "inactive"));

    /** One hold answered against RFC 3264 on one leg; {@code atLiveKit} when LiveKit answered it as a re-INVITE. */
    private record Hold(Leg leg, SdpAnnouncement offer, SdpAnnouncement answer, Set<String> allowed,
                        boolean reInvite, boolean atLiveKit) {
    }

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        // only an offer that holds (no sendrecv) can be answered wrongly: none in most captures
        if (context.media().announcements().isEmpty() || context.media().requestsAllSendRecv()) {
            return findings;
        }
        for (CallFlow flow : context.flows()) {
            List<Hold> holds = holds(flow, context);
            if (holds.isEmpty()) {
                continue;
            }
            Finding[] made = new Finding[holds.size()];
            // LiveKit's own answers first: an answer relayed from one of them names its finding
            for (int i = 0; i < made.length; i++) {
                Hold h = holds.get(i);
                made[i] = h.atLiveKit() ? LiveKitHold.finding(flow.id(), h.leg(), h.offer(), h.answer(), facts(h),
                        context.liveKitLaterTimeout(flow)) : null;
            }
            for (int i = 0; i < made.length; i++) {
                if (made[i] == null) {
                    int from = relayedFrom(holds.get(i), holds);
                    made[i] = from >= 0 ? relayed(flow, holds.get(i), holds.get(from), made[from])
                            : finding(flow, holds.get(i));
                }
            }
            findings.addAll(List.of(made));
        }
        return findings;
    }

    /** The holds of {@code flow} answered against RFC 3264, in the order of its legs and offers. */
    private static List<Hold> holds(CallFlow flow, DiagnosisContext context) {
        // a proxy or B2BUA passing the offer and its answer on repeats the same hold: told once a call
        List<Hold> found = new ArrayList<>();
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
                        && found.stream().noneMatch(f -> same(f.offer(), offer) && same(f.answer(), answer))) {
                    boolean reInvite = established(offer, sdp);
                    found.add(new Hold(leg, offer, answer, allowed, reInvite,
                            reInvite && flow.hasHop(answer.sipSrc(), Role.LIVEKIT)));
                }
            }
        }
        return found;
    }

    /**
     * The index in {@code holds} of LiveKit's answer to the same hold that {@code h}'s answerer passed on: a B2BUA
     * (Jambonz) that got the hold, offered it to LiveKit on its next leg and answered with the direction LiveKit
     * answered there, all within its own transaction. -1 when the answerer answered on its own: no such re-INVITE
     * inside its transaction, another direction offered or answered (LiveKit's answer held, so no finding there).
     */
    private static int relayedFrom(Hold h, List<Hold> holds) {
        for (int i = 0; i < holds.size(); i++) {
            Hold lk = holds.get(i);
            if (lk.atLiveKit() && h.reInvite() && lk.leg() != h.leg()
                    && lk.offer().frame() > h.offer().frame() && lk.answer().frame() < h.answer().frame()
                    && lk.offer().direction().equals(h.offer().direction())
                    && lk.answer().direction().equals(h.answer().direction())) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> facts(Hold h) {
        return List.of("Offer: " + MediaLeg.sdpFact(h.offer()), "Answer: " + MediaLeg.sdpFact(h.answer()));
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

    private static Finding finding(CallFlow flow, Hold h) {
        SdpAnnouncement offer = h.offer();
        SdpAnnouncement answer = h.answer();
        String peer = answer.sipSrc().address();
        return new Finding(CODE, CODE.severity(), CODE.title(offer.direction(), answer.direction()), mismatch(h)
                + " The two sides now disagree about who sends media: expect one-way audio, or hold that does not take "
                + "effect.", h.leg().callId(), flow.id(),
                false, Findings.evidence(List.of(offer.frame(), answer.frame()), List.of(), facts(h)),
                Findings.fix(List.of("Make " + peer + " answer a hold offer with the mirrored direction (sendonly -> "
                        + "recvonly, inactive -> inactive); for a B2BUA such as Jambonz/FreeSWITCH, pass the hold "
                        + "through to the other leg rather than answering sendrecv itself."), List.of(), null));
    }

    /** "holder offered a=sendonly (...) and peer answered a=sendrecv (...); RFC 3264 allows only ...". */
    private static String mismatch(Hold h) {
        SdpAnnouncement offer = h.offer();
        SdpAnnouncement answer = h.answer();
        return offer.sipSrc().address() + " offered a=" + offer.direction() + " (" + offer.describe() + ") and "
                + answer.sipSrc().address() + " answered a=" + answer.direction() + " (" + answer.describe()
                + "); RFC 3264 allows only " + String.join(" or ", h.allowed().stream().sorted().toList()) + ".";
    }

    /**
     * {@code h}'s finding when its answerer only passed on LiveKit's answer {@code lk} to the same hold: one root cause,
     * told by LiveKit's leg ({@code cause}), so this one is information naming it, with that finding's advice.
     */
    private static Finding relayed(CallFlow flow, Hold h, Hold lk, Finding cause) {
        String peer = h.answer().sipSrc().address();
        String named = CODE + " on leg " + lk.leg().callId() + ": " + cause.title();
        String why = mismatch(h) + " " + peer + " did not answer this on its own: it passed the re-INVITE on to "
                + Role.LIVEKIT.displayName() + " (frame " + lk.offer().frame() + ") and answered with the direction "
                + "LiveKit's answer gave (frame " + lk.answer().frame() + "). This follows from LiveKit's answer ("
                + named + "), not a second problem: that finding says what it does to the call.";
        List<String> facts = new ArrayList<>(facts(h));
        facts.add("Passed on to LiveKit: " + MediaLeg.sdpFact(lk.offer()));
        facts.add("LiveKit's answer: " + MediaLeg.sdpFact(lk.answer()));
        return new Finding(CODE, Severity.INFO, CODE.title(h.offer().direction(), h.answer().direction()), why,
                h.leg().callId(), flow.id(), false, Findings.evidence(List.of(h.offer().frame(), lk.offer().frame(),
                lk.answer().frame(), h.answer().frame()), List.of(), facts),
                Findings.fix(List.of("Nothing to fix at " + peer + " for this: follow the advice of the finding about "
                        + "LiveKit's answer (" + named + "); " + peer + " only passed that answer on."), List.of(), null));
    }
}
