package org.sipladder.diagnose;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import livekit.LivekitAgentDispatch.RoomAgentDispatch;
import livekit.LivekitRoom.RoomConfiguration;
import livekit.LivekitSip.SIPDispatchRule;
import livekit.LivekitSip.SIPDispatchRuleIndividual;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.livekit.LiveKitConfig;

/** LiveKit trunks, rules and configs for diagnosis tests. */
final class TestConfig {

    static final String SEED_PASSWORD = "jz-Secr3t-7781";

    private TestConfig() {
    }

    static SIPInboundTrunkInfo.Builder trunk(String id, String... numbers) {
        return SIPInboundTrunkInfo.newBuilder().setSipTrunkId(id).addAllNumbers(List.of(numbers));
    }

    /** An individual-room rule for the given trunks, dispatching {@code agent} unless it is null. */
    static SIPDispatchRuleInfo.Builder rule(String id, String agent, String... trunkIds) {
        SIPDispatchRuleInfo.Builder b = SIPDispatchRuleInfo.newBuilder().setSipDispatchRuleId(id).addAllTrunkIds(List.of(trunkIds))
                .setRule(SIPDispatchRule.newBuilder().setDispatchRuleIndividual(SIPDispatchRuleIndividual.newBuilder().setRoomPrefix("call-")));
        if (agent != null) {
            b.setRoomConfig(RoomConfiguration.newBuilder().addAgents(RoomAgentDispatch.newBuilder().setAgentName(agent)));
        }
        return b;
    }

    static LiveKitConfig config(List<SIPInboundTrunkInfo.Builder> trunks, List<SIPDispatchRuleInfo.Builder> rules) {
        return new LiveKitConfig(trunks.stream().map(SIPInboundTrunkInfo.Builder::build).toList(),
                rules.stream().map(SIPDispatchRuleInfo.Builder::build).toList(), List.of("test"));
    }

    /** The bundled demo config (the seed fixtures), read from the classpath. */
    static LiveKitConfig seed() {
        List<SIPInboundTrunkInfo> trunks = new ArrayList<>();
        for (JsonElement item : items("seed-inbound-trunks.json")) {
            trunks.add((SIPInboundTrunkInfo) merge(item, SIPInboundTrunkInfo.newBuilder()));
        }
        List<SIPDispatchRuleInfo> rules = new ArrayList<>();
        for (JsonElement item : items("seed-dispatch-rules.json")) {
            rules.add((SIPDispatchRuleInfo) merge(item, SIPDispatchRuleInfo.newBuilder()));
        }
        return new LiveKitConfig(trunks, rules, List.of("seed"));
    }

    private static Iterable<JsonElement> items(String name) {
        try (InputStream in = TestConfig.class.getResourceAsStream("/org/sipladder/demo/" + name)) {
            return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject()
                    .getAsJsonArray("items");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Message merge(JsonElement item, Message.Builder builder) {
        try {
            JsonFormat.parser().ignoringUnknownFields().merge(item.toString(), builder);
            return builder.build();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
