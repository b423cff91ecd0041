package org.sipladder.livekit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.JsonFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Supplier;
import livekit.LivekitSip.CreateSIPParticipantRequest;
import livekit.LivekitSip.ListSIPDispatchRuleResponse;
import livekit.LivekitSip.ListSIPInboundTrunkResponse;
import livekit.LivekitSip.ListSIPOutboundTrunkResponse;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import livekit.LivekitSip.SIPMediaEncryption;
import livekit.LivekitSip.SIPOutboundTrunkInfo;
import org.sipladder.Limits;

/**
 * Reads inbound trunks, dispatch rules and outbound trunks from JSON files as {@code lk sip inbound list --json},
 * {@code lk sip dispatch list --json} and {@code lk sip outbound list --json} print them, or as users write them by
 * hand: {@code {"items":[...]}},
 * a bare array, a single object, or an object holding several arrays; lowerCamelCase or snake_case; unknown
 * fields ignored. Each object is recognised as a trunk or a rule by its content, so one file may hold both.
 */
public final class ConfigFileLoader {

    private static final String EXPORT_HINT =
            "export them with 'lk sip inbound list --json', 'lk sip dispatch list --json' and 'lk sip outbound list --json'";
    private static final Pattern GSON_POSITION = Pattern.compile("line (\\d+) column (\\d+)");
    private static final Pattern SECRET_FIELD = Pattern.compile("(?i)password|secret|token|api_?key");

    private final JsonFormat.Parser protoParser = JsonFormat.parser().ignoringUnknownFields();

    /**
     * Loads one file. The file is read twice as a stream and never held whole: first to check its encoding and
     * nesting, then item by item, each trunk or rule turned into its protobuf type as soon as it is read, so a
     * config of 100,000 trunks costs their protobuf objects and not a JSON tree of the whole file besides.
     */
    public LiveKitConfig load(Path file) throws LiveKitConfigException {
        checkText(file);
        Items items = new Items(file);
        try (JsonReader reader = new JsonReader(open(file))) {
            reader.setLenient(true);
            while (reader.peek() != JsonToken.END_DOCUMENT) {
                document(file, reader, items);
            }
        } catch (StrictJsonTree.DuplicateKey e) {
            throw new LiveKitConfigException(file + ", line " + e.line + ": \"" + e.key + "\" appears twice in one "
                    + "object, which lk and LiveKit refuse (duplicate field); keep one.", e);
        } catch (JsonParseException | IOException | IllegalStateException e) {
            Matcher m = GSON_POSITION.matcher(String.valueOf(e.getMessage()));
            String at = m.find() ? " at line " + m.group(1) + ", column " + m.group(2) : "";
            throw new LiveKitConfigException(file + " is not valid JSON" + at + "; " + EXPORT_HINT + ".", e);
        }
        return items.config();
    }

    /** Loads several files into one configuration (later files win for objects with the same ID). */
    public LiveKitConfig loadAll(List<Path> files) throws LiveKitConfigException {
        LiveKitConfig config = LiveKitConfig.empty();
        for (Path file : files) {
            config = config.merge(load(file));
        }
        return config;
    }

