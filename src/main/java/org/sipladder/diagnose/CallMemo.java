package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sipladder.HashedTable;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.livekit.InboundInvite;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.media.CaptureMedia;
import org.sipladder.sip.MessageReadBack;
import org.sipladder.sip.ReadAhead;
import org.sipladder.sip.ReadBackBuffer;
import org.sipladder.sip.Sdp;
import org.sipladder.sip.SdpMemo;
import org.sipladder.sip.SipMessage;

/**
 * What the rules work out about the flows of one diagnosis context and read again and again: each flow's INVITE
 * transactions (a dozen rules walk them) and requests by method, the call LiveKit placed, the headers and SDP of a message (its bytes
 * read back from the capture once) and whether an address is public. A diagnosis context covers one call ({@link DiagnosisRun}), so this holds one call's worth
 * and goes with it. Safe on several threads.
 */
public final class CallMemo {

    // a context of the command line holds one call: what is worked out per flow is kept beside the flow it is of,
    // and a table by flow made only for a context of several (the quick JIT asks the VM for an identity hash at each
    // look into an identity map, and the tables were made anew for every call)
    private final BySame<CallFlow, List<InviteTransaction>> invites = new BySame<>();
    private final BySame<CallFlow, Optional<OutboundCall>> outbound = new BySame<>();
    private final BySame<CallFlow, Map<String, List<DialogRequests>>> dialogRequests = new BySame<>();
    private final BySame<CallFlow, List<MediaLeg>> mediaLegs = new BySame<>();
    private final BySame<CallFlow, FlowCseqs> cseqs = new BySame<>();
    private final BySame<CallFlow, Map<String, SipMessage>> answers = new BySame<>();
    /** Each message's read-back, by the very message, hashed by its frame number. */
    private final ByMessage readBacks = new ByMessage();
    private final BySame<InboundInvite, TrunkMiss> trunkMisses = new BySame<>();
    /** The call's SDP bodies parsed so far: its messages repeat them. */
    private final SdpMemo sdpBodies = new SdpMemo();
    /** How messages are read back: through the diagnosis's stretches of the file, or (null) directly. */
    private final ReadAhead ahead;
    /** Where the read-backs put their bytes (the thread's, for this call: {@link ReadBackBuffer}), or null. */
    private final ReadBackBuffer buffer;
    private final int epoch;

    /** Whether addresses are private or public: the diagnosis's, shared by its calls. */
    private final AddressScopes scopes;
    /** The texts of private-address findings by their hosts: the diagnosis's, shared by its calls. */
    private final PrivateAddressTexts privateAddressTexts;
    /** The diagnosis's texts about its config alone, or null until asked (a memo of its own). */
    private ConfigTexts configTexts;

    /** A memo whose messages are read back from the capture directly. */
    public CallMemo() {
        this(null, null, new AddressScopes(), new PrivateAddressTexts(), null);
    }

    /**
     * A memo whose messages are read back through {@code ahead} (the diagnosis's, shared by its threads), their
     * bytes put in {@code buffer} (the calling thread's, when given) until it is {@linkplain ReadBackBuffer#clear
     * cleared}, with the diagnosis's {@code scopes}, {@code privateAddressTexts} and {@code configTexts}.
     */
    CallMemo(ReadAhead ahead, ReadBackBuffer buffer, AddressScopes scopes, PrivateAddressTexts privateAddressTexts,
             ConfigTexts configTexts) {
        this.ahead = ahead;
        this.buffer = buffer;
        this.epoch = buffer == null ? 0 : buffer.epoch();
        this.scopes = scopes;
        this.privateAddressTexts = privateAddressTexts;
        this.configTexts = configTexts;
    }

    /** The texts about {@code config} alone ({@link ConfigTexts}): the diagnosis's, else made once for this memo. */
    synchronized ConfigTexts configTexts(LiveKitConfig config) {
        if (configTexts == null || !configTexts.isOf(config)) {
            configTexts = new ConfigTexts(config);
        }
        return configTexts;
    }

    /** {@link InviteTransaction#of} of {@code flow}, worked out once. */
    synchronized List<InviteTransaction> invites(CallFlow flow) {
        List<InviteTransaction> found = invites.get(flow);
        if (found == null) {
            found = List.copyOf(InviteTransaction.of(flow, new long[1], this));
            invites.put(flow, found);
        }
        return found;
    }

    /** The routings {@link #simulatedRoutings} was last asked about, and its answer. */
    private List<LiveKitRouting> routings;
    private List<LiveKitRouting> simulatedRoutings;

    /** Those of {@link #simulatedRoutings} by the frame of their INVITE, once asked. */
    private Map<Long, List<LiveKitRouting>> simulatedByFrame;

