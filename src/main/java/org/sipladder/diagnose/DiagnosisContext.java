package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import livekit.LivekitSip.SIPOutboundTrunkInfo;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.CallMedia;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.ParticipantRequest;
import org.sipladder.media.CaptureMedia;
import org.sipladder.sip.Sdp;
import org.sipladder.sip.SipMessage;

/**
 * Everything a finding rule may look at.
 *
 * @param flows    the call flows of the capture (empty for config-only checks)
 * @param config   the LiveKit config (possibly empty)
 * @param routings the simulation of every INVITE that reached a LiveKit hop
 * @param media    the RTP streams and SDP of the capture ({@link CaptureMedia#none()} when not analysed)
 * @param seen     what config checks learn from the calls (gathered call by call when calls are diagnosed one at a
 *                 time, see {@link DiagnosisRun})
 * @param checksConfig true when the rules should also report on the config itself; false while one call of many
 *                 is diagnosed (the config's own findings are made once, after the calls)
 */
public record DiagnosisContext(List<CallFlow> flows, LiveKitConfig config, List<LiveKitRouting> routings,
                               CaptureMedia media, CallsSeen seen, boolean checksConfig, CallMemo memo) {

    /** A context with a memo of its own. */
    public DiagnosisContext(List<CallFlow> flows, LiveKitConfig config, List<LiveKitRouting> routings,
                            CaptureMedia media, CallsSeen seen, boolean checksConfig) {
        this(flows, config, routings, media, seen, checksConfig, new CallMemo());
    }

    /** A context without media analysis. */
    public DiagnosisContext(List<CallFlow> flows, LiveKitConfig config, List<LiveKitRouting> routings) {
        this(flows, config, routings, CaptureMedia.none());
    }

    /** A context for calls and config at once. */
    public DiagnosisContext(List<CallFlow> flows, LiveKitConfig config, List<LiveKitRouting> routings,
                            CaptureMedia media) {
        this(flows, config, routings, media, CallsSeen.of(routings), true);
    }

    public boolean hasConfig() {
        return !config.isEmpty();
    }

    /**
     * The media config LiveKit applies to the call of {@code flow} (its first simulated routing's), or null when no
     * config is loaded or no INVITE of the call was routed.
     */
    public CallMedia liveKitMedia(CallFlow flow) {
        for (LiveKitRouting r : simulatedRoutings()) {
            if (r.outcome().media() != null && r.transaction().flow() == flow) {
                return r.outcome().media();
            }
        }
        return null;
    }

    /**
     * LiveKit's later media timeout for the call in {@code flow}, with what sets it, as findings name it: for a call
     * LiveKit took, its trunk's and dispatch rule's media (simulated); for a call LiveKit placed, its outbound trunk's,
     * which the CreateSIPParticipant request's own media is merged over (livekit/protocol rpc/sip.go, livekit/sip
     * client.go newMediaConfig), never an inbound trunk's or rule's.
     */
    String liveKitLaterTimeout(CallFlow flow) {
        CallMedia media = liveKitMedia(flow);
        Optional<OutboundCall> placed = media == null ? outbound(flow) : Optional.empty();
        if (placed.isEmpty()) {
            return CallMedia.laterTimeoutText(media);
        }
        SIPOutboundTrunkInfo trunk = placed.get().trunk();
        ParticipantRequest request = placed.get().request().request();
        if (trunk == null && request == null) {
            return "15 s unless the call's outbound trunk or the CreateSIPParticipant request sets media.media_timeout";
        }
        CallMedia out = CallMedia.ofOutbound(config, trunk, request);
        if (out.timeoutBy() != null) {
            return CallMedia.laterTimeoutText(out);
        }
        String trunkUnset = trunk == null ? "" : "outbound trunk " + trunk.getSipTrunkId() + " sets no media.media_timeout";
        return "15 s: " + (request == null ? trunkUnset + " (LiveKit's default, unless the CreateSIPParticipant request "
                + "sets one)" : (trunkUnset.isEmpty() ? "" : trunkUnset + " and ") + "the CreateSIPParticipant request "
                + "from " + request.source() + " sets none (LiveKit's default)");
    }

    /** Routings that were simulated against a loaded config. */
    public List<LiveKitRouting> simulatedRoutings() {
        if (routings.isEmpty()) {
            return List.of(); // most calls, asked by eight rules
        }
        // thousands of INVITEs of one call reaching LiveKit: the rules ask for every INVITE, so they are sorted once
        return routings.size() > InviteTransaction.WALKED ? memo.simulatedRoutings(routings) : simulated(routings);
    }

    /**
     * Of {@link #simulatedRoutings}, at least those of the INVITE at {@code frame}, in order: all of them for a
     * context of up to {@link InviteTransaction#WALKED} routings, else only those (rules asking it for every INVITE of
     * a call of thousands compared each with all of them). Callers still check the frame.
     */
    public List<LiveKitRouting> simulatedRoutingsAt(long frame) {
        if (routings.size() <= InviteTransaction.WALKED) {
            return simulatedRoutings();
        }
        return memo.simulatedRoutingsAt(routings, frame);
    }

    /** Those of {@code routings} (not empty) that were simulated against a loaded config. */
    static List<LiveKitRouting> simulated(List<LiveKitRouting> routings) {
        int simulated = 0;
        for (int i = 0; i < routings.size(); i++) {
            if (routings.get(i).simulated()) {
                simulated++;
            }
        }
        if (simulated == routings.size()) {
            return routings; // with a config loaded, all of them: eight rules ask for every call
        }
        if (simulated == 0) {
            return List.of(); // without a config, none
        }
        List<LiveKitRouting> found = new ArrayList<>(simulated);
        for (int i = 0; i < routings.size(); i++) {
            if (routings.get(i).simulated()) {
                found.add(routings.get(i));
            }
        }
        return List.copyOf(found);
    }

    /** The INVITE transactions of {@code flow} ({@link InviteTransaction#of}), worked out once per context. */
    List<InviteTransaction> invites(CallFlow flow) {
        return memo.invites(flow);
    }

    /** The legs of {@code flow} with their media ({@link MediaLeg#of}), worked out once per context. */
    List<MediaLeg> mediaLegs(CallFlow flow) {
        return memo.mediaLegs(flow, media);
    }

    /** {@link FlowCseqs#of} of {@code flow}, read once per context. */
    FlowCseqs cseqs(CallFlow flow) {
        return memo.cseqs(flow);
    }

    /** The requests of {@code flow} with {@code method} ({@link DialogRequests#of}), worked out once per context. */
    List<DialogRequests> dialogRequests(CallFlow flow, String method) {
        return memo.dialogRequests(flow, method);
    }

    /** The call LiveKit placed in {@code flow} ({@link OutboundCall#of(CallFlow, List, LiveKitConfig)}), once. */
    Optional<OutboundCall> outbound(CallFlow flow) {
        return memo.outbound(flow, config);
    }

    /** Why no trunk took the INVITE of {@code routing} ({@link TrunkMiss#of}), worked out once per context. */
    TrunkMiss trunkMiss(LiveKitRouting routing) {
        return memo.trunkMiss(config, routing.invite());
    }

    /** What findings say about the config alone, worked out once per diagnosis. */
    ConfigTexts configTexts() {
        return memo.configTexts(config);
    }

    /** {@link SipMessage#header} of {@code message}, its bytes read back from the capture once per context. */
    String header(SipMessage message, String name) {
        return memo.header(message, name);
    }

    /** The SDP of {@code message} ({@link SipMessage#sdp()}, read back from the capture), read once per context. */
    Sdp sdp(SipMessage message) {
        return memo.sdp(message);
    }

    public Optional<SIPInboundTrunkInfo> trunk(String id) {
        return config.trunks().stream().filter(t -> t.getSipTrunkId().equals(id)).findFirst();
    }
}
