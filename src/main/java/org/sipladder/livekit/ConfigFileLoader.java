package org.sipladder.livekit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import livekit.LivekitSip.SIPOutboundTrunkInfo;
import org.sipladder.Limits;

/**
 * Reads inbound trunks, dispatch rules and outbound trunks from JSON files as {@code lk sip inbound list --json},
 * {@code lk sip dispatch list --json} and {@code lk sip outbound list --json} print them, or as users write them by hand: {@code {"items":[...]}},
 * a bare array, a single object, or an object holding several arrays; lowerCamelCase or snake_case; unknown
 * fields ignored. Each object is recognised as a trunk or a rule by its content, so one file may hold both.
 */
public final class ConfigFileLoader {

    private static final String EXPORT_HINT =
            "export them with 'lk sip inbound list --json', 'lk sip dispatch list --json' and 'lk sip outbound list --json'";
    private static final Pattern GSON_POSITION = Pattern.compile("line (\\d+) column (\\d+)");
    private static final Pattern SECRET_FIELD = Pattern.compile("(?i)password|secret|token|api_?key");

    private final JsonFormat.Parser protoParser = JsonFormat.parser().ignoringUnknownFields();

    /** Loads one file. */
    public LiveKitConfig load(Path file) throws LiveKitConfigException {
        String text = read(file);
        List<JsonObject> items = new ArrayList<>();
        for (JsonElement document : parse(file, text)) {
            items.addAll(items(file, document));
        }
        List<SIPInboundTrunkInfo> trunks = new ArrayList<>();
        List<SIPDispatchRuleInfo> rules = new ArrayList<>();
        Map<String, List<String>> ruleNumbers = new LinkedHashMap<>();
        List<SIPOutboundTrunkInfo> outbound = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonObject item = items.get(i);
            ConfigItemKind kind = ConfigItemKind.of(item);
            switch (kind) {
                case INBOUND_TRUNK -> trunks.add(
                        (SIPInboundTrunkInfo) toProto(file, text, i, item, SIPInboundTrunkInfo.newBuilder()));
                case DISPATCH_RULE -> {
                    SIPDispatchRuleInfo rule =
                            (SIPDispatchRuleInfo) toProto(file, text, i, item, SIPDispatchRuleInfo.newBuilder());
                    rules.add(rule);
                    List<String> numbers = stringArray(item, "numbers");
                    if (!numbers.isEmpty()) {
                        ruleNumbers.put(rule.getSipDispatchRuleId(), numbers);
                    }
                }
                case OUTBOUND_TRUNK -> outbound.add(
                        (SIPOutboundTrunkInfo) toProto(file, text, i, item, SIPOutboundTrunkInfo.newBuilder()));
                default -> throw new LiveKitConfigException(where(file, text, i, item) + " " + kind.problem()
                        + "; " + EXPORT_HINT + ".");
            }
        }
        if (trunks.isEmpty() && rules.isEmpty() && outbound.isEmpty() && !items.isEmpty()) {
            throw new LiveKitConfigException(file + " holds no trunks or dispatch rules; " + EXPORT_HINT + ".");
        }
        return new LiveKitConfig(trunks, rules, List.of(file.toString()), ruleNumbers, outbound);
    }

    /** Loads several files into one configuration (later files win for objects with the same ID). */
    public LiveKitConfig loadAll(List<Path> files) throws LiveKitConfigException {
        LiveKitConfig config = LiveKitConfig.empty();
        for (Path file : files) {
            config = config.merge(load(file));
        }
        return config;
    }

    private static String read(Path file) throws LiveKitConfigException {
        try {
            if (Files.isDirectory(file)) {
                throw new LiveKitConfigException(file + " is a folder, not a LiveKit config file; give the JSON file.");
            }
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new LiveKitConfigException("LiveKit config file " + file + " does not exist; check the path.", e);
        } catch (AccessDeniedException e) {
            throw new LiveKitConfigException("LiveKit config file " + file + " cannot be read (permission denied).", e);
        } catch (CharacterCodingException e) {
            throw new LiveKitConfigException(file + " is not UTF-8 JSON text; " + EXPORT_HINT + ".", e);
        } catch (IOException e) {
            throw new LiveKitConfigException("LiveKit config file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * The JSON documents in the file: usually one, but {@code lk ... --json >> file} twice appends a second one,
     * and both are meant to be read.
     */
    private static List<JsonElement> parse(Path file, String text) throws LiveKitConfigException {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (body.isBlank()) {
            throw new LiveKitConfigException(file + " is empty; " + EXPORT_HINT + ".");
        }
        checkDepth(file, body);
        List<JsonElement> documents = new ArrayList<>();
        try (JsonReader reader = new JsonReader(new StringReader(body))) {
            reader.setLenient(true);
            while (reader.peek() != JsonToken.END_DOCUMENT) {
                documents.add(JsonParser.parseReader(reader));
            }
            return documents;
        } catch (JsonParseException | IOException | IllegalStateException e) {
            Matcher m = GSON_POSITION.matcher(String.valueOf(e.getMessage()));
            String at = m.find() ? " at line " + m.group(1) + ", column " + m.group(2) : "";
            throw new LiveKitConfigException(file + " is not valid JSON" + at + "; " + EXPORT_HINT + ".", e);
        }
    }

    /**
     * Refuses JSON nested deeper than {@link Limits#JSON_DEPTH} before any parser recurses into it (Gson would run
     * out of stack at a point that differs from run to run), naming where the limit is first passed.
     */
    private static void checkDepth(Path file, String body) throws LiveKitConfigException {
        int depth = 0;
        int line = 1;
        int column = 0;
        boolean inString = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            column++;
            if (c == '\n') {
                line++;
                column = 0;
            } else if (inString) {
                if (c == '\\') {
                    i++;
                    column++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > Limits.JSON_DEPTH) {
                    throw new LiveKitConfigException(file + " is nested deeper than " + Limits.JSON_DEPTH
                            + " levels (at line " + line + ", column " + column + "), which no LiveKit export is; "
                            + EXPORT_HINT + ".");
                }
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
    }

    /** The candidate objects of the file, whatever its top-level shape. */
    private static List<JsonObject> items(Path file, JsonElement root) throws LiveKitConfigException {
        List<JsonObject> items = new ArrayList<>();
        if (root.isJsonArray()) {
            addObjects(file, root.getAsJsonArray(), items);
        } else if (root.isJsonObject() && ConfigItemKind.of(root.getAsJsonObject()) == ConfigItemKind.UNKNOWN) {
            // A container such as {"items":[...]}, {"trunks":[...],"rules":[...]} or {"trunk":{...}}.
            for (Map.Entry<String, JsonElement> member : root.getAsJsonObject().entrySet()) {
                JsonElement value = member.getValue();
                if (value.isJsonArray()) {
                    addObjects(file, value.getAsJsonArray(), items);
                } else if (value.isJsonObject()) {
                    items.add(value.getAsJsonObject());
                }
            }
            if (items.isEmpty() && !root.getAsJsonObject().has("items")) {
                throw new LiveKitConfigException(file + " holds no trunks or dispatch rules; " + EXPORT_HINT + ".");
            }
        } else if (root.isJsonObject()) {
            items.add(root.getAsJsonObject());
        } else {
            throw new LiveKitConfigException(file + " holds " + shorten(root) + " instead of LiveKit trunks or dispatch rules; "
                    + EXPORT_HINT + ".");
        }
        return items;
    }

    private static void addObjects(Path file, JsonArray array, List<JsonObject> into) throws LiveKitConfigException {
        for (JsonElement element : array) {
            if (element.isJsonNull()) {
                continue; // the List API puts null where a requested ID is missing
            }
            if (!element.isJsonObject()) {
                throw new LiveKitConfigException(file + " has a list entry that is not an object (" + shorten(element)
                        + "); " + EXPORT_HINT + ".");
            }
            into.add(element.getAsJsonObject());
        }
    }

    private Message toProto(Path file, String text, int index, JsonObject item, Message.Builder builder)
            throws LiveKitConfigException {
        try {
            protoParser.merge(item.toString(), builder);
            return builder.build();
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new LiveKitConfigException(where(file, text, index, item) + " has a field of the wrong type ("
                    + withoutSecrets(String.valueOf(e.getMessage()), item) + "); " + EXPORT_HINT + ".", e);
        }
    }

    /** "FILE, line N (ST_x)" using the line where the object's ID is written, or its position in the list. */
    private static String where(Path file, String text, int index, JsonObject item) {
        String id = ConfigItemKind.idOf(item);
        if (id.isEmpty()) {
            return file + ", entry " + (index + 1);
        }
        int at = text.indexOf("\"" + id + "\"");
        if (at < 0) {
            return file + ", " + id;
        }
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return file + ", line " + line + " (" + id + ")";
    }

    private static String withoutSecrets(String message, JsonObject item) {
        String result = message;
        for (String key : List.of("authPassword", "auth_password")) { // inbound and outbound trunks alike
            JsonElement secret = item.get(key);
            if (secret != null && !secret.isJsonNull()) {
                String raw = secret.isJsonPrimitive() ? secret.getAsString() : secret.toString();
                if (!raw.isEmpty()) {
                    result = result.replace(raw, "***").replace(secret.toString(), "***");
                }
            }
        }
        return result.length() > 160 ? result.substring(0, 160) + "..." : result;
    }

    private static List<String> stringArray(JsonObject item, String key) {
        JsonElement value = item.get(key);
        if (value == null || !value.isJsonArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonElement e : value.getAsJsonArray()) {
            if (e.isJsonPrimitive()) {
                out.add(e.getAsString());
            }
        }
        return out;
    }

    /** The element as an error message may quote it: secret fields removed, at most 60 characters. */
    static String shorten(JsonElement element) {
        String s = withoutSecretFields(element).toString();
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    /** A copy of {@code element} without the values of fields that hold secrets (passwords, API secrets, tokens). */
    static JsonElement withoutSecretFields(JsonElement element) {
        if (element.isJsonArray()) {
            JsonArray copy = new JsonArray();
            element.getAsJsonArray().forEach(e -> copy.add(withoutSecretFields(e)));
            return copy;
        }
        if (element.isJsonObject()) {
            JsonObject copy = new JsonObject();
            for (Map.Entry<String, JsonElement> member : element.getAsJsonObject().entrySet()) {
                copy.add(member.getKey(), SECRET_FIELD.matcher(member.getKey()).find() ? new JsonPrimitive("***")
                        : withoutSecretFields(member.getValue()));
            }
            return copy;
        }
        return element;
    }
}
