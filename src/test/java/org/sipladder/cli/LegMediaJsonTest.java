package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sipladder.capture.Endpoint;
import org.sipladder.media.LegMedia;
import org.sipladder.media.PayloadType;
import org.sipladder.media.LossGaps;
import org.sipladder.media.RtpStatistics;
import org.sipladder.media.RtpStream;
import org.sipladder.media.SdpAnnouncement;
import org.sipladder.media.StreamKey;

/**
 * One writer copies the JSON of codec lists, sections' type/direction/codecs, a stream-less leg's totals and the
 * addresses of endpoints it wrote before: every leg's JSON must be what a writer that never saw another leg writes,
 * whatever came before it (shared and equal lists, endpoints equal but not the same object, IPv6, a host name as the
 * c= address, legs with and without streams), and endpoints must read back as they print themselves.
 */
class LegMediaJsonTest {

    /** Addresses that sections and senders share as the very objects, as a capture's shared strings. */
    private static final String[] SHARED_ADDRESSES = {"10.0.0.1", "172.20.11.236", "2001:db8::7"};

    private static final List<PayloadType> SHARED = List.of(new PayloadType(0, "PCMU", 8000),
            new PayloadType(8, "PCMA", 8000), new PayloadType(101, "telephone-event", 8000));

    @Test
    void aLegsJsonIsTheSameWhateverTheWriterWroteBefore() throws IOException {
        Random random = new Random(18);
        LegMediaJson kept = new LegMediaJson();
        for (int leg = 0; leg < 2_000; leg++) {
            LegMedia media = leg(random, leg);
            String written = json(kept, media);
            assertEquals(json(new LegMediaJson(), media), written, "leg " + leg);
            // endpoints are written in pieces: they must read back as they print themselves
            JsonObject read = JsonParser.parseString("[" + written + "]").getAsJsonArray().get(0).getAsJsonObject()
                    .getAsJsonObject("media");
            JsonArray sdp = read.getAsJsonArray("sdp");
            for (int i = 0; i < sdp.size(); i++) {
                SdpAnnouncement a = media.announcements().get(i);
                assertEquals(a.media() == null ? a.address() + ":" + a.port() : a.media().toString(),
                        sdp.get(i).getAsJsonObject().get("media").getAsString(), "leg " + leg);
            }
            JsonArray streams = read.getAsJsonArray("streams");
            for (int i = 0; i < streams.size(); i++) {
                StreamKey key = media.streams().get(i).key();
                assertEquals(key.src().toString(), streams.get(i).getAsJsonObject().get("src").getAsString());
                assertEquals(key.dst().toString(), streams.get(i).getAsJsonObject().get("dst").getAsString());
            }
        }
    }

    private static LegMedia leg(Random random, int leg) {
        List<SdpAnnouncement> sections = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            List<PayloadType> types = switch (random.nextInt(4)) {
                case 0 -> SHARED;
                case 1 -> List.copyOf(SHARED); // equal, not the same list
                case 2 -> List.of(new PayloadType(random.nextInt(128), "X" + random.nextInt(3), 8000));
                default -> List.of();
            };
            String address = switch (random.nextInt(6)) {
                case 0 -> "2001:db8::" + random.nextInt(3);
                case 1 -> "media" + random.nextInt(2) + ".example.com";
                // the same objects in many sections, with other ports, types, directions, senders
                case 2, 3 -> SHARED_ADDRESSES[random.nextInt(SHARED_ADDRESSES.length)];
                default -> "10.0.0." + random.nextInt(12);
            };
            int port = 20000 + random.nextInt(14);
            Endpoint endpoint = address.startsWith("media") ? null : new Endpoint(address, port);
            String sender = SHARED_ADDRESSES[random.nextInt(SHARED_ADDRESSES.length)];
            sections.add(new SdpAnnouncement(leg, leg, "c" + leg, 1, "INVITE", 0, new Endpoint(sender, 5060),
                    new Endpoint("10.0.0.2", 5060), random.nextInt(5) == 0 ? "video" : "audio", endpoint, address,
                    port, types,
                    random.nextBoolean() ? "sendrecv" : "sendonly"));
        }
        List<RtpStream> streams = new ArrayList<>();
        for (int i = random.nextInt(4) - 1; i > 0; i--) {
            long packets = random.nextInt(3) * 500L;
            long lost = random.nextInt(5) - 1;
            double maxJitter = random.nextInt(3) * 1.25;
            RtpStatistics stats = new RtpStatistics(packets, packets + 2, lost, 0, 0, 0, 0, 0, 0, 20, 20,
                    0, 0, 0.5, maxJitter, 0, 0, 0, packets * 172, false, 0, packets + 2, lost, 0, LossGaps.NONE, 0.5,
                    maxJitter, org.sipladder.media.ClockJumpSpan.NONE, 0);
            Endpoint src = new Endpoint(random.nextBoolean() ? "10.0.0." + i : "2001:db8::" + i, 20000);
            StreamKey key = new StreamKey(src, new Endpoint("10.0.1.1", 30000), random.nextInt(1 << 16));
            double mos = random.nextBoolean() ? Double.NaN : 4.0 + random.nextInt(4) / 10.0;
            streams.add(new RtpStream(key, 1, 9, 0, 1000, 0, "PCMU", 8000, List.of(0), stats,
                    random.nextBoolean() ? "" : "1#", 0, 0, -1, mos, null, null, "c" + leg, 0, 1));
        }
        return new LegMedia("c" + leg, sections, streams);
    }

    /** The leg's media JSON as one member of an element of an array, as calls --json writes it. */
    private static String json(LegMediaJson writer, LegMedia media) throws IOException {
        JsonOut json = new JsonOut();
        json.startElement(true);
        json.beginObject();
        json.name("media");
        writer.write(json, media);
        json.endObject();
        return new String(json.written(), StandardCharsets.UTF_8);
    }
}
