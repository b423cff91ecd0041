package org.sipladder.livekit;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import livekit.LivekitSip.SIPOutboundTrunkInfo;

/** Test data: the seed case's exported config (copied into test resources) and small builders. */
final class LiveKitFixtures {

    static final String SEED_PASSWORD = "jz-Secr3t-7781";
    static final String SEED_CALLED = "4991874350352";

    private LiveKitFixtures() {
    }

    static String resource(String name) {
        try (InputStream in = LiveKitFixtures.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes text to a file in dir and returns its path. */
    static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The seed config, loaded through the real loader. */
    static LiveKitConfig seedConfig(Path dir) throws LiveKitConfigException {
        return new ConfigFileLoader().loadAll(List.of(
                write(dir, "seed-inbound-trunks.json", resource("seed-inbound-trunks.json")),
                write(dir, "seed-dispatch-rules.json", resource("seed-dispatch-rules.json"))));
    }

    static SIPInboundTrunkInfo trunk(String json) {
        SIPInboundTrunkInfo.Builder b = SIPInboundTrunkInfo.newBuilder();
        merge(json, b);
        return b.build();
    }

    static SIPOutboundTrunkInfo outboundTrunk(String json) {
        SIPOutboundTrunkInfo.Builder b = SIPOutboundTrunkInfo.newBuilder();
        merge(json, b);
        return b.build();
    }

    static SIPDispatchRuleInfo rule(String json) {
        SIPDispatchRuleInfo.Builder b = SIPDispatchRuleInfo.newBuilder();
        merge(json, b);
        return b.build();
    }

    static LiveKitConfig config(List<SIPInboundTrunkInfo> trunks, List<SIPDispatchRuleInfo> rules) {
        return new LiveKitConfig(trunks, rules, List.of("test"));
    }

    /** The seed INVITE as Jambonz sent it to LiveKit: no credentials, To = R-URI user. */
    static InboundInvite seedInvite() {
        return invite(SEED_CALLED, "+4915112345678", null);
    }

    static InboundInvite invite(String called, String calling, String proxyAuthorization) {
        return new InboundInvite("b-leg-1@172.20.11.236", called, calling, "172.20.11.236", "89.184.187.200",
                proxyAuthorization, called);
    }

    private static void merge(String json, com.google.protobuf.Message.Builder b) {
        try {
            JsonFormat.parser().merge(json, b);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
