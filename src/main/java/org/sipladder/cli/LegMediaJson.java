package org.sipladder.cli;

import java.io.IOException;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.sipladder.capture.Endpoint;
import org.sipladder.media.LegMedia;
import org.sipladder.media.PayloadType;
import org.sipladder.media.RtpStream;
import org.sipladder.media.SdpAnnouncement;

/** A leg's {@code media} summary in {@code calls --json}: its SDP offers and answers, its streams in brief, totals. */
final class LegMediaJson {

    /** How many codec lists one writer remembers the JSON of. */
    private static final int CODEC_LISTS = 1024;
    /** How many media type, direction and codec list triples one writer remembers the JSON of (the last ones). */
    private static final int KINDS = 8;
    /** How many SDP sections' members (all but frame and port) one writer remembers the JSON of (the last ones). */
    private static final int SECTIONS = 8;

    /** Member names, each at the depth its objects' members are written in {@code calls --json}. */
    private static final JsonOut.Name MEDIA_STREAM_COUNT = new JsonOut.Name("streamCount", 6);
    private static final JsonOut.Name MEDIA_PACKETS = new JsonOut.Name("packets", 6);
    private static final JsonOut.Name MEDIA_LOST = new JsonOut.Name("lost", 6);
    private static final JsonOut.Name MEDIA_MAX_JITTER_MS = new JsonOut.Name("maxJitterMs", 6);
    private static final JsonOut.Name MEDIA_MOS = new JsonOut.Name("mos", 6);
    private static final JsonOut.Name MEDIA_DTMF = new JsonOut.Name("dtmf", 6);
    private static final JsonOut.Name MEDIA_SDP = new JsonOut.Name("sdp", 6);
    private static final JsonOut.Name MEDIA_STREAMS = new JsonOut.Name("streams", 6);
    private static final JsonOut.Name SDP_FRAME = new JsonOut.Name("frame", 8);
    private static final JsonOut.Name SDP_FROM = new JsonOut.Name("from", 8);
    private static final JsonOut.Name SDP_MEDIA = new JsonOut.Name("media", 8);
    private static final JsonOut.Name SDP_TYPE = new JsonOut.Name("type", 8);
    private static final JsonOut.Name SDP_DIRECTION = new JsonOut.Name("direction", 8);
    private static final JsonOut.Name SDP_CODECS = new JsonOut.Name("codecs", 8);
    private static final JsonOut.Name STREAM_SRC = new JsonOut.Name("src", 8);
    private static final JsonOut.Name STREAM_DST = new JsonOut.Name("dst", 8);
    private static final JsonOut.Name STREAM_SSRC = new JsonOut.Name("ssrc", 8);
    private static final JsonOut.Name STREAM_CODEC = new JsonOut.Name("codec", 8);
    private static final JsonOut.Name STREAM_PACKETS = new JsonOut.Name("packets", 8);
    private static final JsonOut.Name STREAM_LOST = new JsonOut.Name("lost", 8);
    private static final JsonOut.Name STREAM_MAX_JITTER_MS = new JsonOut.Name("maxJitterMs", 8);
    private static final JsonOut.Name STREAM_MOS = new JsonOut.Name("mos", 8);

    /**
     * The JSON of codec lists already written (["0 PCMU/8000", ...] with its line breaks and indent: always at the
     * same depth), by the list: a capture's SDP scan shares one list among the offers that name the same codecs, so
     * most legs find theirs here. One per writing thread.
     */
    private final Map<List<PayloadType>, byte[]> codecLists = new IdentityHashMap<>();
    /** The members after a stream count of 0, once written. */
    private byte[] noStreamTotals;
    /** The last media type, direction and codec list triples written, with the JSON of their three members. */
    private final String[] kindTypes = new String[KINDS];
    private final String[] kindDirections = new String[KINDS];
    private final Object[] kindCodecs = new Object[KINDS];
    private final byte[][] kindJson = new byte[KINDS][];
    private int nextKind;
    /**
     * The last SDP sections' senders, media addresses, types, directions and codec lists, with the bytes of their
     * members after the frame, before and after the media port ({@link #section}).
     */
    private final String[] sectionFrom = new String[SECTIONS];
    private final String[] sectionAt = new String[SECTIONS];
    private final String[] sectionTypes = new String[SECTIONS];
    private final String[] sectionDirections = new String[SECTIONS];
    private final Object[] sectionCodecs = new Object[SECTIONS];
    private final byte[][] sectionBefore = new byte[SECTIONS][];
    private final byte[][] sectionAfter = new byte[SECTIONS][];
    private int nextSection;

