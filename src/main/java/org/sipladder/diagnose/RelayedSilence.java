package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.flow.Role;
import org.sipladder.media.RtpStream;
import org.sipladder.media.SdpAnnouncement;

/**
 * What a MEDIA_ONE_WAY finding says about the call's other legs when the party that sent nothing anchors the media
 * of another leg too ({@link MediaRelays}): the silence came from that leg (no audio reached the relay there), or
 * the relay itself dropped audio it got, or the capture does not show that leg; and, on the leg where silence
 * started, the leg it was passed on to.
 */
final class RelayedSilence {

    private final MediaLeg leg;
    private final MediaParty silentTo;
    private final MediaParty sender;
    private final String senderName;
    private final String silentName;
    /** The leg the sender's audio for {@code silentTo} was to come from, or null. */
    private final MediaRelays.Feed feed;
    private final MediaRelays.Upstream upstream;
    /** Where the silence started when it came over relays, or null. */
    private final MediaRelays.Feed origin;
    /** The leg {@code silentTo} was to relay this audio to, silent too, or null. */
    private final MediaRelays.Feed passedOn;

    RelayedSilence(List<MediaLeg> legs, MediaLeg leg, MediaParty silentTo, String senderName, String silentName) {
        this.leg = leg;
        this.silentTo = silentTo;
        this.sender = leg.other(silentTo);
        this.senderName = senderName;
        this.silentName = silentName;
        this.feed = MediaRelays.feed(legs, leg, sender);
        this.upstream = feed == null ? null : feed.upstream();
        this.origin = upstream == MediaRelays.Upstream.SILENT ? MediaRelays.origin(legs, leg, silentTo) : null;
        this.passedOn = MediaRelays.passedOn(legs, leg, silentTo);
    }

    /** True when audio reached the sender on the leg it relays: it had something to pass on. */
    boolean heardUpstream() {
        return upstream == MediaRelays.Upstream.HEARD;
    }

    /**
     * True when the sender got audio on the leg it relays and sent none at all toward the silent party here, while
     * the capture shows it sending on that other leg: the capture point sees what the relay sends, so no firewall on
     * the way to the silent party hid packets of its; the relay (or its own host) never sent them.
     */
    boolean relayWithheld() {
        return heardButSentNone() && !feed.leg().toward(feed.far()).isEmpty();
    }

    /**
     * True when the sender got audio on the leg it relays and the capture shows none of it sent toward the silent
     * party here, to any port (RTP sent to a wrong port was passed on, and that port is the reason instead).
     */
    boolean heardButSentNone() {
        return heardUpstream() && leg.toward(silentTo).isEmpty();
    }

    /** True when the silence on this leg follows from no audio reaching the sender on the leg it relays. */
    boolean follows() {
        return origin != null;
    }

    /** Why, when it {@link #follows}: the relay had nothing to pass on; adds the other leg's facts and frames. */
    String followsWhy(List<String> facts, List<Long> frames) {
        String far = name(feed.far());
        addSilentLeg(feed, facts, frames);
        if (origin.leg() != feed.leg()) {
            addSilentLeg(origin, facts, frames);
        }
        String start = origin.leg() == feed.leg() ? "on that leg"
                : "further up, on " + origin.leg().named() + ", where no RTP from " + name(origin.far())
                + " reached " + name(origin.relay());
        return "This follows from its other leg: " + senderName + " relays to " + silentName + " the audio it gets "
                + "from " + far + " on " + feed.leg().named() + ", and no RTP from " + far + " reached it "
                + "there. A media relay cannot forward what it never received: the silence starts " + start
                + ", and that leg's finding names its cause.";
    }

    /** The fix, when it {@link #follows}: the leg where the silence started, not this one. */
    List<String> followsFix() {
        return List.of("Fix the missing audio from " + name(origin.far()) + " to " + name(origin.relay())
                + " on " + origin.leg().named() + " first (that leg's MEDIA_ONE_WAY finding): " + senderName
                + " passes it on to " + silentName + " once it arrives. Only if " + silentName + " still hears nothing "
                + "then, look at the path from " + senderName + " to " + silentName + ".");
    }

