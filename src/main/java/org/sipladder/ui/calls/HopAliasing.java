package org.sipladder.ui.calls;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Hop;

/** Shows user-chosen hop names: applied on top of the names the flow builder guessed, so removing an alias restores them. */
public final class HopAliasing {

    private HopAliasing() {
    }

    /** {@code flow} with every hop whose address has an alias renamed; the same object when none applies. */
    public static CallFlow apply(CallFlow flow, Map<String, String> aliases) {
        if (aliases.isEmpty() || flow.hops().stream().noneMatch(h -> aliases.containsKey(h.address()))) {
            return flow;
        }
        List<Hop> hops = new ArrayList<>(flow.hops().size());
        for (Hop hop : flow.hops()) {
            String alias = aliases.get(hop.address());
            hops.add(alias == null ? hop : new Hop(hop.address(), hop.role(), alias, hop.evidence()));
        }
        return new CallFlow(flow.id(), flow.legs(), List.copyOf(hops), flow.messages(), flow.joinEvidence(),
                flow.timings());
    }

    public static List<CallFlow> applyAll(List<CallFlow> flows, Map<String, String> aliases) {
        if (aliases.isEmpty()) {
            return flows;
        }
        return flows.stream().map(f -> apply(f, aliases)).toList();
    }
}
