package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (CallFlow flow : context.flows()) {
            Map<String, List<FlowMessage>> bySender = new LinkedHashMap<>();
            Map<String, List<String>> factsBySender = new LinkedHashMap<>();
            for (FlowMessage m : flow.messages()) {
                List<String> leaks = m.retransmission() ? List.of() : leaks(context, m.message());
                if (!leaks.isEmpty()) {
                    String key = m.legIndex() + " " + m.message().src().address() + " " + m.message().dst().address();
                    bySender.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
                    List<String> facts = factsBySender.computeIfAbsent(key, k -> new ArrayList<>());
                    for (String leak : leaks) {
                        if (!facts.contains(leak)) {
                            facts.add(leak);
                        }
                    }
                }
            }
            // the NAT address a sender was seen from, looked up once per sender (it reads Via back from the capture)
            Map<String, Optional<String>> publicIps = new HashMap<>();
            bySender.forEach((key, messages) -> findings.add(finding(flow, messages, factsBySender.get(key),
                    publicIps.computeIfAbsent(messages.get(0).message().src().address(),
                            sender -> Optional.ofNullable(publicAddressSeenBy(context, flow, sender))).orElse(null))));
        }
        return findings;
    }

    /** What in the message points to a private address, when it goes to a public peer. */
    static List<String> leaks(DiagnosisContext context, SipMessage m) {
        List<String> leaks = new ArrayList<>();
        if (!context.memo().isPublic(m.dst().address())) {
            return leaks;
        }
        String contact = context.header(m, "Contact");
        String contactHost = contact == null ? null : SipAddress.parse(contact).host();
        if (PrivateAddresses.isPrivate(contactHost)) {
            leaks.add("Contact " + contact.trim());
        }
        String via = m.isRequest() ? ViaParameters.sentByHost(context.header(m, "Via")) : null;
        if (PrivateAddresses.isPrivate(via)) {
            leaks.add("Via sent-by " + via);
        }
        Sdp sdp = context.sdp(m);
        if (sdp != null) {
            if (PrivateAddresses.isPrivate(sdp.connection())) {
                leaks.add("SDP c= " + sdp.connection() + " (media address)");
            }
            for (SdpMedia media : sdp.media()) {
                if (PrivateAddresses.isPrivate(media.connection()) && !media.connection().equals(sdp.connection())) {
                    leaks.add("SDP " + media.type() + " c= " + media.connection());
                }
            }
        }
        return leaks;
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
        return new Finding(CODE, CODE.severity(), CODE.title(sender, peer),
                "A private address (RFC 1918 or CGNAT) in Contact, Via or the SDP c= line cannot be reached from the "
                        + "public internet. The peer may send in-dialog requests (ACK, BYE) and RTP there, which gives "
                        + "one-way or no audio and calls that drop after about 30 seconds, unless it fixes the "
                        + "address up from the packet source."
                        + (hasHop(flow, peer, Role.LIVEKIT) ? " LiveKit sends BYE when no RTP arrives (30 s at first)." : ""),
                first.callId(), flow.id(), false,
                Findings.evidence(messages.stream().map(m -> m.message().frame()).toList(), List.of(), facts),
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
                String received = ViaParameters.received(context.header(r, "Via"));
                if (received != null && !received.equals(sender)) {
                    return received;
                }
            }
        }
        return null;
    }
}
