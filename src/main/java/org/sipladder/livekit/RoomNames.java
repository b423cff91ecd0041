package org.sipladder.livekit;

import livekit.LivekitSip.SIPDispatchRuleInfo;

/**
 * The room a dispatch rule puts a caller in. The routing notes do not spell these out; the patterns follow
 * LiveKit's open-source code (protocol sip.EvaluateDispatchRule): {@code [<prefix>_]<caller>[_<random>]} for individual
 * rules (no random part with {@code no_randomness}), {@code [<prefix>_]<called>[_<random>]} for callee rules.
 */
final class RoomNames {

    static final String RANDOM = "<random>";

    private RoomNames() {
    }

    /** The room; {@code noRandomness}: the individual rule's {@code no_randomness} (a field the SDK does not know). */
    static String of(SIPDispatchRuleInfo rule, InboundInvite invite, boolean noRandomness) {
        return switch (rule.getRule().getRuleCase()) {
            case DISPATCH_RULE_DIRECT -> rule.getRule().getDispatchRuleDirect().getRoomName();
            case DISPATCH_RULE_INDIVIDUAL -> prefixed(rule.getRule().getDispatchRuleIndividual().getRoomPrefix(),
                    caller(rule, invite.callingNumber())) + (noRandomness ? "" : "_" + RANDOM);
            case DISPATCH_RULE_CALLEE -> callee(rule, invite.calledNumber());
            case RULE_NOT_SET -> null;
        };
    }

    /** {@code prefix_name}, or the name alone when the prefix is empty. */
    private static String prefixed(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "_" + name;
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
        String room = prefixed(rule.getRule().getDispatchRuleCallee().getRoomPrefix(), called);
        return rule.getRule().getDispatchRuleCallee().getRandomize() ? room + "_" + RANDOM : room;
    }
}
