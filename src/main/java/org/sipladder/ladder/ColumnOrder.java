package org.sipladder.ladder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Hop;
import org.sipladder.flow.Role;

/** The hops of a flow in column order: the flow's own order (the first INVITE's path), then strays. */
final class ColumnOrder {

    private final List<Hop> hops;
    private final Map<String, Integer> indexByAddress;

    private ColumnOrder(List<Hop> hops, Map<String, Integer> indexByAddress) {
        this.hops = hops;
        this.indexByAddress = indexByAddress;
    }

    static ColumnOrder of(CallFlow flow) {
        return of(flow, List.of());
    }

    /** The flow's columns, then a column for each host that only exchanged media. */
    static ColumnOrder of(CallFlow flow, List<LadderStream> streams) {
        Map<String, Integer> index = new LinkedHashMap<>();
        List<Hop> hops = new ArrayList<>();
        for (Hop hop : flow.hops()) {
            if (index.putIfAbsent(hop.address(), hops.size()) == null) {
                hops.add(hop);
            }
        }
        for (FlowMessage fm : flow.messages()) {
            addStray(fm.message().src().address(), fm, index, hops);
            addStray(fm.message().dst().address(), fm, index, hops);
        }
        for (LadderStream stream : streams) {
            addMediaHost(stream.fromAddress(), index, hops);
            addMediaHost(stream.toAddress(), index, hops);
        }
        return new ColumnOrder(List.copyOf(hops), index);
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

    int indexOf(String address) {
        return indexByAddress.get(address);
    }
}
