package org.sipladder.diagnose;

import java.util.List;
import livekit.LivekitSip.SIPOutboundTrunkInfo;

/**
 * What a 403 to an INVITE without credentials says besides the caller number: the provider did not challenge (no 401
 * or 407), so it knew the sender only by its source address, and providers that trust their customers by address
 * answer 403 to one missing from their allow-list. LiveKit sends an outbound trunk's credentials only to answer a
 * challenge, never unasked (sip {@code pkg/sip/outbound.go} {@code sipOutbound.Invite}).
 *
 * @param fact    what the capture and config show about the sender's credentials
 * @param step    the fix: allow-list the sender's address, or give it credentials
 * @param command the {@code lk} command that sets credentials on LiveKit's trunk, or null when another hop sent it
 */
record UnchallengedRefusal(String fact, String step, String command) {

    /** The sentence the explanation of such a refusal ends with. */
    static final String WHY = " A 403 to an INVITE without credentials can also mean the provider does not recognise "
            + "the sender: providers that authenticate trunks by source address answer 403 to an address missing from "
            + "their allow-list, and LiveKit sends credentials only when a 401 or 407 challenge asks for them.";

    /** The refusal at the start of {@code chain} read so, or null when the refused INVITE carried credentials. */
    static UnchallengedRefusal of(OutboundCall call, List<InviteTransaction> chain) {
        InviteTransaction origin = chain.get(0);
        if (OutboundAuthCheck.credentials(origin.request()) != null) {
            return null;
        }
        String sender = origin.request().src().address();
        if (chain.size() > 1) {
            // a B2BUA placed the refused INVITE: LiveKit's trunk credentials never reach the carrier
            return new UnchallengedRefusal(sender + " sent the refused INVITE without credentials",
                    "If the carrier authenticates by address, allow-list " + sender + "'s public signalling address there; "
                            + "if it uses a username and password, set them on " + sender + "'s carrier account (with "
                            + "Jambonz: the carrier's outbound authentication settings).", null);
        }
        SIPOutboundTrunkInfo trunk = call.trunk();
        String where = "the address LiveKit's INVITEs come from (" + sender + " in this capture; the public address "
                + "when LiveKit is behind NAT or on LiveKit Cloud)";
        String command = "lk sip outbound update --id " + call.trunkId() + " --auth-user <provider user> --auth-pass <password>";
        if (trunk != null && !trunk.getAuthUsername().isEmpty() && !trunk.getAuthPassword().isEmpty()) {
            return new UnchallengedRefusal("The provider refused without a 401/407 challenge, so LiveKit never sent "
                    + "outbound trunk " + trunk.getSipTrunkId() + "'s credentials (it sends them only when challenged)",
                    "Ask the provider to challenge LiveKit's INVITEs (401/407) for trunk " + trunk.getSipTrunkId()
                            + "'s credentials, or to allow-list " + where + ".", null);
        }
        String fact = trunk == null ? "The INVITE carried no credentials (LiveKit sends an outbound trunk's only when "
                + "challenged)" : "Outbound trunk " + trunk.getSipTrunkId() + " has no auth_username and auth_password, "
                + "and LiveKit sends credentials only to answer a 401/407 challenge: the provider knew this call only by "
                + "its source address " + sender;
        return new UnchallengedRefusal(fact, "If the provider authenticates by address, allow-list " + where
                + " at the provider; if it uses a username and password, set them on outbound trunk " + call.trunkId()
                + " so LiveKit can answer its challenge.", command);
    }
}
