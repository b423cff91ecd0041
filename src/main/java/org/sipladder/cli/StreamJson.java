package org.sipladder.cli;

import java.io.IOException;
import org.sipladder.media.ReceiverReports;
import org.sipladder.media.ReceiverVoipMetrics;
import org.sipladder.media.RtpStatistics;
import org.sipladder.media.RtpStream;
import org.sipladder.media.StreamSeries;
import org.sipladder.media.VoipMetrics;

/** One RTP stream as the JSON object {@code streams --json} prints (and {@code calls --json} nests per leg). */
final class StreamJson {

    private StreamJson() {
    }

    /**
     * {@code reports}: what the stream's receiver reported about it in RTCP, written as {@code rtcp} (null when none);
     * {@code xr}: its RTCP XR VoIP Metrics, written as {@code voipMetrics} (null when none).
     */
    static void write(JsonOut json, RtpStream s, ReceiverReports reports, ReceiverVoipMetrics xr, boolean withSeries)
            throws IOException {
        RtpStatistics st = s.stats();
        json.beginObject();
        json.name("src").value(s.key().src().toString());
        json.name("dst").value(s.key().dst().toString());
        json.name("ssrc").value(s.key().ssrc());
        json.name("payloadType").value(s.payloadType());
        json.name("codec").value(s.codecName());
        json.name("clockRate").value(s.clockRate());
        json.name("packets").value(st.packets());
        json.name("expected").value(st.expected());
        json.name("lost").value(st.lost());
        json.name("lostPercent");
        millis(json, st.lostPercent(), 2);
        json.name("duplicates").value(st.duplicates());
        json.name("outOfOrder").value(st.outOfOrder());
        json.name("sequenceErrors").value(st.sequenceErrors());
        json.name("sequenceRestarts").value(st.sequenceRestarts());
        json.name("lostInRuns").value(st.lostInRuns());
        // how the loss fell: in how many gaps of sequence numbers, the longest in packets and in ms of audio
        json.name("lossGaps").value(st.lossGaps().gaps());
        json.name("longestLossGap").value(st.lossGaps().longestPackets());
        json.name("longestLossGapMs");
        millis(json, st.lossGaps().longestMs(), 3);
        json.name("maxDeltaMs");
        millis(json, st.maxDeltaMs(), 3);
        json.name("maxDeltaFrame").value(st.maxDeltaFrame());
        json.name("meanDeltaMs");
        millis(json, st.meanDeltaMs(), 3);
        json.name("meanJitterMs");
        millis(json, st.meanJitterMs(), 3);
        json.name("maxJitterMs");
        millis(json, st.maxJitterMs(), 3);
        json.name("firstTime").decimal(s.firstMicros(), 6);
        json.name("lastTime").decimal(s.lastMicros(), 6);
        json.name("firstFrame").value(s.firstFrame());
        json.name("lastFrame").value(s.lastFrame());
        json.name("callId").value(s.callId());
        json.name("sdp").value(s.announcement() == null ? null : s.announcement().describe());
        json.name("dtmf").value(s.dtmf());
        json.name("mos");
        millis(json, s.mos(), 2);
        json.name("payloadTypes").beginArray();
        for (int pt : s.payloadTypes()) {
            json.value(pt);
        }
        json.endArray();
        json.name("markers").value(st.markers());
        json.name("comfortNoise").value(st.comfortNoise());
        json.name("telephoneEvents").value(st.telephoneEvents());
        json.name("earlyPackets").value(s.earlyPackets());
        json.name("problems").value(st.problems() ? "yes" : "no");
        json.name("rtcp");
        rtcp(json, reports);
        json.name("voipMetrics");
        voipMetrics(json, xr);
        if (withSeries) {
            series(json, s.series());
        }
        json.endObject();
    }

