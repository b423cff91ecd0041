package org.sipladder.flow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sipladder.sip.B2buaProfile;
import org.sipladder.sip.SipMessage;

/**
 * Finds the hops of a call (one per IP address, in the order the first INVITE travelled) and guesses each
 * one's role from clues in the messages: LiveKit SIP, Jambonz, the carrier (the public host that sent the first
 * INVITE).
 */
final class HopRoles {

    private static final String LIVEKIT_DOMAIN = ".sip.livekit.cloud";
    private static final int AGENT_PAIRS = 8;

    /** Clue sentences by address, role and kind of clue. */
    private final Map<String, Map<Role, Map<String, String>>> clues = new LinkedHashMap<>();
    private final AgentRoles agentRoles;
    /**
     * Sender and User-Agent/Server pairs (the very strings: the scan shares them) already looked at: a call's
     * messages repeat a few of them, and each look costs the agent's role and two maps.
     */
    private final String[] agentPairs = new String[2 * AGENT_PAIRS];
    private int agentPairCount;
    /** The last Request-URI and To value looked at (the very strings) and whether each names a LiveKit SIP domain. */
    private String lastUri;
    private boolean lastUriNamesLiveKit;
    private String lastTo;
    private boolean lastToNamesLiveKit;

    private HopRoles(AgentRoles agentRoles) {
        this.agentRoles = agentRoles;
    }

    /** The hops of the messages, which are in capture order; {@code agentRoles} is the capture's. */
    static List<Hop> hops(List<Entry> messages, AgentRoles agentRoles) {
        HopRoles roles = new HopRoles(agentRoles);
        SipMessage firstInvite = null;
        SipMessage firstPublicInvite = null;
        // the columns: addresses along the dialog-opening INVITEs first, then every other address as it first appears
        Addresses alongInvites = new Addresses();
        Addresses all = new Addresses();
        for (int i = 0; i < messages.size(); i++) {
            Entry fm = messages.get(i);
            SipMessage m = fm.message();
            String src = m.src().address();
            String dst = m.dst().address();
            if ("INVITE".equals(m.method()) && SipFields.isInitialRequest(m)) {
                firstInvite = firstInvite == null ? m : firstInvite;
                // A phone on a private address that calls out is an endpoint: the carrier is a public peer.
                if (firstPublicInvite == null && AddressScope.isPublic(src)) {
                    firstPublicInvite = m;
                }
                alongInvites.add(src);
                alongInvites.add(dst);
            }
            all.add(src);
            all.add(dst);
            if (!fm.retransmission()) {
                roles.collect(m);
            }
        }
        if (firstPublicInvite != null) {
            Map<String, String> kinds = roles.kinds(firstPublicInvite.src().address(), Role.CARRIER);
            if (!kinds.containsKey("first INVITE")) {
                kinds.put("first INVITE", "It sent the first INVITE of the call" + at(firstPublicInvite.frame()) + ".");
            }
        } else if (firstInvite != null && AddressScope.isPrivate(firstInvite.src().address())
                && AddressScope.isPublic(firstInvite.dst().address())) {
            // A phone behind NAT calling out through its provider: the provider is the carrier side.
            Map<String, String> kinds = roles.kinds(firstInvite.dst().address(), Role.CARRIER);
            if (!kinds.containsKey("first INVITE")) {
                kinds.put("first INVITE", "A phone on a private address sent it the first INVITE of the call"
                        + at(firstInvite.frame()) + ".");
            }
        }
        for (String address : all.inOrder()) {
            alongInvites.add(address);
        }
        Collection<String> columns = alongInvites.inOrder();
        Hop[] hops = new Hop[columns.size()];
        int h = 0;
        for (String address : columns) {
            hops[h++] = roles.hop(address);
        }
        return List.of(hops);
    }

    /**
     * Distinct addresses in the order first added: a call has a handful, found by a look along a short list (a
     * hash set cost a node per address and a hash look per message), in a set once there are many.
     */
    private static final class Addresses {
        private static final int LISTED = 16;
        private final List<String> listed = new ArrayList<>();
        private Set<String> many;

        void add(String address) {
            if (many != null) {
                many.add(address);
                return;
            }
            for (int i = listed.size() - 1; i >= 0; i--) {
                if (listed.get(i).equals(address)) {
                    return;
                }
            }
            listed.add(address);
            if (listed.size() > LISTED) {
                many = new LinkedHashSet<>(listed);
            }
        }

