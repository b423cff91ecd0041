package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.CallMedia;
import org.sipladder.media.RtpStream;
import org.sipladder.media.SdpAnnouncement;
import org.sipladder.sip.SipMessage;

/**
 * MEDIA_DEAD_AIR: on an answered call with RTP both ways, every stream of the call stopped and nothing went either way
 * for {@link MediaStoppedCheck#SILENT_SECONDS} or more before the BYE, with no hold or comfort noise to explain it.
 * MEDIA_RTP_STOPPED judges one direction stopping while the other goes on; this is its both-ways counterpart, told
 * once per call however many legs (a media relay's two) carried the session.
 */
final class MediaDeadAirCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.MEDIA_DEAD_AIR;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        if (MediaLeg.noStreams(context)) {
            return findings;
        }
        for (CallFlow flow : context.flows()) {
            Finding f = check(context, flow, context.mediaLegs(flow));
            if (f != null) {
                findings.add(f);
            }
        }
        return findings;
    }

    private static Finding check(DiagnosisContext context, CallFlow flow, List<MediaLeg> all) {
        List<MediaLeg> legs = new ArrayList<>();
        MediaLeg ended = null;
        for (MediaLeg leg : all) {
            if (leg.answered() && leg.mediaNegotiated()) {
                legs.add(leg);
                if (leg.bye != null && leg.bye.frame() > leg.answer.frame()
                        && (ended == null || leg.bye.timestampMicros() < ended.bye.timestampMicros())) {
                    ended = leg;
                }
            }
        }
        List<RtpStream> streams = streams(legs);
        if (ended == null || !bothWays(legs) || MediaLeg.comfortNoise(streams)) {
            return null;
        }
        streams.sort(Comparator.comparingLong(RtpStream::lastMicros));
        RtpStream last = streams.get(streams.size() - 1);
        SipMessage bye = ended.bye;
        double silent = (bye.timestampMicros() - last.lastMicros()) / 1e6;
        MediaParty hanger = ended.caller.is(bye.src()) ? ended.caller : ended.callee.is(bye.src()) ? ended.callee : null;
        if (silent < MediaStoppedCheck.SILENT_SECONDS || hanger == null || held(legs, last, bye)
                || atMediaTimeout(ended, hanger, bye)) {
            return null;
        }
        return finding(context, flow, legs, ended, hanger, streams, silent);
    }

    /** Each stream of the legs once (a relayed session's legs may share one). */
    private static List<RtpStream> streams(List<MediaLeg> legs) {
        List<RtpStream> streams = new ArrayList<>();
        for (MediaLeg leg : legs) {
            for (RtpStream s : leg.streams()) {
                if (!MediaLeg.holds(streams, s)) {
                    streams.add(s);
                }
            }
        }
        return streams;
    }

    /** True when some leg carried RTP both ways: no RTP or one-way audio is another finding's. */
    private static boolean bothWays(List<MediaLeg> legs) {
        for (MediaLeg leg : legs) {
            if (MediaLeg.packets(leg.toCaller) >= MediaOneWayCheck.TRICKLE_PACKETS
                    && MediaLeg.packets(leg.toCallee) >= MediaOneWayCheck.TRICKLE_PACKETS) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when a party's SDP asked for the silence: a hold (sendonly, recvonly, inactive, c=0.0.0.0, port 0) in
     * force at the last packet, or offered or answered from shortly before it until the BYE.
     */
    private static boolean held(List<MediaLeg> legs, RtpStream last, SipMessage bye) {
        long from = last.lastMicros() - MediaTimeoutHangupCheck.HOLD_SLACK_MICROS;
        for (MediaLeg leg : legs) {
            for (MediaParty p : List.of(leg.caller, leg.callee)) {
                if (isHold(p.sdpAt(last.lastFrame()))) {
                    return true;
                }
                for (SdpAnnouncement a : p.sdp()) {
                    if (a.frame() > leg.answer.frame() && a.micros() >= from && a.frame() < bye.frame() && isHold(a)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean isHold(SdpAnnouncement a) {
        return a != null && (a.port() == 0 || !(a.sends() && a.receives())
                || LiveKitHold.UNSPECIFIED.equals(a.address()));
    }

    /**
     * True when the BYE is MEDIA_TIMEOUT_HANGUP's: LiveKit's BYE after a silence, which its timer (or a shorter
     * media_timeout on a trunk or rule) explains, or another server's BYE at about 15 s of silence toward it.
     */
    private static boolean atMediaTimeout(MediaLeg leg, MediaParty hanger, SipMessage bye) {
        long lastToward = -1;
        for (RtpStream s : leg.toward(hanger)) {
            lastToward = Math.max(lastToward, s.lastMicros());
        }
        double sinceRtp = (bye.timestampMicros() - lastToward) / 1e6;
        if (hanger.isLiveKit(hanger.sdpAt(bye.frame()))) {
            return sinceRtp >= MediaTimeoutHangupCheck.SHORTEST_GUESSED_SECONDS;
        }
        return sinceRtp >= MediaTimeoutHangupCheck.LATER_SECONDS - 2
                && sinceRtp <= MediaTimeoutHangupCheck.LATER_SECONDS + MediaTimeoutHangupCheck.SLACK_SECONDS;
    }

    private static Finding finding(DiagnosisContext context, CallFlow flow, List<MediaLeg> legs, MediaLeg ended,
                                   MediaParty hanger, List<RtpStream> streams, double silent) {
        SipMessage bye = ended.bye;
        long answer = ended.answer.timestampMicros();
        RtpStream first = streams.get(0);
        RtpStream last = streams.get(streams.size() - 1);
        String hangerName = hanger.name(bye.frame());
        List<String> facts = new ArrayList<>();
        for (RtpStream s : streams) {
            facts.add(String.format(Locale.ROOT, "%s: last packet %.1f s after the answer",
                    MediaLeg.describe(s), (s.lastMicros() - answer) / 1e6));
        }
        facts.add("The call ended with BYE from " + bye.src().address() + " (frame " + bye.frame() + ")");
        List<Long> frames = new ArrayList<>(List.of(ended.answer.frame(), first.lastFrame(), last.lastFrame(),
                bye.frame()));
        String firstSender = first.key().src().address();
        double spread = (last.lastMicros() - first.lastMicros()) / 1e6;
        String firstAt = String.format(Locale.ROOT, "%.1f", (first.lastMicros() - answer) / 1e6);
        String lastAt = String.format(Locale.ROOT, "%.1f", (last.lastMicros() - answer) / 1e6);
        StringBuilder why = new StringBuilder(String.format(Locale.ROOT, "No RTP went either way for %.1f s before "
                + "%s hung up (BYE, frame %d): all %d streams of the call stopped %s s after the answer, and no "
                + "re-INVITE or UPDATE put the call on hold, so both sides heard dead air. ", silent, hangerName,
                bye.frame(), streams.size(), firstAt.equals(lastAt) ? firstAt : "between " + firstAt + " and " + lastAt));
        why.append(String.format(Locale.ROOT, "The first to stop was the RTP from %s (frame %d)%s. ", firstSender,
                first.lastFrame(), spread < 1 ? String.format(Locale.ROOT, "; the others followed within %.1f s, "
                + "as a media relay or an echo does when nothing more comes in", spread)
                : String.format(Locale.ROOT, "; the last stopped %.1f s later (frame %d)", spread, last.lastFrame())));
        Set<String> relays = relays(legs);
        String relayText = String.join(", ", relays);
        why.append(relays.isEmpty() ? "" : "The media went through " + relayText + ", which relays it between the "
                + "legs of the call. ");
        why.append("RTP stopping both ways at once points at what both directions share: a media relay or RTP proxy "
                + "that stopped or dropped the session, a NAT or firewall binding that expired, both sides holding "
                + "or muting without a re-INVITE (no comfort noise was sent), or a capture point that no longer saw "
                + "the media.");
        String liveKit = liveKitTimer(context, flow, legs, hanger, bye, frames);
        why.append(liveKit);
        List<String> steps = new ArrayList<>();
        if (!relays.isEmpty()) {
            steps.add("Check the media relay " + relayText + " (rtpengine or RTP proxy logs, a restart, a session "
                    + "timeout) at the time of frame " + first.lastFrame() + ".");
        }
        steps.add("Check any NAT or firewall on the media path for a UDP binding that expired at frame "
                + first.lastFrame() + ", and whether either phone was put on hold or muted locally.");
        steps.add("Capture at both ends of the media path to see where the RTP stopped.");
        return new Finding(CODE, CODE.severity(), CODE.title(String.format(Locale.ROOT, "%.1f", silent), hangerName),
                why.toString(), ended.leg.callId(), flow.id(), false,
                Findings.evidence(frames.stream().distinct().sorted().toList(), List.of(), facts),
                Findings.fix(steps, List.of(), null));
    }

    /** Media addresses that are a party of two legs: a relay such as rtpengine anchoring both. */
    private static Set<String> relays(List<MediaLeg> legs) {
        Set<String> relays = new LinkedHashSet<>();
        for (int i = 0; i < legs.size(); i++) {
            for (int j = i + 1; j < legs.size(); j++) {
                for (MediaParty p : List.of(legs.get(i).caller, legs.get(i).callee)) {
                    for (MediaParty q : List.of(legs.get(j).caller, legs.get(j).callee)) {
                        String a = p.address(p.sdpAt(Long.MAX_VALUE));
                        if (a.equals(q.address(q.sdpAt(Long.MAX_VALUE)))) {
                            relays.add(a);
                        }
                    }
                }
            }
        }
        return relays;
    }

    /**
     * Where LiveKit is a party that did not hang up: when its media timeout (livekit/sip media_port.go, 15 s from the
     * last packet it read unless a trunk or rule sets media_timeout) would have ended the call, against the BYE.
     */
    private static String liveKitTimer(DiagnosisContext context, CallFlow flow, List<MediaLeg> legs,
                                       MediaParty hanger, SipMessage bye, List<Long> frames) {
        for (MediaLeg leg : legs) {
            for (MediaParty p : List.of(leg.caller, leg.callee)) {
                if (p == hanger || !p.isLiveKit(p.sdpAt(bye.frame())) || leg.toward(p).isEmpty()) {
                    continue;
                }
                RtpStream reached = leg.toward(p).stream().max(Comparator.comparingLong(RtpStream::lastMicros))
                        .orElseThrow();
                CallMedia media = context.liveKitMedia(flow);
                long timeout = media != null ? media.laterTimeoutMicros() : CallMedia.DEFAULT_TIMEOUT_MICROS;
                double silentAtLiveKit = (bye.timestampMicros() - reached.lastMicros()) / 1e6;
                frames.add(reached.lastFrame());
                String setting = context.liveKitLaterTimeout(flow);
                if (silentAtLiveKit * 1e6 < timeout) {
                    return String.format(Locale.ROOT, " LiveKit would have ended the call with its own BYE once no "
                            + "RTP had reached it for its media_timeout (%s), counted from frame %d; the BYE came "
                            + "%.1f s into that silence, before it.", setting, reached.lastFrame(), silentAtLiveKit);
                }
                return String.format(Locale.ROOT, " LiveKit ends a call once no RTP has reached it for its "
                        + "media_timeout (%s), yet it had not hung up %.1f s after the last packet the capture shows "
                        + "reaching it (frame %d): its RTP came by a path the capture does not show, or its "
                        + "media_timeout is longer.", setting, silentAtLiveKit, reached.lastFrame());
            }
        }
        return "";
    }
}
