package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.livekit.TrunkAdmission;
import org.sipladder.livekit.TrunkMatch;

/** LK_SOURCE_NOT_ALLOWED: the trunk lists the number but its allowed_addresses leave out the sender. */
final class SourceNotAllowedCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.LK_SOURCE_NOT_ALLOWED;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (LiveKitRouting r : context.simulatedRoutings()) {
            if (r.outcome().trunk().kind() == TrunkMatch.Kind.NOT_FOUND) {
                for (SIPInboundTrunkInfo t : context.trunkMiss(r).sourceBlocked()) {
                    findings.add(finding(r, t));
                }
            }
        }
        return findings;
    }

    private static Finding finding(LiveKitRouting r, SIPInboundTrunkInfo t) {
        String source = r.invite().sourceIp();
        List<String> addresses = new ArrayList<>(t.getAllowedAddressesList());
        addresses.add(source);
        boolean natted = !source.equals(r.transaction().request().src().address());
        return Findings.call(r.transaction(), CODE,
                CODE.title(t.getSipTrunkId(), r.invite().calledNumber(), source),
                "LiveKit skips a trunk when allowed_addresses is set and neither an IP/CIDR entry contains the "
                        + "packet's source address nor an entry equals the From host. Behind NAT LiveKit sees the "
                        + "public address, not the private one in the capture. Entries with ()+*;, spaces or '://' "
                        + "are ignored silently.",
                Findings.evidence(Findings.frames(r.transaction()), List.of(t.getSipTrunkId()), List.of(
                        "Source address LiveKit saw: " + source + (natted ? " (from the Via received= parameter; the "
                                + "capture shows " + r.transaction().request().src().address() + ")" : ""),
                        "From host " + r.invite().fromHost(),
                        t.getSipTrunkId() + " allowed addresses " + Findings.quoted(t.getAllowedAddressesList())
                                + ", used: " + Findings.quoted(TrunkAdmission.usableAddresses(t)),
                        r.summary())),
                Findings.fix(List.of("Add the sender's public address to the trunk's allowed addresses: replace the "
                                + "trunk with the JSON below (save it as trunk.json; it holds no password, so set "
                                + "--auth-pass again afterwards if the trunk uses authentication)."),
                        List.of(LkCommand.replaceTrunk(t.getSipTrunkId(), "trunk.json")),
                        ConfigJson.trunkWithoutSecret(t.toBuilder().clearAllowedAddresses().addAllAllowedAddresses(addresses).build())));
    }
}
