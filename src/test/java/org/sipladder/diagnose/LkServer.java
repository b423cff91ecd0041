package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.livekit.DispatchConflicts;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.TrunkStoreCheck;

/**
 * Applies the fixes' {@code lk sip} commands as lk and LiveKit's server do, failing the test on a command LiveKit
 * refuses: a trunk update is checked as UpdateSIPInboundTrunk checks it ({@link TrunkStoreCheck}); a rule update as
 * UpdateSIPDispatchRule does (the stored rules sharing a trunk id with the update, and every rule without trunk ids,
 * with the update in place of its stored version, must not conflict); deletes of unknown ids are refused.
 */
final class LkServer {

    private LiveKitConfig config;

    LkServer(LiveKitConfig config) {
        this.config = config;
    }

    LiveKitConfig config() {
        return config;
    }

    /** Runs the fix's commands in order (list commands change nothing). */
    LkServer apply(Fix fix) {
        fix.commands().forEach(c -> apply(c, fix.json()));
        return this;
    }

    private void apply(String command, String json) {
        String[] w = command.split(" ");
        List<String> args = Arrays.asList(w).subList(4, w.length);
        if (command.startsWith("lk sip inbound list") || command.startsWith("lk sip dispatch list")) {
            return;
        }
        if (command.startsWith("lk sip inbound delete ")) {
            List<SIPInboundTrunkInfo> trunks = new ArrayList<>(config.trunks());
            args.forEach(id -> assertTrue(trunks.removeIf(t -> t.getSipTrunkId().equals(id)), "no trunk " + id + ": " + command));
            config = config.withTrunks(trunks);
        } else if (command.startsWith("lk sip inbound update --id ")) {
            SIPInboundTrunkInfo stored = config.trunk(w[5]);
            assertNotNull(stored, "LiveKit: trunk not found: " + command);
            SIPInboundTrunkInfo updated;
            if (w.length == 8 && w[6].equals("--numbers")) {
                updated = stored.toBuilder().clearNumbers().addAllNumbers(List.of(w[7].split(","))).build();
            } else {
                assertEquals(7, w.length, "a command this test does not know: " + command);
                SIPInboundTrunkInfo.Builder b = SIPInboundTrunkInfo.newBuilder();
                merge(json, b);
                updated = b.setSipTrunkId(stored.getSipTrunkId()).build();
            }
            assertEquals(List.of(), TrunkStoreCheck.refusal(config.trunks(), updated), "LiveKit refuses " + command);
            config = config.withTrunks(config.trunks().stream().map(t -> t == stored ? updated : t).toList());
        } else if (command.startsWith("lk sip dispatch delete ")) {
            List<SIPDispatchRuleInfo> rules = new ArrayList<>(config.rules());
            args.forEach(id -> assertTrue(rules.removeIf(r -> r.getSipDispatchRuleId().equals(id)), "no rule " + id + ": " + command));
            config = config.withRules(rules);
        } else if (command.startsWith("lk sip dispatch update --id ") && w.length == 8 && w[6].equals("--trunks")) {
            SIPDispatchRuleInfo stored = config.rule(w[5]);
            assertNotNull(stored, "LiveKit: rule not found: " + command);
            SIPDispatchRuleInfo updated = stored.toBuilder().clearTrunkIds().addAllTrunkIds(List.of(w[7].split(","))).build();
            List<SIPDispatchRuleInfo> listed = config.rules().stream().filter(r -> r.getTrunkIdsCount() == 0
                    || r.getTrunkIdsList().stream().anyMatch(updated.getTrunkIdsList()::contains))
                    .map(r -> r == stored ? updated : r).toList();
            assertEquals(List.of(), DispatchConflicts.groups(listed, config), "LiveKit refuses " + command);
            config = config.withRules(config.rules().stream().map(r -> r == stored ? updated : r).toList());
        } else {
            throw new AssertionError("a command this test does not know: " + command);
        }
    }

    private static void merge(String json, SIPInboundTrunkInfo.Builder b) {
        assertNotNull(json, "the command names a file but the fix has no JSON");
        try {
            JsonFormat.parser().ignoringUnknownFields().merge(json, b);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
