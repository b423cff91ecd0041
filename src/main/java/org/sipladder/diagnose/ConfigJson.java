package org.sipladder.diagnose;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.UnknownJsonFields;

/** LiveKit objects printed as the JSON `lk` reads, never with a trunk's password in it. */
final class ConfigJson {

    /**
     * What a step that replaces a trunk with {@link #trunkWithoutSecret}'s JSON says of it: the file replaces the whole
     * trunk and holds no password; read from the LiveKit API, it also lacks the fields the SDK's protobuf does not know
     * (auth_realm and newer ones: the SDK drops them, where a JSON file keeps them, see {@link UnknownJsonFields}).
     */
    static String replacedTrunkNote(LiveKitConfig config) {
        return "save it as trunk.json; it holds no password, so set --auth-pass again afterwards if the trunk uses "
                + "authentication" + (config.inboundListed() ? "; read from the LiveKit API, it also lacks the fields "
                + "this tool does not know, such as authRealm: copy them from lk sip inbound list --json first" : "");
    }

    private ConfigJson() {
    }

    /**
     * A dispatch rule as {@code lk sip dispatch update --id ID FILE} expects it (the rule replaces the old one), with
     * the fields of the loaded rule that the SDK's protobuf does not know ({@code numbers}, {@code noRandomness}).
     */
    static String rule(LiveKitConfig config, SIPDispatchRuleInfo rule) {
        return UnknownJsonFields.restore(print(rule.toBuilder().clearSipDispatchRuleId()),
                config.unknownFields().get(rule.getSipDispatchRuleId()), SIPDispatchRuleInfo.getDescriptor());
    }

    /**
     * As {@link #rule}, with the rule's called-number filter ({@code numbers}, a field the SDK's protobuf does not know)
     * set to {@code numbers}.
     */
    static String ruleWithNumbers(LiveKitConfig config, SIPDispatchRuleInfo rule, java.util.List<String> numbers) {
        com.google.gson.JsonObject printed = com.google.gson.JsonParser.parseString(print(rule.toBuilder()
                .clearSipDispatchRuleId())).getAsJsonObject();
        com.google.gson.JsonArray list = new com.google.gson.JsonArray();
        numbers.forEach(list::add);
        printed.add("numbers", list);
        // restore adds only the unknown fields the printed JSON lacks: the loaded numbers stay replaced
        return UnknownJsonFields.restore(printed.toString(), config.unknownFields().get(rule.getSipDispatchRuleId()),
                SIPDispatchRuleInfo.getDescriptor());
    }

    /** A trunk without its id and without {@code authPassword}, with the loaded trunk's fields the SDK does not know. */
    static String trunkWithoutSecret(LiveKitConfig config, SIPInboundTrunkInfo trunk) {
        return UnknownJsonFields.restore(print(trunk.toBuilder().clearSipTrunkId().clearAuthPassword()),
                config.unknownFields().get(trunk.getSipTrunkId()), SIPInboundTrunkInfo.getDescriptor());
    }

    private static String print(MessageOrBuilder message) {
        try {
            return JsonFormat.printer().print(message);
        } catch (InvalidProtocolBufferException e) {
            // Only Any fields with unknown types make the printer fail, and these messages have none.
            throw new IllegalStateException(e);
        }
    }
}
