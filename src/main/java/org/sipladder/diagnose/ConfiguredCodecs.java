package org.sipladder.diagnose;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.protobuf.util.Durations;
import java.util.ArrayList;
import java.util.List;
import org.sipladder.livekit.CallMedia;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.MediaConfig;
import org.sipladder.sip.Sdp;
import org.sipladder.sip.SdpMedia;

/**
 * The codecs a trunk's or dispatch rule's media config lets LiveKit take for a call ({@link CallMedia}), for
 * SIP_NO_COMMON_CODEC: the call's set, and how to change the item that decides it with {@code lk}, which replaces the
 * item's whole media config with what its flags give (livekit-cli parseSIPMediaConfig; livekit/protocol
 * updateMediaConfig), so what the flags cannot give (media_timeout) is given back as JSON.
 */
final class ConfiguredCodecs {

    /** Codecs livekit/sip registers for SIP, as lk names them, with the rate it assumes when none is given. */
    private static final List<String> REGISTERED = List.of("PCMU", "PCMA", "G722", "AMR-WB");

    private ConfiguredCodecs() {
    }

    /**
     * The media config of the call {@code tx} sent to LiveKit when a trunk or rule sets its codecs (the simulated
     * routing's), else null: LiveKit's default set is {@link NoCommonCodecCheck#LIVEKIT_CODECS}.
     */
    static CallMedia of(DiagnosisContext context, InviteTransaction tx) {
        for (LiveKitRouting r : context.simulatedRoutingsAt(tx.request().frame())) {
            if (r.transaction().request().frame() == tx.request().frame()) {
                CallMedia media = r.outcome().media();
                return media != null && media.codecsConfigured() ? media : null;
            }
        }
        return null;
    }

    /** The codec texts of the SDP's audio sections that are not refused ("0 PCMU/8000"). */
    static List<String> offered(Sdp sdp) {
        List<String> texts = new ArrayList<>();
        for (SdpMedia m : sdp.media()) {
            if (m.type().equalsIgnoreCase("audio") && m.port() != 0) {
                texts.addAll(m.codecs());
            }
        }
        return texts;
    }

    /** "trunk ST_x's media lists only G722/8000 (only_listed_codecs): LiveKit takes G722/8000 for this call; ...". */
    static String fact(CallMedia media) {
        return media.describeCodecs() + ": LiveKit takes " + String.join(", ", media.acceptedCodecs())
                + " for this call; the offer has none of them";
    }

    /**
     * The steps and command that let the item deciding {@code media}'s codecs take the offer's {@code names}
     * (upper-case codec names), or null when the offer has no codec LiveKit has at all.
     */
    static Change change(LiveKitConfig config, CallMedia media, List<String> names) {
        List<String> codecs = new ArrayList<>();
        for (String name : names) {
            if (REGISTERED.contains(name) && !codecs.contains(name)) {
                codecs.add(name);
            }
        }
        if (codecs.isEmpty()) {
            return null;
        }
        MediaConfig own = own(config, media);
        for (MediaConfig.Codec c : own.codecs()) {
            String name = lkName(c);
            if (!codecs.contains(name)) {
                codecs.add(name);
            }
        }
        return change(media, own, codecs, "Let " + media.codecsBy() + " take a codec of the offer (" + String.join(", ",
                names) + "): lk sets these codecs on top of LiveKit's default set (add --no-default-codecs to take "
                + "only them):");
    }

    /**
     * The steps and command that give the item deciding {@code media}'s codecs a media config LiveKit can make
     * ({@link CallMedia#configError}): its codecs LiveKit has and knows the rate of, or LiveKit's default set when none.
     */
    static Change repair(LiveKitConfig config, CallMedia media) {
        MediaConfig own = own(config, media);
        List<String> codecs = new ArrayList<>();
        for (MediaConfig.Codec c : own.codecs()) {
            String name = lkName(c);
            if (REGISTERED.contains(c.name()) && !codecs.contains(name)) {
                codecs.add(name);
            }
        }
        String first = codecs.isEmpty()
                ? "Give " + media.codecsBy() + " codecs LiveKit has: lk sets these on top of LiveKit's default set, "
                + "without only_listed_codecs (add --no-default-codecs to take only them):"
                : "List only codecs LiveKit has, with their rate, in " + media.codecsBy() + "'s media.codecs: lk sets "
                + "these on top of LiveKit's default set" + (own.onlyListedCodecs() ? ", without only_listed_codecs "
                + "(add --no-default-codecs to take only them)" : "") + ":";
        return change(media, own, codecs.isEmpty() ? List.of("PCMU", "PCMA", "G722") : codecs, first);
    }

    /** The media config of the item that decides {@code media}'s codecs. */
    private static MediaConfig own(LiveKitConfig config, CallMedia media) {
        String id = media.codecsId();
        return media.codecsBy().startsWith("trunk ") ? config.media().ofTrunk(config.trunk(id))
                : config.media().ofRule(config.rule(id));
    }

    private static Change change(CallMedia media, MediaConfig own, List<String> codecs, String first) {
        boolean trunk = media.codecsBy().startsWith("trunk ");
        String id = media.codecsId();
        String encryption = own.encryption() == null ? null : own.encryption().name();
        List<String> steps = new ArrayList<>();
        steps.add(first);
        String json = null;
        if (own.mediaTimeoutMicros() >= 0) {
            String timeout = Durations.toString(Durations.fromMicros(own.mediaTimeoutMicros()));
            steps.add("lk replaces the whole media config of " + media.codecsBy() + " with what its flags give and has "
                    + "no flag for media_timeout: the command drops its media_timeout (" + timeout + "). To keep it, "
                    + "put the media below in the " + (trunk ? "trunk's" : "rule's") + " JSON (" + (trunk
                    ? LkCommand.listTrunks() : LkCommand.listRules()) + " --json) and apply it whole: "
                    + (trunk ? LkCommand.replaceTrunk(id, "trunk.json") : LkCommand.replaceRule(id, "rule.json")) + ".");
            json = mediaJson(codecs, encryption, timeout);
        }
        return new Change(steps, List.of(LkCommand.setCodecs(trunk, id, codecs, encryption)), json);
    }

    /** {@code "media": {...}} as LiveKit's JSON names its fields. */
    private static String mediaJson(List<String> codecs, String encryption, String timeout) {
        JsonArray list = new JsonArray();
        for (String c : codecs) {
            JsonObject codec = new JsonObject();
            int slash = c.indexOf('/');
            codec.addProperty("name", slash < 0 ? c : c.substring(0, slash));
            if (slash >= 0) {
                codec.addProperty("rate", Integer.parseInt(c.substring(slash + 1)));
            }
            list.add(codec);
        }
        JsonObject media = new JsonObject();
        media.add("codecs", list);
        if (encryption != null) {
            media.addProperty("encryption", encryption);
        }
        media.addProperty("mediaTimeout", timeout);
        JsonObject wrapper = new JsonObject();
        wrapper.add("media", media);
        return wrapper.toString();
    }

    /** A listed codec as lk's --codecs takes it: the name alone when its rate is none or LiveKit's default. */
    private static String lkName(MediaConfig.Codec c) {
        int usual = c.name().equals("AMR-WB") ? 16000 : 8000;
        return c.rate() == 0 || c.rate() == usual && REGISTERED.contains(c.name()) ? c.name()
                : c.name() + "/" + c.rate();
    }

    /** The steps, commands and JSON that change the item. */
    record Change(List<String> steps, List<String> commands, String json) {
    }
}
