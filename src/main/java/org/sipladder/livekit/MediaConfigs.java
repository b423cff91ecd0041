package org.sipladder.livekit;

import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import livekit.LivekitSip.SIPOutboundTrunkInfo;

/**
 * The {@code media} of each trunk (inbound and outbound) and dispatch rule of a config, parsed once when the config is made (from a JSON
 * file's unknown fields or the API's protobuf unknown fields), so that routing each call only looks them up.
 */
public final class MediaConfigs {

    private final Map<String, MediaConfig> trunks;
    private final Map<String, MediaConfig> rules;
    private final Map<String, MediaConfig> outbound;

    private MediaConfigs(Map<String, MediaConfig> trunks, Map<String, MediaConfig> rules,
                         Map<String, MediaConfig> outbound) {
        this.trunks = trunks;
        this.rules = rules;
        this.outbound = outbound;
    }

    /** The media configs of these trunks and rules; {@code unknownFields} as {@link LiveKitConfig#unknownFields}. */
    static MediaConfigs of(List<SIPInboundTrunkInfo> trunkList, List<SIPDispatchRuleInfo> ruleList,
                           List<SIPOutboundTrunkInfo> outboundList, Map<String, String> unknownFields) {
        return new MediaConfigs(
                byId(trunkList, SIPInboundTrunkInfo::getSipTrunkId, MediaConfig.TRUNK_FIELD, unknownFields),
                byId(ruleList, SIPDispatchRuleInfo::getSipDispatchRuleId, MediaConfig.RULE_FIELD, unknownFields),
                byId(outboundList, SIPOutboundTrunkInfo::getSipTrunkId, MediaConfig.OUTBOUND_TRUNK_FIELD,
                        unknownFields));
    }

    /**
     * The media configs of {@code items} that have one, by {@code id}: from their JSON's unknown fields, else from
     * their protobuf unknown field number {@code field} (the API's answer).
     */
    private static <T extends Message> Map<String, MediaConfig> byId(List<T> items, Function<T, String> id, int field,
                                                                    Map<String, String> unknownFields) {
        Map<String, MediaConfig> found = new HashMap<>();
        for (T item : items) {
            UnknownFieldSet proto = item.getUnknownFields();
            MediaConfig m = read(unknownFields.get(id.apply(item)), proto.hasField(field)
                    ? MediaConfig.fromUnknownFields(proto, field) : MediaConfig.NONE);
            if (!m.isEmpty()) {
                found.put(id.apply(item), m);
            }
        }
        return Map.copyOf(found);
    }

    /** The JSON's media when the object has one, else the protobuf's. */
    private static MediaConfig read(String unknownJson, MediaConfig fromProto) {
        MediaConfig json = unknownJson == null ? MediaConfig.NONE : MediaConfig.fromUnknownJson(unknownJson);
        return json.isEmpty() ? fromProto : json;
    }

    /** The trunk's media config ({@link MediaConfig#NONE} when it has none). */
    public MediaConfig ofTrunk(SIPInboundTrunkInfo trunk) {
        return trunks.isEmpty() ? MediaConfig.NONE : trunks.getOrDefault(trunk.getSipTrunkId(), MediaConfig.NONE);
    }

    /** The rule's media config ({@link MediaConfig#NONE} when it has none). */
    public MediaConfig ofRule(SIPDispatchRuleInfo rule) {
        return rules.isEmpty() ? MediaConfig.NONE : rules.getOrDefault(rule.getSipDispatchRuleId(), MediaConfig.NONE);
    }

    /** The outbound trunk's media config ({@link MediaConfig#NONE} when it has none). */
    public MediaConfig ofOutbound(SIPOutboundTrunkInfo trunk) {
        return outbound.isEmpty() ? MediaConfig.NONE : outbound.getOrDefault(trunk.getSipTrunkId(), MediaConfig.NONE);
    }

    /** True when any inbound trunk or rule has a media config. */
    public boolean any() {
        return !trunks.isEmpty() || !rules.isEmpty();
    }

    /** True when any trunk's or rule's media.encryption is SIP_MEDIA_ENCRYPT_REQUIRE. */
    public boolean anyRequiresEncryption() {
        return requires(trunks) || requires(rules);
    }

    private static boolean requires(Map<String, MediaConfig> m) {
        return m.values().stream().anyMatch(c -> c.encryption() == livekit.LivekitSip.SIPMediaEncryption.SIP_MEDIA_ENCRYPT_REQUIRE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaConfigs other && trunks.equals(other.trunks) && rules.equals(other.rules)
                && outbound.equals(other.outbound);
    }

    @Override
    public int hashCode() {
        return (trunks.hashCode() * 31 + rules.hashCode()) * 31 + outbound.hashCode();
    }
}
