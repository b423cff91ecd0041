package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.capture.Endpoint;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.ConnectionOwners;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Leg;
import org.sipladder.media.RtpStream;
import org.sipladder.media.SdpAnnouncement;
import org.sipladder.sip.SipMessage;

/**
 * The hops of one Call-ID's initial INVITE through stateful proxies (RFC 3261 16.6: the proxy forwards the request
 * under the same Call-ID), each with the INVITE sent on it and its 2xx answer: the caller to the proxy, the proxy to
 * the next, and so on. A proxy that anchors the media (Kamailio or OpenSIPS with rtpengine) rewrites the SDP on each
 * hop, so that each hop is a media session of its own, known by the SDP that crossed it; one that passes the SDP on
 * unchanged makes every hop the same session.
 */
record ProxyHops(List<Hop> hops) {

    /** One hop: the INVITE sent on it (the last one sent again after a challenge) and its 2xx answer, or null. */
    record Hop(SipMessage invite, SipMessage answer, ConnectionOwners owners) {

        /** The hop's sending end: the INVITE's sender, or the owner of the connection it left on. */
        Endpoint from() {
            return owners.owner(invite.src());
        }

        /** The hop's receiving end. */
        Endpoint to() {
            return owners.owner(invite.dst());
        }

        /** True when {@code a} crossed this hop, either way. */
        boolean carried(SdpAnnouncement a) {
            return carried(a.sipSrc(), a.sipDst());
        }

        /** True when a message from {@code src} to {@code dst} crossed this hop: sent between its two ends. */
        boolean carried(Endpoint src, Endpoint dst) {
            Endpoint from = from();
            Endpoint to = to();
            Endpoint s = owners.owner(src);
            Endpoint d = owners.owner(dst);
            return between(s, d, from, to) || between(s, d, to, from);
        }

        private static boolean between(Endpoint src, Endpoint dst, Endpoint from, Endpoint to) {
            // a host with both ends (a proxy and a phone on one address) is told apart by port
            return from.address().equals(to.address()) ? src.equals(from) && dst.equals(to)
                    : src.address().equals(from.address()) && dst.address().equals(to.address());
        }
    }

    /**
     * The hops of {@code leg}'s initial INVITE, from the caller on (a capture begun in the dialog: its first INVITE's
     * hop); empty when the leg has no INVITE.
     */
    static ProxyHops of(CallFlow flow, Leg leg) {
        List<SipMessage> invites = new ArrayList<>();
        List<SipMessage> answers = new ArrayList<>();
        SipMessage first = null;
        for (FlowMessage fm : flow.messages()) {
            SipMessage m = fm.message();
            if (fm.legIndex() != leg.index() || fm.retransmission()) {
                continue;
            }
            if ("INVITE".equals(m.method()) && first == null) {
                first = m;
            }
            if ("INVITE".equals(m.method()) && !m.hasToTag()) {
                invites.add(m);
            } else if (!m.isRequest() && m.status() >= 200 && m.status() < 300 && "INVITE".equals(m.cseqMethod())) {
                answers.add(m);
            }
        }
        List<Hop> hops = new ArrayList<>(2);
        ConnectionOwners owners = ConnectionOwners.of(flow);
        if (invites.isEmpty() && first != null) {
            // a capture begun in the dialog: its first re-INVITE stands for the leg
            hops.add(new Hop(first, answer(first, answers, owners), owners));
        }
        SipMessage invite = invites.isEmpty() ? null : invites.get(0);
        while (invite != null && hops.size() < invites.size()) {
            invite = lastSent(invite, invites);
            hops.add(new Hop(invite, answer(invite, answers, owners), owners));
            invite = forwarded(invite, invites, answers, hops, owners);
        }
        return new ProxyHops(List.copyOf(hops));
    }

    /** True when the INVITE crossed a proxy: more than one hop, each perhaps a media session of its own. */
    boolean proxied() {
        return hops.size() > 1;
    }

    /** The sections of {@code sdp} that crossed {@code hop}. */
    static List<SdpAnnouncement> onHop(Hop hop, List<SdpAnnouncement> sdp) {
        return sdp.stream().filter(hop::carried).toList();
    }

    /** The streams with an end one of {@code sdp}'s sections announced: the media of the session that SDP set up. */
    static List<RtpStream> announcedIn(List<SdpAnnouncement> sdp, List<RtpStream> streams) {
        return streams.stream().filter(s -> sdp.stream().anyMatch(a -> a.port() != 0
                && (s.key().src().equals(a.media()) || s.key().dst().equals(a.media())))).toList();
    }

    /** {@code invite}, or the last INVITE sent again on its hop with a new CSeq (after a 401 or 407 challenge). */
    private static SipMessage lastSent(SipMessage invite, List<SipMessage> invites) {
        SipMessage last = invite;
        for (SipMessage m : invites) {
            if (m.timestampMicros() > last.timestampMicros() && m.cseqNumber() != last.cseqNumber()
                    && m.src().equals(invite.src()) && m.dst().equals(invite.dst())) {
                last = m;
            }
        }
        return last;
    }

    /** The first 2xx to {@code invite}, on its hop the other way. */
    private static SipMessage answer(SipMessage invite, List<SipMessage> answers, ConnectionOwners owners) {
        for (SipMessage m : answers) {
            if (m.cseqNumber() == invite.cseqNumber() && m.timestampMicros() >= invite.timestampMicros()
                    && new Hop(invite, null, owners).carried(m.src(), m.dst())) {
                return m;
            }
        }
        return null;
    }

    /**
     * The INVITE that {@code invite}'s receiver sent on, after it, to a host no hop has yet: the answered one when it
     * forked, else the first; null when it sent none (the capture ends at it, or it answered itself).
     */
    private static SipMessage forwarded(SipMessage invite, List<SipMessage> invites, List<SipMessage> answers,
                                        List<Hop> hops, ConnectionOwners owners) {
        SipMessage first = null;
        for (SipMessage m : invites) {
            if (m.timestampMicros() < invite.timestampMicros() || !sentOnBy(m, invite, owners) || reached(m, hops)) {
                continue;
            }
            if (answer(m, answers, owners) != null) {
                return m;
            }
            if (first == null) {
                first = m;
            }
        }
        return first;
    }

    /** True when {@code m} was sent by the host {@code invite} went to (its port too when the hop is on one host). */
    private static boolean sentOnBy(SipMessage m, SipMessage invite, ConnectionOwners owners) {
        Endpoint proxy = owners.owner(invite.dst());
        Endpoint sender = owners.owner(m.src());
        return proxy.address().equals(owners.owner(invite.src()).address()) ? sender.equals(proxy)
                : sender.address().equals(proxy.address());
    }

    /** True when {@code m} goes to an end of a hop already found: a loop back, not a hop on. */
    private static boolean reached(SipMessage m, List<Hop> hops) {
        for (Hop h : hops) {
            if (h.carried(m.src(), m.dst()) || h.owners().owner(m.dst()).equals(h.from())) {
                return true;
            }
        }
        return false;
    }
}
