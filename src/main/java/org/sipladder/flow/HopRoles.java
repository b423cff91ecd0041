package org.sipladder.flow;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.sipladder.capture.Endpoint;
import org.sipladder.flow.HopClue.Sentence;
import org.sipladder.sip.B2buaProfile;
import org.sipladder.sip.ScanTool;
import org.sipladder.sip.SipMessage;

/**
 * Finds the hops of a call (one per IP address, in the order the first INVITE travelled; one per party of an address
 * the call's messages go between two ports of, {@link SharedHosts}) and guesses each one's role from clues in the
 * messages: LiveKit SIP, Jambonz, the carrier (the public host that sent the first INVITE).
 */
final class HopRoles {

    private static final SipFields.Needle LIVEKIT_DOMAIN = new SipFields.Needle(".sip.livekit.cloud");
    private static final int AGENT_PAIRS = 8;
    private static final Role[] ROLES = Role.values();
    /** The ordinals of the roles B2BUA and proxy families give, in Role order: {@link #decide} weighs them per hop. */
    private static final int[] FAMILIES = families();
    private static final List<String> NO_CLUE = List.of("No carrier, Jambonz or LiveKit clue in this call.");

    /**
     * The clues found, in the order found, the first of each kind per address and role: a call has a handful, looked
     * at along this array (maps by address and role cost more than the clues).
     */
    private HopClue[] clues = new HopClue[8];
    private int clueCount;
    private final AgentRoles agentRoles;
    /**
     * Sender and User-Agent/Server pairs (the very strings: the scan shares them) already looked at: a call's
     * messages repeat a few of them, and each look costs the agent's role and two maps.
     */
    private final String[] agentPairs = new String[2 * AGENT_PAIRS];
    private int agentPairCount;
    /** Request-URIs and To values looked at lately, and whether each names a LiveKit SIP domain. */
    private final DomainLooks uris = new DomainLooks();
    private final DomainLooks tos = new DomainLooks();
    /** Per role, the clues of the hop being decided ({@link #hop}, one hop at a time). */
    private final int[] roleCounts = new int[ROLES.length];
    /** The parties of the call's shared hosts, or null while the call has no message between two ports of a host. */
    private final SharedHosts shared;

    /** The call's dialog-opening or standalone requests indexed by host, once its hops are being found. */
    private RequestPaths paths;
    /** Up to this index {@link #relayed} walks back over every message; beyond, it looks them up. */
    private static final int WALKED_MESSAGES = 64;
    /** The call's messages by where they went, for {@link #relayed} in a long call; null until needed. */
    private ReceivedMessages received;
    /** How many times one message was compared with another: what a test bounds, as the work grows with a call. */
    private long looks;

    private HopRoles(AgentRoles agentRoles, SharedHosts shared) {
        this.agentRoles = agentRoles;
        this.shared = shared;
    }

    /**
     * The hops of the messages, which are in capture order, each with its place in the call
     * ({@link CallFlowAssembly#place}); {@code agentRoles} is the capture's.
     */
    static List<Hop> hops(SipMessage[] messages, int[] places, AgentRoles agentRoles) {
        List<Hop> hops = new HopRoles(agentRoles, null).hops(messages, places);
        // a call between two ports of one address (rare) is looked at again, with a hop per party of that address
        return hops != null ? hops : new HopRoles(agentRoles, SharedHosts.of(messages)).hops(messages, places);
    }

    /** How many comparisons of one message with another finding the hops took ({@link #looks}). */
    static long looks(SipMessage[] messages, int[] places, AgentRoles agentRoles) {
        HopRoles roles = new HopRoles(agentRoles, null);
        roles.hops(messages, places);
        return roles.looks;
    }

    private RequestPaths paths(SipMessage[] requests, int count, HostNumbers hosts) {
        int[] src = new int[count];
        int[] dst = new int[count];
        for (int i = 0; i < count; i++) {
            src[i] = hosts.numberOf(at(requests[i].src()));
            dst[i] = hosts.numberOf(at(requests[i].dst()));
        }
        return new RequestPaths(requests, src, dst, count, hosts);
    }

