package org.sipladder.livekit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.List;
import java.util.Map;

/**
 * Values of a trunk's or rule's enum fields that the SDK's enums do not know: what a newer LiveKit adds (a fourth
 * {@code SIPMediaEncryption}, say). protobuf's JSON parser, told to ignore unknown fields, drops such a value without
 * a word and the field reads as its default, on which the diagnosis would then build; here the value is named, and
 * the object handed to the parser carries {@link #UNKNOWN_NUMBER} in its place, which a proto3 enum keeps as
 * {@code UNRECOGNIZED}, so the diagnosis sees that it cannot know the value.
 */
final class UnknownEnumValues {

    /** The number put in an unknown value's place: no LiveKit enum uses it, so it reads as UNRECOGNIZED. */
    static final int UNKNOWN_NUMBER = Integer.MAX_VALUE;

    private UnknownEnumValues() {
    }

    /**
     * Adds to {@code found} each unknown value in {@code item} (an object of {@code type}) as "FIELD VALUE" (nested
     * fields as "rule.x.y"), and returns {@code item} with those values replaced by {@link #UNKNOWN_NUMBER}: the item
     * itself when it has none.
     */
    static JsonObject replaced(JsonObject item, Descriptor type, String path, List<String> found) {
        JsonObject copy = null;
        for (Map.Entry<String, JsonElement> e : item.entrySet()) {
            FieldDescriptor f = UnknownJsonFields.field(type, e.getKey());
            JsonElement value = e.getValue();
            JsonElement replacement = null;
            if (f == null || value.isJsonNull()) {
                continue;
            }
            if (f.getJavaType() == FieldDescriptor.JavaType.ENUM) {
                replacement = enumValue(f.getEnumType(), value, path + e.getKey(), found);
            } else if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !f.isMapField()) {
                replacement = message(f.getMessageType(), value, path + e.getKey() + ".", found);
            }
            if (replacement != null && replacement != value) {
                if (copy == null) {
                    copy = item.deepCopy();
                }
                copy.add(e.getKey(), replacement);
            }
        }
        return copy == null ? item : copy;
    }

    private static JsonElement message(Descriptor type, JsonElement value, String path, List<String> found) {
        if (value.isJsonObject()) {
            return replaced(value.getAsJsonObject(), type, path, found);
        }
        if (!value.isJsonArray()) {
            return value;
        }
        JsonArray out = new JsonArray();
        for (JsonElement element : value.getAsJsonArray()) {
            out.add(element.isJsonObject() ? replaced(element.getAsJsonObject(), type, path, found) : element);
        }
        return out;
    }

    /** {@code value} (one value or a list of them), with unknown values replaced and added to {@code found}. */
    private static JsonElement enumValue(EnumDescriptor type, JsonElement value, String field, List<String> found) {
        if (value.isJsonArray()) {
            JsonArray out = new JsonArray();
            for (JsonElement element : value.getAsJsonArray()) {
                out.add(enumValue(type, element, field, found));
            }
            return out;
        }
        if (!value.isJsonPrimitive() || known(type, value.getAsJsonPrimitive())) {
            return value; // a value of the wrong type is the parser's error to tell
        }
        found.add(field + " " + value);
        return new JsonPrimitive(UNKNOWN_NUMBER);
    }

    /** True when {@code value} names a value of {@code type} or is the number of one, as protobuf's parser reads it. */
    static boolean known(EnumDescriptor type, JsonPrimitive value) {
        if (value.isString() && type.findValueByName(value.getAsString()) != null) {
            return true;
        }
        try {
            return type.findValueByNumber(Integer.parseInt(value.getAsString())) != null;
        } catch (NumberFormatException e) {
            return !value.isString() && !value.isNumber(); // a boolean: not an enum value at all, the parser says so
        }
    }
}
