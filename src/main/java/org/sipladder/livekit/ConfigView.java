package org.sipladder.livekit;

import java.util.List;
import livekit.LivekitAgentDispatch.RoomAgentDispatch;
import livekit.LivekitSip.SIPDispatchRule;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;

/** Display text for trunks and dispatch rules that never shows a trunk's auth password, only whether it is set. */
public final class ConfigView {

    private ConfigView() {
    }

    /** "set" or "not set". */
    public static String authPassword(SIPInboundTrunkInfo trunk) {
        return trunk.getAuthPassword().isEmpty() ? "not set" : "set";
    }

    /** True when LiveKit asks callers of this trunk for digest credentials (username and password both set). */
    public static boolean requiresAuth(SIPInboundTrunkInfo trunk) {
        return !trunk.getAuthUsername().isEmpty() && !trunk.getAuthPassword().isEmpty();
    }

    /** The trunk's ID and name, e.g. {@code ST_abc "Jambonz Inbound"}. */
    public static String label(SIPInboundTrunkInfo trunk) {
        return label(trunk.getSipTrunkId(), trunk.getName());
    }

    /** The rule's ID and name. */
    public static String label(SIPDispatchRuleInfo rule) {
        return label(rule.getSipDispatchRuleId(), rule.getName());
    }

    /**
     * One line: ID, name, numbers, filters, authentication (password as set/not set) and the trunk's {@code media}
     * ({@link LiveKitConfig#media()}) when it has one.
     */
    public static String trunkSummary(SIPInboundTrunkInfo trunk, MediaConfig media) {
        String auth = trunk.getAuthUsername().isEmpty() && trunk.getAuthPassword().isEmpty()
                ? "no auth"
                : "auth user " + quoted(trunk.getAuthUsername()) + ", password " + authPassword(trunk);
        return label(trunk) + ": numbers " + listOrAny(trunk.getNumbersList(), "any (default trunk)")
                + ", allowed addresses " + listOrAny(trunk.getAllowedAddressesList(), "any")
                + ", allowed callers " + listOrAny(trunk.getAllowedNumbersList(), "any") + ", " + auth
                + mediaPart(media);
    }

    /**
     * One line: ID, name, kind and room, PIN (as set/not set), trunks, caller and called number filters, agents and
     * the rule's {@code media} ({@link LiveKitConfig#media()}) when it has one; the called numbers and the media come
     * from {@code config}, which keeps the fields this SDK's rule type lacks.
     */
    public static String ruleSummary(SIPDispatchRuleInfo rule, LiveKitConfig config) {
        MediaConfig media = config.media().ofRule(rule);
        String pin = pin(rule).isEmpty() ? "" : ", PIN set";
        return label(rule) + ": " + kind(rule) + " " + roomDescription(rule) + pin
                + ", trunks " + listOrAny(rule.getTrunkIdsList(), "any (wildcard rule)")
                + ", callers " + listOrAny(rule.getInboundNumbersList(), "any")
                + ", called numbers " + listOrAny(config.calledNumbersOf(rule), "any")
                + ", agents " + listOrAny(agentNames(rule), "none") + mediaPart(media);
    }

    /** The media config as a table cell: what it sets, or "default" (LiveKit's) when nothing. */
    public static String mediaCell(MediaConfig media) {
        return media.isEmpty() ? "default" : media.describe();
    }

    private static String mediaPart(MediaConfig media) {
        return media.isEmpty() ? "" : ", media: " + media.describe();
    }

    /** "direct", "individual", "callee" or "no rule kind". */
    public static String kind(SIPDispatchRuleInfo rule) {
        return switch (rule.getRule().getRuleCase()) {
            case DISPATCH_RULE_DIRECT -> "direct";
            case DISPATCH_RULE_INDIVIDUAL -> "individual";
            case DISPATCH_RULE_CALLEE -> "callee";
            case RULE_NOT_SET -> "no rule kind";
        };
    }

    /**
     * True when the rule has no kind at all, which LiveKit refuses while it validates the rules of a call: no
     * direct, individual or callee part, and no kind newer than this SDK either (a rule read from the API keeps such
     * a kind as unknown fields; the JSON of an lk that does not know it shows none, which cannot be told apart here).
     */
    public static boolean lacksKind(SIPDispatchRuleInfo rule) {
        return rule.getRule().getRuleCase() == SIPDispatchRule.RuleCase.RULE_NOT_SET
                && rule.getRule().getUnknownFields().asMap().isEmpty();
    }

    /** The room name of a direct rule or the room prefix of the other kinds ("" when none). */
    public static String roomOrPrefix(SIPDispatchRuleInfo rule) {
        return switch (rule.getRule().getRuleCase()) {
            case DISPATCH_RULE_DIRECT -> rule.getRule().getDispatchRuleDirect().getRoomName();
            case DISPATCH_RULE_INDIVIDUAL -> rule.getRule().getDispatchRuleIndividual().getRoomPrefix();
            case DISPATCH_RULE_CALLEE -> rule.getRule().getDispatchRuleCallee().getRoomPrefix();
            case RULE_NOT_SET -> "";
        };
    }

    /** The rule's PIN ("" when none). */
    public static String pin(SIPDispatchRuleInfo rule) {
        return switch (rule.getRule().getRuleCase()) {
            case DISPATCH_RULE_DIRECT -> rule.getRule().getDispatchRuleDirect().getPin();
            case DISPATCH_RULE_INDIVIDUAL -> rule.getRule().getDispatchRuleIndividual().getPin();
            case DISPATCH_RULE_CALLEE -> rule.getRule().getDispatchRuleCallee().getPin();
            case RULE_NOT_SET -> "";
        };
    }

    /** Agent names the rule dispatches through {@code room_config.agents} (blank names left out). */
    public static List<String> agentNames(SIPDispatchRuleInfo rule) {
        return rule.getRoomConfig().getAgentsList().stream().map(RoomAgentDispatch::getAgentName)
                .filter(name -> !name.isBlank()).toList();
    }

    /** A copy of the trunk without its auth password, safe to print or export. */
    public static SIPInboundTrunkInfo redacted(SIPInboundTrunkInfo trunk) {
        return trunk.toBuilder().clearAuthPassword().build();
    }

    private static String roomDescription(SIPDispatchRuleInfo rule) {
        return switch (rule.getRule().getRuleCase()) {
            case DISPATCH_RULE_DIRECT -> "room " + quoted(roomOrPrefix(rule));
            case RULE_NOT_SET -> "(no room)";
            default -> "room prefix " + quoted(roomOrPrefix(rule));
        };
    }

    private static String label(String id, String name) {
        String shown = id.isEmpty() ? "(no id)" : id;
        return name.isEmpty() ? shown : shown + " " + quoted(name);
    }

    private static String quoted(String s) {
        return "\"" + s + "\"";
    }

    private static String listOrAny(List<String> values, String whenEmpty) {
        return values.isEmpty() ? whenEmpty : String.join(", ", values);
    }
}