    /** The hops, or null when no {@link #shared} parties are known and a message went between two ports of a host. */
    private List<Hop> hops(SipMessage[] messages, int[] places) {
        HostNumbers all = new HostNumbers();
        // the dialog-opening INVITEs as first sent (no retransmissions), for what each host did with them, and the
        // leg of each
        SipMessage[] invites = new SipMessage[4];
        int[] inviteLegs = new int[4];
        int inviteCount = 0;
        boolean outOfLegOrder = false;
        for (int i = 0; i < messages.length; i++) {
            SipMessage m = messages[i];
            String src = at(m.src());
            String dst = at(m.dst());
            // numbered by their text: the same number is the same address, without comparing the strings again
            if (all.add(src) == all.add(dst) && shared == null) {
                return null;
            }
            if ("INVITE".equals(m.method()) && SipFields.isInitialRequest(m)
                    && !CallFlowAssembly.retransmission(places[i])) {
                if (inviteCount == invites.length) {
                    invites = Arrays.copyOf(invites, inviteCount * 2);
                    inviteLegs = Arrays.copyOf(inviteLegs, inviteCount * 2);
                }
                int leg = CallFlowAssembly.legIndex(places[i]);
                outOfLegOrder |= inviteCount > 0 && leg < inviteLegs[inviteCount - 1];
                inviteLegs[inviteCount] = leg;
                invites[inviteCount++] = m;
            }
            if (!CallFlowAssembly.retransmission(places[i])) {
                collect(messages, i);
            }
        }
        if (outOfLegOrder) {
            inLegOrder(invites, inviteLegs, inviteCount);
        }
        // the columns: addresses along the dialog-opening INVITEs first, then every other address as it first appears
        HostNumbers alongInvites = new HostNumbers();
        SipMessage firstInvite = inviteCount > 0 ? invites[0] : null;
        SipMessage firstPublicInvite = null;
        for (int i = 0; i < inviteCount; i++) {
            SipMessage m = invites[i];
            // A phone on a private address that calls out is an endpoint: the carrier is a public peer.
            if (firstPublicInvite == null && AddressScope.isPublic(m.src().address())) {
                firstPublicInvite = m;
            }
            alongInvites.add(at(m.src()));
            alongInvites.add(at(m.dst()));
        }
        if (inviteCount == 0) {
            // a call without INVITE (SUBSCRIBE, OPTIONS, REGISTER...) is looked at again for its requests of any method
            // that open a dialog or stand alone: only here, so that a call with an INVITE pays nothing for it
            invites = initialRequests(messages, places);
            inviteCount = invites.length;
        }
        paths = paths(invites, inviteCount, all);
        relayClues(invites, inviteCount);
        if (firstInvite == null) {
            registrarClues(messages, places, invites, inviteCount);
        }
        if (firstPublicInvite != null) {
            clue(at(firstPublicInvite.src()), Role.CARRIER, "first INVITE", Sentence.FIRST_INVITE,
                    firstPublicInvite.frame(), null, null);
        } else if (firstInvite != null && AddressScope.isPrivate(firstInvite.src().address())
                && AddressScope.isPublic(firstInvite.dst().address())) {
            // A phone behind NAT calling out through its provider: the provider is the carrier side.
            clue(at(firstInvite.dst()), Role.CARRIER, "first INVITE", Sentence.PHONE_FIRST_INVITE,
                    firstInvite.frame(), null, null);
        } else if (firstInvite == null) {
            carrierWithoutInvite(invites, inviteCount);
        }
        otherAddressClues(invites, inviteCount);
        if (firstInvite == null) {
            unbridgedClues(invites, inviteCount);
            selfHandledClues(messages, places, invites, inviteCount);
        }
        // index loops: an iterator per call is a real object before the JIT's last tier
        String[] others = all.inOrder();
        for (String other : others) {
            alongInvites.add(other);
        }
        String[] columns = alongInvites.inOrder();
        Hop[] hops = new Hop[columns.length];
        for (int i = 0; i < hops.length; i++) {
            hops[i] = hop(columns[i]);
        }
        return List.of(hops);
    }

    /**
     * Sorts the INVITEs by their legs' order in the call, stably ({@code legs} beside them): the caller's leg is first
     * there even when its INVITE is not the first captured (a second capture whose clock runs behind, with no message
     * in common to match the clocks, puts a B-leg before the A-leg it continues), and the carrier, the columns and what
     * each host passed on follow the call's path, not the clocks. Insertion: a call has an INVITE or a few.
     */
    private static void inLegOrder(SipMessage[] invites, int[] legs, int count) {
        for (int i = 1; i < count; i++) {
            SipMessage invite = invites[i];
            int leg = legs[i];
            int j = i - 1;
            for (; j >= 0 && legs[j] > leg; j--) {
                invites[j + 1] = invites[j];
                legs[j + 1] = legs[j];
            }
            invites[j + 1] = invite;
            legs[j + 1] = leg;
        }
    }

