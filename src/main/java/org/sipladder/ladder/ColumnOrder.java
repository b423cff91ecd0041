package org.sipladder.ladder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sipladder.capture.Endpoint;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Hop;
import org.sipladder.flow.Role;
import org.sipladder.sip.Sdp;
import org.sipladder.sip.SdpMedia;
import org.sipladder.sip.SipMessage;

/**
 * The hops of a flow in column order: the flow's own order (the first INVITE's path), then strays. A column is a
 * whole host, found by address, or one party of a host several parties share ({@link Hop#split}), found by port.
 */
final class ColumnOrder {

    private final List<Hop> hops;
    private final Map<String, Integer> indexByAddress;
    /** The columns of the parties of shared hosts by their ports; empty when the flow has none. */
    private final Map<Endpoint, Integer> indexByEndpoint;

    private ColumnOrder(List<Hop> hops, Map<String, Integer> indexByAddress, Map<Endpoint, Integer> indexByEndpoint) {
        this.hops = hops;
        this.indexByAddress = indexByAddress;
        this.indexByEndpoint = indexByEndpoint;
    }

    static ColumnOrder of(CallFlow flow) {
        return of(flow, List.of());
    }

    /** The flow's columns, then a column for each host that only exchanged media. */
    static ColumnOrder of(CallFlow flow, List<LadderStream> streams) {
        Map<String, Integer> index = new LinkedHashMap<>();
        Map<Endpoint, Integer> byEndpoint = new HashMap<>();
        List<Hop> hops = new ArrayList<>();
        for (Hop hop : flow.hops()) {
            if (hop.split()) {
                // the host's first party stands for it where a port tells nothing (media no SDP of the call announced)
                index.putIfAbsent(hop.address(), hops.size());
                for (int port : hop.ports()) {
                    byEndpoint.putIfAbsent(new Endpoint(hop.address(), port), hops.size());
                }
                hops.add(hop);
            } else if (index.putIfAbsent(hop.address(), hops.size()) == null) {
                hops.add(hop);
            }
        }
        for (FlowMessage fm : flow.messages()) {
            addStray(fm.message().src().address(), fm, index, hops);
            addStray(fm.message().dst().address(), fm, index, hops);
        }
        if (!byEndpoint.isEmpty() && !streams.isEmpty()) {
            addAnnouncedMedia(flow, byEndpoint);
        }
        for (LadderStream stream : streams) {
            addMediaHost(stream.fromAddress(), index, hops);
            addMediaHost(stream.toAddress(), index, hops);
        }
        return new ColumnOrder(List.copyOf(hops), index, byEndpoint);
    }

    /**
     * An RTP port on a shared host belongs to the party whose SDP announced it (the SIP message's sender), as
     * sngrep and the media findings ({@code MediaParty}) see it.
     */
    private static void addAnnouncedMedia(CallFlow flow, Map<Endpoint, Integer> byEndpoint) {
        for (FlowMessage fm : flow.messages()) {
            SipMessage m = fm.message();
            Integer party = byEndpoint.get(m.src());
            Sdp sdp = party == null || !m.hasSdp() ? null : m.sdp();
            if (sdp == null) {
                continue;
            }
            for (SdpMedia media : sdp.media()) {
                String address = media.connection() != null ? media.connection() : sdp.connection();
                if (m.src().address().equals(address) && media.port() > 0) {
                    byEndpoint.putIfAbsent(new Endpoint(address, media.port()), party);
                }
            }
        }
    }

    /** A media relay (rtpengine, a media server) can have another address than the SIP host beside it. */
    private static void addMediaHost(String address, Map<String, Integer> index, List<Hop> hops) {
        if (index.putIfAbsent(address, hops.size()) == null) {
            hops.add(new Hop(address, Role.SIP_ENDPOINT, "Media " + address,
                    List.of("Sends or receives RTP but no SIP message of this call")));
        }
    }

    /** A message can involve a host the flow builder did not list; it still needs a column. */
    private static void addStray(String address, FlowMessage fm, Map<String, Integer> index, List<Hop> hops) {
        if (index.putIfAbsent(address, hops.size()) == null) {
            hops.add(new Hop(address, Role.SIP_ENDPOINT, address,
                    List.of("Seen in frame " + fm.message().frame() + " but not among the flow's hops")));
        }
    }

    List<Hop> hops() {
        return hops;
    }

    /** The column of messages or media from or to {@code endpoint}. */
    int indexOf(Endpoint endpoint) {
        if (!indexByEndpoint.isEmpty()) {
            Integer party = indexByEndpoint.get(endpoint);
            if (party != null) {
                return party;
            }
        }
        return indexByAddress.get(endpoint.address());
    }
}
