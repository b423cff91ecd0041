package org.sipladder.flow;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sipladder.sip.B2buaProfile;
import org.sipladder.sip.ScanTool;

/**
 * The role each User-Agent or Server value of one capture points to: a capture has few distinct agents and every
 * message names one, so each is looked up in the {@link B2buaProfile} table once. Owned by the capture's
 * {@link LiveFlows} (calls are assembled on several threads) and gone with it; bounded, as a hostile capture could
 * name a new agent per message (beyond the bound an agent is looked up each time).
 */
final class AgentRoles {

    /** At most this many agents are remembered. */
    static final int MAX = 1024;
    /** How many hop names are remembered at most. */
    private static final int HOP_NAMES = 256;

    /** The role each B2BUA family's hop plays. */
    private static final Map<B2buaProfile, Role> FAMILY_ROLES = familyRoles();

    /** Agent -> its role, SIP_ENDPOINT for none. */
    private final Map<String, Role> roles = new ConcurrentHashMap<>();
    /**
     * Hop names made lately, by hash of address and role: a capture has few hosts, and every call named each of its
     * hops anew ("Carrier 89.184.187.124": a concatenation, and its bytes looked at again for the JSON). Read and
     * written by the assembling threads without a lock: a slot holds a whole immutable {@link HopName} or an older
     * one, and either names its hop right.
     */
    private final HopName[] hopNames = new HopName[HOP_NAMES];

    private record HopName(Role role, String address, String name) {
    }

    private static Map<B2buaProfile, Role> familyRoles() {
        Map<B2buaProfile, Role> roles = new EnumMap<>(B2buaProfile.class);
        for (B2buaProfile profile : B2buaProfile.ALL) {
            roles.put(profile, Role.of(profile));
        }
        return Collections.unmodifiableMap(roles);
    }

    /** The role a B2BUA family's hop plays. */
    static Role familyRole(B2buaProfile profile) {
        return FAMILY_ROLES.get(profile);
    }

    /**
     * The role of the B2BUA family the agent names (drachtio: Jambonz, FreeSWITCH: a B2BUA, Twilio: the carrier),
     * LiveKit for a livekit one, a scanner for a {@link ScanTool}'s, else null.
     */
    Role of(String agent) {
        Role known = roles.get(agent);
        if (known != null) {
            return known == Role.SIP_ENDPOINT ? null : known;
        }
        // a scanner's product name says what it is whatever else the value claims (scanners spoof PBX agents)
        Role role = ScanTool.ofAgent(agent) != null ? Role.SCANNER : null;
        for (B2buaProfile profile : B2buaProfile.ALL) {
            if (role == null && profile.namedBy(agent)) {
                role = FAMILY_ROLES.get(profile);
            }
        }
        if (role == null && SipFields.containsIgnoreCase(agent, "livekit")) {
            role = Role.LIVEKIT;
        }
        if (roles.size() < MAX) {
            roles.put(agent, role == null ? Role.SIP_ENDPOINT : role);
        }
        return role;
    }

    /**
     * The name of the hop at {@code address} playing {@code role}, as its role's display name and address: the very
     * string made for them before when it is still remembered.
     */
    String hopName(Role role, String address) {
        int slot = (address.hashCode() * 31 + role.ordinal()) & (HOP_NAMES - 1);
        HopName held = hopNames[slot];
        if (held != null && held.role() == role && (held.address() == address || held.address().equals(address))) {
            return held.name();
        }
        String name = role.displayName() + " " + address;
        hopNames[slot] = new HopName(role, address, name);
        return name;
    }

    /** How many agents are remembered. */
    int held() {
        return roles.size();
    }
}
