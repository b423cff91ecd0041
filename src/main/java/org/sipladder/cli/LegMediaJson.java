package org.sipladder.cli;

import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.sipladder.media.LegMedia;
import org.sipladder.media.PayloadType;
import org.sipladder.media.RtpStream;
import org.sipladder.media.SdpAnnouncement;

/** A leg's {@code media} summary in {@code calls --json}: its SDP offers and answers, its streams in brief, totals. */
final class LegMediaJson {

    /** How many codec lists one writer remembers the text of. */
    private static final int CODEC_TEXTS = 1024;

    /**
     * The texts of codec lists already written ("0 PCMU/8000", ...), by the list: a capture's SDP scan shares one
     * list among the offers that name the same codecs, so most legs find theirs here. One per writing thread.
     */
    private final Map<List<PayloadType>, String[]> codecTexts = new IdentityHashMap<>();

    void write(JsonOut json, LegMedia leg) throws IOException {
        json.beginObject();
        long packets = 0;
        long lost = 0;
        double worstMos = Double.NaN;
        double maxJitter = 0;
        StringBuilder dtmf = new StringBuilder();
        for (RtpStream s : leg.streams()) {
            packets += s.stats().packets();
            lost += Math.max(0, s.stats().lost());
            if (!Double.isNaN(s.mos()) && (Double.isNaN(worstMos) || s.mos() < worstMos)) {
                worstMos = s.mos();
            }
            maxJitter = Math.max(maxJitter, s.stats().maxJitterMs());
            dtmf.append(s.dtmf());
        }
        json.name("streamCount").value(leg.streams().size());
        json.name("packets").value(packets);
        json.name("lost").value(lost);
        json.name("maxJitterMs");
        StreamJson.millis(json, maxJitter, 3);
        json.name("mos");
        StreamJson.millis(json, worstMos, 2);
        json.name("dtmf").value(dtmf.toString());
        json.name("sdp").beginArray();
        for (SdpAnnouncement a : leg.announcements()) {
            json.beginObject();
            json.name("frame").value(a.frame());
            json.name("from").value(a.sipSrc().address());
            json.name("media").value(a.media() == null ? a.address() + ":" + a.port() : a.media().toString());
            json.name("type").value(a.mediaType());
            json.name("direction").value(a.direction());
            json.name("codecs").beginArray();
            for (String codec : codecTexts(a.payloadTypes())) {
                json.value(codec);
            }
            json.endArray();
            json.endObject();
        }
        json.endArray();
        json.name("streams").beginArray();
        for (RtpStream s : leg.streams()) {
            json.beginObject();
            json.name("src").value(s.key().src().toString());
            json.name("dst").value(s.key().dst().toString());
            json.name("ssrc").value(s.key().ssrc());
            json.name("codec").value(s.codecName());
            json.name("packets").value(s.stats().packets());
            json.name("lost").value(s.stats().lost());
            json.name("maxJitterMs");
            StreamJson.millis(json, s.stats().maxJitterMs(), 3);
            json.name("mos");
            StreamJson.millis(json, s.mos(), 2);
            json.endObject();
        }
        json.endArray();
        json.endObject();
    }

    private String[] codecTexts(List<PayloadType> types) {
        String[] texts = codecTexts.get(types);
        if (texts == null) {
            texts = new String[types.size()];
            for (int i = 0; i < texts.length; i++) {
                texts[i] = types.get(i).toString();
            }
            if (codecTexts.size() >= CODEC_TEXTS) {
                codecTexts.clear();
            }
            codecTexts.put(types, texts);
        }
        return texts;
    }
}
