package org.sipladder.diagnose;

import java.util.List;
import java.util.Optional;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.media.CaptureMedia;

/**
 * Everything a finding rule may look at.
 *
 * @param flows    the call flows of the capture (empty for config-only checks)
 * @param config   the LiveKit config (possibly empty)
 * @param routings the simulation of every INVITE that reached a LiveKit hop
 * @param media    the RTP streams and SDP of the capture ({@link CaptureMedia#none()} when not analysed)
 */
public record DiagnosisContext(List<CallFlow> flows, LiveKitConfig config, List<LiveKitRouting> routings,
                               CaptureMedia media) {

    /** A context without media analysis. */
    public DiagnosisContext(List<CallFlow> flows, LiveKitConfig config, List<LiveKitRouting> routings) {
        this(flows, config, routings, CaptureMedia.none());
    }

    public boolean hasConfig() {
        return !config.isEmpty();
    }

    /** Routings that were simulated against a loaded config. */
    public List<LiveKitRouting> simulatedRoutings() {
        return routings.stream().filter(LiveKitRouting::simulated).toList();
    }

    public Optional<SIPInboundTrunkInfo> trunk(String id) {
        return config.trunks().stream().filter(t -> t.getSipTrunkId().equals(id)).findFirst();
    }
}
