package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Role;
import org.sipladder.media.RtpStream;
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
                for (int p = 0; p < parts.size(); p += LEAK_PARTS) {
                    FlowMessage origin = origin(senders, messages, i, parts, p);
                    Sender sender = Sender.of(senders, m, origin);
                    if (sender.messages.isEmpty() || sender.messages.get(sender.messages.size() - 1) != m) {
                        sender.messages.add(m);
                    }
                    sender.addFact(context.memo(), parts.get(p), parts.get(p + 1), parts.get(p + 2), parts.get(p + 3));
                }
            }
            // the NAT address a sender was seen from, looked up once per sender address (an earlier entry's)
            for (int i = 0; i < senders.size(); i++) {
                Sender s = senders.get(i);
                int same = 0;
                while (same < i && !senders.get(same).author().equals(s.author())) {
                    same++;
                }
                s.publicIp = same < i ? senders.get(same).publicIp : publicAddressSeenBy(context, flow, s.author());
                Finding f = finding(context, flow, s);
                RtpStream reached = rtpFromPublicSide(context, flow.legs().get(s.legIndex).callId(), s.author());
                findings.add(reached == null ? f : corrected(f, reached, flow));
            }
        }
        return findings;
    }

    /**
     * The leaking messages of one leg from one sender to one receiver, and what they leak, in order; with the message
     * that first carried the leak when the sender only relays it (null when it wrote it).
     */
    private static final class Sender {
        final int legIndex;
        final String src;
        final String dst;
        final FlowMessage origin;
        final List<FlowMessage> messages = new ArrayList<>(4);
        final List<String> facts = new ArrayList<>(4);
        /** The address the peer saw this sender's packets come from (Via received), or null. */
        String publicIp;

        private Sender(int legIndex, String src, String dst, FlowMessage origin) {
            this.legIndex = legIndex;
            this.src = src;
            this.dst = dst;
            this.origin = origin;
        }

        /** The host that wrote the leaked values: the sender, or where the relayed message started. */
        String author() {
            return origin == null ? src : origin.message().src().address();
        }

        /** True when the sender has the fact that is the four texts joined (compared without joining). */
        boolean has(String a, String b, String c, String d) {
            int length = a.length() + b.length() + c.length() + d.length();
            for (int i = 0; i < facts.size(); i++) {
                String f = facts.get(i);
                if (f.length() == length && f.startsWith(a) && f.startsWith(b, a.length())
                        && f.startsWith(c, a.length() + b.length()) && f.endsWith(d)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Adds the fact that is the four texts joined, unless the sender has it already: the diagnosis's string for
         * it ({@link PrivateAddressTexts#fact}).
         */
        void addFact(CallMemo memo, String a, String b, String c, String d) {
            if (!has(a, b, c, d)) {
                facts.add(memo.privateAddressFact(a, b, c, d));
            }
        }

        /** The entry of {@code m}'s leg, sender, receiver and {@code origin} in {@code senders}, added when new. */
        static Sender of(List<Sender> senders, FlowMessage m, FlowMessage origin) {
            String src = m.message().src().address();
            String dst = m.message().dst().address();
            // by index: an iterator per leaking message, which the quick JIT does not elide
            for (int i = 0; i < senders.size(); i++) {
                Sender s = senders.get(i);
                if (s.legIndex == m.legIndex() && s.src.equals(src) && s.dst.equals(dst) && s.origin == origin) {
                    return s;
                }
            }
            Sender s = new Sender(m.legIndex(), src, dst, origin);
            senders.add(s);
            return s;
        }
    }

    /**
     * The message that first carried the leak at {@code parts[p]} when the sender of {@code messages[i]} only passes
     * it on, else null. A stateful proxy relays Contact and the body as written (RFC 3261 16.6), so a private address
     * that is not the sender's own came from upstream: a public hop that leaked the same value to it (behind a NAT,
     * its address is not its packets' source), or the hop whose address it is, found by following the same request
     * or response back hop by hop. Only addresses and values already read are compared: nothing is read back.
     */
    private static FlowMessage origin(List<Sender> senders, List<FlowMessage> messages, int i, List<String> parts,
                                      int p) {
        String host = parts.get(p + 4);
        SipMessage m = messages.get(i).message();
        String relay = m.src().address();
        if (host.isEmpty() || host.equals(relay)) {
            return null;
        }
        for (int k = 0; k < senders.size(); k++) {
            Sender s = senders.get(k);
            if (s.dst.equals(relay) && !s.src.equals(relay)
                    && s.has(parts.get(p), parts.get(p + 1), parts.get(p + 2), parts.get(p + 3))) {
                return notBackTo(s.origin != null ? s.origin : s.messages.get(0), m);
            }
        }
        for (int k = i - 1; k >= 0; k--) {
            SipMessage x = messages.get(k).message();
            if (x.dst().address().equals(relay) && sameStep(x, m)) {
                if (x.src().address().equals(host)) {
                    return notBackTo(messages.get(k), m);
                }
                relay = x.src().address();
            }
        }
        return null;
    }

    /**
     * {@code origin}, unless {@code m} goes back to the host that wrote the values: a peer that echoes the caller's
     * own Contact or SDP back to it (an answer copying the offer) relays nothing, it advertises them itself.
     */
    private static FlowMessage notBackTo(FlowMessage origin, SipMessage m) {
        return origin.message().src().address().equals(m.dst().address()) ? null : origin;
    }

    /** True when {@code x} is the request or response {@code m} passes on: same kind, CSeq and status or method. */
    private static boolean sameStep(SipMessage x, SipMessage m) {
        return x.isRequest() == m.isRequest() && x.cseqNumber() == m.cseqNumber() && x.status() == m.status()
                && Objects.equals(x.isRequest() ? x.method() : x.cseqMethod(), m.isRequest() ? m.method() : m.cseqMethod());
    }

    /**
     * Texts a leak is made of ({@link #leaks}): four joined in order into its fact ("" where a fact has fewer), then
     * the private host (the Contact's or the c= address; "" for Via sent-by, which is always the sender's own).
     */
    static final int LEAK_PARTS = 5;

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
            add(parts, "Contact ", contact.trim(), "", "", contactHost);
        }
        String via = m.isRequest() ? ViaParameters.sentByHost(context.header(m, "Via")) : null;
        if (context.memo().isPrivate(via)) {
            add(parts, "Via sent-by ", via, "", "", "");
        }
        Sdp sdp = context.sdp(m);
        if (sdp != null) {
            if (context.memo().isPrivate(sdp.connection())) {
                add(parts, "SDP c= ", sdp.connection(), " (media address)", "", sdp.connection());
            }
            List<SdpMedia> sections = sdp.media();
            for (int i = 0; i < sections.size(); i++) {
                SdpMedia media = sections.get(i);
                if (context.memo().isPrivate(media.connection()) && !media.connection().equals(sdp.connection())) {
                    add(parts, "SDP ", media.type(), " c= ", media.connection(), media.connection());
                }
            }
        }
    }

    private static void add(List<String> parts, String a, String b, String c, String d, String host) {
        parts.add(a);
        parts.add(b);
        parts.add(c);
        parts.add(d);
        parts.add(host);
    }

    private static Finding finding(DiagnosisContext context, CallFlow flow, Sender s) {
        SipMessage first = s.messages.get(0).message();
        SipMessage wrote = s.origin == null ? first : s.origin.message();
        String author = wrote.src().address();
        PrivateAddressTexts.Texts texts = context.memo().privateAddressTexts(author, s.dst, s.publicIp,
                flow.hasHop(wrote.src(), Role.JAMBONZ));
        List<String> facts = new ArrayList<>(s.facts.size() + 2);
        facts.addAll(s.facts);
        List<Long> frames = new ArrayList<>(s.messages.size() + 1);
        List<String> steps = texts.steps();
        if (s.origin == null) {
            facts.add(texts.sends());
        } else {
            frames.add(wrote.frame());
            facts.add(author + " wrote these (frame " + wrote.frame() + "); " + s.src + " relayed them unchanged to "
                    + "public peer " + s.dst + " (frame " + first.frame() + "): a proxy passes Contact and the SDP on "
                    + "as written (RFC 3261 16.6)");
            steps = new ArrayList<>(steps);
            steps.add("Or have " + s.src + ", which relays it to the public side, rewrite Contact and SDP there (the "
                    + "job of an SBC: for a Kamailio/OpenSIPS proxy, its NAT helper and rtpengine).");
        }
        if (texts.nat() != null) {
            facts.add(texts.nat());
        }
        for (int i = 0; i < s.messages.size(); i++) {
            frames.add(s.messages.get(i).message().frame());
        }
        return new Finding(CODE, CODE.severity(), texts.title(),
                flow.hasHop(first.dst(), Role.LIVEKIT) ? EXPLANATION_LIVEKIT : EXPLANATION,
                first.callId(), flow.id(), false, Findings.evidence(frames, List.of(), facts),
                Findings.fix(steps, List.of(), null));
    }

    /**
     * The texts of a finding about {@code sender} (a Jambonz hop or not) leaking to {@code peer}, seen by that peer
     * as {@code publicIp} (null: not known): they follow from these alone ({@link PrivateAddressTexts} keeps them).
     */
    static PrivateAddressTexts.Texts texts(String sender, String peer, String publicIp, boolean jambonz) {
        String nat = publicIp == null ? null
                : "The peer saw the packets come from " + publicIp + " (Via received=): " + sender + " is behind NAT";
        String advertised = publicIp == null ? "<public IP>" : publicIp;
        List<String> steps;
        if (jambonz) {
            steps = List.of("Make Jambonz advertise its public address " + advertised + " on this side: drachtio "
                    + "--external-ip " + advertised + " (or <external-ip> in drachtio.conf.xml), so Via and Contact carry it.",
                    "For media, set rtpengine's interface with the advertised address: --interface=" + sender + "!" + advertised + ".");
        } else {
            steps = List.of("Configure " + sender + " to advertise its public address " + advertised
                    + " in Via, Contact and SDP (external IP / NAT settings), or put a SIP-aware NAT/SBC in front of it.");
        }
        return new PrivateAddressTexts.Texts(CODE.title(sender, peer), sender + " sends to public peer " + peer, nat,
                steps);
    }

    /**
     * The stream of leg {@code callId} (the leg with the leaking messages; another leg's peer may correct addresses
     * where this one does not) with the most packets that a public address sent to {@code sender}'s private address:
     * the peer, or a NAT between them, corrected what the sender advertised (the capture is taken on the private side,
     * where the packets arrive after the NAT); null when none did.
     */
    private static RtpStream rtpFromPublicSide(DiagnosisContext context, String callId, String sender) {
        List<RtpStream> streams = context.media().streamsOf(callId);
        RtpStream most = null;
        for (RtpStream stream : streams) {
            if (stream.key().dst().address().equals(sender) && context.memo().isPublic(stream.key().src().address())
                    && (most == null || stream.stats().packets() > most.stats().packets())) {
                most = stream;
            }
        }
        return most;
    }

    /**
     * {@code f} with what the RTP shows: audio from the public side reached the private address, so in this call the
     * address was corrected; on an answered call that is information, not a warning.
     */
    private static Finding corrected(Finding f, RtpStream reached, CallFlow flow) {
        List<String> facts = new ArrayList<>(f.evidence().facts());
        facts.add("RTP from " + reached.key().src() + " reached " + reached.key().dst() + " (" + reached.stats().packets()
                + (reached.stats().packets() == 1 ? " packet" : " packets") + " from frame " + reached.firstFrame() + "): in this call the peer or a NAT corrected the "
                + "advertised address");
        List<Long> frames = new ArrayList<>(f.evidence().frames());
        frames.add(reached.firstFrame());
        frames.sort(null);
        boolean answered = flow.finalStatus() >= 200 && flow.finalStatus() < 300;
        Finding withRtp = new Finding(f.code(), f.severity(), f.title(), f.explanation()
                + (answered ? " In this call audio from the public side reached it, so the risk did not come true here;"
                + " it remains for peers that do not correct the address." : ""),
                f.callId(), f.flowId(), f.primary(), Findings.evidence(frames, f.evidence().configIds(), facts), f.fix());
        return answered ? withRtp.withSeverity(Severity.INFO) : withRtp;
    }

    /** The address a peer reported in Via "received" on responses to requests from {@code sender}. */
    private static String publicAddressSeenBy(DiagnosisContext context, CallFlow flow, String sender) {
        List<FlowMessage> messages = flow.messages();
        for (int i = 0; i < messages.size(); i++) {
            SipMessage r = messages.get(i).message();
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
