package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.flow.Role;

/**
 * How one-way audio on one leg of a call relates to the call's other legs across a hop that anchors the media of
 * both (a B2BUA such as Jambonz with rtpengine): such a relay sends on one leg only what it gets on the other, so
 * silence it passes on started on the leg it was to come from. Legs whose SDP the hop passed on unchanged are one
 * media session ({@link MediaLeg#of}) and never meet here.
 */
final class MediaRelays {

    /** What {@link Feed#relay} got on its other leg from {@link Feed#far}, the audio it was to pass on. */
    enum Upstream {
        /** No audio reached the relay there though both sides were to send: nothing to pass on. */
        SILENT,
        /** Audio reached the relay there: it had something to pass on. */
        HEARD,
        /** The capture holds no RTP of that leg either way: what reached the relay there it does not show. */
        UNSEEN,
        /** Anything else (the leg on hold, not answered, too short to judge): no verdict. */
        UNKNOWN
    }

    /**
     * The other leg a relay's audio comes from: {@code leg}, on which the relay is the party {@code relay} and
     * {@code far} the party it gets the audio from.
     */
    record Feed(MediaLeg leg, MediaParty relay, MediaParty far) {

        /** What reached the relay on this leg. */
        Upstream upstream() {
            if (MediaOneWayCheck.silentParty(leg) == relay) {
                return Upstream.SILENT;
            }
            if (leg.toCaller.isEmpty() && leg.toCallee.isEmpty() && leg.unplaced.isEmpty()) {
                return leg.answered() ? Upstream.UNSEEN : Upstream.UNKNOWN;
            }
            return MediaOneWayCheck.heard(leg, relay) ? Upstream.HEARD : Upstream.UNKNOWN;
        }
    }

    private MediaRelays() {
    }

    /**
     * The other leg of {@code legs} whose audio {@code relay}, a party of {@code leg}, passes on to {@code leg}: the
     * answered leg on which the same host is a party too, talking to another host; null when the capture holds none.
     */
    static Feed feed(List<MediaLeg> legs, MediaLeg leg, MediaParty relay) {
        MediaParty near = leg.other(relay);
        if (relay.sameHost() || legs.size() < 2) {
            return null;
        }
        for (int i = 0; i < legs.size(); i++) {
            MediaLeg other = legs.get(i);
            if (other == leg || !other.answered() || other.caller.sameHost()) {
                continue;
            }
            for (MediaParty p : new MediaParty[] {other.caller, other.callee}) {
                MediaParty far = other.other(p);
                if (p.address().equals(relay.address()) && !far.address().equals(near.address())) {
                    return new Feed(other, p, far);
                }
            }
        }
        return null;
    }

    /**
     * Where the silence {@code silentTo} hears on {@code leg} started, when it came over relays: the feed furthest
     * up the path on which no audio reached the relay (the relay of each step the far party of the next); null when
     * it started on {@code leg} itself.
     */
    static Feed origin(List<MediaLeg> legs, MediaLeg leg, MediaParty silentTo) {
        Feed origin = null;
        List<MediaLeg> seen = new ArrayList<>(List.of(leg));
        Feed f = feed(legs, leg, leg.other(silentTo));
        while (f != null && !seen.contains(f.leg()) && f.upstream() == Upstream.SILENT) {
            origin = f;
            seen.add(f.leg());
            f = feed(legs, f.leg(), f.far());
        }
        return origin;
    }

    /**
     * The leg to which {@code silentTo}, hearing nothing on {@code leg}, was to relay that audio, when no audio
     * reached the party there either: the silence there started here. Null otherwise.
     */
    static Feed passedOn(List<MediaLeg> legs, MediaLeg leg, MediaParty silentTo) {
        Feed f = feed(legs, leg, silentTo);
        return f != null && MediaOneWayCheck.silentParty(f.leg()) == f.far() ? f : null;
    }

    /**
     * The leg where one-way audio on the call's legs started, when another leg's silence followed from it over a
     * relay; null when none did. Through a proxy both are hops of one Call-ID, told apart by their answers.
     */
    static MediaLeg originLeg(List<MediaLeg> legs) {
        for (int i = 0; i < legs.size(); i++) {
            MediaLeg leg = legs.get(i);
            MediaParty silent = MediaOneWayCheck.silentParty(leg);
            Feed origin = silent == null ? null : origin(legs, leg, silent);
            if (origin != null) {
                return origin.leg();
            }
        }
        return null;
    }

    /**
     * Whether a hop of {@code role} may be a B2BUA that anchors the media and relays it from another leg (Jambonz's
     * rtpengine, a FreeSWITCH or Asterisk bridge): when the capture shows only one of its legs, its silence may have
     * started on the other.
     */
    static boolean mayRelay(Role role) {
        return role == Role.JAMBONZ || role == Role.B2BUA;
    }

    /** The media relay of a hop of {@code role} and what to look at in it, for fix steps. */
    static String relayCheck(MediaParty relay, String relayName, List<String> callIds) {
        String ids = String.join(" / ", callIds);
        if (relay.role() == Role.JAMBONZ) {
            return "Check Jambonz's media relay for this call: on the Jambonz host, rtpengine-ctl list sessions all "
                    + "(or rtpengine's log for Call-ID " + ids + ") shows each leg's streams with their packet counts; "
                    + "packets in on one leg and none out on the other mean rtpengine did not bridge them (rtpengine "
                    + "not running or restarted mid-call, the session not offered and answered on both legs, or its "
                    + "--interface for that side wrong).";
        }
        return "Check the media relay of " + relayName + " (its media server or RTP proxy) for this call (Call-ID "
                + ids + "): whether it received the other leg's RTP and why it did not forward it (the bridge "
                + "never set up, the relay restarted, or it sends from an interface the other side cannot reach).";
    }
}