    /** A UTF-8 reader of the file that fails on bytes that are not UTF-8, past a byte order mark. */
    private static Reader open(Path file) throws IOException {
        Reader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    /**
     * The first pass: the file exists, is UTF-8, is not blank, and is nested no deeper than {@link Limits#JSON_DEPTH}
     * (Gson would run out of stack on a 10,000-deep array at a point that differs from run to run), naming where
     * the limit is first passed.
     */
    private static void checkText(Path file) throws LiveKitConfigException {
        if (Files.isDirectory(file)) {
            throw new LiveKitConfigException(file + " is a folder, not a LiveKit config file; give the JSON file.");
        }
        try (Reader reader = open(file)) {
            NestingCheck nesting = new NestingCheck();
            char[] buffer = new char[1 << 16];
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                String deeper = nesting.feed(buffer, n);
                if (deeper != null) {
                    throw new LiveKitConfigException(file + " is nested deeper than " + Limits.JSON_DEPTH
                            + " levels (" + deeper + "), which no LiveKit export is; " + EXPORT_HINT + ".");
                }
            }
            if (nesting.blank()) {
                throw new LiveKitConfigException(file + " is empty; " + EXPORT_HINT + ".");
            }
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
     * One JSON document of the file (usually the only one, but {@code lk ... --json >> file} twice appends a second,
     * and both are meant to be read): a list of items, a container object such as {@code {"items":[...]}},
     * {@code {"trunks":[...],"rules":[...]}} or {@code {"trunk":{...}}}, or one item.
     */
    private void document(Path file, JsonReader reader, Items items) throws IOException, LiveKitConfigException {
        switch (reader.peek()) {
            case BEGIN_ARRAY -> {
                reader.beginArray();
                while (reader.hasNext()) {
                    int line = line(reader);
                    listEntry(file, StrictJsonTree.read(reader), line, items);
                }
                reader.endArray();
            }
            case BEGIN_OBJECT -> object(file, reader, items);
            default -> throw new LiveKitConfigException(file + " holds " + shorten(StrictJsonTree.read(reader))
                    + " instead of LiveKit trunks or dispatch rules; " + EXPORT_HINT + ".");
        }
    }

    /**
     * A top-level object. Objects inside its lists are items, read one at a time; what remains (its other members
     * and lists of plain values) is small, and is either one item itself (a single trunk with its numbers) or a
     * container whose object members are items.
     */
    private void object(Path file, JsonReader reader, Items items) throws IOException, LiveKitConfigException {
        int line = line(reader);
        int before = items.count();
        JsonObject rest = new JsonObject();
        reader.beginObject();
        while (reader.hasNext()) {
            String name = reader.nextName();
            if (rest.has(name)) {
                throw new StrictJsonTree.DuplicateKey(name, line(reader));
            }
            if (reader.peek() != JsonToken.BEGIN_ARRAY) {
                rest.add(name, StrictJsonTree.read(reader));
                continue;
            }
            JsonArray values = new JsonArray();
            reader.beginArray();
            while (reader.hasNext()) {
                int at = line(reader);
                JsonElement value = StrictJsonTree.read(reader);
                if (value.isJsonObject()) {
                    items.add(value.getAsJsonObject(), at);
                } else {
                    values.add(value);
                }
            }
            reader.endArray();
            rest.add(name, values);
        }
        reader.endObject();
        JsonElement listed = rest.get("items");
        if (listed != null && listed.isJsonPrimitive()) {
            // the one member every lk listing has: anything but a list (or a single object) there is no listing
            throw new LiveKitConfigException(file + " has items " + shorten(listed)
                    + " where a list of trunks or dispatch rules belongs; " + EXPORT_HINT + ".");
        }
        if (items.count() == before && ConfigItemKind.of(rest) != ConfigItemKind.UNKNOWN) {
            items.add(rest, line);
            return;
        }
        for (Map.Entry<String, JsonElement> member : rest.entrySet()) {
            JsonElement value = member.getValue();
            if (value.isJsonArray()) {
                for (JsonElement entry : value.getAsJsonArray()) {
                    listEntry(file, entry, line, items);
                }
            } else if (value.isJsonObject()) {
                items.add(value.getAsJsonObject(), line);
            }
        }
        // {} is what `lk sip ... list --json` prints for an empty list (protobuf JSON leaves empty fields out): a
        // listing of nothing, as {"items":[]} is
        if (items.count() == before && !rest.has("items") && !rest.entrySet().isEmpty()) {
            throw new LiveKitConfigException(file + " holds no trunks or dispatch rules; " + EXPORT_HINT + ".");
        }
    }

    private static void listEntry(Path file, JsonElement entry, int line, Items items) throws LiveKitConfigException {
        if (entry.isJsonNull()) {
            return; // the List API puts null where a requested ID is missing
        }
        if (!entry.isJsonObject()) {
            throw new LiveKitConfigException(file + " has a list entry that is not an object (" + shorten(entry)
                    + "); " + EXPORT_HINT + ".");
        }
        items.add(entry.getAsJsonObject(), line);
    }

    /** The line the reader has reached, from Gson's own location text ("JsonReader at line 3 column 5 path $"). */
    static int line(JsonReader reader) {
        String where = reader.toString();
        int at = where.indexOf(" line ") + " line ".length();
        int line = 0;
        for (int i = at; at >= " line ".length() && i < where.length() && Character.isDigit(where.charAt(i)); i++) {
            line = line * 10 + where.charAt(i) - '0';
        }
        return line;
    }

    /**
     * The trunks and rules of a file, turned into their protobuf types in batches of {@link #BATCH} as they are read:
     * one protobuf JSON parser per batch, not per item (each sets up its own field tables), and on a bad batch one per
     * item to name the item at fault.
     */
    private final class Items {

        private static final int BATCH = 512;

        private final Path file;
        private final List<SIPInboundTrunkInfo> trunks = new ArrayList<>();
        private final List<SIPDispatchRuleInfo> rules = new ArrayList<>();
        private final Map<String, List<String>> ruleNumbers = new LinkedHashMap<>();
        private final Map<String, String> unknownFields = new LinkedHashMap<>();
        private final List<Pending> pendingTrunks = new ArrayList<>();
        private final List<Pending> pendingRules = new ArrayList<>();
        private final List<SIPOutboundTrunkInfo> outbound = new ArrayList<>();
        private final List<Pending> pendingOutbound = new ArrayList<>();
        /** The values of enum fields the SDK does not know, as "trunk ST_x FIELD VALUE", told in one warning. */
        private final List<String> unknownValues = new ArrayList<>();
        private int count;
        /** CreateSIPParticipant requests: they name an outbound trunk and are none, so they are kept apart. */
        private final List<ParticipantRequest> requests = new ArrayList<>();

        Items(Path file) {
            this.file = file;
        }

        int count() {
            return count;
        }

        void add(JsonObject item, int line) throws LiveKitConfigException {
            ConfigItemKind kind = ConfigItemKind.of(item);
            if (kind == ConfigItemKind.PARTICIPANT_REQUEST) {
                // a CreateSIPParticipant request loaded beside the trunks: how an agent dialled out, not a trunk (it
                // was once read as a default inbound trunk, which took every inbound call)
                Pending pending = new Pending(item, forParser(item, kind), line, count + requests.size() + 1);
                CreateSIPParticipantRequest.Builder request = CreateSIPParticipantRequest.newBuilder();
                toProto(pending, request);
                JsonObject unknown = UnknownJsonFields.of(item, CreateSIPParticipantRequest.getDescriptor());
                if (unknown != null && unknown.has("media")) {
                    try {
                        MediaConfig.fromJson(unknown.get("media")); // read again when the call is diagnosed
                    } catch (RuntimeException e) {
                        throw mediaProblem(pending, e);
                    }
                }
                requests.add(new ParticipantRequest(request.build(), file + ", line " + line,
                        unknown == null ? "" : unknown.toString()));
                return;
            }
            count++;
            Pending pending = new Pending(item, forParser(item, kind), line, count);
            switch (kind) {
                case INBOUND_TRUNK -> {
                    pendingTrunks.add(pending);
                    if (pendingTrunks.size() == BATCH) {
                        flushTrunks();
                    }
                }
                case DISPATCH_RULE -> {
                    pendingRules.add(pending);
                    if (pendingRules.size() == BATCH) {
                        flushRules();
                    }
                }
                case OUTBOUND_TRUNK -> {
                    pendingOutbound.add(pending);
                    if (pendingOutbound.size() == BATCH) {
                        flushOutbound();
                    }
                }
                default -> throw new LiveKitConfigException(where(pending) + " " + kind.problem() + "; "
                        + EXPORT_HINT + ".");
            }
        }

        LiveKitConfig config() throws LiveKitConfigException {
            flushTrunks();
            flushRules();
            flushOutbound();
            if (trunks.isEmpty() && rules.isEmpty() && outbound.isEmpty() && count > 0) {
                throw new LiveKitConfigException(file + " holds no trunks or dispatch rules; " + EXPORT_HINT
                        + ".");
            }
            return new LiveKitConfig(trunks, rules, List.of(file.toString()), ruleNumbers, outbound, false,
                    count == 0 && requests.isEmpty(), unknownFields, null, unknownValuesWarning(), requests);
        }

        /** {@code item} as the protobuf parser gets it: unknown enum values named and replaced (UnknownEnumValues). */
        private JsonObject forParser(JsonObject item, ConfigItemKind kind) {
            Descriptor type = switch (kind) {
                case INBOUND_TRUNK -> SIPInboundTrunkInfo.getDescriptor();
                case DISPATCH_RULE -> SIPDispatchRuleInfo.getDescriptor();
                case OUTBOUND_TRUNK -> SIPOutboundTrunkInfo.getDescriptor();
                case PARTICIPANT_REQUEST -> CreateSIPParticipantRequest.getDescriptor();
                default -> null;
            };
            if (type == null) {
                return item;
            }
            List<String> found = new ArrayList<>();
            JsonObject replaced = UnknownEnumValues.replaced(item, type, "", found);
            String label = label(kind, item);
            found.forEach(f -> unknownValues.add(label + " " + f));
            return replaced;
        }

        /**
         * One line for the file: every value the SDK's enums do not know, by item and field; protobuf's parser would
         * have read each as its field's default without a word.
         */
        private List<String> unknownValuesWarning() {
            if (unknownValues.isEmpty()) {
                return List.of();
            }
            boolean one = unknownValues.size() == 1;
            List<String> shown = unknownValues.size() > 5 ? unknownValues.subList(0, 5) : unknownValues;
            return List.of(file + ": warning: " + (one ? "a value" : "values") + " this version of SIP Ladder does "
                    + "not know (from a newer LiveKit?): " + String.join(", ", shown)
                    + (unknownValues.size() > shown.size() ? " and " + (unknownValues.size() - shown.size()) + " more"
                    : "") + "; the diagnosis does not judge what " + (one ? "it sets" : "they set"));
        }

        private static ConfigItemKind kindOf(Descriptor type) {
            return type == SIPDispatchRuleInfo.getDescriptor() ? ConfigItemKind.DISPATCH_RULE
                    : type == SIPOutboundTrunkInfo.getDescriptor() ? ConfigItemKind.OUTBOUND_TRUNK
                    : ConfigItemKind.INBOUND_TRUNK;
        }

        /** "trunk ST_x", "dispatch rule SDR_y", "outbound trunk ST_z", or the item's place when it has no ID. */
        private String label(ConfigItemKind kind, JsonObject item) {
            String id = secretsOf(item).scrub(ConfigItemKind.idOf(item));
            String what = switch (kind) {
                case DISPATCH_RULE -> "dispatch rule";
                case OUTBOUND_TRUNK -> "outbound trunk";
                case PARTICIPANT_REQUEST -> "CreateSIPParticipant request through";
                default -> "trunk";
            };
            return what + " " + (id.isEmpty() ? "(entry " + count + ")" : id);
        }

        private void flushTrunks() throws LiveKitConfigException {
            ListSIPInboundTrunkResponse.Builder batch = ListSIPInboundTrunkResponse.newBuilder();
            merge(pendingTrunks, batch, SIPInboundTrunkInfo::newBuilder);
            for (int i = 0; i < pendingTrunks.size(); i++) {
                keepUnknown(pendingTrunks.get(i), batch.getItems(i).getSipTrunkId(), SIPInboundTrunkInfo.getDescriptor());
            }
            trunks.addAll(batch.getItemsList());
            pendingTrunks.clear();
        }

        private void flushOutbound() throws LiveKitConfigException {
            ListSIPOutboundTrunkResponse.Builder batch = ListSIPOutboundTrunkResponse.newBuilder();
            merge(pendingOutbound, batch, SIPOutboundTrunkInfo::newBuilder);
            for (int i = 0; i < pendingOutbound.size(); i++) {
                keepUnknown(pendingOutbound.get(i), batch.getItems(i).getSipTrunkId(), SIPOutboundTrunkInfo.getDescriptor());
            }
            outbound.addAll(batch.getItemsList());
            pendingOutbound.clear();
        }

        private void flushRules() throws LiveKitConfigException {
            ListSIPDispatchRuleResponse.Builder batch = ListSIPDispatchRuleResponse.newBuilder();
            merge(pendingRules, batch, SIPDispatchRuleInfo::newBuilder);
            for (int i = 0; i < pendingRules.size(); i++) {
                List<String> numbers = stringArray(pendingRules.get(i).item(), "numbers");
                if (!numbers.isEmpty()) {
                    ruleNumbers.put(batch.getItems(i).getSipDispatchRuleId(), numbers);
                }
                keepUnknown(pendingRules.get(i), batch.getItems(i).getSipDispatchRuleId(), SIPDispatchRuleInfo.getDescriptor());
            }
            rules.addAll(batch.getItemsList());
            pendingRules.clear();
        }

        /** Keeps the fields of {@code pending}'s JSON that {@code type} does not know, under the object's ID. */
        private void keepUnknown(Pending pending, String id, Descriptor type) throws LiveKitConfigException {
            JsonObject unknown = UnknownJsonFields.of(pending.item(), type);
            if (unknown != null && unknown.has("media")) {
                try {
                    // read again with the config: here only checked, and an encryption of a newer LiveKit named
                    if (MediaConfig.fromJson(unknown.get("media")).encryption() == SIPMediaEncryption.UNRECOGNIZED) {
                        JsonElement media = unknown.get("media");
                        unknownValues.add(label(kindOf(type), pending.item()) + " media.encryption "
                                + media.getAsJsonObject().get("encryption"));
                    }
                } catch (RuntimeException e) {
                    throw mediaProblem(pending, e);
                }
            }
            if (unknown != null && !id.isEmpty()) {
                unknownFields.put(id, unknown.toString());
            }
        }

        /** The error for an item whose {@code media} {@link MediaConfig} cannot read. */
        private LiveKitConfigException mediaProblem(Pending pending, RuntimeException e) {
            return new LiveKitConfigException(where(pending) + " has a media config that is not LiveKit's "
                    + "SIPMediaConfig (" + withoutSecrets(String.valueOf(e.getMessage()), pending.item())
                    + "): onlyListedCodecs true/false, codecs [{\"name\":\"PCMU\",\"rate\":8000}], "
                    + "encryption SIP_MEDIA_ENCRYPT_..., mediaTimeout as seconds followed by s (\"15s\").", e);
        }

        /** Parses the pending items as one list message's {@code items}. */
        private void merge(List<Pending> pending, Message.Builder batch, Supplier<Message.Builder> single)
                throws LiveKitConfigException {
            if (pending.isEmpty()) {
                return;
            }
            JsonArray array = new JsonArray();
            pending.forEach(p -> array.add(p.parsed()));
            JsonObject list = new JsonObject();
            list.add("items", array);
            try {
                protoParser.merge(list.toString(), batch);
            } catch (InvalidProtocolBufferException | RuntimeException e) {
                for (Pending p : pending) {
                    toProto(p, single.get());
                }
                throw new LiveKitConfigException(file + " has a field of the wrong type; " + EXPORT_HINT + ".", e);
            }
        }

        private void toProto(Pending pending, Message.Builder builder) throws LiveKitConfigException {
            try {
                protoParser.merge(pending.parsed().toString(), builder);
            } catch (InvalidProtocolBufferException | RuntimeException e) {
                String duration = badDuration(pending.item());
                if (duration != null) {
                    throw new LiveKitConfigException(where(pending) + " has " + duration + ", which is no duration: "
                            + "write seconds followed by s, as lk prints them (\"3600s\", \"30.5s\").", e);
                }
                throw new LiveKitConfigException(where(pending) + " has a field of the wrong type ("
                        + withoutSecrets(String.valueOf(e.getMessage()), pending.item()) + "); " + EXPORT_HINT + ".",
                        e);
            }
        }

        /**
         * "FILE, line N (ST_x)": the line where the object starts, and its ID (hidden if it is one of the item's
         * secrets); or its place in the file.
         */
        private String where(Pending pending) {
            String id = secretsOf(pending.item()).scrub(ConfigItemKind.idOf(pending.item()));
            return id.isEmpty() ? file + ", entry " + pending.index() : file + ", line " + pending.line() + " (" + id
                    + ")";
        }
    }

    /** The trunk fields that hold a google.protobuf.Duration, both JSON spellings. */
    private static final List<String> DURATION_FIELDS = List.of("ringingTimeout", "ringing_timeout",
            "maxCallDuration", "max_call_duration");

    /**
     * The first duration field of {@code item} protobuf cannot read, as "maxCallDuration \"1h\"" (a Go duration
     * such as "1h" or a bare number of seconds is what users write by hand), or null when they all read.
     */
    private static String badDuration(JsonObject item) {
        for (String field : DURATION_FIELDS) {
            JsonElement value = item.get(field);
            if (value == null || value.isJsonNull()) {
                continue;
            }
            if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString() || !isDuration(value.getAsString())) {
                String shown = value.toString();
                return field + " " + (shown.length() > 40 ? shown.substring(0, 40) + "..." : shown);
            }
        }
        return null;
    }

    private static boolean isDuration(String text) {
        try {
            Durations.parse(text);
            return true;
        } catch (ParseException | IllegalArgumentException e) {
            // Durations.parse reads the seconds with Long.parseLong (NumberFormatException for "1e3s") and checks the
            // range after it (IllegalArgumentException beyond 10,000 years)
            return false;
        }
    }

    /**
     * An item read but not yet parsed, as written and as the protobuf parser gets it ({@link UnknownEnumValues}), with
     * the line it starts on and its place among the file's items.
     */
    private record Pending(JsonObject item, JsonObject parsed, int line, int index) {
    }

    /** A parser's message about {@code item}, with the item's secret values hidden, at most 160 characters. */
    private static String withoutSecrets(String message, JsonObject item) {
        String result = secretsOf(item).scrub(message);
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

    /**
     * The element as an error message may quote it, at most 60 characters: secret fields emptied, and their values
     * hidden wherever else they stand (a trunk named after its own password).
     */
    static String shorten(JsonElement element) {
        String s = secretsOf(element).scrub(withoutSecretFields(element).toString());
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

    /** A scrubber for the values of the secret fields in {@code element}, at any depth. */
    private static SecretScrubber secretsOf(JsonElement element) {
        List<String> secrets = new ArrayList<>();
        collectSecrets(element, false, secrets);
        return new SecretScrubber(secrets);
    }

    private static void collectSecrets(JsonElement element, boolean secret, List<String> into) {
        if (secret && !element.isJsonNull()) {
            into.add(element.toString()); // as a parser quotes it: {"v":"..."} or "..."
        }
        if (element.isJsonArray()) {
            element.getAsJsonArray().forEach(e -> collectSecrets(e, secret, into));
        } else if (element.isJsonObject()) {
            element.getAsJsonObject().entrySet().forEach(member -> collectSecrets(member.getValue(),
                    secret || SECRET_FIELD.matcher(member.getKey()).find(), into));
        } else if (secret && element.isJsonPrimitive()) {
            into.add(element.getAsString());
        }
    }
}