    /** {@link DiagnosisContext#simulated} of {@code routings}, worked out once for the same list. */
    synchronized List<LiveKitRouting> simulatedRoutings(List<LiveKitRouting> routings) {
        if (routings != this.routings) {
            simulatedRoutings = DiagnosisContext.simulated(routings);
            simulatedByFrame = null;
            this.routings = routings;
        }
        return simulatedRoutings;
    }

    /** Those of {@link #simulatedRoutings} whose INVITE is at {@code frame}, in order. */
    synchronized List<LiveKitRouting> simulatedRoutingsAt(List<LiveKitRouting> routings, long frame) {
        List<LiveKitRouting> simulated = simulatedRoutings(routings);
        if (simulatedByFrame == null) {
            simulatedByFrame = new HashMap<>();
            for (int i = 0; i < simulated.size(); i++) {
                LiveKitRouting r = simulated.get(i);
                simulatedByFrame.computeIfAbsent(r.transaction().request().frame(), f -> new ArrayList<>(1)).add(r);
            }
        }
        return simulatedByFrame.getOrDefault(frame, List.of());
    }

    /** {@link MediaLeg#of} of {@code flow} with the capture's {@code media}, worked out once (six rules ask it). */
    synchronized List<MediaLeg> mediaLegs(CallFlow flow, CaptureMedia media) {
        List<MediaLeg> legs = mediaLegs.get(flow);
        if (legs == null) {
            legs = List.copyOf(MediaLeg.of(flow, media));
            mediaLegs.put(flow, legs);
        }
        return legs;
    }

    /**
     * {@link DialogNotFoundCheck#answerOf}: the first 2xx to an INVITE of {@code callId} in the flow, or null. Asked per
     * in-dialog request by several checks; in a call of thousands of requests (REFERs, INFOs in one dialog) each walk
     * went through the whole call, so a call longer than {@link InviteTransaction#WALKED} messages (the bound past
     * which its transactions are indexed too) has its first answers found in one pass and kept by Call-ID.
     */
    SipMessage answerOf(CallFlow flow, String callId) {
        if (callId == null || flow.messages().size() <= InviteTransaction.WALKED) {
            return DialogNotFoundCheck.answerOf(flow, callId);
        }
        return tabledAnswerOf(flow, callId);
    }

    private synchronized SipMessage tabledAnswerOf(CallFlow flow, String callId) {
        Map<String, SipMessage> first = answers.get(flow);
        if (first == null) {
            first = new HashMap<>();
            List<FlowMessage> messages = flow.messages();
            for (int i = 0; i < messages.size(); i++) {
                SipMessage m = messages.get(i).message();
                if (DialogNotFoundCheck.isInviteAnswer(m) && m.callId() != null) {
                    first.putIfAbsent(m.callId(), m);
                }
            }
            answers.put(flow, first);
        }
        return first.get(callId);
    }

    /** {@link DialogRequests#of} of {@code flow} and {@code method}, worked out once. */
    synchronized List<DialogRequests> dialogRequests(CallFlow flow, String method) {
        Map<String, List<DialogRequests>> byMethod = dialogRequests.get(flow);
        if (byMethod == null) {
            byMethod = new HashMap<>();
            dialogRequests.put(flow, byMethod);
        }
        List<DialogRequests> requests = byMethod.get(method);
        if (requests == null) {
            // not by computeIfAbsent: its lambda would hold the flow, a new object at every question
            requests = List.copyOf(DialogRequests.of(flow, method, new long[1], this));
            byMethod.put(method, requests);
        }
        return requests;
    }

    /** {@link FlowCseqs#of} of {@code flow}, read once (its transactions, requests of each method and ACKs ask it). */
    synchronized FlowCseqs cseqs(CallFlow flow) {
        FlowCseqs found = cseqs.get(flow);
        if (found == null) {
            found = FlowCseqs.of(flow);
            cseqs.put(flow, found);
        }
        return found;
    }

    /** {@link OutboundCall#of(CallFlow, List, LiveKitConfig)} of {@code flow}, worked out once. */
    synchronized Optional<OutboundCall> outbound(CallFlow flow, LiveKitConfig config) {
        Optional<OutboundCall> call = outbound.get(flow);
        if (call == null) {
            call = OutboundCall.of(flow, invites(flow), config);
            outbound.put(flow, call);
        }
        return call;
    }

    /** {@link TrunkMiss#of} of an INVITE LiveKit was simulated to get, worked out once (four rules ask it). */
    synchronized TrunkMiss trunkMiss(LiveKitConfig config, InboundInvite invite) {
        TrunkMiss miss = trunkMisses.get(invite);
        if (miss == null) {
            miss = TrunkMiss.of(config, configTexts(config), invite);
            trunkMisses.put(invite, miss);
        }
        return miss;
    }