    /**
     * The receiver's RTCP report blocks about the stream (RFC 3550 6.4.1): the last one's fraction lost (of 256 and
     * as a percentage), cumulative lost, extended highest sequence number and jitter, the largest fraction lost
     * and jitter, and the round-trip times (ms) of those with an LSR.
     */
    private static void rtcp(JsonOut json, ReceiverReports r) throws IOException {
        if (r.isEmpty()) {
            json.nullValue();
            return;
        }
        json.beginObject();
        json.name("reports").value(r.count());
        json.name("reporter").value(r.reporter().toString());
        json.name("reporterSsrc").value(r.reporterSsrc());
        json.name("firstFrame").value(r.firstFrame());
        json.name("lastFrame").value(r.lastFrame());
        json.name("fractionLost").value(r.lastFractionLost());
        json.name("fractionLostPercent");
        millis(json, r.lastFractionLostPercent(), 2);
        json.name("maxFractionLostPercent");
        millis(json, r.maxFractionLostPercent(), 2);
        json.name("cumulativeLost").value(r.cumulativeLost());
        json.name("highestSeq").value(r.highestSeq());
        json.name("jitterMs");
        millis(json, r.lastJitterMs(), 3);
        json.name("maxJitterMs");
        millis(json, r.maxJitterMs(), 3);
        json.name("roundTrips").value(r.rttCount());
        json.name("rttMs");
        millis(json, r.lastRttMs(), 3);
        json.name("meanRttMs");
        millis(json, r.meanRttMs(), 3);
        json.name("maxRttMs");
        millis(json, r.maxRttMs(), 3);
        json.endObject();
    }

    /**
     * The receiver's last RTCP XR VoIP Metrics block about the stream (RFC 3611 4.7), with the RFC's units: rates and
     * densities of 256 and as percentages, durations and delays in ms, levels in dBm (RERL in dB), MOS as x.y; null
     * for a level, R factor or MOS the receiver gave as unavailable (127).
     */
    private static void voipMetrics(JsonOut json, ReceiverVoipMetrics xr) throws IOException {
        if (xr.isEmpty()) {
            json.nullValue();
            return;
        }
        VoipMetrics m = xr.last();
        json.beginObject();
        json.name("reports").value(xr.count());
        json.name("reporter").value(xr.reporter().toString());
        json.name("reporterSsrc").value(xr.reporterSsrc());
        json.name("lastFrame").value(xr.lastFrame());
        rate(json, "lossRate", m.lossRate());
        rate(json, "discardRate", m.discardRate());
        rate(json, "burstDensity", m.burstDensity());
        rate(json, "gapDensity", m.gapDensity());
        json.name("burstDurationMs").value(m.burstDurationMs());
        json.name("gapDurationMs").value(m.gapDurationMs());
        json.name("roundTripDelayMs").value(m.roundTripDelayMs());
        json.name("endSystemDelayMs").value(m.endSystemDelayMs());
        level(json, "signalLevelDbm", m.signalLevel());
        level(json, "noiseLevelDbm", m.noiseLevel());
        level(json, "rerlDb", m.rerl());
        json.name("gmin").value(m.gmin());
        level(json, "rFactor", m.rFactor());
        level(json, "externalRFactor", m.externalRFactor());
        json.name("mosLq");
        millis(json, m.mosLqValue(), 2);
        json.name("mosCq");
        millis(json, m.mosCqValue(), 2);
        json.name("plc").value(m.plc());
        json.name("jitterBuffer").value(m.jitterBufferAdaptive());
        json.name("jitterBufferRate").value(m.jitterBufferRate());
        json.name("jitterBufferNominalMs").value(m.jbNominalMs());
        json.name("jitterBufferMaxMs").value(m.jbMaxMs());
        json.name("jitterBufferAbsMaxMs").value(m.jbAbsMaxMs());
        json.endObject();
    }

    private static void rate(JsonOut json, String name, int of256) throws IOException {
        json.name(name).value(of256);
        json.name(name + "Percent");
        millis(json, VoipMetrics.percent(of256), 2);
    }

    private static void level(JsonOut json, String name, int value) throws IOException {
        json.name(name);
        if (VoipMetrics.available(value)) {
            json.value(value);
        } else {
            json.nullValue();
        }
    }

    /** {@code perSecond}: one entry per second, or per {@code seriesIntervalSeconds} for a long stream. */
    private static void series(JsonOut json, StreamSeries series) throws IOException {
        json.name("seriesIntervalSeconds").value(series.intervalMicros() / StreamSeries.INTERVAL_MICROS);
        json.name("perSecond").beginArray();
        for (int i = 0; i < series.length(); i++) {
            json.beginArray();
            json.value(series.packets(i));
            json.value(series.lost(i));
            millis(json, series.maxJitterMs(i), 3);
            json.endArray();
        }
        json.endArray();
    }

    /** A figure with {@code scale} decimals, rounded; null for NaN. */
    static void millis(JsonOut json, double value, int scale) throws IOException {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            json.nullValue();
            return;
        }
        long factor = scale == 2 ? 100 : 1000;
        json.decimal(Math.round(value * factor), scale);
    }
}
