package org.sipladder.ui.findings;

import java.util.List;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.livekit.ConfigView;

/**
 * One inbound trunk in the config view; the auth password appears only as "set" or "not set".
 *
 * @param id               trunk ID
 * @param name             trunk name
 * @param numbers          numbers it claims, or "any (default trunk)"
 * @param allowedAddresses source addresses it accepts
 * @param allowedNumbers   caller numbers it accepts
 * @param auth             "none" or "user jambonz, password set"
 * @param matchedCalls     calls of the capture LiveKit routed to this trunk (or would, per the simulator)
 */
public record TrunkRow(String id, String name, String numbers, String allowedAddresses, String allowedNumbers,
                       String auth, String matchedCalls) {

    static TrunkRow of(SIPInboundTrunkInfo trunk, List<String> calls) {
        boolean noAuth = trunk.getAuthUsername().isEmpty() && trunk.getAuthPassword().isEmpty();
        return new TrunkRow(trunk.getSipTrunkId(), trunk.getName(),
                joinedOr(trunk.getNumbersList(), "any (default trunk)"),
                joinedOr(trunk.getAllowedAddressesList(), "any"), joinedOr(trunk.getAllowedNumbersList(), "any"),
                noAuth ? "none" : "user " + trunk.getAuthUsername() + ", password " + ConfigView.authPassword(trunk),
                String.join(", ", calls));
    }

    static String joinedOr(List<String> values, String whenEmpty) {
        return values.isEmpty() ? whenEmpty : String.join(", ", values);
    }
}
