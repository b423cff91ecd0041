package org.sipladder.cli;

import java.io.IOException;
import org.sipladder.media.RtpStatistics;
import org.sipladder.media.RtpStream;
import org.sipladder.media.StreamSeries;

/** One RTP stream as the JSON object {@code streams --json} prints (and {@code calls --json} nests per leg). */
final class StreamJson {

    private StreamJson() {
    }

    static void write(JsonOut json, RtpStream s, boolean withSeries) throws IOException {
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
        if (withSeries) {
            series(json, s.series());
        }
        json.endObject();
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
