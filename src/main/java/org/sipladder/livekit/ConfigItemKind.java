package org.sipladder.livekit;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;

/** What a JSON object in a config file is, told from its field names (lowerCamelCase or snake_case). */
enum ConfigItemKind {
    INBOUND_TRUNK(""),
    DISPATCH_RULE(""),
    OUTBOUND_TRUNK(""),
    LEGACY_TRUNK("is a legacy SIP trunk ('lk sip trunk list'); SIP Ladder reads inbound and outbound trunks"),
    /** The request of {@code lk sip participant create}: it names an outbound trunk, it is none. */
    PARTICIPANT_REQUEST(""),
    UNKNOWN("is neither a trunk nor a dispatch rule (no sipTrunkId or sipDispatchRuleId)");

    private static final List<String> RULE_ONLY = List.of("rule", "trunkIds", "trunk_ids", "inboundNumbers",
            "inbound_numbers", "roomConfig", "room_config", "hidePhoneNumber", "hide_phone_number", "roomPreset",
            "room_preset");
    private static final List<String> TRUNK_ONLY = List.of("allowedAddresses", "allowed_addresses", "allowedNumbers",
            "allowed_numbers", "authUsername", "auth_username", "authPassword", "auth_password", "ringingTimeout",
            "ringing_timeout", "maxCallDuration", "max_call_duration", "headersToAttributes", "headers_to_attributes");
    private static final List<String> OUTBOUND_ONLY = List.of("address", "destinationCountry",
            "destination_country", "transport");
    /** Fields of a CreateSIPParticipantRequest that no trunk or rule has at its top level. */
    private static final List<String> PARTICIPANT_ONLY = List.of("sipCallTo", "sip_call_to", "roomName", "room_name",
            "participantIdentity", "participant_identity", "sipNumber", "sip_number", "waitUntilAnswered",
            "wait_until_answered", "playDialtone", "play_dialtone", "playRingtone", "play_ringtone", "participantName",
            "participant_name", "toUserOverride", "to_user_override");
    private static final List<String> LEGACY_ONLY = List.of("inboundAddresses", "inbound_addresses",
            "outboundAddress", "outbound_address", "inboundUsername", "inbound_username", "kind");

    private final String problem;

    ConfigItemKind(String problem) {
        this.problem = problem;
    }

    String problem() {
        return problem;
    }

    static ConfigItemKind of(JsonObject item) {
        if (has(item, "sipDispatchRuleId", "sip_dispatch_rule_id")) {
            return DISPATCH_RULE;
        }
        if (hasAny(item, PARTICIPANT_ONLY)) {
            return PARTICIPANT_REQUEST; // its sip_trunk_id names the outbound trunk the call goes through
        }
        boolean trunkId = has(item, "sipTrunkId", "sip_trunk_id");
        if (trunkId && hasAny(item, LEGACY_ONLY)) {
            return LEGACY_TRUNK;
        }
        if (hasAny(item, OUTBOUND_ONLY) && !hasAny(item, RULE_ONLY)) {
            return OUTBOUND_TRUNK;
        }
        if (trunkId || hasAny(item, TRUNK_ONLY)) {
            return INBOUND_TRUNK;
        }
        if (hasAny(item, RULE_ONLY)) {
            return DISPATCH_RULE;
        }
        // A hand-written trunk may hold nothing but its numbers.
        return has(item, "numbers", "numbers") ? INBOUND_TRUNK : UNKNOWN;
    }

    /** The object's trunk or rule ID, or "". */
    static String idOf(JsonObject item) {
        for (String key : List.of("sipTrunkId", "sip_trunk_id", "sipDispatchRuleId", "sip_dispatch_rule_id")) {
            JsonElement value = item.get(key);
            if (value != null && value.isJsonPrimitive()) {
                return value.getAsString();
            }
        }
        return "";
    }

    private static boolean has(JsonObject item, String camel, String snake) {
        return item.has(camel) || item.has(snake);
    }

    private static boolean hasAny(JsonObject item, List<String> keys) {
        return keys.stream().anyMatch(item::has);
    }
}
