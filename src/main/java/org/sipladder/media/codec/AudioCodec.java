package org.sipladder.media.codec;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The audio codecs SIP Ladder can play and export, with their RTP names (RFC 3551), static payload types
 * and rates.
 */
public enum AudioCodec {
    PCMU("PCMU", 0, 8000, 8000, () -> G711Decoder.muLaw()),
    PCMA("PCMA", 8, 8000, 8000, () -> G711Decoder.aLaw()),
    /** RFC 3551 section 4.5.2: the RTP clock runs at 8000 Hz for historic reasons, the audio is sampled at 16 kHz. */
    G722("G722", 9, 8000, 16000, G722Decoder::new);

    private final String rtpName;
    private final int staticPayloadType;
    private final int clockRate;
    private final int sampleRate;
    private final Supplier<FrameDecoder> decoders;

    AudioCodec(String rtpName, int staticPayloadType, int clockRate, int sampleRate, Supplier<FrameDecoder> decoders) {
        this.rtpName = rtpName;
        this.staticPayloadType = staticPayloadType;
        this.clockRate = clockRate;
        this.sampleRate = sampleRate;
        this.decoders = decoders;
    }

    /** The encoding name as SDP's a=rtpmap writes it, e.g. "PCMU". */
    public String rtpName() {
        return rtpName;
    }

    public int staticPayloadType() {
        return staticPayloadType;
    }

    /** Units of the RTP timestamp per second. */
    public int clockRate() {
        return clockRate;
    }

    /** Decoded samples per second. */
    public int sampleRate() {
        return sampleRate;
    }

    /** A decoder with fresh state, for one stream. */
    public FrameDecoder newDecoder() {
        return decoders.get();
    }

    /** The codec an SDP encoding name names ("pcmu", "PCMA/8000", "G722"), if it is one of ours. */
    public static Optional<AudioCodec> byName(String encodingName) {
        if (encodingName == null) {
            return Optional.empty();
        }
        String name = encodingName.trim().toUpperCase(Locale.ROOT);
        int slash = name.indexOf('/');
        if (slash >= 0) {
            name = name.substring(0, slash);
        }
        for (AudioCodec codec : values()) {
            if (codec.rtpName.equals(name)) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }

    /** The codec of a static payload type (0, 8, 9), if it is one of ours. */
    public static Optional<AudioCodec> byStaticPayloadType(int payloadType) {
        for (AudioCodec codec : values()) {
            if (codec.staticPayloadType == payloadType) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }
}
