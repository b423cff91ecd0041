package org.sipladder.diagnose;

import java.util.List;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.livekit.InboundInvite;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.PhoneNumbers;
import org.sipladder.livekit.TrunkAdmission;

/**
 * Why no trunk matched an INVITE: trunks that list the number but filter the call out, or trunks that would
 * match another spelling of the number.
 *
 * @param sourceBlocked  trunks listing the called number whose allowed_addresses exclude the source
 * @param callerBlocked  trunks listing the called number whose allowed_numbers exclude the caller
 * @param variantMatches trunks listing the Request-URI user or a country-code/normalized variant of the To user
 */
record TrunkMiss(List<SIPInboundTrunkInfo> sourceBlocked, List<SIPInboundTrunkInfo> callerBlocked,
                 List<SIPInboundTrunkInfo> variantMatches) {

    static TrunkMiss of(LiveKitConfig config, InboundInvite invite) {
        List<SIPInboundTrunkInfo> listing = config.trunks().stream()
                .filter(t -> t.getNumbersList().stream().anyMatch(n -> PhoneNumbers.sameNumber(n, invite.calledNumber())))
                .toList();
        return new TrunkMiss(
                listing.stream().filter(t -> !TrunkAdmission.sourceAllowed(t, invite.sourceIp(), invite.fromHost())).toList(),
                listing.stream().filter(t -> TrunkAdmission.sourceAllowed(t, invite.sourceIp(), invite.fromHost())
                        && !TrunkAdmission.callerAllowed(t, invite.callingNumber())).toList(),
                listing.isEmpty() ? config.trunks().stream().filter(t -> t.getNumbersList().stream()
                        .anyMatch(n -> variantOf(n, invite))).toList() : List.of());
    }

    boolean explained() {
        return !sourceBlocked.isEmpty() || !callerBlocked.isEmpty() || !variantMatches.isEmpty();
    }

    /** The trunk number equals the R-URI user, or differs from the To user only by country code or trunk prefix. */
    static boolean variantOf(String trunkNumber, InboundInvite invite) {
        String ruri = invite.requestUriUser();
        if (ruri != null && !ruri.isEmpty() && PhoneNumbers.sameNumber(trunkNumber, ruri)) {
            return true;
        }
        String trunkDigits = digits(trunkNumber);
        String called = withoutLeadingZeros(digits(invite.calledNumber()));
        return called.length() >= 6 && trunkDigits.equals(called)
                || called.length() >= 6 && trunkDigits.length() > called.length()
                && trunkDigits.length() - called.length() <= 3 && trunkDigits.endsWith(called)
                || called.length() > trunkDigits.length() && trunkDigits.length() >= 6 && called.endsWith(trunkDigits)
                && called.length() - trunkDigits.length() <= 3;
    }

    /** The ASCII digits of {@code s} ("" for null): {@code s.replaceAll("[^0-9]", "")}, without a pattern per call. */
    static String digits(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code s.replaceFirst("^0+", "")}, without a pattern per call. */
    static String withoutLeadingZeros(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }
}
