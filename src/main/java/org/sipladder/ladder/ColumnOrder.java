package org.sipladder.ladder;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sipladder.capture.Endpoint;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.ConnectionOwners;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Hop;
import org.sipladder.flow.Role;

/**
 * The hops of a flow in column order: the flow's own order (the first INVITE's path), then strays. A column is a
 * whole host, found by address, or one party of a host several parties share ({@link Hop#split}), found by port
 * ({@link SharedHostParties}).
 */
final class ColumnOrder {

    /** Who the client ends of the call's connections belong to, where they left from another address. */
    private final ConnectionOwners owners;
    private final List<Hop> hops;
    private final Map<String, Integer> indexByAddress;
    /** The parties of shared hosts and their columns; empty when the flow has none. */
    private final SharedHostParties parties;
    private final Map<Hop, Integer> indexByParty;

    private ColumnOrder(List<Hop> hops, Map<String, Integer> indexByAddress, SharedHostParties parties,
                        Map<Hop, Integer> indexByParty, ConnectionOwners owners) {
        this.owners = owners;
        this.hops = hops;
        this.indexByAddress = indexByAddress;
        this.parties = parties;
        this.indexByParty = indexByParty;
    }

    static ColumnOrder of(CallFlow flow) {
        return of(flow, List.of());
    }

    /** The flow's columns, then a column for each host that only exchanged media. */
    static ColumnOrder of(CallFlow flow, List<LadderStream> streams) {
        Map<String, Integer> index = new LinkedHashMap<>();
        Map<Hop, Integer> byParty = new IdentityHashMap<>();
        List<Hop> hops = new ArrayList<>();
        for (Hop hop : flow.hops()) {
            if (hop.split()) {
                // the host's first party stands for it where nothing tells the party (media no SDP explains)
                index.putIfAbsent(hop.address(), hops.size());
                byParty.put(hop, hops.size());
                hops.add(hop);
            } else if (index.putIfAbsent(hop.address(), hops.size()) == null) {
                hops.add(hop);
            }
        }
        ConnectionOwners owners = ConnectionOwners.of(flow);
        for (FlowMessage fm : flow.messages()) {
            addStray(owners.owner(fm.message().src()).address(), fm, index, hops);
            addStray(owners.owner(fm.message().dst()).address(), fm, index, hops);
        }
        for (LadderStream stream : streams) {
            addMediaHost(stream.fromAddress(), streams, index, hops);
            addMediaHost(stream.toAddress(), streams, index, hops);
        }
        SharedHostParties parties = byParty.isEmpty() ? SharedHostParties.NONE : SharedHostParties.of(flow);
        return new ColumnOrder(List.copyOf(hops), index, parties, byParty, owners);
    }

    /**
     * A media relay (rtpengine, a media server) can have another address than the SIP host beside it: one that
     * exchanges RTP with two or more other hosts passes media between them and is named so, not a SIP endpoint.
     */
    private static void addMediaHost(String address, List<LadderStream> streams, Map<String, Integer> index,
                                     List<Hop> hops) {
        if (index.putIfAbsent(address, hops.size()) != null) {
            return;
        }
        Set<String> peers = new LinkedHashSet<>();
        for (LadderStream s : streams) {
            if (s.fromAddress().equals(address) && !s.toAddress().equals(address)) {
                peers.add(s.toAddress());
            } else if (s.toAddress().equals(address) && !s.fromAddress().equals(address)) {
                peers.add(s.fromAddress());
            }
        }
        if (peers.size() >= 2) {
            hops.add(new Hop(address, Role.MEDIA_RELAY, Role.MEDIA_RELAY.displayName() + " " + address,
                    List.of("Sends no SIP message of this call; relays its RTP between " + String.join(" and ", peers))));
        } else {
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

    /** The column of messages from or to {@code endpoint}: its connection's owner's ({@link ConnectionOwners}). */
    int indexOf(Endpoint endpoint) {
        Endpoint party = owners.owner(endpoint);
        return column(parties.ofSip(party), party);
    }

    /** The column of a media stream's end {@code end}, its other end being {@code other}. */
    int indexOfMedia(Endpoint end, Endpoint other) {
        return column(parties.ofMedia(end, other), end);
    }

    private int column(Hop party, Endpoint endpoint) {
        Integer column = party == null ? null : indexByParty.get(party);
        return column != null ? column : indexByAddress.get(endpoint.address());
    }
}
