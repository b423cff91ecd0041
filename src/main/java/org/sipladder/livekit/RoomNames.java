package org.sipladder.livekit;

import livekit.LivekitSip.SIPDispatchRuleInfo;

/**
 * The room a dispatch rule puts a caller in. The routing notes do not spell these out; the patterns follow
 * LiveKit's open-source code: {@code <prefix>_<caller>_<random>} for individual rules,
 * {@code <prefix>_<called>[_<random>]} for callee rules.
 */
final class RoomNames {

    static final String RANDOM = "<random>";

    private RoomNames() {
    }

    static String of(SIPDispatchRuleInfo rule, InboundInvite invite) {
        return switch (rule.getRule().getRuleCase()) {
            case DISPATCH_RULE_DIRECT -> rule.getRule().getDispatchRuleDirect().getRoomName();
            case DISPATCH_RULE_INDIVIDUAL -> rule.getRule().getDispatchRuleIndividual().getRoomPrefix() + "_"
                    + caller(rule, invite.callingNumber()) + "_" + RANDOM;
            case DISPATCH_RULE_CALLEE -> callee(rule, invite.calledNumber());
            case RULE_NOT_SET -> null;
        };
    }

    private static String caller(SIPDispatchRuleInfo rule, String calling) {
        String from = calling == null ? "" : calling;
        if (!rule.getHidePhoneNumber()) {
            return from;
        }
        int keep = from.length() <= 4 ? 1 : 4;
        return from.isEmpty() ? "" : from.substring(from.length() - keep);
    }

    private static String callee(SIPDispatchRuleInfo rule, String called) {
        String prefix = rule.getRule().getDispatchRuleCallee().getRoomPrefix();
        String room = prefix.isEmpty() ? called : prefix + "_" + called;
        return rule.getRule().getDispatchRuleCallee().getRandomize() ? room + "_" + RANDOM : room;
    }
}