    // A clue is kept only when it is the first of its kind, and its sentence made only when read: this runs for every
    // message of every call of a large capture, where lambdas capturing the message would cost more than the checks.
    private void collect(SipMessage[] messages, int index) {
        SipMessage m = messages[index];
        String sender = at(m.src());
        long frame = m.frame();
        if (m.isRequest()) {
            if (uris.namesLiveKit(m.requestUri())) {
                clue(at(m.dst()), Role.LIVEKIT, "Request-URI", Sentence.REQUEST_URI, frame, m.method(),
                        m.requestUri());
            } else if (tos.namesLiveKit(m.header("To"))) {
                clue(at(m.dst()), Role.LIVEKIT, "To", Sentence.TO, frame, m.method(), m.header("To"));
            }
            if (!m.hasToTag()) {
                if ("INVITE".equals(m.method())) {
                    outboundClue(m, sender, frame);
                    familyInviteClues(m, sender, frame);
                }
                scanFromClue(m, sender, frame);
            }
            if (m.hasOtherKeptHeaders() && !relayed(messages, index)) {
                headerClues(m, sender, frame);
            }
        } else {
            // a proxy that forwards every response passes LiveKit's 100 on: it names LiveKit, not the relaying host
            if (m.status() == 100 && "Processing".equalsIgnoreCase(m.reason())
                    && !has(sender, Role.LIVEKIT, "100 Processing") && !relayed(messages, index)) {
                clue(sender, Role.LIVEKIT, "100 Processing", Sentence.PROCESSING, frame, null, null);
            }
            if (m.toTagStartsWith("SCL_") && !has(sender, Role.LIVEKIT, "SCL_") && !relayed(messages, index)) {
                clue(sender, Role.LIVEKIT, "SCL_", Sentence.SCL_TO_TAG, frame, m.toTag(), null);
            }
            if (LiveKitReasons.isLiveKits(m.status(), m.reason()) && !has(sender, Role.LIVEKIT, "reason phrase")
                    && !relayed(messages, index)) {
                clue(sender, Role.LIVEKIT, "reason phrase", Sentence.LIVEKIT_REASON, frame,
                        m.status() + " " + m.reason(), null);
            }
        }
        // a response names its software in Server, but some (FreeSWITCH) put User-Agent in responses too
        String agent = m.isRequest() ? m.header("User-Agent") : m.header("Server");
        agentClue(sender, agent != null || m.isRequest() ? agent : m.header("User-Agent"), messages, index);
    }

