package org.sipladder.livekit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.internal.LazilyParsedNumber;
import com.google.gson.stream.JsonReader;
import java.io.IOException;

/**
 * Reads one JSON value as Gson's JsonParser does, refusing a key given twice in one object: Gson keeps the last
 * without a word, while lk reads its request files with protojson, which refuses them ("duplicate field"), as
 * LiveKit's API does. The nesting was checked before (ConfigFileLoader's first pass), so the recursion is bounded.
 */
final class StrictJsonTree {

    /** A key given twice in one object, with the line where the second one ends. */
    static final class DuplicateKey extends IOException {
        private static final long serialVersionUID = 1L;
        final String key;
        final int line;

        DuplicateKey(String key, int line) {
            super("duplicate key " + key);
            this.key = key;
            this.line = line;
        }
    }

    private StrictJsonTree() {
    }

    static JsonElement read(JsonReader reader) throws IOException {
        switch (reader.peek()) {
            case BEGIN_ARRAY -> {
                JsonArray array = new JsonArray();
                reader.beginArray();
                while (reader.hasNext()) {
                    array.add(read(reader));
                }
                reader.endArray();
                return array;
            }
            case BEGIN_OBJECT -> {
                JsonObject object = new JsonObject();
                reader.beginObject();
                while (reader.hasNext()) {
                    String name = reader.nextName();
                    if (object.has(name)) {
                        throw new DuplicateKey(name, ConfigFileLoader.line(reader));
                    }
                    object.add(name, read(reader));
                }
                reader.endObject();
                return object;
            }
            case STRING -> {
                return new JsonPrimitive(reader.nextString());
            }
            case NUMBER -> {
                return new JsonPrimitive(new LazilyParsedNumber(reader.nextString()));
            }
            case BOOLEAN -> {
                return new JsonPrimitive(reader.nextBoolean());
            }
            case NULL -> {
                reader.nextNull();
                return JsonNull.INSTANCE;
            }
            default -> throw new IllegalStateException("no JSON value at " + reader);
        }
    }
}
