package org.sipladder.livekit;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import livekit.LivekitSip.SIPOutboundTrunkInfo;

/**
 * A LiveKit project's SIP trunks (inbound and outbound) and dispatch rules, as the SDK's protobuf types.
 *
 * @param trunks      inbound trunks, in the order they were read
 * @param rules       dispatch rules, in the order they were read
 * @param sources     where they came from (file paths, API URLs), for display
 * @param ruleNumbers called numbers of dispatch rules by rule ID; newer LiveKit servers have a rule field
 *                    {@code numbers} that the SDK's protobuf type does not know, so it is kept here when a
 *                    JSON file has it (rules without it are absent from the map)
 * @param outboundTrunks outbound trunks ({@code lk sip outbound list}), which LiveKit dials out through
 * @param inboundListed  true when the project's inbound trunks and dispatch rules were listed whole (from the LiveKit
 *                       API), so that none of them means the project has none; an empty file ({@code {}} is what
 *                       {@code lk ... list --json} prints for an empty list) does not say which list it was
 * @param emptyListRead  true when a file that lists nothing was read: beside dispatch rules from another file, it is
 *                       the (empty) trunk list, so the trunks are not missing ({@link #trunksMissing})
 * @param unknownFields  per trunk or rule ID, the fields of its JSON that the SDK's protobuf types do not know, as
 *                       {@link UnknownJsonFields} keeps them (JSON text); absent for objects without such fields
 * @param media          the {@code media} of each trunk (inbound and outbound) and rule, parsed once from {@code unknownFields} or from the
 *                       protobuf's unknown fields (the API's answer); null makes it so
 * @param warnings       what the user should know about what was read, one line per file (values of enum fields
 *                       this SDK does not know: {@link UnknownEnumValues}), as "FILE: warning: ..."
 * @param participantRequests CreateSIPParticipant requests loaded beside the trunks, in the order they were read: how
 *                       the agents asked LiveKit to dial out
 */