        Collection<String> inOrder() {
            return many != null ? many : listed;
        }
    }

    // Each clue's sentence is made only when it is the first of its kind: this runs for every message of every
    // call of a large capture, where lambdas capturing the message would cost more than the checks.
    private void collect(SipMessage m) {
        String sender = m.src().address();
        long frame = m.frame();
        if (m.isRequest()) {
            if (namesLiveKitDomain(m.requestUri())) {
                Map<String, String> kinds = kinds(m.dst().address(), Role.LIVEKIT);
                if (!kinds.containsKey("Request-URI")) {
                    kinds.put("Request-URI", "It was sent " + m.method() + " " + m.requestUri()
                            + ", a LiveKit SIP domain" + at(frame) + ".");
                }
            } else if (toNamesLiveKitDomain(m.header("To"))) {
                Map<String, String> kinds = kinds(m.dst().address(), Role.LIVEKIT);
                if (!kinds.containsKey("To")) {
                    kinds.put("To", "It was sent a " + m.method() + " To " + m.header("To") + ", a LiveKit SIP domain"
                            + at(frame) + ".");
                }
            }
            if ("INVITE".equals(m.method()) && !m.hasToTag()) {
                outboundClue(m, sender, frame);
                familyInviteClues(m, sender, frame);
            }
            if (m.hasOtherKeptHeaders()) {
                headerClues(m, sender, frame);
            }
        } else {
            if (m.status() == 100 && "Processing".equalsIgnoreCase(m.reason())) {
                Map<String, String> kinds = kinds(sender, Role.LIVEKIT);
                if (!kinds.containsKey("100 Processing")) {
                    kinds.put("100 Processing", "It answered 100 Processing, as LiveKit SIP does" + at(frame) + ".");
                }
            }
            if (m.toTagStartsWith("SCL_")) {
                Map<String, String> kinds = kinds(sender, Role.LIVEKIT);
                if (!kinds.containsKey("SCL_")) {
                    kinds.put("SCL_", "Its To tag " + m.toTag() + " has LiveKit SIP's SCL_ prefix" + at(frame) + ".");
                }
            }
        }
        agentClue(sender, m.isRequest() ? m.header("User-Agent") : m.header("Server"), frame);
    }

    /** True when the Request-URI names a LiveKit SIP domain; a leg's requests share one URI string. */
    private boolean namesLiveKitDomain(String uri) {
        if (uri != lastUri) {
            lastUri = uri;
            lastUriNamesLiveKit = SipFields.containsIgnoreCase(uri, LIVEKIT_DOMAIN);
        }
        return lastUriNamesLiveKit;
    }

    /** As {@link #namesLiveKitDomain}, for a To header value. */
    private boolean toNamesLiveKitDomain(String to) {
        if (to != lastTo) {
            lastTo = to;
            lastToNamesLiveKit = SipFields.containsIgnoreCase(to, LIVEKIT_DOMAIN);
        }
        return lastToNamesLiveKit;
    }

    /** A header only one B2BUA family adds names the sender's role. */
    private void headerClues(SipMessage m, String sender, long frame) {
        for (int p = 0; p < B2buaProfile.ALL.size(); p++) {
            B2buaProfile profile = B2buaProfile.ALL.get(p);
            Role role = AgentRoles.familyRole(profile);
            List<String> headers = profile.headers();
            for (int i = 0; i < headers.size(); i++) {
                String name = headers.get(i);
                if (m.header(name) != null) {
                    Map<String, String> kinds = kinds(sender, role);
                    if (!kinds.containsKey(name)) {
                        kinds.put(name, "It sent " + name + ", a header " + profile.family() + " adds" + at(frame) + ".");
                    }
                }
            }
        }
    }

    /**
     * A dialog-opening INVITE whose Call-ID has a family's prefix names its sender (OpenSIPS's topology hiding);
     * one sent to a family's SIP domain names its receiver (a carrier's trunk).
     */
    private void familyInviteClues(SipMessage m, String sender, long frame) {
        String host = m.requestUri() == null ? null : B2buaProfile.hostOf(m.requestUri());
        String callId = m.callId();
        for (int p = 0; p < B2buaProfile.ALL.size(); p++) {
            B2buaProfile profile = B2buaProfile.ALL.get(p);
            String prefix = profile.callIdPrefixOf(callId);
            if (prefix != null) {
                Map<String, String> kinds = kinds(sender, AgentRoles.familyRole(profile));
                if (!kinds.containsKey("Call-ID")) {
                    kinds.put("Call-ID", "It sent an INVITE whose Call-ID starts with " + prefix + ", as "
                            + profile.family() + "'s own Call-IDs do" + at(frame) + ".");
                }
            }
            String domain = host == null ? null : profile.domainOfHost(host);
            if (domain != null) {
                Map<String, String> kinds = kinds(m.dst().address(), AgentRoles.familyRole(profile));
                if (!kinds.containsKey("domain")) {
                    kinds.put("domain", "It was sent INVITE " + m.requestUri() + ", a " + profile.family() + " domain"
                            + at(frame) + ".");
                }
            }
        }
    }

