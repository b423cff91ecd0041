package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sipladder.livekit.CallMedia;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Role;
import org.sipladder.sip.Sdp;
import org.sipladder.sip.SdpMedia;
import org.sipladder.sip.SipMessage;
import org.sipladder.sip.TrimBounds;

/** SIP_NO_COMMON_CODEC: the two sides of an offer/answer share no audio codec. */
final class NoCommonCodecCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.SIP_NO_COMMON_CODEC;

    /** Audio codecs LiveKit SIP accepts from a trunk (telephone-event is not audio). */
    static final Set<String> LIVEKIT_CODECS = Set.of("PCMU", "PCMA", "G722");

    private static final Set<String> NOT_AUDIO = Set.of("TELEPHONE-EVENT", "CN", "RED", "COMFORT-NOISE");

    /** Codec names seen in nearly every SDP, upper case and ASCII: {@link #codecName} shares them. */
    private static final String[] USUAL_NAMES = {"PCMU", "PCMA", "G722", "G729", "TELEPHONE-EVENT", "OPUS", "CN"};

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        // a call's answer is often the next leg's offer, and a B2BUA repeats its SDP: the same object, named once
        Codecs codecs = new Codecs();
        for (CallFlow flow : context.flows()) {
            for (InviteTransaction tx : context.invites(flow)) {
                Sdp offer = context.sdp(tx.request());
                if (offer == null) {
                    continue;
                }
                List<String> offered = codecs.of(offer);
                if (offered.isEmpty() && audioDisabled(offer)) {
                    // m=audio 0 offers no audio at all (disabled, often with c=0.0.0.0 and a=inactive): whatever
                    // the answer, that is no codec the two sides fail to share
                    continue;
                }
                if (offered.isEmpty() && tx.request().hasToTag()) {
                    // a re-INVITE for other media only (a T.38 fax switch, video): refusing it says nothing about
                    // audio codecs, and the session goes on as it was (RFC 3261 14.1)
                    continue;
                }
                // each sdp() reads the message back from the capture: the answer's is read once
                SipMessage answer = null;
                Sdp answerSdp = null;
                for (FlowMessage r : tx.responses()) {
                    answerSdp = context.sdp(r.message());
                    if (answerSdp != null) {
                        answer = r.message();
                        break;
                    }
                }
                SipMessage last = tx.finalResponse();
                // an answer that shares a codec with the offer shows LiveKit took it all the same: a self-hosted
                // server can enable AMR-WB (livekit/media-sdk registers it disabled; the server's codecs setting)
                boolean accepted = answer != null && answer.status() < 300 && !disjoint(offered, codecs.of(answerSdp));
                boolean toLiveKit = LiveKitRoutings.sentToLiveKit(flow, tx.request());
                // a trunk's or rule's media.codecs decide LiveKit's set for the call; else its default set
                CallMedia media = toLiveKit ? ConfiguredCodecs.of(context, tx) : null;
                // a media config LiveKit cannot make fails the call (500) before any codec is compared:
                // LK_RESPONSE_EXPLAINED names it
                if (media != null && media.configError() != null) {
                    continue;
                }
                if (media != null && !accepted && !media.acceptsAny(ConfiguredCodecs.offered(offer))) {
                    findings.add(configured(context, tx, offered, media));
                } else if (media == null && toLiveKit && noneForLiveKit(offered) && !accepted) {
                    findings.add(finding(tx, offered, "LiveKit accepts " + String.join(", ", LIVEKIT_CODECS.stream().sorted().toList())
                            + "; the offer has none of them" + (offered.contains("AMR-WB") ? " (a self-hosted "
                            + "server also takes AMR-WB/16000 when its config enables it under codecs)" : ""),
                            List.of("PCMA", "PCMU")));
                } else if (answer != null && answer.status() < 300 && disjoint(offered, codecs.of(answerSdp))
                        && tx.request().hasToTag() && flow.hasHop(answer.src(), Role.LIVEKIT)) {
                    findings.add(liveKitKept(tx, offered, answer, codecs.of(answerSdp)));
                } else if (answer != null && answer.status() < 300 && disjoint(offered, codecs.of(answerSdp))) {
                    findings.add(finding(tx, offered, "Answer (frame " + answer.frame() + ") offers "
                            + String.join(", ", codecs.of(answerSdp)), List.copyOf(offered)));
                } else if (last != null && last.status() == 488 && !tx.request().hasToTag()
                        && refusedForCodecs(offered, answer == null ? null : codecs.of(answerSdp))) {
                    // a re-INVITE's 488 refuses a change of a session that had a codec: SIP_SESSION_CHANGE_REFUSED's
                    findings.add(finding(tx, offered, "Answered " + last.label()
                            + (answer == null ? " without an SDP of its own" : ""), List.of("PCMA", "PCMU")));
                }
            }
        }
        return findings;
    }

    /** {@link #audioCodecs} of the SDP bodies of one call, each worked out once (a call has a few). */
    private static final class Codecs {
        private static final int KEPT = 8;
        private final FirstFew<Sdp, List<String>> names = new FirstFew<>(KEPT);
        /** Codec texts named so far: the parser shares the static ones ("8 PCMA/8000"). */
        private final FirstFew<String, String> textNames = new FirstFew<>(2 * KEPT);

        List<String> of(Sdp sdp) {
            // by identity: a call's messages repeating a body share its parse (SdpMemo); a different body parsed
            // to an equal SDP is rare, and comparing each miss in full cost more than naming its codecs again
            int kept = names.indexOfSame(sdp);
            return kept >= 0 ? names.value(kept) : names.keep(sdp, audioCodecs(sdp, this));
        }

        /** {@link #codecName} of {@code codec}, worked out once per text. */
        String name(String codec) {
            int kept = textNames.indexOf(codec);
            return kept >= 0 ? textNames.value(kept) : textNames.keep(codec, codecName(codec));
        }
    }

    /**
     * True when a 488 to an offer of {@code offered} can be read as no common codec: the peer's SDP ({@code
     * answered}, null when it sent none) shares none of them, or, with no SDP to compare, the offer lacks G.711, which
     * nearly every peer takes. A 488 without SDP to a G.711 offer shows only that something in the offer was refused
     * (its encryption, a codec parameter, the SDP's form), so naming a codec mismatch there would be a guess.
     */
    private static boolean refusedForCodecs(List<String> offered, List<String> answered) {
        if (answered != null) {
            return disjoint(offered, answered);
        }
        return !offered.contains("PCMU") && !offered.contains("PCMA");
    }

    /** True when the SDP has audio sections and every one is disabled (port 0). */
    private static boolean audioDisabled(Sdp sdp) {
        boolean audio = false;
        for (SdpMedia media : sdp.media()) {
            if (media.type().equalsIgnoreCase("audio")) {
                if (media.port() != 0) {
                    return false;
                }
                audio = true;
            }
        }
        return audio;
    }

    private static boolean disjoint(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (b.contains(a.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code offered} names none of {@link #LIVEKIT_CODECS}. */
    private static boolean noneForLiveKit(List<String> offered) {
        for (int i = 0; i < offered.size(); i++) {
            if (LIVEKIT_CODECS.contains(offered.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Upper-case codec names of the audio sections, e.g. PCMA, from "8 PCMA/8000": each once, in order of first mention. */
    static List<String> audioCodecs(Sdp sdp) {
        return audioCodecs(sdp, null);
    }

    /** {@link #audioCodecs(Sdp)}, the codec texts named through {@code codecs} when given. */
    private static List<String> audioCodecs(Sdp sdp, Codecs codecs) {
        // an SDP names a few codecs: a list searched in full costs less than a hash set per SDP
        List<String> names = new ArrayList<>(6);
        List<SdpMedia> sections = sdp.media();
        for (int s = 0; s < sections.size(); s++) {
            SdpMedia media = sections.get(s);
            if (media.type().equalsIgnoreCase("audio") && media.port() != 0) {
                List<String> texts = media.codecs();
                for (int i = 0; i < texts.size(); i++) {
                    String name = codecs == null ? codecName(texts.get(i)) : codecs.name(texts.get(i));
                    if (!NOT_AUDIO.contains(name) && !names.contains(name)) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }

    /**
     * The upper-case name of a codec text: of the trimmed text, what follows its first blanks (all of it when it
     * has none), cut at the first slash ("8 PCMA/8000" gives PCMA). Found by bounds; the usual names are shared.
     */
    static String codecName(String codec) {
        int start = TrimBounds.start(codec, 0, codec.length());
        int end = TrimBounds.end(codec, start, codec.length());
        int from = start;
        while (from < end && !Blanks.isSpace(codec.charAt(from))) {
            from++;
        }
        if (from == end) {
            from = start; // no blank: the whole trimmed text
        } else {
            while (from < end && Blanks.isSpace(codec.charAt(from))) {
                from++;
            }
        }
        int to = codec.indexOf('/', from);
        to = to < 0 || to > end ? end : to;
        for (String usual : USUAL_NAMES) {
            // as written (most are) before ignoring case, which costs more a character
            if (usual.length() == to - from
                    && (codec.startsWith(usual, from) || codec.regionMatches(true, from, usual, 0, to - from))) {
                return usual;
            }
        }
        return codec.substring(from, to).toUpperCase(Locale.ROOT);
    }

    /**
     * LiveKit's answer to a re-INVITE that offered other codecs than the call's: LiveKit answers every re-INVITE of a
     * call it has with the SDP of its first answer and takes only a new address from the offer (livekit/sip {@code
     * pkg/sip/inbound.go} processInvite, AcceptAsKeepAlive, updateRemoteFromSDP), so the call keeps its codec at
     * LiveKit, whose RTP pipeline decodes only that payload type ({@code media_pipeline.go}: others go to the mux's
     * default, counted and dropped). Not the offerer's codec settings: the change mid-call is what fails.
     */
    private static Finding liveKitKept(InviteTransaction tx, List<String> offered, SipMessage answer, List<String> kept) {
        String was = String.join(", ", kept);
        String now = String.join(", ", offered);
        String offerer = tx.request().src().address();
        return Findings.call(tx, CODE, CODE.title(offerer, answer.src().address()),
                "The re-INVITE (frame " + tx.frame() + ") offered " + now + " only, and LiveKit answered with the SDP of "
                        + "its first answer (" + was + "): " + LIVEKIT_REINVITE + ". The call stays on " + was + " at LiveKit, which "
                        + "sends " + was + " and decodes only that payload type: if " + offerer + " switches to " + now
                        + " as it offered, LiveKit drops that audio and the agent hears nothing.",
                Findings.evidence(Findings.frames(tx), List.of(), List.of(
                        "Offer (frame " + tx.frame() + "): " + now,
                        "LiveKit's answer (frame " + answer.frame() + "): " + was + ", the codecs of its first answer")),
                Findings.fix(List.of(keepTheCallsCodec(was, offerer)), List.of(), null));
    }

    /** How LiveKit answers a re-INVITE, for the findings about one that offered other codecs than the call's. */
    static final String LIVEKIT_REINVITE = "LiveKit answers every re-INVITE of a call it has so and takes only a new "
            + "address from the offer, never new codecs (livekit/sip processInvite, AcceptAsKeepAlive, "
            + "updateRemoteFromSDP)";

    /** The fix step for a codec change LiveKit did not take: keep the call's codec {@code was} toward it. */
    static String keepTheCallsCodec(String was, String offerer) {
        return "Keep the call's codec (" + was + ") toward LiveKit: have " + offerer + " offer it in every re-INVITE (or "
                + "send no re-INVITE for the change), and transcode on the SBC when the other leg changes codec; "
                + "LiveKit's answer cannot be changed.";
    }

    /** The offer to LiveKit has none of the codecs the call's media config ({@code media}) lets it take. */
    private static Finding configured(DiagnosisContext context, InviteTransaction tx, List<String> offered,
                                      CallMedia media) {
        Finding f = finding(tx, offered, ConfiguredCodecs.fact(media), List.of("PCMA", "PCMU"));
        ConfiguredCodecs.Change change = ConfiguredCodecs.change(context.config(), media, offered);
        List<String> steps = new ArrayList<>();
        List<String> commands = List.of();
        String json = null;
        if (change != null) {
            steps.addAll(change.steps());
            commands = change.commands();
            json = change.json();
        }
        steps.addAll(f.fix().steps());
        return Findings.call(tx, CODE, f.title(), f.explanation(), Findings.evidence(f.evidence().frames(),
                List.of(media.codecsId()), f.evidence().facts()), Findings.fix(steps, commands, json));
    }

    private static Finding finding(InviteTransaction tx, List<String> offered, String fact, List<String> suggested) {
        SipMessage offer = tx.request();
        boolean oneHost = offer.src().address().equals(offer.dst().address());
        // LiveKit's 400 is how it answers an offer it cannot take: beside an offer LiveKit made, it would mislead
        boolean liveKitOffered = tx.flow().hasHop(offer.src(), Role.LIVEKIT);
        return Findings.call(tx, CODE, oneHost ? CODE.title(offer.src().toString(), offer.dst().toString())
                        : CODE.title(offer.src().address(), offer.dst().address()),
                "Both sides must share at least one audio codec in the SDP offer/answer. Without one the call is "
                        + "refused (488 Not Acceptable Here" + (liveKitOffered ? "" : "; LiveKit answers 400 with an "
                        + "empty reason") + ") or connects without audio.",
                Findings.evidence(Findings.frames(tx), List.of(), List.of(
                        "Offer (frame " + tx.frame() + "): " + (offered.isEmpty() ? "no audio codec" : String.join(", ", offered)),
                        fact)),
                Findings.fix(List.of(offerStep(tx, String.join(" or ", suggested))), List.of(), null));
    }

    /**
     * How to get {@code codecs} offered on {@code tx}'s leg: in Jambonz's settings when Jambonz sent the offer, else
     * at whatever sent it (a direct call has no Jambonz to change).
     */
    private static String offerStep(InviteTransaction tx, String codecs) {
        SipMessage offer = tx.request();
        if (tx.flow().hasHop(offer.src(), Role.LIVEKIT)) {
            // LiveKit builds its offer from the outbound trunk's media config (livekit/sip outbound.go NewOffer):
            // the server's codecs unless media.codecs lists others; the peer is the other place one can be added
            return "LiveKit (" + offer.src().address() + ") offers the codecs its server enables (PCMU, PCMA and G722 "
                    + "by default), or those the outbound trunk's media.codecs lists: have " + offer.dst().address()
                    + " accept one of them (its codec settings; on a carrier trunk, ask the carrier to allow G.711 "
                    + "A-law/u-law), list one it takes in the outbound trunk's media.codecs (lk sip outbound update "
                    + "--id ID --codecs ...), or put an SBC that transcodes between LiveKit and it.";
        }
        if (tx.flow().hasHop(offer.src(), Role.JAMBONZ)) {
            return "Offer " + codecs + " on this leg: in Jambonz, enable the codec on the carrier/SIP gateway (or let "
                    + "rtpengine transcode); on a carrier trunk, ask the carrier to allow G.711 A-law/u-law.";
        }
        return "Offer " + codecs + " on this leg: enable the codec where " + offer.src().address() + " (the carrier, "
                + "PBX or SBC that sends this INVITE) chooses its codecs, or put an SBC that transcodes in front of "
                + "LiveKit; on a carrier trunk, ask the carrier to allow G.711 A-law/u-law.";
    }
}