    void write(JsonOut json, LegMedia leg) throws IOException {
        write(json, leg, new long[0], 0);
    }

    /**
     * As {@link #write(JsonOut, LegMedia)}, leaving out the SDP of the frames in the first {@code repeatedCount} of
     * {@code repeated} (sorted): retransmissions, whose offer or answer is listed at their first sending.
     */
    void write(JsonOut json, LegMedia leg, long[] repeated, int repeatedCount) throws IOException {
        json.beginObject();
        List<RtpStream> streams = leg.streams();
        json.member(MEDIA_STREAM_COUNT, streams.size());
        if (streams.isEmpty()) {
            // most legs of a SIP-only capture: the same totals every time
            if (noStreamTotals == null) {
                int start = json.size();
                totals(json, 0, 0, 0, Double.NaN, "");
                noStreamTotals = json.writtenSince(start);
            } else {
                json.writtenMembers(noStreamTotals);
            }
        } else {
            long packets = 0;
            long lost = 0;
            double worstMos = Double.NaN;
            double maxJitter = 0;
            StringBuilder dtmf = new StringBuilder();
            for (int i = 0; i < streams.size(); i++) {
                RtpStream s = streams.get(i);
                packets += s.stats().packets();
                lost += Math.max(0, s.stats().lostInRuns());
                if (!Double.isNaN(s.mos()) && (Double.isNaN(worstMos) || s.mos() < worstMos)) {
                    worstMos = s.mos();
                }
                maxJitter = Math.max(maxJitter, s.stats().maxJitterMs());
                dtmf.append(s.dtmf());
            }
            totals(json, packets, lost, maxJitter, worstMos, dtmf.toString());
        }
        // index loops: an iterator per list and leg is a real object before the JIT's last tier
        List<SdpAnnouncement> announcements = leg.announcements();
        json.name(MEDIA_SDP).beginArray();
        for (int i = 0; i < announcements.size(); i++) {
            SdpAnnouncement a = announcements.get(i);
            if (repeatedCount > 0 && Arrays.binarySearch(repeated, 0, repeatedCount, a.frame()) >= 0) {
                continue;
            }
            json.beginObject();
            json.member(SDP_FRAME, a.frame());
            String at = a.mediaAddress();
            if (at != null) {
                section(json, a, at);
            } else {
                json.sharedMember(SDP_FROM, a.sipSrc().address());
                json.name(SDP_MEDIA);
                // made when asked for: asked once
                Endpoint media = a.media();
                if (media == null) {
                    json.beginPieces().piece(a.address()).constantPiece(":").numberPiece(a.port()).endPieces();
                } else {
                    endpoint(json, media);
                }
                kindAndCodecs(json, a);
            }
            json.endObject();
        }
        json.endArray();
        json.name(MEDIA_STREAMS).beginArray();
        for (int i = 0; i < streams.size(); i++) {
            RtpStream s = streams.get(i);
            json.beginObject();
            json.name(STREAM_SRC);
            endpoint(json, s.key().src());
            json.name(STREAM_DST);
            endpoint(json, s.key().dst());
            json.member(STREAM_SSRC, s.key().ssrc());
            json.member(STREAM_CODEC, s.codecName());
            json.member(STREAM_PACKETS, s.stats().packets());
            json.member(STREAM_LOST, s.stats().lostInRuns());
            json.name(STREAM_MAX_JITTER_MS);
            StreamJson.millis(json, s.stats().maxJitterMs(), 3);
            json.name(STREAM_MOS);
            StreamJson.millis(json, s.mos(), 2);
            json.endObject();
        }
        json.endArray();
        json.endObject();
    }

