package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.sipladder.capture.Endpoint;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.ConnectionOwners;
import org.sipladder.flow.Hop;
import org.sipladder.flow.Role;
import org.sipladder.livekit.TrunkAdmission;
import org.sipladder.media.SdpAnnouncement;

/**
 * One side of a {@link MediaLeg}: its address, and the SIP endpoint that sent or got the initial INVITE, which tells
 * the two apart when both are on one host (a proxy and its media server, a test on one machine): then each is known
 * by its endpoint. {@code relayed} are those of its SDP sections that announce another box's media: a proxy or
 * signalling-only B2BUA passing a phone's SDP on, whose media end is the SDP's owner (the c= address), named so in
 * the findings; {@code owners} holds each relayed section's owner hop (null when unknown), in the same order.
 */
record MediaParty(String address, Endpoint sip, boolean sameHost, Role role, List<SdpAnnouncement> sdp,
                  List<SdpAnnouncement> relayed, List<Hop> owners, ConnectionOwners connections) {

    /**
     * True when {@code endpoint} (a SIP message's source or destination) is this party's: the client end of a
     * connection it opened from another address counts as its own ({@link ConnectionOwners}).
     */
    boolean is(Endpoint endpoint) {
        Endpoint e = connections.owner(endpoint);
        return sameHost ? sip.equals(e) : address.equals(e.address());
    }

    /** The party's last SDP section at or before {@code frame}, else its first; null when it sent none. */
    SdpAnnouncement sdpAt(long frame) {
        SdpAnnouncement best = null;
        for (SdpAnnouncement a : sdp) {
            if (a.frame() <= frame || best == null) {
                best = a;
            }
        }
        return best;
    }

    /** True when {@code a}, one of this party's sections, announces another box's media. */
    boolean relays(SdpAnnouncement a) {
        return relayedIndex(a) >= 0;
    }

    private int relayedIndex(SdpAnnouncement a) {
        for (int i = 0; i < relayed.size(); i++) {
            if (relayed.get(i) == a) {
                return i;
            }
        }
        return -1;
    }

    /** The hop whose media {@code a} announces when the party relays it, else null. */
    private Hop owner(SdpAnnouncement a) {
        int i = a == null ? -1 : relayedIndex(a);
        return i < 0 ? null : owners.get(i);
    }

    /** The media end's address as {@code a} announces it: the c= owner's when the party relays it, else its own. */
    String address(SdpAnnouncement a) {
        return a != null && relays(a) ? a.address() : address;
    }

    /** The media end's role as {@code a} announces it: the owner's hop when the party relays it, else its own. */
    Role role(SdpAnnouncement a) {
        if (a == null || !relays(a)) {
            return role;
        }
        Hop owner = owner(a);
        return owner == null ? null : owner.role();
    }

    /**
     * The media end as {@code a} announces it, for text: "10.0.0.5", "LiveKit (129.158.233.108)", or for a party of
     * a shared host its SIP endpoint, "LiveKit (10.0.0.5:5060)".
     */
    String name(SdpAnnouncement a) {
        boolean relays = a != null && relays(a);
        Hop owner = relays ? owner(a) : null;
        String where = relays ? (owner != null && owner.split() ? owner.place() : a.address())
                : sameHost ? sip.toString() : address;
        Role r = role(a);
        return r == null || r == Role.SIP_ENDPOINT ? where : r.displayName() + " (" + where + ")";
    }

    /** {@link #name(SdpAnnouncement)} of the party's SDP in force at {@code frame}. */
    String name(long frame) {
        return name(sdpAt(frame));
    }

    /** {@link #name(SdpAnnouncement)} of the party's last SDP. */
    String name() {
        return name(Long.MAX_VALUE);
    }

    boolean isLiveKit(SdpAnnouncement a) {
        return role(a) == Role.LIVEKIT;
    }

    boolean isLiveKit() {
        return isLiveKit(sdpAt(Long.MAX_VALUE));
    }

    /**
     * The party at {@code sip}, with the SDP it sent: the SDP sent from its address, or from its very endpoint when
     * both parties share the address ({@code sameHost}); not the copies of the other party's SDP that it passed on
     * (a proxy forwarding the offer on to the next hop under the same Call-ID).
     */
    static MediaParty of(CallFlow flow, Endpoint sip, Endpoint peer, boolean sameHost, List<SdpAnnouncement> all,
                         List<SdpAnnouncement> callSdp, ConnectionOwners connections) {
        String address = sip.address();
        Role role = null;
        for (Hop h : flow.hops()) {
            // by endpoint: two parties of one host (a loopback test, an SBC beside LiveKit) are two hops
            if (h.holds(sip)) {
                role = h.role();
            }
        }
        List<SdpAnnouncement> sent = new ArrayList<>();
        List<SdpAnnouncement> relayed = new ArrayList<>();
        List<Hop> owners = new ArrayList<>();
        for (SdpAnnouncement a : all) {
            if (!sentBy(a, sip, sameHost, connections) || announcedBefore(a, all, peer, sameHost, connections)) {
                continue;
            }
            sent.add(a);
            if (ownedElsewhere(a, address, role) || firstAnnouncedByAnother(a, callSdp, sip, sameHost, connections)) {
                relayed.add(a);
                owners.add(owner(a, callSdp, flow.hops(), connections));
            }
        }
        return new MediaParty(address, sip, sameHost, role, List.copyOf(sent), List.copyOf(relayed),
                Collections.unmodifiableList(owners), connections);
    }

    /**
     * The hop whose media a relayed section {@code a} announces: the party that first announced that address and
     * port from that very address (its SIP endpoint tells apart the parties of a host several share, an SBC beside
     * LiveKit on one box), else the hop at that address; null when several parties share it and none announced it.
     */
    private static Hop owner(SdpAnnouncement a, List<SdpAnnouncement> callSdp, List<Hop> hops,
                             ConnectionOwners connections) {
        for (SdpAnnouncement b : callSdp) {
            if (b.frame() > a.frame()) {
                break;
            }
            Endpoint src = connections.owner(b.sipSrc());
            if (sameEnd(a, b) && src.address().equals(a.address())) {
                for (Hop h : hops) {
                    if (h.holds(src)) {
                        return h;
                    }
                }
            }
        }
        Hop owner = null;
        for (Hop h : hops) {
            if (h.address().equals(a.address())) {
                if (h.split() && owner != null) {
                    return null;
                }
                owner = h;
            }
        }
        return owner;
    }

    private static boolean sentBy(SdpAnnouncement a, Endpoint sip, boolean sameHost, ConnectionOwners connections) {
        Endpoint src = connections.owner(a.sipSrc());
        return sameHost ? src.equals(sip) : src.address().equals(sip.address());
    }

    /**
     * True when a section before {@code a} in {@code sections} announced its media address and port and was sent by
     * {@code sender}: {@code a} is a copy of that SDP passed on.
     */
    private static boolean announcedBefore(SdpAnnouncement a, List<SdpAnnouncement> sections, Endpoint sender,
                                           boolean sameHost, ConnectionOwners connections) {
        if (a.port() == 0) {
            return false;
        }
        for (SdpAnnouncement b : sections) {
            if (b != a && b.frame() < a.frame() && sameEnd(a, b) && sentBy(b, sender, sameHost, connections)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the first section of the call to announce {@code a}'s media address and port ({@code a} itself, or
     * one before it) was not sent by {@code sender}: the party passed another box's SDP on.
     */
    private static boolean firstAnnouncedByAnother(SdpAnnouncement a, List<SdpAnnouncement> callSdp, Endpoint sender,
                                                   boolean sameHost, ConnectionOwners connections) {
        if (a.port() == 0) {
            return false;
        }
        for (SdpAnnouncement b : callSdp) {
            if (b.frame() > a.frame()) {
                break;
            }
            if (b == a || sameEnd(a, b)) {
                return !sentBy(b, sender, sameHost, connections);
            }
        }
        return false;
    }

    /**
     * True when {@code a}'s c= address is another box than the party at {@code address}: a proxy's or B2BUA's SDP
     * naming another host on its side of NAT (the phone behind it). Not for products that keep their media servers
     * at addresses of their own, nor for a private c= address behind a public SIP one (the party's own NAT).
     */
    private static boolean ownedElsewhere(SdpAnnouncement a, String address, Role role) {
        String media = a.address();
        return !ownMedia(role) && !media.equals(address) && a.port() != 0 && TrunkAdmission.isIpLiteral(media)
                && !unspecified(media) && PrivateAddresses.isPrivate(media) == PrivateAddresses.isPrivate(address);
    }

    /**
     * Whether the role's SDP names its own media servers even at another address than its SIP (rtpengine, a
     * carrier's media gateway): such a section is never another box's.
     */
    private static boolean ownMedia(Role role) {
        return role == Role.JAMBONZ || role == Role.LIVEKIT || role == Role.CARRIER;
    }

    /** 0.0.0.0 or ::, an old way to put a stream on hold. */
    private static boolean unspecified(String address) {
        return "0.0.0.0".equals(address) || "::".equals(address) || "0:0:0:0:0:0:0:0".equals(address);
    }

    /** True when both sections announce one media address and port (not a refused stream's port 0). */
    static boolean sameEnd(SdpAnnouncement a, SdpAnnouncement b) {
        return a.port() != 0 && a.port() == b.port() && a.address().equals(b.address());
    }
}
