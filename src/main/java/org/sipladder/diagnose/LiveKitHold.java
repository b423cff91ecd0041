package org.sipladder.diagnose;

import java.util.List;
import java.util.Map;
import org.sipladder.flow.Leg;
import org.sipladder.flow.Role;
import org.sipladder.media.SdpAnnouncement;

/**
 * How LiveKit answers a re-INVITE that puts the call on hold, and what that does to the call. LiveKit takes a
 * re-INVITE of an established call as a keep-alive (livekit/sip {@code pkg/sip/inbound.go} processInvite: {@code
 * AcceptAsKeepAlive} answers 200 OK with LiveKit's first SDP, sendrecv, for its inbound and its outbound calls); of
 * the offer it takes only a new c= address ({@code media_port.go} {@code UpdateRemote}, which ignores 0.0.0.0), never
 * the direction. So it keeps sending the room's audio, plays whatever RTP arrives into the room, and its media timeout
 * keeps counting. The user cannot change LiveKit's answer, only what reaches it and what the agent does.
 */
final class LiveKitHold {

    /**
     * What a held call does at LiveKit for one offered direction, and how much it matters; {@code meaning} null for
     * the directions that run into the media timeout ({@link #timeout}).
     */
    private record Effect(Severity severity, String meaning) {
    }

    /** What a hold without RTP does, with the call's later media timeout ({@link DiagnosisContext#liveKitLaterTimeout}). */
    private static String timeout(String laterTimeout) {
        return "the holder sends no RTP while the call is held, and LiveKit, which does not know the call is on hold, "
                + "ends it with a BYE once no RTP has reached it for its media_timeout (" + laterTimeout + "): a hold longer than that drops the call. LiveKit keeps sending the room's audio (the "
                + "agent's speech) to the holder meanwhile.";
    }

    private static final Map<String, Effect> EFFECTS = Map.of(
            "sendonly", new Effect(Severity.INFO, "the holder keeps sending (usually music on hold) and LiveKit plays "
                    + "it into the room as the caller's audio: the agent hears the hold music and may take it for "
                    + "speech and answer it. LiveKit keeps sending the room's audio (the agent's speech) to the holder, "
                    + "which drops it while holding, so nobody hears what the agent says during the hold."),
            "inactive", new Effect(Severity.WARNING, null),
            "recvonly", new Effect(Severity.WARNING, null));

    /** What the user can do about a hold LiveKit does not take: its answer is not theirs to change. */
    static final List<String> STEPS = List.of(
            "LiveKit's answer cannot be changed: handle the hold in the agent instead (with LiveKit's API, mute "
                    + "or pause the agent's audio and its turn detection while the caller is held, and resume after "
                    + "the resume re-INVITE).",
            "Or keep the hold from reaching LiveKit: have the SBC in front of it (Jambonz) or the carrier answer "
                    + "the hold on its own leg and keep sending audio (or its own music on hold) toward LiveKit, "
                    + "instead of passing the re-INVITE on to LiveKit.");

    /** What LiveKit does with a re-INVITE, for a finding whose call it ended on hold. */
    static final String KEEP_ALIVE = "LiveKit takes no hold from a re-INVITE: it answers with the SDP of its first "
            + "answer and treats the re-INVITE as a keep-alive (livekit/sip AcceptAsKeepAlive)";

    /** The c= address of the hold of RFC 2543 (RFC 3264 8.4 still asks answerers to honour it). */
    static final String UNSPECIFIED = "0.0.0.0";

    private LiveKitHold() {
    }

    /** How a hold offer is named: its direction, or c=0.0.0.0 for the old hold that keeps a=sendrecv. */
    static String holdName(SdpAnnouncement hold) {
        return UNSPECIFIED.equals(hold.address()) && "sendrecv".equals(hold.direction()) ? "c=" + UNSPECIFIED
                : "a=" + hold.direction();
    }

    /**
     * The finding about LiveKit's answer {@code answer} to the hold {@code offer} on {@code leg}, whose call's later
     * media timeout is {@code laterTimeout} ({@link DiagnosisContext#liveKitLaterTimeout}).
     */
    static Finding finding(String flowId, Leg leg, SdpAnnouncement offer, SdpAnnouncement answer, List<String> facts,
                           String laterTimeout) {
        FindingCode code = MediaHoldMismatchCheck.CODE;
        Effect effect = EFFECTS.get(offer.direction());
        String liveKit = Role.LIVEKIT.displayName() + " (" + answer.sipSrc().address() + ")";
        String holder = offer.sipSrc().address();
        String why = holder + " put the call on hold with a=" + offer.direction() + " (" + offer.describe() + ") and "
                + liveKit + " answered a=" + answer.direction() + " (" + answer.describe() + "), which RFC 3264 "
                + "does not allow. LiveKit does this to every re-INVITE: it answers with the SDP of its first answer "
                + "and treats the re-INVITE as a keep-alive, taking no hold from it (livekit/sip AcceptAsKeepAlive). "
                + "For this call that means: " + (effect.meaning() == null ? timeout(laterTimeout) : effect.meaning());
        String title = "LiveKit does not take hold from a re-INVITE: a=" + offer.direction() + " answered a="
                + answer.direction();
        return new Finding(code, effect.severity(), title, why, leg.callId(), flowId, false,
                Findings.evidence(List.of(offer.frame(), answer.frame()), List.of(), facts),
                Findings.fix(STEPS, List.of(), null));
    }
}
