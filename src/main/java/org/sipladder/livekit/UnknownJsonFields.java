package org.sipladder.livekit;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.Map;
import java.util.Set;

/**
 * The fields of a trunk's or rule's JSON that the SDK's protobuf types do not know (newer LiveKit fields such as a
 * trunk's {@code authRealm}, a rule's {@code numbers}, an individual rule's {@code noRandomness}), kept beside the parsed
 * object: a JSON the diagnosis prints for {@code lk sip ... update --id ID FILE}, which replaces the whole object,
 * must not drop them (protobuf's JSON parser skips unknown fields, and its printer cannot know them).
 */
public final class UnknownJsonFields {

    /**
     * Output-only fields that LiveKit sets itself: a replacement need not carry them (their names as {@code lk} prints
     * them and as the proto writes them).
     */
    private static final Set<String> OUTPUT_ONLY = Set.of("createdAt", "updatedAt", "created_at", "updated_at");

    private UnknownJsonFields() {
    }

    /**
     * The part of {@code item} that {@code type} does not know: its unknown fields as written, and, for a known field
     * holding a message, that message's unknown part; null when there is none.
     */
    static JsonObject of(JsonObject item, Descriptor type) {
        JsonObject unknown = null;
        for (Map.Entry<String, JsonElement> e : item.entrySet()) {
            FieldDescriptor f = field(type, e.getKey());
            JsonElement kept = null;
            if (f == null) {
                kept = OUTPUT_ONLY.contains(e.getKey()) || e.getValue().isJsonNull() ? null : e.getValue();
            } else if (isMessage(f) && e.getValue().isJsonObject()) {
                kept = of(e.getValue().getAsJsonObject(), f.getMessageType());
            } else if (isUnknownEnumValue(f, e.getValue())) {
                kept = e.getValue(); // held as UNRECOGNIZED, which protobuf prints as a number: written back as it was
            }
            if (kept != null) {
                if (unknown == null) {
                    unknown = new JsonObject();
                }
                unknown.add(e.getKey(), kept);
            }
        }
        return unknown;
    }

    /**
     * {@code printed} (protobuf JSON of a message of {@code type}) with the fields of {@code unknown} ({@link #of}'s
     * JSON text, or null) added where it lacks them; a nested part is added only into a message {@code printed} still
     * has (a fix that changed the rule's kind leaves the old kind's fields out).
     */
    public static String restore(String printed, String unknown, Descriptor type) {
        if (unknown == null) {
            return printed;
        }
        JsonObject out = JsonParser.parseString(printed).getAsJsonObject();
        add(out, JsonParser.parseString(unknown).getAsJsonObject(), type);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(out);
    }

    private static void add(JsonObject out, JsonObject unknown, Descriptor type) {
        for (Map.Entry<String, JsonElement> e : unknown.entrySet()) {
            FieldDescriptor f = field(type, e.getKey());
            if (f == null) {
                if (!out.has(e.getKey())) {
                    out.add(e.getKey(), e.getValue());
                }
            } else if (isUnknownEnumValue(f, e.getValue())) {
                out.add(f.getJsonName(), e.getValue());
            } else if (isMessage(f) && e.getValue().isJsonObject()) {
                JsonElement nested = out.get(f.getJsonName());
                if (nested != null && nested.isJsonObject()) {
                    add(nested.getAsJsonObject(), e.getValue().getAsJsonObject(), f.getMessageType());
                }
            }
        }
    }

    /** A single enum field holding a value its enum does not know ({@link UnknownEnumValues}). */
    private static boolean isUnknownEnumValue(FieldDescriptor f, JsonElement value) {
        return f.getJavaType() == FieldDescriptor.JavaType.ENUM && !f.isRepeated() && value.isJsonPrimitive()
                && !UnknownEnumValues.known(f.getEnumType(), value.getAsJsonPrimitive());
    }

    /** A single (not repeated, not map) message field: its object may hold unknown fields of its own. */
    private static boolean isMessage(FieldDescriptor f) {
        return f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !f.isRepeated();
    }

    /** The field named {@code name} as the proto writes it or as JSON does (lowerCamelCase); null when unknown. */
    static FieldDescriptor field(Descriptor type, String name) {
        FieldDescriptor f = type.findFieldByName(name);
        if (f != null) {
            return f;
        }
        for (FieldDescriptor d : type.getFields()) {
            if (d.getJsonName().equals(name)) {
                return d;
            }
        }
        return null;
    }
}