    /**
     * True when the sender of {@code messages[index]} is passing on what it received from another host (same Call-ID,
     * CSeq and method, a response's status and To tag too): a proxy keeps the headers of what it relays (RFC 3261
     * 16.6, 16.7), so their User-Agent, Server, family headers, LiveKit's To tag and its 100 Processing name the
     * host that made them.
     * Asked only of the few messages that would give a clue.
     */
    private boolean relayed(SipMessage[] messages, int index) {
        SipMessage m = messages[index];
        String sender = at(m.src());
        if (index > WALKED_MESSAGES) {
            return relayedIndexed(messages, index, m, sender);
        }
        for (int j = index - 1; j >= 0; j--) {
            looks++;
            if (passesOn(messages[j], m, sender)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@link #relayed} in a long call (thousands of REFERs in one dialog, of legs in one call): only the earlier
     * messages that hash as what {@code m} would pass on are looked at, not every one before it.
     */
    private boolean relayedIndexed(SipMessage[] messages, int index, SipMessage m, String sender) {
        if (received == null) {
            String[] receivers = new String[messages.length];
            for (int i = 0; i < messages.length; i++) {
                receivers[i] = at(messages[i].dst());
            }
            received = new ReceivedMessages(messages, receivers);
        }
        int b = received.bucket(sender, m);
        for (int k = received.endBefore(b, index) - 1; k >= received.start(b); k--) {
            looks++;
            if (passesOn(messages[received.entry(k)], m, sender)) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code m}, sent by {@code sender}, is {@code r} passed on ({@link #relayed}). */
    private boolean passesOn(SipMessage r, SipMessage m, String sender) {
        return at(r.dst()).equals(sender) && !at(r.src()).equals(sender)
                && r.cseqNumber() == m.cseqNumber() && r.isRequest() == m.isRequest()
                && (m.isRequest() ? Objects.equals(r.method(), m.method())
                : r.status() == m.status() && r.sameToTag(m) && Objects.equals(r.cseqMethod(), m.cseqMethod()))
                && Objects.equals(r.callId(), m.callId());
    }

    /**
     * Whether a few strings (the very objects: a dialog's requests share theirs) name a LiveKit SIP domain: the legs
     * of a call take turns, each with its INVITE's URI and its Contact's, so one remembered string was too few.
     */
    private static final class DomainLooks {
        private static final int KEPT = 4;
        private final String[] looked = new String[KEPT];
        private final boolean[] names = new boolean[KEPT];
        private int next;

        boolean namesLiveKit(String s) {
            for (int i = 0; i < KEPT; i++) {
                if (looked[i] == s && s != null) {
                    return names[i];
                }
            }
            boolean result = LIVEKIT_DOMAIN.in(s);
            looked[next] = s;
            names[next] = result;
            next = (next + 1) % KEPT;
            return result;
        }
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
                    clue(sender, role, name, Sentence.FAMILY_HEADER, frame, name, profile.family());
                }
            }
        }
    }

    /**
     * A dialog-opening INVITE whose Call-ID has a family's prefix names its sender (OpenSIPS's topology hiding);
     * one sent to a family's SIP domain names its receiver (a carrier's trunk).
     */
    private void familyInviteClues(SipMessage m, String sender, long frame) {
        String callId = m.callId();
        // nearly every INVITE is ruled out for all the families at once
        if (!B2buaProfile.mayTell(callId, m.requestUri())) {
            return;
        }
        String host = m.requestUri() == null ? null : B2buaProfile.hostOf(m.requestUri());
        for (int p = 0; p < B2buaProfile.ALL.size(); p++) {
            B2buaProfile profile = B2buaProfile.ALL.get(p);
            String prefix = profile.callIdPrefixOf(callId);
            if (prefix != null) {
                clue(sender, AgentRoles.familyRole(profile), "Call-ID", Sentence.FAMILY_CALL_ID, frame, prefix,
                        profile.family());
            }
            String domain = host == null ? null : profile.domainOfHost(host);
            if (domain != null) {
                clue(at(m.dst()), AgentRoles.familyRole(profile), "domain", Sentence.FAMILY_DOMAIN, frame,
                        m.requestUri(), profile.family());
            }
        }
    }

    /**
     * A call LiveKit places: its INVITE's From tag is its SCL_ call ID (livekit/sip pkg/sip/client.go newOutbound).
     * Only the INVITE as LiveKit sent it counts (one Via): a proxy relaying it adds its own.
     */
    private void outboundClue(SipMessage m, String sender, long frame) {
        String from = m.header("From");
        // a tag starting SCL_ has an underscore: most From values have none, found without looking for the tag
        if (from == null || from.indexOf('_') < 0 || !SipMessage.tagStartsWith(from, "SCL_")) {
            return;
        }
        List<String> vias = m.headers("Via");
        if (vias.size() == 1 && vias.get(0).indexOf(',') < 0) {
            clue(sender, Role.LIVEKIT, "SCL_ From", Sentence.SCL_FROM_TAG, frame, SipMessage.tagOf(from), null);
        }
    }

    /**
     * A dialog-opening or standalone request whose From display name only a scanning tool writes names its sender
     * (SIPVicious under another User-Agent); a proxy relaying it keeps the From, so only the request as first sent.
     */
    private void scanFromClue(SipMessage m, String sender, long frame) {
        String from = m.header("From");
        // most From values have no display name or a quoted one of another first letter: ruled out by two looks
        if (from == null || from.isEmpty() || from.charAt(0) == '<' || has(sender, Role.SCANNER, "From")) {
            return;
        }
        ScanTool tool = ScanTool.ofFrom(from);
        if (tool != null && m.headers("Via").size() == 1 && m.headers("Via").get(0).indexOf(',') < 0) {
            clue(sender, Role.SCANNER, "From", Sentence.SCAN_FROM, frame, ScanTool.displayName(from), tool.title());
        }
    }

    /**
     * What a host did with the call's INVITEs (in a call without one, its other dialog-opening or standalone
     * requests) names it where nothing else does: one that received such a request and sent one of the same method
     * on to another host is a SIP proxy when the Call-ID stayed (the same dialog relayed), a B2BUA when it is another
     * leg's, sent back to the host it came from too (a hairpin) (a Kamailio without a Server header, an SBC of no
     * family in the table). A host a clue already names (a family's tells, LiveKit's) is left to them.
     */
    private void relayClues(SipMessage[] invites, int count) {
        for (int i = 1; i < count; i++) {
            SipMessage sent = invites[i];
            String host = at(sent.src());
            // what the host received before, the same dialog relayed first: a proxy that answered an earlier leg of
            // the call itself (a PBX transferring its caller) still relays the transfer's INVITE unchanged
            boolean relayed = false;
            boolean passedOn = false;
            for (int k = paths.firstReceivedBy(host); k >= 0 && k < i && !relayed; k = paths.nextReceived(k)) {
                looks++;
                SipMessage received = invites[k];
                boolean sameDialog = Objects.equals(received.callId(), sent.callId());
                // another leg back to where the call came from is a hairpin (an SBC routing it out through the same
                // carrier); the same dialog sent back is a relay only when it carries the Via it came with (a proxy
                // routing to another user agent at the caller's address)
                if (at(received.dst()).equals(host) && (!sameDialog || !at(received.src()).equals(at(sent.dst()))
                        || carriesViaOf(sent, received)) && Objects.equals(received.method(), sent.method())) {
                    passedOn = true;
                    relayed = sameDialog;
                }
            }
            if (!passedOn) {
                continue;
            }
            if (relayed) {
                // the Request-URI or To it was sent names where the request goes, which is past it
                dropDestinationClues(host);
            }
            if (!named(host)) {
                boolean invite = "INVITE".equals(sent.method());
                Sentence sentence = relayed ? invite ? Sentence.FORWARDED : Sentence.FORWARDED_REQUEST
                        : invite ? Sentence.NEW_LEG : Sentence.NEW_LEG_REQUEST;
                clue(host, relayed ? Role.PROXY : Role.B2BUA, relayed ? "relayed" : "new leg", sentence,
                        sent.frame(), invite ? sent.callId() : sent.method(), at(sent.dst()));
            }
        }
    }

    /**
     * True when {@code sent} has {@code received}'s top Via branch below a top Via of its own: its sender passed that
     * request on, as a proxy does (RFC 3261 16.6 step 8). Asked only of a dialog sent back to where it came from.
     */
    private static boolean carriesViaOf(SipMessage sent, SipMessage received) {
        String branch = received.topViaBranch();
        if (branch.isEmpty() || sent.sameBranch(received)) {
            return false;
        }
        String param = "branch=" + branch;
        for (String via : sent.headers("Via")) {
            for (int at = via.indexOf(param); at >= 0; at = via.indexOf(param, at + 1)) {
                int end = at + param.length();
                if (end == via.length() || ";, \t".indexOf(via.charAt(end)) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * In a call without INVITE, the host that answered a REGISTER itself is its registrar (RFC 3261 10.3): it
     * accepted it (2xx), challenged it (401; 407 too, from a host the phone sent it to straight, its one Via), refused
     * the user (403) or the address-of-record (404), or asked for a longer expiry (423). A PBX or proxy does so in its
     * registrations whatever it is in its INVITE calls. One that refuses the method (405, as LiveKit SIP does) is
     * none; nor is a host that passed a REGISTER of the call on (a proxy: its own 407s authenticate for the domain
     * behind it, RFC 3261 22.3), nor one that answers 407 to a REGISTER that reached it through a proxy; and a
     * response a proxy passes on names the host behind it. {@code requests} are the call's initial requests. The
     * clue cites a registrar's strongest answer ({@link #registrarAnswer}), the first of its kind.
     */
    private void registrarClues(SipMessage[] messages, int[] places, SipMessage[] requests, int count) {
        // one clue per host (clue() keeps the first): the answers of the strongest kind are offered first
        for (int strength = 3; strength > 0; strength--) {
            for (int i = 0; i < messages.length; i++) {
                SipMessage m = messages[i];
                int status = m.status();
                // a host with its clue is not asked again (clue() would keep the first): each asking looks back
                if (!m.isRequest() && registrarAnswer(status) == strength && "REGISTER".equals(m.cseqMethod())
                        && !CallFlowAssembly.retransmission(places[i]) && !has(at(m.src()), Role.REGISTRAR, "registrar")
                        && !paths.passedOn(at(m.src())) && !(status == 407 && throughProxy(m))
                        && !relayed(messages, i)) {
                    clue(at(m.src()), Role.REGISTRAR, "registrar", Sentence.REGISTRAR, m.frame(),
                            status + " " + m.reason(), null);
                }
            }
        }
    }

    /**
     * How surely a status shows the host that takes or refuses a REGISTER itself: 3 for an acceptance (2xx), 2 for
     * what only a registrar answers (401, 423), 1 for a refusal or a 407, which other hosts answer too (a proxy's 403
     * or 407 for its domain); 0 for a status a registrar is not told by.
     */
    private static int registrarAnswer(int status) {
        if (status >= 200 && status < 300) {
            return 3;
        }
        return status == 401 || status == 423 ? 2 : status == 403 || status == 404 || status == 407 ? 1 : 0;
    }

    /** True when a response has more than one Via: its request reached the responder through a proxy. */
    private static boolean throughProxy(SipMessage response) {
        List<String> vias = response.headers("Via");
        return vias.size() > 1 || vias.size() == 1 && vias.get(0).indexOf(',') >= 0;
    }

    /**
     * In a call without INVITE, a host a B2BUA family's clue names (an Asterisk's Server) that passed none of the
     * call's requests on, one leg and nothing bridged (it answered an OPTIONS, handled a SUBSCRIBE, pinged a phone),
     * is that call's user agent: a clue says so, which {@link #decide} lets outweigh the family's. {@code requests}
     * are the call's initial requests, in order; the first the host sent or received is the clue's.
     */
    private void unbridgedClues(SipMessage[] requests, int count) {
        for (int i = 0; i < count; i++) {
            SipMessage r = requests[i];
            unbridgedClue(at(r.src()), r, requests, count);
            unbridgedClue(at(r.dst()), r, requests, count);
        }
    }

    private void unbridgedClue(String host, SipMessage first, SipMessage[] requests, int count) {
        if (roleOf(host) == Role.B2BUA && !bridged(host) && !paths.passedOn(host)) {
            clue(host, Role.SIP_ENDPOINT, "one leg", Sentence.UNBRIDGED, first.frame(), first.method(), null);
        }
    }

    /**
     * In a call without INVITE, a host a proxy family's clue names (a Kamailio's Server) that passed none of the call's
     * requests on and answered one itself (a final response to the very request, its Vias and no more, not passed on
     * from another host) or sent one of its own (a single Via: not another's request relayed) is that call's user
     * agent, as a B2BUA that bridged nothing is ({@link #unbridgedClues}); a REGISTER it answered names it the
     * registrar already. {@code requests} are the call's initial requests, in order.
     */
    private void selfHandledClues(SipMessage[] messages, int[] places, SipMessage[] requests, int count) {
        for (int i = 0; i < count; i++) {
            SipMessage r = requests[i];
            String sender = at(r.src());
            if (roleOf(sender) == Role.PROXY && viaCount(r) == 1 && passedNothingOn(sender, requests, count)) {
                clue(sender, Role.SIP_ENDPOINT, "own request", Sentence.ORIGINATED, r.frame(), r.method(), null);
            }
            String receiver = at(r.dst());
            if (roleOf(receiver) == Role.PROXY && !has(receiver, Role.SIP_ENDPOINT, "own answer")
                    && passedNothingOn(receiver, requests, count)) {
                SipMessage answer = ownAnswer(messages, places, r);
                if (answer != null) {
                    clue(receiver, Role.SIP_ENDPOINT, "own answer", Sentence.ANSWERED, answer.frame(), r.method(),
                            null);
                }
            }
        }
    }

    private boolean passedNothingOn(String host, SipMessage[] requests, int count) {
        return !has(host, Role.PROXY, "relayed") && !paths.passedOn(host);
    }

    /**
     * The final response the receiver of {@code request} sent back to its sender for it (same Call-ID, CSeq and top
     * Via branch, as many Vias), not one passed on from a host behind; null when there is none.
     */
    private SipMessage ownAnswer(SipMessage[] messages, int[] places, SipMessage request) {
        String host = at(request.dst());
        String requester = at(request.src());
        for (int i = 0; i < messages.length; i++) {
            looks++;
            SipMessage m = messages[i];
            if (!m.isRequest() && m.status() >= 200 && !CallFlowAssembly.retransmission(places[i])
                    && at(m.src()).equals(host) && at(m.dst()).equals(requester)
                    && m.cseqNumber() == request.cseqNumber() && Objects.equals(m.cseqMethod(), request.method())
                    && Objects.equals(m.callId(), request.callId()) && m.sameBranch(request)
                    && viaCount(m) == viaCount(request) && !relayed(messages, i)) {
                return m;
            }
        }
        return null;
    }

    /** How many Vias a message has, in separate headers or comma-separated in one. */
    private static int viaCount(SipMessage m) {
        List<String> vias = m.headers("Via");
        int n = 0;
        for (int i = 0; i < vias.size(); i++) {
            String via = vias.get(i);
            n++;
            for (int at = via.indexOf(','); at >= 0; at = via.indexOf(',', at + 1)) {
                n++;
            }
        }
        return n;
    }

    /** True when a clue says {@code host} joined two legs (sent another leg's request, or is a two-address B2BUA). */
    private boolean bridged(String host) {
        for (int i = 0; i < clueCount; i++) {
            Sentence s = clues[i].sentence();
            if ((s == Sentence.NEW_LEG || s == Sentence.NEW_LEG_REQUEST || s == Sentence.OTHER_ADDRESS)
                    && same(clues[i].address(), host)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A B2BUA with two addresses (dual-stack: IPv4 toward the carrier, IPv6 toward LiveKit; or one interface per side)
     * receives a leg at one and sends the joined leg from the other, so neither shows the relay {@link #relayClues}
     * looks for. The address that received an INVITE and never sent one, and the first address to send a later
     * INVITE of another leg without having received or sent one before, are its two sides: the one no clue names
     * takes the other's role, and both are a B2BUA when neither is named.
     */
    private void otherAddressClues(SipMessage[] invites, int count) {
        for (int i = 0; i < count; i++) {
            SipMessage received = invites[i];
            String one = at(received.dst());
            if (paths.sentAny(one, count)) {
                continue; // it passed the call on itself: relayClues tells
            }
            // only the first request of a host that received none can be the other side's
            for (int j : paths.firstOfNonReceivers()) {
                if (j <= i) {
                    continue;
                }
                looks++;
                SipMessage sent = invites[j];
                String other = at(sent.src());
                if (!Objects.equals(sent.callId(), received.callId())
                        && !other.equals(one) && !other.equals(at(received.src()))
                        && !paths.receivedAny(other) && !paths.sentAny(other, j)) {
                    sameB2bua(one, other, sent);
                    break;
                }
            }
        }
    }

    /** Gives the side of a two-address B2BUA no clue names the other side's role ({@link #otherAddressClues}). */
    private void sameB2bua(String one, String other, SipMessage sent) {
        Role oneRole = roleOf(one);
        Role otherRole = roleOf(other);
        // a carrier clue (an agent the table calls a carrier's) says it is no B2BUA of ours, a scanner's that it is
        // a tool sending requests: left as it is
        if (oneRole == Role.SIP_ENDPOINT && otherRole != Role.CARRIER && otherRole != Role.SCANNER) {
            clue(one, otherRole == Role.SIP_ENDPOINT ? Role.B2BUA : otherRole, "other address", Sentence.OTHER_ADDRESS,
                    sent.frame(), other, sent.callId());
        }
        if (otherRole == Role.SIP_ENDPOINT && oneRole != Role.CARRIER && oneRole != Role.SCANNER) {
            clue(other, oneRole == Role.SIP_ENDPOINT ? Role.B2BUA : oneRole, "other address", Sentence.OTHER_ADDRESS,
                    sent.frame(), one, sent.callId());
        }
    }

    /**
     * A call without an INVITE names a carrier as one with an INVITE does, from its first dialog-opening or
     * standalone request sent from a public address, but only when that went to a host a clue names LiveKit, an SBC
     * or a proxy (a carrier's OPTIONS ping or NOTIFY to the SBC): a public phone's SUBSCRIBE or MESSAGE to its peer
     * names no carrier. REGISTER and PUBLISH never do: a user agent sends them to its own registrar or presence
     * server (RFC 3261 10, RFC 3903), and a registering phone is not a carrier.
     */
    private void carrierWithoutInvite(SipMessage[] requests, int count) {
        for (int i = 0; i < count; i++) {
            SipMessage r = requests[i];
            if (AddressScope.isPublic(r.src().address())) {
                String method = r.method();
                if (!"REGISTER".equals(method) && !"PUBLISH".equals(method) && named(at(r.dst()))) {
                    clue(at(r.src()), Role.CARRIER, "first request", Sentence.FIRST_REQUEST, r.frame(), method,
                            at(r.dst()));
                }
                return;
            }
        }
    }

    /** The requests of {@code messages} that open a dialog or stand alone, as first sent (no retransmissions). */
    private static SipMessage[] initialRequests(SipMessage[] messages, int[] places) {
        SipMessage[] requests = new SipMessage[4];
        int count = 0;
        for (int i = 0; i < messages.length; i++) {
            if (SipFields.isInitialRequest(messages[i]) && !CallFlowAssembly.retransmission(places[i])) {
                if (count == requests.length) {
                    requests = Arrays.copyOf(requests, count * 2);
                }
                requests[count++] = messages[i];
            }
        }
        return Arrays.copyOf(requests, count);
    }

    /** Forgets the clues {@code address} got from the Request-URI or To of a request sent to it. */
    private void dropDestinationClues(String address) {
        int kept = 0;
        for (int i = 0; i < clueCount; i++) {
            HopClue c = clues[i];
            Sentence s = c.sentence();
            if (!same(c.address(), address)
                    || s != Sentence.REQUEST_URI && s != Sentence.TO && s != Sentence.FAMILY_DOMAIN) {
                clues[kept++] = c;
            }
        }
        Arrays.fill(clues, kept, clueCount, null);
        clueCount = kept;
    }

    /** True when a clue names {@code address} as anything but a carrier (which a relaying host is not). */
    private boolean named(String address) {
        for (int i = 0; i < clueCount; i++) {
            if (clues[i].role() != Role.CARRIER && same(clues[i].address(), address)) {
                return true;
            }
        }
        return false;
    }

    private void agentClue(String sender, String agent, SipMessage[] messages, int index) {
        if (agent == null || seenBefore(sender, agent)) {
            return;
        }
        Role role = agentRoles.of(agent);
        if (role != null && !relayed(messages, index)) {
            if (role == Role.SCANNER) {
                clue(sender, role, "agent", Sentence.SCAN_AGENT, messages[index].frame(), agent,
                        ScanTool.ofAgent(agent).title());
            } else {
                clue(sender, role, "agent", Sentence.AGENT, messages[index].frame(), agent, null);
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

    /** Keeps a clue unless one of its kind for the address and role came before. */
    private void clue(String address, Role role, String kind, Sentence sentence, long frame, String first,
                      String second) {
        if (has(address, role, kind)) {
            return;
        }
        if (clueCount == clues.length) {
            clues = Arrays.copyOf(clues, clueCount * 2);
        }
        clues[clueCount++] = new HopClue(address, role, kind, sentence, frame, first, second);
    }

    /** True when a clue of this kind for the address and role was kept. */
    private boolean has(String address, Role role, String kind) {
        for (int i = 0; i < clueCount; i++) {
            HopClue c = clues[i];
            if (c.role() == role && same(c.kind(), kind) && same(c.address(), address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the keys (or kinds) are equal: nearly always the very strings (a capture's addresses are shared, kinds
     * are constants), compared as such before a call into equals, which the quick JIT does not inline.
     */
    private static boolean same(String a, String b) {
        return a == b || a.equals(b);
    }

    /** The key clues are filed under for messages from or to {@code e}: its address, or its party's on a shared host. */
    private String at(Endpoint e) {
        return shared == null ? e.address() : shared.key(e);
    }

    /** The hop whose clues are filed under {@code key}: an address, or a shared host's party ({@link #at}). */
    private Hop hop(String key) {
        Role role = roleOf(key);
        int[] counts = roleCounts;
        List<String> evidence;
        if (role == Role.SIP_ENDPOINT && counts[Role.SIP_ENDPOINT.ordinal()] == 0) {
            evidence = NO_CLUE;
        } else if (role == Role.SIP_ENDPOINT) {
            // what it is (the family's clues) and why it is an endpoint here all the same
            evidence = new SentenceList(cluesOf(key, Role.CARRIER));
        } else {
            Object[] own = new Object[counts[role.ordinal()]];
            int n = 0;
            for (int i = 0; i < clueCount; i++) {
                if (clues[i].role() == role && same(clues[i].address(), key)) {
                    own[n++] = clues[i];
                }
            }
            evidence = new SentenceList(own);
        }
        SharedHosts.Party party = shared == null ? null : shared.party(key);
        return party == null ? new Hop(key, role, agentRoles.hopName(role, key), evidence)
                : new Hop(party.address(), role, agentRoles.hopName(role, key), evidence, party.ports());
    }

    /** The clues filed under {@code key} of any role but {@code except}, in the order found. */
    private Object[] cluesOf(String key, Role except) {
        Object[] own = new Object[clueCount];
        int n = 0;
        for (int i = 0; i < clueCount; i++) {
            if (clues[i].role() != except && same(clues[i].address(), key)) {
                own[n++] = clues[i];
            }
        }
        return Arrays.copyOf(own, n);
    }

    /** The role the clues filed under {@code key} point to; {@link #roleCounts} holds their count per role after. */
    private Role roleOf(String key) {
        int[] counts = roleCounts;
        Arrays.fill(counts, 0);
        for (int i = 0; i < clueCount; i++) {
            if (same(clues[i].address(), key)) {
                counts[clues[i].role().ordinal()]++;
            }
        }
        return decide(counts);
    }

    private static int[] families() {
        int[] families = new int[ROLES.length];
        int n = 0;
        for (Role role : ROLES) {
            if (role != Role.LIVEKIT && role != Role.CARRIER && role != Role.SIP_ENDPOINT && role != Role.REGISTRAR
                    && role != Role.SCANNER && role != Role.MEDIA_RELAY) {
                families[n++] = role.ordinal();
            }
        }
        return Arrays.copyOf(families, n);
    }

    /**
     * LiveKit and B2BUA/proxy family clues (Jambonz first among equals) outweigh carrier clues such as being the
     * first INVITE's sender; more clues beat fewer, LiveKit wins a tie. A scanning tool's clue beats all but
     * LiveKit's; answering a REGISTER beats every family but LiveKit's and Jambonz's.
     */
    private static Role decide(int[] counts) {
        int livekit = counts[Role.LIVEKIT.ordinal()];
        Role family = null;
        int most = 0;
        for (int f : FAMILIES) { // in Role order
            if (counts[f] > most) {
                family = ROLES[f];
                most = counts[f];
            }
        }
        if (livekit > 0 && livekit >= most) {
            return Role.LIVEKIT;
        }
        // a scanning tool's own name or From: what else it claims (scanners spoof PBX agents) or did (sent the first
        // INVITE, as a carrier does) is the scan
        if (counts[Role.SCANNER.ordinal()] > 0) {
            return Role.SCANNER;
        }
        // what a host did in this call outweighs the kind its product is (an Asterisk answering REGISTER is its
        // registrar, not a B2BUA); Jambonz keeps its name, which tells the user more
        if (counts[Role.REGISTRAR.ordinal()] > 0 && family != Role.JAMBONZ) {
            return Role.REGISTRAR;
        }
        // a B2BUA's product that bridged nothing, or a proxy's that relayed nothing, in a call without INVITE is its
        // user agent (unbridgedClues, selfHandledClues)
        if (family != null && !((family == Role.B2BUA || family == Role.PROXY)
                && counts[Role.SIP_ENDPOINT.ordinal()] > 0)) {
            return family;
        }
        return counts[Role.CARRIER.ordinal()] > 0 ? Role.CARRIER : Role.SIP_ENDPOINT;
    }
}
