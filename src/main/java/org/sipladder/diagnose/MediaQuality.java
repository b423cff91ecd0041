package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.flow.CallFlow;
import org.sipladder.media.RtpStream;
import org.sipladder.media.SdpAnnouncement;

/** The streams whose quality the loss and jitter checks judge: those of a leg with enough packets to say. */
final class MediaQuality {

    /** Fewer packets than this (two seconds of 20 ms frames) say too little about loss or jitter. */
    static final long MIN_PACKETS = 100;

    private MediaQuality() {
    }

    static List<RtpStream> streams(MediaLeg leg) {
        return leg.streams().stream().filter(s -> s.stats().packets() >= MIN_PACKETS).toList();
    }

    /**
     * Whether a judged stream of a leg fails a check. The context is handed in (as to {@link StreamFinding}), so that a
     * check needing it is a lambda holding nothing: one holding the context is made anew at each check of a call,
     * under the quick JIT by a call into the VM.
     */
    interface StreamTest {
        boolean fails(DiagnosisContext context, MediaLeg leg, RtpStream s);
    }

    /** The finding about a judged stream that failed a check. */
    interface StreamFinding {
        Finding of(DiagnosisContext context, MediaLeg leg, RtpStream s);
    }

    /**
     * A finding for every judged stream of the context's calls that {@code fails}, each stream once in a call: the
     * loss and jitter checks' walk.
     */
    static List<Finding> findings(DiagnosisContext context, StreamTest fails, StreamFinding finding) {
        List<Finding> findings = new ArrayList<>();
        if (MediaLeg.noStreams(context)) {
            return findings;
        }
        for (CallFlow flow : context.flows()) {
            List<RtpStream> judged = new ArrayList<>();
            for (MediaLeg leg : context.mediaLegs(flow)) {
                for (RtpStream s : streams(leg)) {
                    if (!MediaLeg.holds(judged, s)) {
                        judged.add(s);
                        if (fails.fails(context, leg, s)) {
                            findings.add(finding.of(context, leg, s));
                        }
                    }
                }
            }
        }
        return findings;
    }

    /**
     * The party a stream comes from, named as the other media findings name it ("LiveKit (192.0.2.50)"), or its
     * source endpoint when the leg does not place the stream.
     */
    static String senderName(MediaLeg leg, RtpStream s) {
        MediaParty to = leg.receiver(s);
        return to == null ? s.key().src().toString() : MediaLeg.senderName(leg.other(to), s);
    }

    /** How much earlier than a stream's largest gap an offer or answer may come and still be what paused it. */
    static final long HOLD_SLACK_MICROS = 1_000_000;

    /**
     * The offer or answer that put the direction of {@code s} on hold across the stream's largest gap, or null: one of
     * the leg's SDPs made during the gap (or just before it) under which the sender does not send (recvonly, inactive)
     * or the receiver does not receive (sendonly, inactive), RFC 3264 8.4. A sender on hold stops its RTP, so the gap,
     * and the jitter its return adds when its RTP clock did not run on, measure the hold, not the path.
     */
    static SdpAnnouncement holdAcrossLargestGap(MediaLeg leg, RtpStream s) {
        long end = s.stats().maxDeltaMicros();
        MediaParty to = leg.receiver(s);
        if (end == 0 || to == null) {
            return null;
        }
        MediaParty from = leg.other(to);
        long start = end - (long) (s.stats().maxDeltaMs() * 1000);
        SdpAnnouncement held = heldIn(from.sdp(), from, to, start, end);
        return held != null ? held : heldIn(to.sdp(), from, to, start, end);
    }

    private static SdpAnnouncement heldIn(List<SdpAnnouncement> sdp, MediaParty from, MediaParty to, long start, long end) {
        for (int i = 0; i < sdp.size(); i++) {
            SdpAnnouncement a = sdp.get(i);
            if (a.micros() >= start - HOLD_SLACK_MICROS && a.micros() <= end) {
                SdpAnnouncement sender = from.sdpAt(a.frame());
                SdpAnnouncement receiver = to.sdpAt(a.frame());
                if (sender != null && !sender.sends() || receiver != null && !receiver.receives()) {
                    return a;
                }
            }
        }
        return null;
    }

    /** The party a stream goes to, or its destination address when the leg does not name it. */
    static String receiverName(MediaLeg leg, RtpStream s) {
        MediaParty to = leg.receiver(s);
        return to == null ? s.key().dst().toString() : to.name(s.firstFrame());
    }
}
