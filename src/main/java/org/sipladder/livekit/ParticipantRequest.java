package org.sipladder.livekit;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Duration;
import livekit.LivekitSip.CreateSIPParticipantRequest;

/**
 * A CreateSIPParticipant request the user loaded beside the trunks: how an agent asked LiveKit to dial out, which
 * decides the From and To of LiveKit's INVITE, the headers it adds and when LiveKit gives up on the call.
 *
 * @param request       the request as the SDK's protobuf type
 * @param source        where it was read, as "FILE, line N"
 * @param unknownFields the fields of its JSON that the SDK's protobuf type does not know (to_user_override, media,
 *                      sip_request_uri of newer LiveKit servers), as JSON text; "" when none
 */
public record ParticipantRequest(CreateSIPParticipantRequest request, String source, String unknownFields) {

    public ParticipantRequest {
        unknownFields = unknownFields == null ? "" : unknownFields;
    }

    /** The request's to_user_override (the To header's user in place of sip_call_to), "" when not set. */
    public String toUserOverride() {
        if (unknownFields.isEmpty()) {
            return "";
        }
        JsonElement tree = JsonParser.parseString(unknownFields);
        for (String name : new String[] {"toUserOverride", "to_user_override"}) {
            JsonElement value = tree.isJsonObject() ? ((JsonObject) tree).get(name) : null;
            if (value != null && value.isJsonPrimitive()) {
                return value.getAsString();
            }
        }
        return "";
    }

    /** The request's {@code media} (a field the SDK's type does not know), NONE when it has none. */
    public MediaConfig media() {
        return MediaConfig.fromUnknownJson(unknownFields.isEmpty() ? null : unknownFields);
    }

    /** The trunk the request dials through: its sip_trunk_id, or "the inline trunk HOST", or "no trunk". */
    public String trunkText() {
        if (!request.getSipTrunkId().isEmpty()) {
            return "outbound trunk " + request.getSipTrunkId();
        }
        return request.hasTrunk() ? "the request's own trunk (" + request.getTrunk().getHostname() + ")" : "no trunk";
    }

    /** The ringing timeout LiveKit applies to the call: the request's, or null when it sets none (3 minutes). */
    public Duration ringingTimeout() {
        return request.hasRingingTimeout() && positive(request.getRingingTimeout())
                ? toDuration(request.getRingingTimeout()) : null;
    }

    /** The request's max_call_duration, or null when it sets none (LiveKit's cap of 24 hours). */
    public Duration maxCallDuration() {
        return request.hasMaxCallDuration() && positive(request.getMaxCallDuration())
                ? toDuration(request.getMaxCallDuration()) : null;
    }

    /** "the CreateSIPParticipant request from FILE, line N (to +4930123456)", to name it in a finding. */
    public String label() {
        return "the CreateSIPParticipant request from " + source + (request.getSipCallTo().isEmpty() ? ""
                : " (to " + request.getSipCallTo() + ")");
    }

    private static boolean positive(com.google.protobuf.Duration d) {
        return d.getSeconds() > 0 || d.getSeconds() == 0 && d.getNanos() > 0;
    }

    private static Duration toDuration(com.google.protobuf.Duration d) {
        return Duration.ofSeconds(d.getSeconds(), d.getNanos());
    }

    /** Names only where it came from: the request may hold an inline trunk's password. */
    @Override
    public String toString() {
        return "ParticipantRequest[" + source + "]";
    }
}
