package org.sipladder.livekit;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.util.Durations;
import java.io.IOException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import livekit.LivekitSip.SIPMediaEncryption;

/**
 * A trunk's or dispatch rule's {@code media} (livekit.SIPMediaConfig), a message the SDK's protobuf types do not know:
 * read from a JSON file's unknown fields or from the API's protobuf unknown fields, and merged trunk + rule as LiveKit
 * does for a call (livekit/protocol livekit/sip.go, SIPMediaConfig.Merge).
 *
 * @param onlyListedCodecs only_listed_codecs: only {@code codecs} (and telephone-event) instead of the default set plus them
 * @param codecs           codecs, as written
 * @param encryption       encryption, or null when unset
 * @param mediaTimeoutMicros media_timeout in microseconds, or -1 when unset
 */
public record MediaConfig(boolean onlyListedCodecs, List<Codec> codecs, SIPMediaEncryption encryption,
                          long mediaTimeoutMicros) {

    /** No media config at all (LiveKit's nil). */
    public static final MediaConfig NONE = new MediaConfig(false, List.of(), null, -1);

    /**
     * Field numbers of {@code media} in SIPInboundTrunkInfo, SIPDispatchRuleInfo and SIPOutboundTrunkInfo
     * (livekit_sip.proto).
     */
    static final int TRUNK_FIELD = 20;
    static final int RULE_FIELD = 16;
    static final int OUTBOUND_TRUNK_FIELD = 18;

    /** One SIPCodec: {@code name} as written, {@code rate} 0 when unset. */
    public record Codec(String name, int rate) {
        /** "G722/8000", or the name alone when no rate is set. */
        @Override
        public String toString() {
            return rate == 0 ? name : name + "/" + rate;
        }
    }

    public MediaConfig {
        codecs = List.copyOf(codecs);
    }

    /** True when nothing is set. */
    public boolean isEmpty() {
        return !onlyListedCodecs && codecs.isEmpty() && encryption == null && mediaTimeoutMicros < 0;
    }

    /**
     * What is set, for display: "codecs G722/8000 only (only_listed_codecs), media_timeout 5 s, encryption
     * SIP_MEDIA_ENCRYPT_REQUIRE"; "" when nothing is.
     */
    public String describe() {
        List<String> parts = new ArrayList<>(3);
        List<String> listed = codecs.stream().map(Codec::toString).toList();
        if (onlyListedCodecs) {
            parts.add(listed.isEmpty() ? "only_listed_codecs with no codecs"
                    : "codecs " + String.join(", ", listed) + " only (only_listed_codecs)");
        } else if (!listed.isEmpty()) {
            parts.add("codecs " + String.join(", ", listed) + " added to the default set");
        }
        if (mediaTimeoutMicros >= 0) {
            parts.add("media_timeout " + CallMedia.seconds(mediaTimeoutMicros));
        }
        if (encryption != null) {
            parts.add("encryption " + encryption.name());
        }
        return String.join(", ", parts);
    }

    /**
     * This (a trunk's) config with {@code rule}'s over it, as SIPMediaConfig.Merge: the rule's codecs and
     * only_listed_codecs when it lists codecs, its media_timeout when set, and its encryption unless unset or DISABLE.
     */
    public MediaConfig merge(MediaConfig rule) {
        boolean ruleCodecs = !rule.codecs.isEmpty();
        return new MediaConfig(ruleCodecs ? rule.onlyListedCodecs : onlyListedCodecs,
                ruleCodecs ? rule.codecs : codecs, mergeEncryption(encryption, rule.encryption),
                rule.mediaTimeoutMicros >= 0 ? rule.mediaTimeoutMicros : mediaTimeoutMicros);
    }

    /** SIPMediaEncryption.Merge: the second unless unset, or DISABLE while the first is set. */
    static SIPMediaEncryption mergeEncryption(SIPMediaEncryption first, SIPMediaEncryption second) {
        if (first == null) {
            return second;
        }
        if (second == null || second == SIPMediaEncryption.SIP_MEDIA_ENCRYPT_DISABLE) {
            return first;
        }
        return second;
    }

    /** {@code media} of a JSON object's unknown fields ({@link UnknownJsonFields} text, or null); NONE when absent. */
    static MediaConfig fromUnknownJson(String unknown) {
        if (unknown == null || !unknown.contains("media")) {
            return NONE;
        }
        JsonElement root = JsonParser.parseString(unknown);
        if (!root.isJsonObject() || !root.getAsJsonObject().has("media")) {
            return NONE;
        }
        return fromJson(root.getAsJsonObject().get("media"));
    }

    /** A SIPMediaConfig in protobuf JSON (lowerCamelCase or snake_case; Duration as "15s"); NONE for null. */
    static MediaConfig fromJson(JsonElement media) {
        if (media == null || !media.isJsonObject()) {
            return NONE;
        }
        JsonObject m = media.getAsJsonObject();
        boolean only = bool(member(m, "onlyListedCodecs", "only_listed_codecs"));
        List<Codec> codecs = new ArrayList<>();
        JsonElement list = member(m, "codecs", "codecs");
        if (list != null && list.isJsonArray()) {
            for (JsonElement c : list.getAsJsonArray()) {
                if (c.isJsonObject()) {
                    JsonElement name = member(c.getAsJsonObject(), "name", "name");
                    JsonElement rate = member(c.getAsJsonObject(), "rate", "rate");
                    codecs.add(new Codec(name == null || name.isJsonNull() ? "" : name.getAsString(),
                            rate == null || rate.isJsonNull() ? 0 : rate.getAsInt()));
                }
            }
        }
        JsonElement enc = member(m, "encryption", "encryption");
        JsonElement timeout = member(m, "mediaTimeout", "media_timeout");
        return new MediaConfig(only, codecs, enc == null || enc.isJsonNull() ? null : encryption(enc),
                timeout == null || timeout.isJsonNull() ? -1 : micros(timeout.getAsString()));
    }

    /** {@code media} kept among a message's protobuf unknown fields (the API's answer) under {@code field}. */
    static MediaConfig fromUnknownFields(UnknownFieldSet unknown, int field) {
        UnknownFieldSet.Field f = unknown.getField(field);
        if (f == null || f.getLengthDelimitedList().isEmpty()) {
            return NONE;
        }
        try {
            // a message field sent twice merges (protobuf): only the last value of each scalar counts
            MediaConfig merged = NONE;
            for (ByteString bytes : f.getLengthDelimitedList()) {
                merged = merged.overlay(fromWire(bytes));
            }
            return merged;
        } catch (IOException e) {
            return NONE; // not a SIPMediaConfig: as LiveKit could not have sent it, nothing to say about it
        }
    }

    private MediaConfig overlay(MediaConfig later) {
        List<Codec> all = new ArrayList<>(codecs);
        all.addAll(later.codecs);
        return new MediaConfig(onlyListedCodecs || later.onlyListedCodecs, all,
                later.encryption != null ? later.encryption : encryption,
                later.mediaTimeoutMicros >= 0 ? later.mediaTimeoutMicros : mediaTimeoutMicros);
    }

    private static MediaConfig fromWire(ByteString bytes) throws IOException {
        CodedInputStream in = bytes.newCodedInput();
        boolean only = false;
        List<Codec> codecs = new ArrayList<>();
        SIPMediaEncryption enc = null;
        long timeout = -1;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 8 -> only = in.readBool();
                case 18 -> codecs.add(codec(in.readBytes()));
                case 24 -> enc = encryption(in.readEnum());
                case 34 -> timeout = durationMicros(in.readBytes());
                default -> in.skipField(tag);
            }
        }
        return new MediaConfig(only, codecs, enc, timeout);
    }

    private static Codec codec(ByteString bytes) throws IOException {
        CodedInputStream in = bytes.newCodedInput();
        String name = "";
        int rate = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 10 -> name = in.readStringRequireUtf8();
                case 16 -> rate = in.readUInt32();
                default -> in.skipField(tag);
            }
        }
        return new Codec(name, rate);
    }

    /** A google.protobuf.Duration message (seconds = 1, nanos = 2) in microseconds. */
    private static long durationMicros(ByteString bytes) throws IOException {
        CodedInputStream in = bytes.newCodedInput();
        long seconds = 0;
        int nanos = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 8 -> seconds = in.readInt64();
                case 16 -> nanos = in.readInt32();
                default -> in.skipField(tag);
            }
        }
        return seconds * 1_000_000 + nanos / 1_000;
    }

    private static SIPMediaEncryption encryption(JsonElement e) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            return encryption(e.getAsInt());
        }
        String name = e.getAsString();
        for (SIPMediaEncryption v : SIPMediaEncryption.values()) {
            if (v != SIPMediaEncryption.UNRECOGNIZED && v.name().equals(name)) {
                return v;
            }
        }
        return SIPMediaEncryption.UNRECOGNIZED;
    }

    private static SIPMediaEncryption encryption(int number) {
        SIPMediaEncryption v = SIPMediaEncryption.forNumber(number);
        return v == null ? SIPMediaEncryption.UNRECOGNIZED : v;
    }

    /** A protobuf JSON Duration ("15s", "1.5s") in microseconds. */
    private static long micros(String text) {
        try {
            return Durations.toMicros(Durations.parse(text));
        } catch (ParseException e) {
            throw new IllegalArgumentException("media.mediaTimeout \"" + text + "\" is no duration", e);
        }
    }

    private static boolean bool(JsonElement e) {
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean() && e.getAsBoolean();
    }

    private static JsonElement member(JsonObject o, String camel, String snake) {
        return o.has(camel) ? o.get(camel) : o.get(snake);
    }
}
