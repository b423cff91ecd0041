package org.sipladder.media;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.sipladder.capture.MediaPayload;

/**
 * Reads the RTCP report a capture agent sent to Homer as JSON instead of the packet (HEP3 protocol type 5): heplify
 * (its {@code decoder/rtcp.go}), captagent and rtpengine write one object per SR or RR with the packet's fields under
 * the names below, which is all a report needs; the NTP time's low word comes as {@code ntp_timestamp_usec}, raw as
 * in the packet. Other types (SDES, XR, BYE) carry no reception report and are passed over.
 */
final class RtcpJsonReports {

    private RtcpJsonReports() {
    }

    /**
     * Adds the report {@code p}'s JSON describes to {@code out} when it is an SR or RR and {@code out} holds fewer
     * than {@code max}; returns null, or what is wrong with the JSON (nothing of it is then read).
     */
    static String read(MediaPayload p, List<RtcpReport> out, int max) {
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(new String(p.bytes(), p.offset(), p.length(),
                    StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                return "RTCP report sent as JSON is not a JSON object";
            }
            o = e.getAsJsonObject();
        } catch (JsonParseException e) {
            return "RTCP report sent as JSON cannot be read as JSON";
        }
        try {
            int type = (int) number(o, "type");
            if (type != RtcpReports.SR && type != RtcpReports.RR || out.size() >= max) {
                return null;
            }
            long packets = -1;
            long octets = -1;
            long ntpMiddle = 0;
            JsonObject sender = o.getAsJsonObject("sender_information");
            if (type == RtcpReports.SR) {
                if (sender == null) {
                    return "RTCP sender report sent as JSON has no sender_information";
                }
                ntpMiddle = (number(sender, "ntp_timestamp_sec") & 0xffff) << 16
                        | number(sender, "ntp_timestamp_usec") >>> 16;
                packets = number(sender, "packets");
                octets = number(sender, "octets");
            }
            out.add(new RtcpReport(p.frame(), p.timestampMicros(), p.src(), p.dst(), type, number(o, "ssrc"),
                    packets, octets, ntpMiddle, blocks(o.getAsJsonArray("report_blocks")), List.of()));
            return null;
        } catch (RuntimeException e) {
            // a field of another shape than heplify's (Gson's ClassCastException, IllegalStateException...)
            return "RTCP report sent as JSON has a field that is not as heplify writes it: " + e.getMessage();
        }
    }

    private static List<RtcpReport.Block> blocks(JsonArray array) {
        if (array == null) {
            return List.of();
        }
        List<RtcpReport.Block> blocks = new ArrayList<>(array.size());
        for (JsonElement e : array) {
            JsonObject b = e.getAsJsonObject();
            // the 24 bits of the packet's field, which is signed (RFC 3550 6.4.1)
            int cumulative = ((int) number(b, "packets_lost") << 8) >> 8;
            blocks.add(new RtcpReport.Block(number(b, "source_ssrc"), (int) number(b, "fraction_lost") & 0xff,
                    cumulative, number(b, "highest_seq_no"), number(b, "ia_jitter"), number(b, "lsr"),
                    number(b, "dlsr")));
        }
        return List.copyOf(blocks);
    }

    /** An unsigned 32-bit field; 0 when absent, as Go's encoder writes a zero it has. */
    private static long number(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? 0 : e.getAsLong() & 0xffffffffL;
    }
}
