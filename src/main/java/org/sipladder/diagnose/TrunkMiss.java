package org.sipladder.diagnose;

import java.util.ArrayList;
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

    /** As {@link #of(LiveKitConfig, ConfigTexts, InboundInvite)} with the config's texts made here. */
    static TrunkMiss of(LiveKitConfig config, InboundInvite invite) {
        return of(config, new ConfigTexts(config), invite);
    }

    /** Nothing explains the miss: the answer for nearly every INVITE no trunk took. */
    private static final TrunkMiss NONE = new TrunkMiss(List.of(), List.of(), List.of());

    /** Why no trunk of {@code config} took {@code invite}; {@code texts} are the config's (its numbers normalized). */
    static TrunkMiss of(LiveKitConfig config, ConfigTexts texts, InboundInvite invite) {
        // asked for every simulated INVITE that found no trunk: loops over the trunks, numbers normalized once, lists
        // made only when a trunk goes in one
        String called = invite.calledNumber();
        String calledNorm = PhoneNumbers.normalize(called);
        List<SIPInboundTrunkInfo> trunks = config.trunks();
        List<SIPInboundTrunkInfo> sourceBlocked = null;
        List<SIPInboundTrunkInfo> callerBlocked = null;
        boolean listed = false;
        for (int i = 0; i < trunks.size(); i++) {
            SIPInboundTrunkInfo t = trunks.get(i);
            if (!lists(t, i, texts, called, calledNorm)) {
                continue;
            }
            listed = true;
            if (!TrunkAdmission.sourceAllowed(t, invite)) {
                sourceBlocked = added(sourceBlocked, t);
            } else if (!TrunkAdmission.callerAllowed(t, invite.callingNumber())) {
                callerBlocked = added(callerBlocked, t);
            }
        }
        List<SIPInboundTrunkInfo> variantMatches = null;
        if (!listed) {
            String ruri = invite.requestUriUser();
            // the Request-URI user is most often the To user, normalized above
            String ruriNorm = ruri == null || ruri.isEmpty() ? null
                    : ruri.equals(called) ? calledNorm : PhoneNumbers.normalize(ruri);
            String calledDigits = withoutLeadingZeros(digits(called));
            for (int i = 0; i < trunks.size(); i++) {
                SIPInboundTrunkInfo t = trunks.get(i);
                for (int k = 0; k < t.getNumbersCount(); k++) {
                    if (variantOf(t.getNumbers(k), texts.normalizedNumber(i, k), texts.numberDigits(i, k), ruri,
                            ruriNorm, calledDigits)) {
                        variantMatches = added(variantMatches, t);
                        break;
                    }
                }
            }
        }
        if (sourceBlocked == null && callerBlocked == null && variantMatches == null) {
            return NONE;
        }
        return new TrunkMiss(listOf(sourceBlocked), listOf(callerBlocked), listOf(variantMatches));
    }

    private static List<SIPInboundTrunkInfo> added(List<SIPInboundTrunkInfo> list, SIPInboundTrunkInfo trunk) {
        List<SIPInboundTrunkInfo> to = list == null ? new ArrayList<>(2) : list;
        to.add(trunk);
        return to;
    }

    private static List<SIPInboundTrunkInfo> listOf(List<SIPInboundTrunkInfo> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** True when trunk {@code i} lists the called number, as written or normalized ({@link PhoneNumbers#sameNumber}). */
    private static boolean lists(SIPInboundTrunkInfo trunk, int i, ConfigTexts texts, String called, String calledNorm) {
        if (called == null) {
            return false;
        }
        for (int k = 0; k < trunk.getNumbersCount(); k++) {
            if (trunk.getNumbers(k).equals(called) || texts.normalizedNumber(i, k).equals(calledNorm)) {
                return true;
            }
        }
        return false;
    }

    boolean explained() {
        return !sourceBlocked.isEmpty() || !callerBlocked.isEmpty() || !variantMatches.isEmpty();
    }

    /**
     * The trunk number equals the R-URI user (as written or normalized), or differs from the To user only by country
     * code or trunk prefix; given the trunk number normalized and as digits, the R-URI user normalized (null when
     * there is none) and the To user's digits without leading zeros.
     */
    private static boolean variantOf(String trunkNumber, String trunkNorm, String trunkDigits, String ruri,
                                     String ruriNorm, String called) {
        if (ruriNorm != null && (trunkNumber.equals(ruri) || trunkNorm.equals(ruriNorm))) {
            return true;
        }
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
        int plain = 0;
        while (plain < s.length() && s.charAt(plain) >= '0' && s.charAt(plain) <= '9') {
            plain++;
        }
        if (plain == s.length()) {
            return s; // nearly every called number: nothing to drop
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