public record LiveKitConfig(List<SIPInboundTrunkInfo> trunks, List<SIPDispatchRuleInfo> rules, List<String> sources,
                            Map<String, List<String>> ruleNumbers, List<SIPOutboundTrunkInfo> outboundTrunks,
                            boolean inboundListed, boolean emptyListRead, Map<String, String> unknownFields,
                            MediaConfigs media, List<String> warnings,
                            List<ParticipantRequest> participantRequests) {

    public LiveKitConfig {
        participantRequests = List.copyOf(participantRequests);
        trunks = List.copyOf(trunks);
        rules = List.copyOf(rules);
        sources = List.copyOf(sources);
        ruleNumbers = Collections.unmodifiableMap(new LinkedHashMap<>(ruleNumbers));
        outboundTrunks = List.copyOf(outboundTrunks);
        unknownFields = Map.copyOf(unknownFields);
        warnings = List.copyOf(warnings);
        if (media == null) {
            media = MediaConfigs.of(trunks, rules, outboundTrunks, unknownFields);
        }
    }

    public LiveKitConfig(List<SIPInboundTrunkInfo> trunks, List<SIPDispatchRuleInfo> rules, List<String> sources,
                         Map<String, List<String>> ruleNumbers, List<SIPOutboundTrunkInfo> outboundTrunks,
                         boolean inboundListed, boolean emptyListRead, Map<String, String> unknownFields,
                         MediaConfigs media, List<String> warnings) {
        this(trunks, rules, sources, ruleNumbers, outboundTrunks, inboundListed, emptyListRead, unknownFields, media,
                warnings, List.of());
    }

    public LiveKitConfig(List<SIPInboundTrunkInfo> trunks, List<SIPDispatchRuleInfo> rules, List<String> sources,
                         Map<String, List<String>> ruleNumbers, List<SIPOutboundTrunkInfo> outboundTrunks,
                         boolean inboundListed, boolean emptyListRead, Map<String, String> unknownFields,
                         MediaConfigs media) {
        this(trunks, rules, sources, ruleNumbers, outboundTrunks, inboundListed, emptyListRead, unknownFields, media,
                List.of());
    }

    public LiveKitConfig(List<SIPInboundTrunkInfo> trunks, List<SIPDispatchRuleInfo> rules, List<String> sources,
                         Map<String, List<String>> ruleNumbers, List<SIPOutboundTrunkInfo> outboundTrunks,
                         boolean inboundListed, boolean emptyListRead, Map<String, String> unknownFields) {
        this(trunks, rules, sources, ruleNumbers, outboundTrunks, inboundListed, emptyListRead, unknownFields, null);
    }

    public LiveKitConfig(List<SIPInboundTrunkInfo> trunks, List<SIPDispatchRuleInfo> rules, List<String> sources,
                         Map<String, List<String>> ruleNumbers, List<SIPOutboundTrunkInfo> outboundTrunks,
                         boolean inboundListed, boolean emptyListRead) {
        this(trunks, rules, sources, ruleNumbers, outboundTrunks, inboundListed, emptyListRead, Map.of());
    }

    public LiveKitConfig(List<SIPInboundTrunkInfo> trunks, List<SIPDispatchRuleInfo> rules, List<String> sources,
                         Map<String, List<String>> ruleNumbers, List<SIPOutboundTrunkInfo> outboundTrunks,
                         boolean inboundListed) {
        this(trunks, rules, sources, ruleNumbers, outboundTrunks, inboundListed, false);
    }

    public LiveKitConfig(List<SIPInboundTrunkInfo> trunks, List<SIPDispatchRuleInfo> rules, List<String> sources,
                         Map<String, List<String>> ruleNumbers, List<SIPOutboundTrunkInfo> outboundTrunks) {
        this(trunks, rules, sources, ruleNumbers, outboundTrunks, false);
    }

    public LiveKitConfig(List<SIPInboundTrunkInfo> trunks, List<SIPDispatchRuleInfo> rules, List<String> sources,
                         Map<String, List<String>> ruleNumbers) {
        this(trunks, rules, sources, ruleNumbers, List.of());
    }

    public LiveKitConfig(List<SIPInboundTrunkInfo> trunks, List<SIPDispatchRuleInfo> rules, List<String> sources) {
        this(trunks, rules, sources, Map.of(), List.of());
    }

    public static LiveKitConfig empty() {
        return new LiveKitConfig(List.of(), List.of(), List.of(), Map.of(), List.of());
    }

    /** Only outbound trunks, e.g. from {@code lk sip outbound list --json}. */
    public static LiveKitConfig outbound(List<SIPOutboundTrunkInfo> outboundTrunks, List<String> sources) {
        return new LiveKitConfig(List.of(), List.of(), sources, Map.of(), outboundTrunks);
    }

    /** The inbound trunks whose numbers list {@code number} (exactly or normalized, as LiveKit matches them). */
    public List<SIPInboundTrunkInfo> trunksListing(String number) {
        List<SIPInboundTrunkInfo> listing = new ArrayList<>(1);
        for (SIPInboundTrunkInfo trunk : trunks) {
            for (String n : trunk.getNumbersList()) {
                if (PhoneNumbers.sameNumber(n, number)) {
                    listing.add(trunk);
                    break;
                }
            }
        }
        return listing;
    }

    /**
     * This configuration plus another one; an object whose ID appears in both is taken from {@code other}
     * (loading the same export twice must not look like two conflicting trunks).
     */
    public LiveKitConfig merge(LiveKitConfig other) {
        List<String> allSources = new ArrayList<>(sources);
        other.sources.stream().filter(s -> !allSources.contains(s)).forEach(allSources::add);
        Map<String, List<String>> numbers = new LinkedHashMap<>(ruleNumbers);
        other.rules.forEach(r -> numbers.remove(r.getSipDispatchRuleId()));
        numbers.putAll(other.ruleNumbers);
        Map<String, String> unknown = new LinkedHashMap<>(unknownFields);
        other.trunks.forEach(t -> unknown.remove(t.getSipTrunkId()));
        other.rules.forEach(r -> unknown.remove(r.getSipDispatchRuleId()));
        other.outboundTrunks.forEach(t -> unknown.remove(t.getSipTrunkId()));
        unknown.putAll(other.unknownFields);
        List<String> allWarnings = new ArrayList<>(warnings);
        other.warnings.stream().filter(w -> !allWarnings.contains(w)).forEach(allWarnings::add);
        // requests have no ID: the same file loaded twice is one request, two files asking the same are two calls
        List<ParticipantRequest> requests = new ArrayList<>(participantRequests);
        other.participantRequests.stream().filter(r -> !requests.contains(r)).forEach(requests::add);
        return new LiveKitConfig(mergeById(trunks, other.trunks, SIPInboundTrunkInfo::getSipTrunkId),
                mergeById(rules, other.rules, SIPDispatchRuleInfo::getSipDispatchRuleId), allSources, numbers,
                mergeById(outboundTrunks, other.outboundTrunks, SIPOutboundTrunkInfo::getSipTrunkId),
                inboundListed || other.inboundListed, emptyListRead || other.emptyListRead, unknown, null,
                allWarnings, requests);
    }

    /** This configuration with other inbound trunks. */
    public LiveKitConfig withTrunks(List<SIPInboundTrunkInfo> otherTrunks) {
        return new LiveKitConfig(otherTrunks, rules, sources, ruleNumbers, outboundTrunks, inboundListed, emptyListRead,
                unknownFields, null, warnings, participantRequests);
    }

    /** This configuration with other dispatch rules (a rule keeps its called numbers by its id). */
    public LiveKitConfig withRules(List<SIPDispatchRuleInfo> otherRules) {
        return new LiveKitConfig(trunks, otherRules, sources, ruleNumbers, outboundTrunks, inboundListed, emptyListRead,
                unknownFields, null, warnings, participantRequests);
    }

    /**
     * True when nothing at all is loaded: no trunk or rule, and no source read (a file that lists nothing was read:
     * the project may have none).
     */
    public boolean isEmpty() {
        return !hasInbound() && outboundTrunks.isEmpty() && sources.isEmpty();
    }

    /**
     * True when inbound trunks or dispatch rules are loaded, or the API listed none: only then can an inbound INVITE
     * be simulated (a file of outbound trunks alone, or an empty file, says nothing about how LiveKit routes inbound
     * calls).
     */
    public boolean hasInbound() {
        return inboundListed || !trunks.isEmpty() || !rules.isEmpty();
    }

    /**
     * True when dispatch rules name inbound trunks but none is loaded: the rules came from a file without the trunks
     * ({@code lk sip dispatch list --json} alone), so how LiveKit picks a trunk, and so which rule takes a call, is
     * not known. (LiveKit does not check a rule's trunk ids, but rules that name trunks while no trunk at all is
     * loaded far more often mean the trunk list was left out than that every trunk was deleted.)
     */
    public boolean trunksMissing() {
        if (inboundListed || emptyListRead || !trunks.isEmpty()) {
            return false;
        }
        for (SIPDispatchRuleInfo rule : rules) {
            if (rule.getTrunkIdsCount() > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The individual rule's {@code no_randomness} (LiveKit then names the room without a random part), which the SDK's
     * protobuf type does not know: read from the rule's {@link #unknownFields}; false when not set or not known.
     */
    public boolean noRandomness(SIPDispatchRuleInfo rule) {
        String unknown = unknownFields.get(rule.getSipDispatchRuleId());
        // asked for every call an individual rule takes: other unknown fields (numbers) are not parsed for it
        if (unknown == null || !unknown.contains("oRandomness") && !unknown.contains("o_randomness")) {
            return false;
        }
        JsonElement kind = member(member(JsonParser.parseString(unknown), "rule"), "dispatchRuleIndividual",
                "dispatch_rule_individual");
        JsonElement flag = member(kind, "noRandomness", "no_randomness");
        return flag != null && flag.isJsonPrimitive() && flag.getAsJsonPrimitive().isBoolean() && flag.getAsBoolean();
    }

    /** The first of {@code names} that the JSON object {@code e} has, or null. */
    private static JsonElement member(JsonElement e, String... names) {
        if (e == null || !e.isJsonObject()) {
            return null;
        }
        for (String name : names) {
            if (e.getAsJsonObject().has(name)) {
                return e.getAsJsonObject().get(name);
            }
        }
        return null;
    }

    /** The outbound trunk with this ID, or null. */
    public SIPOutboundTrunkInfo outboundTrunk(String sipTrunkId) {
        return outboundTrunks.stream().filter(t -> t.getSipTrunkId().equals(sipTrunkId)).findFirst().orElse(null);
    }

    /** The trunk with this ID, or null. */
    public SIPInboundTrunkInfo trunk(String sipTrunkId) {
        // a plain loop, not a stream: the fix of every call's LK_NO_TRUNK_MATCH asks it (TrunkUpdateRefusal), and the
        // quick JIT builds and runs a stream pipeline object by object
        for (int i = 0; i < trunks.size(); i++) {
            SIPInboundTrunkInfo t = trunks.get(i);
            if (t.getSipTrunkId().equals(sipTrunkId)) {
                return t;
            }
        }
        return null;
    }

    /** The dispatch rule with this ID, or null. */
    public SIPDispatchRuleInfo rule(String sipDispatchRuleId) {
        for (int i = 0; i < rules.size(); i++) {
            SIPDispatchRuleInfo r = rules.get(i);
            if (r.getSipDispatchRuleId().equals(sipDispatchRuleId)) {
                return r;
            }
        }
        return null;
    }

    /** The rule's called-number filter ({@code numbers}), empty when it has none. */
    public List<String> calledNumbersOf(SIPDispatchRuleInfo rule) {
        return ruleNumbers.getOrDefault(rule.getSipDispatchRuleId(), List.of());
    }

    /** True when the rule's {@code inbound_numbers} let the caller through: none set, or one exactly (as LiveKit). */
    public static boolean callerAdmitted(SIPDispatchRuleInfo rule, String callingNumber) {
        List<String> inbound = rule.getInboundNumbersList();
        return inbound.isEmpty() || inbound.contains(callingNumber);
    }

    /** True when the rule's {@code numbers} let the called number through: none set, or one exactly (as LiveKit). */
    public boolean calledAdmitted(SIPDispatchRuleInfo rule, String calledNumber) {
        List<String> numbers = calledNumbersOf(rule);
        return numbers.isEmpty() || numbers.contains(calledNumber);
    }

    private static <T> List<T> mergeById(List<T> first, List<T> second, Function<T, String> id) {
        Map<String, T> byId = new LinkedHashMap<>();
        List<T> withoutId = new ArrayList<>();
        for (T item : concat(first, second)) {
            String key = id.apply(item);
            if (key.isEmpty()) {
                withoutId.add(item);
            } else {
                byId.put(key, item);
            }
        }
        List<T> merged = new ArrayList<>(byId.values());
        merged.addAll(withoutId);
        return merged;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Lists IDs only: the protobuf text of a trunk would include its auth password. */
    @Override
    public String toString() {
        return "LiveKitConfig[trunks=" + trunks.stream().map(SIPInboundTrunkInfo::getSipTrunkId).toList()
                + ", rules=" + rules.stream().map(SIPDispatchRuleInfo::getSipDispatchRuleId).toList()
                + (outboundTrunks.isEmpty() ? ""
                : ", outboundTrunks=" + outboundTrunks.stream().map(SIPOutboundTrunkInfo::getSipTrunkId).toList())
                + (participantRequests.isEmpty() ? "" : ", participantRequests=" + participantRequests)
                + ", sources=" + sources + "]";
    }
}
