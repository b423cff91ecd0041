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
 * as sngrep and the media findings see it).
 */
final class SharedHostParties {

    static final SharedHostParties NONE = new SharedHostParties(Map.of(), Map.of());

    /** Each split hop's SIP ports (its connections' passing ports included). */
    private final Map<Endpoint, Hop> sip;
    /** Media addresses and ports a party's SDP announced. */
    private final Map<Endpoint, Hop> media;

    private SharedHostParties(Map<Endpoint, Hop> sip, Map<Endpoint, Hop> media) {
        this.sip = sip;
        this.media = media;
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
        for (FlowMessage fm : flow.messages()) {
            SipMessage m = fm.message();
            Hop sender = sip.get(m.src());
            Sdp sdp = sender == null || !m.hasSdp() ? null : m.sdp();
            if (sdp == null) {
                continue;
            }
            for (SdpMedia section : sdp.media()) {
                String address = section.connection() != null ? section.connection() : sdp.connection();
                if (address == null || section.port() <= 0) {
                    continue;
                }
                Endpoint end = new Endpoint(address, section.port());
                if (m.src().address().equals(address)) {
                    media.putIfAbsent(end, sender);
                }
            }
        }
        return new SharedHostParties(sip, media);
    }

    /** The party a SIP message's source or destination is, or null for a whole host's. */
    Hop ofSip(Endpoint endpoint) {
        return sip.isEmpty() ? null : sip.get(endpoint);
    }

    /**
     * The party an RTP stream's end {@code end} is, its other end being {@code other}: by announced port, else by
     * SIP port; null when none tells.
     */
    Hop ofMedia(Endpoint end, Endpoint other) {
        if (sip.isEmpty()) {
            return null;
        }
        Hop party = media.get(end);
        if (party == null) {
            party = sip.get(end);
        }
        return party;
    }
}