    /**
     * A call LiveKit places: its INVITE's From tag is its SCL_ call ID (livekit/sip pkg/sip/client.go newOutbound).
     * Only the INVITE as LiveKit sent it counts (one Via): a proxy relaying it adds its own.
     */
    private void outboundClue(SipMessage m, String sender, long frame) {
        String from = m.header("From");
        if (!SipMessage.tagStartsWith(from, "SCL_")) {
            return;
        }
        String fromTag = SipMessage.tagOf(from);
        List<String> vias = m.headers("Via");
        if (vias.size() == 1 && vias.get(0).indexOf(',') < 0) {
            Map<String, String> kinds = kinds(sender, Role.LIVEKIT);
            if (!kinds.containsKey("SCL_ From")) {
                kinds.put("SCL_ From", "It sent an INVITE whose From tag " + fromTag + " is a LiveKit SIP call ID: "
                        + "LiveKit placed this call" + at(frame) + ".");
            }
        }
    }

    private static String at(long frame) {
        return " (frame " + frame + ")";
    }

    private void agentClue(String sender, String agent, long frame) {
        if (agent == null || seenBefore(sender, agent)) {
            return;
        }
        Role role = agentRoles.of(agent);
        if (role != null) {
            Map<String, String> kinds = kinds(sender, role);
            if (!kinds.containsKey("agent")) {
                kinds.put("agent", "It identifies itself as \"" + agent + "\"" + at(frame) + ".");
            }
        }
    }

    /** True when this sender's agent was looked at before; remembers it otherwise (while there is room). */
    private boolean seenBefore(String sender, String agent) {
        for (int i = 0; i < agentPairCount; i += 2) {
            if (agentPairs[i] == sender && agentPairs[i + 1] == agent) {
                return true;
            }
        }
        if (agentPairCount < agentPairs.length) {
            agentPairs[agentPairCount++] = sender;
            agentPairs[agentPairCount++] = agent;
        }
        return false;
    }

    /** The clues of one kind so far for an address and role, by kind: only the first clue of a kind counts. */
    private Map<String, String> kinds(String address, Role role) {
        return clues.computeIfAbsent(address, a -> new EnumMap<>(Role.class))
                .computeIfAbsent(role, r -> new LinkedHashMap<>());
    }

    private Hop hop(String address) {
        Map<Role, Map<String, String>> byRole = clues.getOrDefault(address, Map.of());
        Role role = decide(byRole);
        List<String> evidence = role == Role.SIP_ENDPOINT
                ? List.of("No carrier, Jambonz or LiveKit clue in this call.")
                : List.copyOf(byRole.get(role).values());
        return new Hop(address, role, role.displayName() + " " + address, evidence);
    }

    /**
     * LiveKit and B2BUA/proxy family clues (Jambonz first among equals) outweigh carrier clues such as being the
     * first INVITE's sender; more clues beat fewer, LiveKit wins a tie.
     */
    private static Role decide(Map<Role, Map<String, String>> byRole) {
        int livekit = byRole.getOrDefault(Role.LIVEKIT, Map.of()).size();
        Role family = null;
        int most = 0;
        for (Map.Entry<Role, Map<String, String>> e : byRole.entrySet()) { // EnumMap: in Role order
            Role role = e.getKey();
            boolean isFamily = role != Role.LIVEKIT && role != Role.CARRIER && role != Role.SIP_ENDPOINT;
            if (isFamily && e.getValue().size() > most) {
                family = role;
                most = e.getValue().size();
            }
        }
        if (livekit > 0 && livekit >= most) {
            return Role.LIVEKIT;
        }
        if (family != null) {
            return family;
        }
        return byRole.containsKey(Role.CARRIER) ? Role.CARRIER : Role.SIP_ENDPOINT;
    }
}
