package org.sipladder.ladder;

import java.util.HashMap;
import java.util.Map;
import org.sipladder.capture.Endpoint;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Hop;
import org.sipladder.sip.Sdp;
import org.sipladder.sip.SdpMedia;
import org.sipladder.sip.SipMessage;

/**
 * The parties of a call's shared hosts ({@link Hop#split}: SIPp's uac and uas on loopback, an SBC beside LiveKit on
 * one box) and the endpoints each owns: its SIP ports, and the RTP ports its SDP announced (the SIP message's sender,
 * as sngrep and the media findings see it). An RTP port no SDP announced belongs to the party that was told, by an
 * SDP it did not pass on, to send to the stream's other end (RFC 3264: each side sends to the address the other's SDP
 * gives), when that party is on the port's address.
 */
final class SharedHostParties {

    static final SharedHostParties NONE = new SharedHostParties(Map.of(), Map.of(), Map.of());

    /** Each split hop's SIP ports (its connections' passing ports included). */
    private final Map<Endpoint, Hop> sip;
    /** Media addresses and ports a party's SDP announced. */
    private final Map<Endpoint, Hop> media;
    /** Media addresses and ports by the last party of a shared host an SDP announcing them reached. */
    private final Map<Endpoint, Hop> toldToSendThere;

    private SharedHostParties(Map<Endpoint, Hop> sip, Map<Endpoint, Hop> media, Map<Endpoint, Hop> toldToSendThere) {
        this.sip = sip;
        this.media = media;
        this.toldToSendThere = toldToSendThere;
    }

    static SharedHostParties of(CallFlow flow) {
        Map<Endpoint, Hop> sip = new HashMap<>();
        for (Hop hop : flow.hops()) {
            if (hop.split()) {
                for (int port : hop.ports()) {
                    sip.putIfAbsent(new Endpoint(hop.address(), port), hop);
                }
            }
        }
        if (sip.isEmpty()) {
            return NONE;
        }
        Map<Endpoint, Hop> media = new HashMap<>();
        Map<Endpoint, Hop> told = new HashMap<>();
        for (FlowMessage fm : flow.messages()) {
            SipMessage m = fm.message();
            Hop sender = sip.get(m.src());
            Hop receiver = sip.get(m.dst());
            Sdp sdp = (sender == null && receiver == null) || !m.hasSdp() ? null : m.sdp();
            if (sdp == null) {
                continue;
            }
            for (SdpMedia section : sdp.media()) {
                String address = section.connection() != null ? section.connection() : sdp.connection();
                if (address == null || section.port() <= 0) {
                    continue;
                }
                Endpoint end = new Endpoint(address, section.port());
                if (sender != null && m.src().address().equals(address)) {
                    media.putIfAbsent(end, sender);
                }
                // a proxy passing the SDP on is followed by the party it passes it to
                if (receiver != null) {
                    told.put(end, receiver);
                } else {
                    told.remove(end);
                }
            }
        }
        return new SharedHostParties(sip, media, told);
    }

    boolean isEmpty() {
        return sip.isEmpty();
    }

    /** The party a SIP message's source or destination is, or null for a whole host's. */
    Hop ofSip(Endpoint endpoint) {
        return sip.isEmpty() ? null : sip.get(endpoint);
    }

    /**
     * The party an RTP stream's end {@code end} is, its other end being {@code other}: by announced port, by SIP
     * port, else the party told to send to {@code other} at {@code end}'s address; null when none tells.
     */
    Hop ofMedia(Endpoint end, Endpoint other) {
        if (sip.isEmpty()) {
            return null;
        }
        Hop party = media.get(end);
        if (party == null) {
            party = sip.get(end);
        }
        if (party == null) {
            Hop told = toldToSendThere.get(other);
            party = told != null && told.address().equals(end.address()) ? told : null;
        }
        return party;
    }

    /** True when {@code address} is a host several parties of the call share. */
    boolean shared(String address) {
        for (Hop hop : sip.values()) {
            if (hop.address().equals(address)) {
                return true;
            }
        }
        return false;
    }
}