    /** What the call's other legs add to the reasons, when the silence did not {@link #follows follow} from one. */
    String around(List<String> facts, List<Long> frames) {
        StringBuilder text = new StringBuilder();
        if (upstream == MediaRelays.Upstream.HEARD) {
            List<RtpStream> got = feed.leg().toward(feed.relay());
            for (RtpStream s : got) {
                facts.add(feed.leg().factPrefix() + ": RTP to " + senderName + " from " + name(feed.far())
                        + ": " + MediaLeg.describe(s));
                frames.add(s.firstFrame());
            }
            text.append(" Yet the audio was there to relay: on its other leg (").append(feed.leg().leg.callId())
                    .append(") ").append(MediaLeg.packets(got)).append(" RTP packets from ").append(name(feed.far()))
                    .append(" reached ").append(senderName).append(", so ").append(senderName)
                    .append(" itself did not pass them on to ").append(silentName).append(": ")
                    .append(relayRole() == Role.JAMBONZ ? "its media relay (rtpengine) did not bridge the two legs"
                            : "its media relay did not bridge the two legs")
                    .append(", or its own host drops the UDP it sends.");
        } else if (upstream == MediaRelays.Upstream.UNSEEN) {
            text.append(" On its other leg (").append(feed.leg().leg.callId()).append(") the capture holds no RTP "
                    + "either way, so whether ").append(name(feed.far())).append(" sent ").append(senderName)
                    .append(" any audio to pass on, it does not show.");
        } else if (outsideView()) {
            text.append(" If ").append(senderName).append(" bridged this call to another leg (")
                    .append(relayRole() == Role.JAMBONZ ? "toward LiveKit or its application" : "as a B2BUA does")
                    .append("), it relays to ").append(silentName).append(" the audio it gets there, and that leg "
                    + "is not in this capture: whether any audio reached ").append(senderName)
                    .append(" there, the capture does not show (a relay cannot forward what it never received).");
        }
        if (passedOn != null) {
            String next = name(passedOn.far());
            facts.add(reached(passedOn.leg(), passedOn.far(), silentName));
            frames.add(passedOn.leg().answer.frame());
            text.append(" ").append(silentName).append(" relays this audio to ").append(next).append(" on ")
                    .append(passedOn.leg().named()).append(", where none arrived either: the silence ")
                    .append(next).append(" hears starts here.");
        }
        return text.toString();
    }

    /** {@code base}, the steps against the reasons on this leg, with what the other legs add first. */
    List<String> fixes(List<String> base) {
        List<String> steps = new ArrayList<>();
        if (upstream == MediaRelays.Upstream.HEARD) {
            steps.add(MediaRelays.relayCheck(sender, senderName, List.of(leg.leg.callId(), feed.leg().leg.callId())));
        } else if (upstream == MediaRelays.Upstream.UNSEEN || outsideView()) {
            steps.add("Capture both legs of " + senderName + " (on its host, e.g. tcpdump -i any udp) to tell whether "
                    + "the audio stopped before it or at it.");
        }
        steps.addAll(base);
        return steps;
    }

    /** True when the sender may relay another leg this capture does not hold at all. */
    private boolean outsideView() {
        SdpAnnouncement sdp = sender.sdpAt(Long.MAX_VALUE);
        return feed == null && !sender.relays(sdp) && MediaRelays.mayRelay(relayRole());
    }

    private Role relayRole() {
        return sender.role(sender.sdpAt(Long.MAX_VALUE));
    }

    /** Adds the facts and frames of a feed on which no audio reached the relay. */
    private static void addSilentLeg(MediaRelays.Feed f, List<String> facts, List<Long> frames) {
        String id = f.leg().factPrefix();
        frames.add(f.leg().answer.frame());
        facts.add(reached(f.leg(), f.relay(), name(f.far())));
        for (RtpStream s : f.leg().toward(f.far())) {
            facts.add(id + ": RTP to " + name(f.far()) + ": " + MediaLeg.describe(s));
            frames.add(s.firstFrame());
        }
    }

    /** "Leg b-1: no RTP from LiveKit (192.0.2.50) to Jambonz (198.51.100.20)", or how few packets did. */
    private static String reached(MediaLeg leg, MediaParty to, String fromName) {
        long n = MediaLeg.packets(leg.toward(to));
        return leg.factPrefix() + ": " + (n == 0 ? "no" : "only " + n) + " RTP from " + fromName + " to "
                + name(to);
    }

    private static String name(MediaParty p) {
        return p.name(p.sdpAt(Long.MAX_VALUE));
    }
}
