package org.sipladder.livekit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        Map<String, MediaConfig> t = new HashMap<>();
        for (SIPInboundTrunkInfo trunk : trunkList) {
            MediaConfig m = read(unknownFields.get(trunk.getSipTrunkId()), trunk.getUnknownFields()
                    .hasField(MediaConfig.TRUNK_FIELD) ? MediaConfig.fromUnknownFields(trunk.getUnknownFields(),
                    MediaConfig.TRUNK_FIELD) : MediaConfig.NONE);
            if (!m.isEmpty()) {
                t.put(trunk.getSipTrunkId(), m);
            }
        }
        Map<String, MediaConfig> r = new HashMap<>();
        for (SIPDispatchRuleInfo rule : ruleList) {
            MediaConfig m = read(unknownFields.get(rule.getSipDispatchRuleId()), rule.getUnknownFields()
                    .hasField(MediaConfig.RULE_FIELD) ? MediaConfig.fromUnknownFields(rule.getUnknownFields(),
                    MediaConfig.RULE_FIELD) : MediaConfig.NONE);
            if (!m.isEmpty()) {
                r.put(rule.getSipDispatchRuleId(), m);
            }
        }
        Map<String, MediaConfig> o = new HashMap<>();
        for (SIPOutboundTrunkInfo trunk : outboundList) {
            MediaConfig m = read(unknownFields.get(trunk.getSipTrunkId()), trunk.getUnknownFields()
                    .hasField(MediaConfig.OUTBOUND_TRUNK_FIELD) ? MediaConfig.fromUnknownFields(trunk.getUnknownFields(),
                    MediaConfig.OUTBOUND_TRUNK_FIELD) : MediaConfig.NONE);
            if (!m.isEmpty()) {
                o.put(trunk.getSipTrunkId(), m);
            }
        }
        return new MediaConfigs(Map.copyOf(t), Map.copyOf(r), Map.copyOf(o));
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
