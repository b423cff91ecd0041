package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Hop;
import org.sipladder.flow.Role;
import org.sipladder.sip.Sdp;
import org.sipladder.sip.SdpMedia;
import org.sipladder.sip.SipMessage;

/** SIP_PRIVATE_ADDRESS_TO_PUBLIC_PEER: a host tells a public peer to reach it at a private address. */
final class PrivateAddressCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.SIP_PRIVATE_ADDRESS_TO_PUBLIC_PEER;

    /** The explanation, without and with the LiveKit peer's sentence: the same text for every finding. */
    private static final String EXPLANATION = "A private address (RFC 1918 or CGNAT) in Contact, Via or the SDP c= line "
            + "cannot be reached from the public internet. The peer may send in-dialog requests (ACK, BYE) and RTP "
            + "there, which gives one-way or no audio and calls that drop after about 30 seconds, unless it fixes the "
            + "address up from the packet source.";
    private static final String EXPLANATION_LIVEKIT = EXPLANATION
            + " LiveKit sends BYE when no RTP arrives (30 s at first).";

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (CallFlow flow : context.flows()) {
            // the messages that leak, by leg, sender and receiver in order of the first: a call has a few
            List<Sender> senders = new ArrayList<>(2);
            List<FlowMessage> messages = flow.messages();
            // a sender repeats its leaks in most messages: their texts are made once, when first seen
            List<String> parts = new ArrayList<>(LEAK_PARTS * 4);
            for (int i = 0; i < messages.size(); i++) {
                FlowMessage m = messages.get(i);
                parts.clear();
                if (!m.retransmission()) {
                    leaks(context, m.message(), parts);
                }
                if (!parts.isEmpty()) {
                    Sender sender = Sender.of(senders, m);
                    sender.messages.add(m);
                    for (int p = 0; p < parts.size(); p += LEAK_PARTS) {
                        sender.addFact(parts.get(p), parts.get(p + 1), parts.get(p + 2), parts.get(p + 3));
                    }
                }
            }
            // the NAT address a sender was seen from, looked up once per sender (it reads Via back from the capture)
            Map<String, Optional<String>> publicIps = new HashMap<>();
            for (Sender s : senders) {
                findings.add(finding(flow, s.messages, s.facts, publicIps.computeIfAbsent(s.src,
                        src -> Optional.ofNullable(publicAddressSeenBy(context, flow, src))).orElse(null)));
            }
        }
        return findings;
    }

    /** The leaking messages of one leg from one sender to one receiver, and what they leak, in order. */
    private static final class Sender {
        final int legIndex;
        final String src;
        final String dst;
        final List<FlowMessage> messages = new ArrayList<>(4);
        final List<String> facts = new ArrayList<>(4);

        private Sender(int legIndex, String src, String dst) {
            this.legIndex = legIndex;
            this.src = src;
            this.dst = dst;
        }

        /** Adds the fact that is the four texts joined, unless the sender has it already (compared without joining). */
        void addFact(String a, String b, String c, String d) {
            int length = a.length() + b.length() + c.length() + d.length();
            for (int i = 0; i < facts.size(); i++) {
                String f = facts.get(i);
                if (f.length() == length && f.startsWith(a) && f.startsWith(b, a.length())
                        && f.startsWith(c, a.length() + b.length()) && f.endsWith(d)) {
                    return;
                }
            }
            facts.add(a + b + c + d);
        }

        /** The entry of {@code m}'s leg, sender and receiver in {@code senders}, added when new. */
        static Sender of(List<Sender> senders, FlowMessage m) {
            String src = m.message().src().address();
            String dst = m.message().dst().address();
            for (Sender s : senders) {
                if (s.legIndex == m.legIndex() && s.src.equals(src) && s.dst.equals(dst)) {
                    return s;
                }
            }
            Sender s = new Sender(m.legIndex(), src, dst);
            senders.add(s);
            return s;
        }
    }

    /** Texts a leak's fact is made of ({@link #leaks}): four, joined in order ("" where a fact has fewer). */
    static final int LEAK_PARTS = 4;

    /**
     * What in the message points to a private address, when it goes to a public peer: each fact as
     * {@link #LEAK_PARTS} texts added to {@code parts}, joined in order (a sender's messages repeat the same facts,
     * whose texts are made once).
     */
    static void leaks(DiagnosisContext context, SipMessage m, List<String> parts) {
        if (!context.memo().isPublic(m.dst().address())) {
            return;
        }
        String contact = context.header(m, "Contact");
        String contactHost = contact == null ? null : context.memo().contactHost(contact);
        if (context.memo().isPrivate(contactHost)) {
            add(parts, "Contact ", contact.trim(), "", "");
        }
        String via = m.isRequest() ? ViaParameters.sentByHost(context.header(m, "Via")) : null;
        if (context.memo().isPrivate(via)) {
            add(parts, "Via sent-by ", via, "", "");
        }
        Sdp sdp = context.sdp(m);
        if (sdp != null) {
            if (context.memo().isPrivate(sdp.connection())) {
                add(parts, "SDP c= ", sdp.connection(), " (media address)", "");
            }
            for (SdpMedia media : sdp.media()) {
                if (context.memo().isPrivate(media.connection()) && !media.connection().equals(sdp.connection())) {
                    add(parts, "SDP ", media.type(), " c= ", media.connection());
                }
            }
        }
    }

    private static void add(List<String> parts, String a, String b, String c, String d) {
        parts.add(a);
        parts.add(b);
        parts.add(c);
        parts.add(d);
    }

    private static Finding finding(CallFlow flow, List<FlowMessage> messages, List<String> leaks, String publicIp) {
        SipMessage first = messages.get(0).message();
        String sender = first.src().address();
        String peer = first.dst().address();
        boolean jambonz = hasHop(flow, sender, Role.JAMBONZ);
        List<String> facts = new ArrayList<>(leaks);
        facts.add(sender + " sends to public peer " + peer);
        if (publicIp != null) {
            facts.add("The peer saw the packets come from " + publicIp + " (Via received=): " + sender + " is behind NAT");
        }
        String advertised = publicIp == null ? "<public IP>" : publicIp;
        List<String> steps = new ArrayList<>();
        if (jambonz) {
            steps.add("Make Jambonz advertise its public address " + advertised + " on this side: drachtio "
                    + "--external-ip " + advertised + " (or <external-ip> in drachtio.conf.xml), so Via and Contact carry it.");
            steps.add("For media, set rtpengine's interface with the advertised address: --interface=" + sender + "!" + advertised + ".");
        } else {
            steps.add("Configure " + sender + " to advertise its public address " + advertised
                    + " in Via, Contact and SDP (external IP / NAT settings), or put a SIP-aware NAT/SBC in front of it.");
        }
        List<Long> frames = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            frames.add(messages.get(i).message().frame());
        }
        return new Finding(CODE, CODE.severity(), CODE.title(sender, peer),
                hasHop(flow, peer, Role.LIVEKIT) ? EXPLANATION_LIVEKIT : EXPLANATION,
                first.callId(), flow.id(), false, Findings.evidence(frames, List.of(), facts),
                Findings.fix(steps, List.of(), null));
    }

    /** True when {@code address} is a hop of the call with {@code role}. */
    private static boolean hasHop(CallFlow flow, String address, Role role) {
        for (Hop h : flow.hops()) {
            if (h.role() == role && h.address().equals(address)) {
                return true;
            }
        }
        return false;
    }

    /** The address a peer reported in Via "received" on responses to requests from {@code sender}. */
    private static String publicAddressSeenBy(DiagnosisContext context, CallFlow flow, String sender) {
        for (FlowMessage m : flow.messages()) {
            SipMessage r = m.message();
            if (!r.isRequest() && r.dst().address().equals(sender)) {
                String received = context.memo().viaReceived(r);
                if (received != null && !received.equals(sender)) {
                    return received;
                }
            }
        }
        return null;
    }
}
