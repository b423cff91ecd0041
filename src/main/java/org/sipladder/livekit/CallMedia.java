package org.sipladder.livekit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import livekit.LivekitSip.SIPMediaEncryption;
import livekit.LivekitSip.SIPOutboundTrunkInfo;

/**
 * The media config LiveKit applies to one inbound call: its trunk's {@code media} merged with its dispatch rule's
 * (livekit/protocol sip/sip.go, the dispatch evaluation), and what livekit/sip makes of it (pkg/sip/media_codecs.go
 * newMediaConfig and codecSet): the codecs it takes, the later media timeout, the encryption; with the config item
 * that sets each, for findings to name.
 *
 * @param merged     the merged config
 * @param codecsBy   "trunk ST_x" or "dispatch rule SDR_y": whose media.codecs decide, or null when neither sets any
 * @param codecsId   that item's id, or null
 * @param timeoutBy  whose media.media_timeout decides, or null when neither sets one
 * @param timeoutId  that item's id, or null
 * @param encryption the encryption and the item that sets it
 */
public record CallMedia(MediaConfig merged, String codecsBy, String codecsId, String timeoutBy, String timeoutId,
                        CallEncryption encryption) {

    /** LiveKit's later media timeout when no config sets one (livekit/sip pkg/sip/media_port.go, 15 s). */
    public static final long DEFAULT_TIMEOUT_MICROS = 15_000_000;

    /** Codecs livekit/sip registers for SIP (media-sdk g711, g722, amrwb), as their SDP names in lower case. */
    private static final List<String> REGISTERED = List.of("pcmu/8000", "pcma/8000", "g722/8000", "amr-wb/16000");
    /** The default set: registered and enabled (AMR-WB is registered but disabled). */
    private static final List<String> DEFAULT_SET = List.of("pcmu/8000", "pcma/8000", "g722/8000");

    /** The media of a call {@code trunk} (null: none matched) let in and {@code rule} took, from {@code config}. */
    public static CallMedia of(LiveKitConfig config, SIPInboundTrunkInfo trunk, SIPDispatchRuleInfo rule) {
        MediaConfig t = trunk == null ? null : config.media().ofTrunk(trunk);
        MediaConfig r = rule == null ? MediaConfig.NONE : config.media().ofRule(rule);
        CallEncryption enc = CallEncryption.of(trunk, rule, t, r);
        if ((t == null || t.isEmpty()) && r.isEmpty()) {
            return new CallMedia(MediaConfig.NONE, null, null, null, null, enc);
        }
        MediaConfig merged = t == null ? r : t.merge(r);
        String ruleBy = rule == null ? null : "dispatch rule " + rule.getSipDispatchRuleId();
        String trunkBy = trunk == null ? null : "trunk " + trunk.getSipTrunkId();
        boolean codecsOfRule = !r.codecs().isEmpty() || t == null && r.onlyListedCodecs();
        boolean codecsOfTrunk = !codecsOfRule && t != null && (!t.codecs().isEmpty() || t.onlyListedCodecs());
        boolean timeoutOfRule = r.mediaTimeoutMicros() >= 0;
        boolean timeoutOfTrunk = !timeoutOfRule && t != null && t.mediaTimeoutMicros() >= 0;
        return new CallMedia(merged, codecsOfRule ? ruleBy : codecsOfTrunk ? trunkBy : null,
                codecsOfRule ? rule.getSipDispatchRuleId() : codecsOfTrunk ? trunk.getSipTrunkId() : null,
                timeoutOfRule ? ruleBy : timeoutOfTrunk ? trunkBy : null,
                timeoutOfRule ? rule.getSipDispatchRuleId() : timeoutOfTrunk ? trunk.getSipTrunkId() : null, enc);
    }

    /**
     * The media config LiveKit builds its offer from when it dials out through {@code trunk}: the outbound trunk's
     * {@code media}, its media.encryption or else the deprecated media_encryption (livekit/protocol rpc/sip.go
     * NewCreateSIPParticipantRequest: trunk.Upgrade, then the request's own media merged over it, which a capture does
     * not show; livekit/sip client.go newMediaConfig, outbound.go NewOffer).
     */
    public static CallMedia ofOutbound(LiveKitConfig config, SIPOutboundTrunkInfo trunk) {
        MediaConfig m = config.media().ofOutbound(trunk);
        String by = "outbound trunk " + trunk.getSipTrunkId();
        String id = trunk.getSipTrunkId();
        SIPMediaEncryption legacy = trunk.getMediaEncryption();
        CallEncryption enc = m.encryption() != null ? new CallEncryption(m.encryption(), by, id, "media.encryption")
                : CallEncryption.isSet(legacy) ? new CallEncryption(legacy, by, id) : new CallEncryption(SIPMediaEncryption.SIP_MEDIA_ENCRYPT_DISABLE,
                null, null);
        boolean codecs = !m.codecs().isEmpty() || m.onlyListedCodecs();
        boolean timeout = m.mediaTimeoutMicros() >= 0;
        return new CallMedia(m, codecs ? by : null, codecs ? id : null, timeout ? by : null, timeout ? id : null, enc);
    }

    /**
     * {@link #ofOutbound(LiveKitConfig, SIPOutboundTrunkInfo)} (nothing when {@code trunk} is null: an inline or
     * unknown trunk) with the CreateSIPParticipant request's own media merged over it as LiveKit merges them
     * (protocol rpc/sip.go NewCreateSIPParticipantRequestResult: req.Upgrade folds media_encryption into media unless
     * DISABLE, then SIPMediaConfig.Merge); {@code request} null is the trunk's alone.
     */
    public static CallMedia ofOutbound(LiveKitConfig config, SIPOutboundTrunkInfo trunk, ParticipantRequest request) {
        CallMedia base = trunk == null ? new CallMedia(MediaConfig.NONE, null, null, null, null,
                new CallEncryption(SIPMediaEncryption.SIP_MEDIA_ENCRYPT_DISABLE, null, null))
                : ofOutbound(config, trunk);
        if (request == null) {
            return base;
        }
        MediaConfig own = request.media();
        SIPMediaEncryption legacy = request.request().getMediaEncryption();
        String field = "media.encryption";
        if (own.encryption() == null && CallEncryption.isSet(legacy)) {
            own = new MediaConfig(own.onlyListedCodecs(), own.codecs(), legacy, own.mediaTimeoutMicros());
            field = "media_encryption";
        }
        String by = "the CreateSIPParticipant request from " + request.source();
        String id = request.request().getSipTrunkId().isEmpty() ? null : request.request().getSipTrunkId();
        MediaConfig merged = base.merged().merge(own);
        boolean encOfRequest = own.encryption() != null && merged.encryption() == own.encryption()
                && (own.encryption() != SIPMediaEncryption.SIP_MEDIA_ENCRYPT_DISABLE || base.encryption().setBy() == null);
        CallEncryption enc = encOfRequest ? new CallEncryption(own.encryption(), by, id, field) : base.encryption();
        boolean codecs = !own.codecs().isEmpty();
        boolean timeout = own.mediaTimeoutMicros() >= 0;
        return new CallMedia(merged, codecs ? by : base.codecsBy(), codecs ? id : base.codecsId(),
                timeout ? by : base.timeoutBy(), timeout ? id : base.timeoutId(), enc);
    }

    /** True when a trunk or rule sets the codecs, so LiveKit's set may differ from its default. */
    public boolean codecsConfigured() {
        return codecsBy != null;
    }

    /**
     * Why LiveKit cannot make the call's media config, as newMediaConfig fails (it then answers 500 with an empty
     * reason phrase, livekit/sip pkg/sip/inbound.go right after the dispatch evaluation), or null when it can.
     */
    public String configError() {
        if (merged.onlyListedCodecs() && merged.codecs().isEmpty()) {
            return "only_listed_codecs is set but no codec is listed (\"no codecs specified\")";
        }
        for (MediaConfig.Codec c : merged.codecs()) {
            if (c.name().isEmpty()) {
                return "a listed codec has no name (\"no codec name specified\")";
            }
            if (c.rate() == 0 && defaultRate(c.name()) == 0) {
                return "codec " + c.name() + " has no rate and LiveKit knows no default for it (\"sample rate not "
                        + "specified for codec\")";
            }
        }
        return null;
    }

    /** The codecs LiveKit takes from an offer, as SDP names ("PCMU/8000"), telephone-event aside; empty on an error. */
    public List<String> acceptedCodecs() {
        if (configError() != null) {
            return List.of();
        }
        List<String> set = merged.onlyListedCodecs() ? new ArrayList<>() : new ArrayList<>(DEFAULT_SET);
        for (MediaConfig.Codec c : merged.codecs()) {
            String name = (c.name() + "/" + (c.rate() == 0 ? defaultRate(c.name()) : c.rate())).toLowerCase(Locale.ROOT);
            if (REGISTERED.contains(name) && !set.contains(name)) {
                set.add(name);
            }
        }
        List<String> shown = new ArrayList<>(set.size());
        set.forEach(n -> shown.add(n.toUpperCase(Locale.ROOT)));
        return shown;
    }

    /**
     * True when LiveKit takes one of the offered codec texts ("8 PCMA/8000", "PCMA/8000", "9 G722/8000/1"): by rtpmap
     * name and rate, ignoring case, with an optional channel count of 1 (media-sdk sdp CodecByNameWith).
     */
    public boolean acceptsAny(List<String> codecTexts) {
        List<String> accepted = acceptedCodecs();
        for (String text : codecTexts) {
            String name = text.trim();
            int blank = name.indexOf(' ');
            if (blank >= 0) {
                name = name.substring(blank + 1).trim();
            }
            name = name.toUpperCase(Locale.ROOT);
            if (name.endsWith("/1") && name.indexOf('/') < name.length() - 2) {
                name = name.substring(0, name.length() - 2);
            }
            if (accepted.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** LiveKit's later media timeout for the call, in microseconds: media_timeout when above zero, else 15 s. */
    public long laterTimeoutMicros() {
        return merged.mediaTimeoutMicros() > 0 ? merged.mediaTimeoutMicros() : DEFAULT_TIMEOUT_MICROS;
    }

    /**
     * True when the offer's codec texts have AMR-WB/16000 and the call's set is built on LiveKit's default one:
     * livekit/sip registers AMR-WB but leaves it off, and a server's {@code codecs} setting may turn it on for the
     * default set (service.go Start), which no trunk or rule shows. Listed in media.codecs, it is on.
     */
    public boolean serverMayTake(List<String> codecTexts) {
        if (merged.onlyListedCodecs()) {
            return false;
        }
        for (String text : codecTexts) {
            if (text.toUpperCase(Locale.ROOT).contains("AMR-WB/16000")) {
                return true;
            }
        }
        return false;
    }

    /** "trunk ST_x's media lists only G722/8000 (only_listed_codecs)" or "... adds AMR-WB/16000 to LiveKit's default set". */
    public String describeCodecs() {
        if (codecsBy == null) {
            return "LiveKit's default set: no trunk or rule sets media.codecs";
        }
        List<String> listed = merged.codecs().stream().map(MediaConfig.Codec::toString).toList();
        if (merged.onlyListedCodecs()) {
            return codecsBy + "'s media " + (listed.isEmpty() ? "sets only_listed_codecs with no codecs"
                    : "lists only " + String.join(", ", listed) + " (only_listed_codecs)");
        }
        return codecsBy + "'s media.codecs adds " + String.join(", ", listed) + " to LiveKit's default set";
    }

    /** "trunk ST_x's media.media_timeout is 5 s", or LiveKit's default. */
    public String describeTimeout() {
        return timeoutBy == null ? "no trunk or rule sets media.media_timeout (LiveKit's default: 15 s)"
                : timeoutBy + "'s media.media_timeout is " + seconds(merged.mediaTimeoutMicros())
                + (merged.mediaTimeoutMicros() > 0 ? "" : " (zero: LiveKit's default of 15 s applies)");
    }

    /**
     * LiveKit's later media timeout for a call of {@code media} (null: the call's config is not known) with what sets
     * it: "60 s: dispatch rule SDR_y's media.media_timeout is 60 s", or "15 s unless ..." without a config.
     */
    public static String laterTimeoutText(CallMedia media) {
        return media == null ? "15 s unless the call's trunk or dispatch rule sets media.media_timeout"
                : seconds(media.laterTimeoutMicros()) + ": " + media.describeTimeout();
    }

    /** "5 s", "1.5 s". */
    public static String seconds(long micros) {
        double s = micros / 1e6;
        return s == Math.rint(s) ? String.format(Locale.ROOT, "%.0f s", s) : String.format(Locale.ROOT, "%.1f s", s);
    }

    /** The rate codecSet gives a codec listed without one (names compared as LiveKit does, case and all), else 0. */
    private static int defaultRate(String name) {
        return switch (name) {
            case "PCMA", "PCMU", "G722" -> 8000;
            case "AMR-WB" -> 16000;
            default -> 0;
        };
    }
}