    /** Contact values whose host is kept per call ({@link #contactHost}). */
    static final int CONTACTS_KEPT = 4;
    /** The hosts of the Contact values asked: a call's senders repeat their Contact. */
    private final FirstFew<String, String> contactHosts = new FirstFew<>(CONTACTS_KEPT);

    /** {@code SipAddress.parse(contact).host()}, parsed once per distinct value (the first few) of the call. */
    synchronized String contactHost(String contact) {
        int kept = contactHosts.indexOf(contact);
        return kept >= 0 ? contactHosts.value(kept) : contactHosts.keep(contact, SipAddress.parse(contact).host());
    }

    /** Messages whose Via "received" parameter is kept per call ({@link #viaReceived}). */
    static final int RECEIVED_KEPT = 8;
    /** The Via "received" of the messages asked (null: none): two rules ask LiveKit's responses. */
    private final FirstFew<SipMessage, String> received = new FirstFew<>(RECEIVED_KEPT);

    /** {@code ViaParameters.received} of {@code message}'s Via, worked out once (for the call's first few). */
    synchronized String viaReceived(SipMessage message) {
        if (message.viaWithoutReceived()) {
            return null; // known from the read: LiveKit's and most peers' responses are not read back for it
        }
        int kept = received.indexOf(message);
        return kept >= 0 ? received.value(kept)
                : received.keep(message, ViaParameters.received(header(message, "Via")));
    }

    /** {@link PrivateAddresses#isPublic} of an address, worked out once per diagnosis. */
    boolean isPublic(String address) {
        return scopes.isPublic(address);
    }

    /** {@link PrivateAddresses#isPrivate} of an address, worked out once per diagnosis. */
    boolean isPrivate(String address) {
        return scopes.isPrivate(address);
    }

    /** {@link PrivateAddressCheck#texts}, made once per diagnosis for the same hosts. */
    PrivateAddressTexts.Texts privateAddressTexts(String sender, String peer, String publicIp, boolean jambonz) {
        return privateAddressTexts.of(sender, peer, publicIp, jambonz);
    }

    /** {@link PrivateAddressTexts#fact}: the diagnosis's string for the fact the four texts make. */
    String privateAddressFact(String a, String b, String c, String d) {
        return privateAddressTexts.fact(a, b, c, d);
    }

    /** {@link SipMessage#sdp()}, read once (the message's read-back keeps it). */
    synchronized Sdp sdp(SipMessage message) {
        return readBack(message).sdp();
    }

    /** True when {@link #sdp} of {@code message} was asked before: asked again, it is a look, nothing read or parsed. */
    synchronized boolean sdpKept(SipMessage message) {
        MessageReadBack kept = readBacks.get(message);
        return kept != null && kept.sdpAsked();
    }

    /** {@link SipMessage#header}, its bytes read back from the capture once for every question about the message. */
    synchronized String header(SipMessage message, String name) {
        return readBack(message).header(name);
    }

    private MessageReadBack readBack(SipMessage message) {
        MessageReadBack kept = readBacks.get(message);
        if (kept == null) {
            kept = message.readBack(ahead, sdpBodies, buffer, epoch);
            readBacks.put(message, kept);
        }
        return kept;
    }

    /**
     * Values by the very key (not an equal one): the first key's beside it, an identity map made only for more (a
     * context of the command line asks about one call, and its INVITE, only).
     */
    private static final class BySame<K, V> {
        private K first;
        private V firstValue;
        private Map<K, V> more;

        /** The value of {@code key} (not null), or null. */
        V get(K key) {
            if (key == first) {
                return firstValue;
            }
            return more == null ? null : more.get(key);
        }

        /** Adds {@code key} (not null, not there yet). */
        void put(K key, V value) {
            if (first == null) {
                first = key;
                firstValue = value;
            } else {
                if (more == null) {
                    more = new IdentityHashMap<>();
                }
                more.put(key, value);
            }
        }
    }

    /**
     * Read-backs by the very message, hashed by the message's frame number: an identity map asks the VM for each
     * message's identity hash at every question under the quick JIT. Messages with the same frame number (of
     * different files, or built in code) only share a probe sequence.
     */
    private static final class ByMessage extends HashedTable<SipMessage, MessageReadBack> {

        ByMessage() {
            super(32); // one call's messages
        }

        MessageReadBack get(SipMessage message) {
            return get(message, hash(message));
        }

        /** Adds {@code message}, not there yet. */
        void put(SipMessage message, MessageReadBack value) {
            add(message, hash(message), value);
        }

        @Override
        protected boolean sameKey(SipMessage kept, SipMessage asked) {
            return kept == asked;
        }

        private static int hash(SipMessage message) {
            long frame = message.frame();
            return (int) (frame ^ frame >>> 32);
        }
    }
}
