package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sipladder.capture.Unreachable;
import org.sipladder.media.RtpStream;
import org.sipladder.media.SdpAnnouncement;

/**
 * MEDIA_RTP_REFUSED: RTP that the capture shows going to a party came back as ICMP destination-unreachable errors
 * (port unreachable: nothing listens on the port its SDP announced): the party hears nothing, although the RTP is
 * there. An error or two at the start (RTP before the receiver opened its port) is no refusal, nor are errors after
 * the call's BYE.
 */
final class MediaRefusedCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.MEDIA_RTP_REFUSED;
    /** Errors needed: hosts send at most about one a second per peer, so three mean the refusal lasted. */
    static final int MIN_ERRORS = 3;
    /** How long after the stream's last packet an error still counts (ICMP rate limits delay the last one). */
    private static final long LATE_MICROS = 2_000_000;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        return MediaLeg.eachStream(context, MediaRefusedCheck::check);
    }

    private static Finding check(DiagnosisContext context, MediaLeg leg, MediaParty to, RtpStream s) {
        // the errors while the call lasted: after a BYE the receiver closes its port while the sender's last
        // packets are still on the way, and refuses those as a matter of course
        long closed = leg.stoppedListening(to);
        long until = closed >= 0 ? closed : s.lastMicros() + LATE_MICROS;
        List<Unreachable> errors = new ArrayList<>();
        for (Unreachable u : context.media().unreachables(s.key().src(), s.key().dst())) {
            if (u.micros() >= s.firstMicros() && u.micros() < until) {
                errors.add(u);
            }
        }
        if (errors.size() < MIN_ERRORS) {
            return null;
        }
        Unreachable first = errors.get(0);
        Unreachable last = errors.get(errors.size() - 1);
        // refused to the end: the party heard nothing from the first error on; else only for a while
        boolean toTheEnd = last.micros() >= Math.min(s.lastMicros(), until) - LATE_MICROS;
        SdpAnnouncement sdp = to.sdpAt(s.firstFrame());
        String toName = to.name(sdp);
        List<String> facts = new ArrayList<>();
        facts.add("RTP " + MediaLeg.describe(s));
        facts.add(String.format(Locale.ROOT, "%d ICMP %s errors from %s about it, frames %d to %d (%.1f s)",
                errors.size(), first.reason(), first.reporter(), first.frame(), last.frame(),
                (last.micros() - first.micros()) / 1e6));
        if (sdp != null) {
            facts.add(toName + " announced " + sdp.address() + ":" + sdp.port() + " in the SDP of frame " + sdp.frame());
        }
        String meaning = first.portClosed() ? "nothing listens on " + s.key().dst() + " (the port was never opened, "
                + "or closed: its media server or RTP proxy stopped, or a NAT in front forwards to a closed port)"
                : "the network refused it (" + first.reason() + " from " + first.reporter() + ")";
        Finding f = new Finding(CODE, CODE.severity(), CODE.title(s.key().dst(), first.reason()),
                "The capture shows the RTP going to " + toName + ", but " + first.reporter() + " answered it with ICMP "
                        + first.reason() + ": " + meaning + ". " + toName + " hears nothing"
                        + (toTheEnd ? "." : " while the errors last."), leg.leg.callId(), leg.flow.id(), false,
                Findings.evidence(List.of(s.firstFrame(), first.frame(), last.frame()), List.of(), facts),
                Findings.fix(List.of(first.portClosed()
                        ? "Check the media of " + toName + ": that its RTP port " + s.key().dst().port() + " is open "
                        + "while the call lasts (media server or RTP proxy running, the port range it announces is the "
                        + "one it binds), and that any NAT in front of it forwards that port."
                        : "Allow UDP from " + s.key().src().address() + " to " + s.key().dst() + " where "
                        + first.reporter() + " refuses it (firewall, security group, route)."), List.of(), null));
        return toTheEnd ? f : f.withSeverity(Severity.WARNING);
    }
}