    /**
     * An SDP section's members after its frame, when its media endpoint is its address and port ({@code at}): the
     * bytes written lately for the same sender, media address, type, direction and codecs (the very objects: the
     * capture's shared strings, the SDP scan's shared lists), around its port, are copied. A call's sections name a
     * few hosts, the same in every call, and differ in their ports: each section was five members written one by one,
     * with a table look-up for each address.
     */
    private void section(JsonOut json, SdpAnnouncement a, String at) throws IOException {
        String from = a.sipSrc().address();
        String type = a.mediaType();
        String direction = a.direction();
        List<PayloadType> types = a.payloadTypes();
        for (int i = 0; i < SECTIONS; i++) {
            if (sectionAt[i] == at && sectionFrom[i] == from && sectionCodecs[i] == types
                    && sectionTypes[i] == type && sectionDirections[i] == direction) {
                json.writtenMembers(sectionBefore[i], a.port(), sectionAfter[i]);
                return;
            }
        }
        int start = json.size();
        json.sharedMember(SDP_FROM, from);
        json.name(SDP_MEDIA);
        boolean ipv6 = at.indexOf(':') >= 0; // as Endpoint.isIpv6
        json.beginPieces();
        if (ipv6) {
            json.constantPiece("[");
        }
        json.constantPiece(at);
        json.constantPiece(ipv6 ? "]:" : ":");
        int port = json.size();
        json.numberPiece(a.port());
        int end = json.size();
        json.endPieces();
        kindAndCodecs(json, a);
        int k = nextSection;
        sectionAt[k] = at;
        sectionFrom[k] = from;
        sectionTypes[k] = type;
        sectionDirections[k] = direction;
        sectionCodecs[k] = types;
        sectionBefore[k] = json.writtenSince(start, port);
        sectionAfter[k] = json.writtenSince(end);
        nextSection = (k + 1) % SECTIONS;
    }

    /** The leg's totals after its stream count. */
    private static void totals(JsonOut json, long packets, long lost, double maxJitter, double worstMos, String dtmf)
            throws IOException {
        json.member(MEDIA_PACKETS, packets);
        json.member(MEDIA_LOST, lost);
        json.name(MEDIA_MAX_JITTER_MS);
        StreamJson.millis(json, maxJitter, 3);
        json.name(MEDIA_MOS);
        StreamJson.millis(json, worstMos, 2);
        json.member(MEDIA_DTMF, dtmf);
    }

    /**
     * A section's media type, direction and codecs: the bytes written lately for the same three (the very objects:
     * the SDP scan shares them) are copied.
     */
    private void kindAndCodecs(JsonOut json, SdpAnnouncement a) throws IOException {
        String type = a.mediaType();
        String direction = a.direction();
        List<PayloadType> types = a.payloadTypes();
        for (int i = 0; i < KINDS; i++) {
            if (kindJson[i] != null && kindTypes[i] == type && kindDirections[i] == direction && kindCodecs[i] == types) {
                json.writtenMembers(kindJson[i]);
                return;
            }
        }
        int start = json.size();
        json.member(SDP_TYPE, type);
        json.member(SDP_DIRECTION, direction);
        json.name(SDP_CODECS);
        codecs(json, types);
        kindTypes[nextKind] = type;
        kindDirections[nextKind] = direction;
        kindCodecs[nextKind] = types;
        kindJson[nextKind] = json.writtenSince(start);
        nextKind = (nextKind + 1) % KINDS;
    }

    /** A codec list, as the bytes written for the same list before when there are some. */
    private void codecs(JsonOut json, List<PayloadType> types) throws IOException {
        byte[] written = codecLists.get(types);
        if (written != null) {
            json.writtenValue(written);
            return;
        }
        int start = json.size();
        json.beginArray();
        for (int i = 0; i < types.size(); i++) {
            json.value(types.get(i).toString());
        }
        json.endArray();
        if (codecLists.size() >= CODEC_LISTS) {
            codecLists.clear();
        }
        codecLists.put(types, json.writtenSince(start));
    }

    /**
     * An endpoint as it prints itself ({@code address:port}, an IPv6 address in brackets), written in pieces: its
     * address is a capture's shared string, whose bytes the writer copies, and the port a number.
     */
    private static void endpoint(JsonOut json, Endpoint endpoint) throws IOException {
        boolean ipv6 = endpoint.isIpv6();
        json.beginPieces();
        if (ipv6) {
            json.constantPiece("[");
        }
        json.constantPiece(endpoint.address());
        json.constantPiece(ipv6 ? "]:" : ":");
        json.numberPiece(endpoint.port());
        json.endPieces();
    }
}
