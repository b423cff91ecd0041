package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Role;
import org.sipladder.livekit.TrunkAdmission;
import org.sipladder.livekit.TrunkMatch;
import org.sipladder.sip.SipMessage;

/** LK_SOURCE_NOT_ALLOWED: the trunk lists the number but its allowed_addresses leave out the sender. */
final class SourceNotAllowedCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.LK_SOURCE_NOT_ALLOWED;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (LiveKitRouting r : context.simulatedRoutings()) {
            if (r.outcome().trunk().kind() == TrunkMatch.Kind.NOT_FOUND) {
                for (SIPInboundTrunkInfo t : context.trunkMiss(r).sourceBlocked()) {
                    findings.add(finding(context.config(), r, t, behindNat(r, context.memo())));
                }
            }
        }
        return findings;
    }

    /**
     * True when LiveKit saw the unknown public address of a NAT, not the source the capture shows: the routing says
     * so, or the INVITE went from a private address to a public one and no Via received= names the public address.
     * The simulation with the captured source may agree with LiveKit's refusal all the same (a trunk allowing only
     * other public addresses refuses both), and the finding must still not name the private address as LiveKit's.
     */
    private static boolean behindNat(LiveKitRouting r, CallMemo memo) {
        return r.invite().sourceBehindNat() || LiveKitRoutings.natPossible(r.transaction(), r.invite(), memo);
    }

    private static Finding finding(LiveKitConfig config, LiveKitRouting r, SIPInboundTrunkInfo t, boolean behindNat) {
        String source = r.invite().sourceIp();
        String publicSource = behindNat ? NAT_ADDRESS : source;
        List<String> addresses = new ArrayList<>(t.getAllowedAddressesList());
        boolean privateEntry = behindNat && addresses.removeIf(a -> TrunkAdmission.entryContains(a, source));
        addresses.add(publicSource);
        boolean natted = !source.equals(r.transaction().request().src().address());
        List<String> steps = new ArrayList<>();
        if (behindNat) {
            // LiveKit never sees the private address: an entry holding it is dropped from the fix, never added
            steps.add("Find the public address " + source + "'s traffic leaves through (on that host: curl "
                    + (source.indexOf(':') < 0 ? "-4" : "-6") + " ifconfig.me) and put it in place of " + NAT_ADDRESS
                    + " below; " + (privateEntry ? "an allowed_addresses entry holding the private " + source
                    + " never matches, as LiveKit only sees the public one." : "the trunk's entries do not hold it, "
                    + "as LiveKit's answer shows, and adding the private " + source + " would not help: LiveKit "
                    + "only sees the public one."));
        }
        SipMessage behindProxy = behindNat ? null : proxied(r.transaction());
        if (behindProxy != null) {
            String upstream = behindProxy.src().address();
            steps.add("LiveKit checks the address the INVITE reaches it from: the SIP proxy " + source + " in front of "
                    + "it, not " + upstream + " behind the proxy"
                    + (addresses.stream().anyMatch(a -> TrunkAdmission.entryContains(a, upstream))
                    ? ", which the trunk allows and LiveKit never sees." : "."));
        }
        SIPInboundTrunkInfo updated = t.toBuilder().clearAllowedAddresses().addAllAllowedAddresses(addresses).build();
        String refusal = TrunkUpdateRefusal.step(config, updated);
        if (refusal != null) {
            steps.add(0, refusal);
        }
        steps.add("Add the sender's public address to the trunk's allowed addresses: replace the trunk with the JSON "
                + "below (" + ConfigJson.replacedTrunkNote(config) + ").");
        return Findings.call(r.transaction(), CODE,
                CODE.title(t.getSipTrunkId(), r.invite().calledNumber(), behindNat ? "the NAT's public address" : "source " + source),
                "LiveKit skips a trunk when allowed_addresses is set and neither an IP/CIDR entry contains the "
                        + "packet's source address nor an entry equals the From host. Behind NAT LiveKit sees the "
                        + "public address, not the private one in the capture. Entries with ()+*;, spaces or '://' "
                        + "are ignored silently.",
                Findings.evidence(Findings.frames(r.transaction()), List.of(t.getSipTrunkId()), List.of(
                        behindNat ? "Source address LiveKit saw: the public address of the NAT in front of " + source
                                + " (the capture shows the private " + source + " sending to the public "
                                + r.transaction().request().dst().address() + ", and LiveKit's responses carry no Via "
                                + "received= naming the public one)"
                                : "Source address LiveKit saw: " + source + (natted ? " (from the Via received= "
                                + "parameter; the capture shows " + r.transaction().request().src().address() + ")" : ""),
                        behindProxy == null ? "From host " + r.invite().fromHost()
                                : "From host " + r.invite().fromHost() + "; " + source + " is a SIP proxy: it passed "
                                + "on the INVITE " + behindProxy.src().address() + " sent it (frame "
                                + behindProxy.frame() + ")",
                        t.getSipTrunkId() + " allowed addresses " + Findings.quoted(t.getAllowedAddressesList())
                                + ", used: " + Findings.quoted(TrunkAdmission.usableAddresses(t)),
                        r.summary())),
                Findings.fix(steps, List.of(LkCommand.replaceTrunk(t.getSipTrunkId(), "trunk.json")),
                        ConfigJson.trunkWithoutSecret(config, updated)));
    }

    /**
     * The INVITE a SIP proxy received and passed on to LiveKit as the INVITE of {@code tx} (same Call-ID and CSeq,
     * RFC 3261 16.6), or null when LiveKit's sender is no proxy of the call: LiveKit matches the proxy's address.
     */
    private static SipMessage proxied(InviteTransaction tx) {
        SipMessage sent = tx.request();
        if (sent.src() == null || !tx.flow().hasHop(sent.src(), Role.PROXY)) {
            return null;
        }
        String proxy = sent.src().address();
        for (FlowMessage fm : tx.flow().messages()) {
            SipMessage m = fm.message();
            if (m.frame() >= sent.frame()) {
                break;
            }
            if (m.isRequest() && "INVITE".equals(m.method()) && m.dst() != null && proxy.equals(m.dst().address())
                    && !proxy.equals(m.src().address()) && m.cseqNumber() == sent.cseqNumber()
                    && Objects.equals(m.callId(), sent.callId())) {
                return m;
            }
        }
        return null;
    }

    /** Stands in the fix for the NAT's public address when the capture does not show it. */
    static final String NAT_ADDRESS = "NAT_PUBLIC_IP";
}
