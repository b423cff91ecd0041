package org.sipladder.diagnose;

import java.util.List;

/** The `lk` command lines the fixes suggest, spelled as livekit-cli's `sip` commands take them. */
final class LkCommand {

    private LkCommand() {
    }

    static String deleteTrunk(String trunkId) {
        return "lk sip inbound delete " + trunkId;
    }

    /** Creates an inbound trunk named {@code name} for {@code numbers} (flags only, no request file). */
    static String createTrunk(String name, List<String> numbers) {
        return "lk sip inbound create --name \"" + name + "\" --numbers " + String.join(",", numbers);
    }

    /** Replaces the trunk's numbers (the flag sets the whole list). */
    static String setTrunkNumbers(String trunkId, List<String> numbers) {
        // one per call without a trunk for its number: a builder of its size, not a concatenation's growing one
        String joined = String.join(",", numbers);
        return new StringBuilder(38 + String.valueOf(trunkId).length() + joined.length())
                .append("lk sip inbound update --id ").append(trunkId).append(" --numbers ").append(joined).toString();
    }

    /**
     * {@link #setTrunkNumbers} of {@code numbers} and one more, without that one: the command's start, to which a
     * call's number is appended.
     */
    static String setTrunkNumbersAndOneMore(String trunkId, List<String> numbers) {
        String command = setTrunkNumbers(trunkId, numbers);
        return numbers.isEmpty() ? command : command.concat(",");
    }

    /** Replaces the whole trunk with the JSON in {@code file}. */
    static String replaceTrunk(String trunkId, String file) {
        return "lk sip inbound update --id " + trunkId + " " + file;
    }

    /**
     * Sets the media codecs of a trunk ({@code trunk}) or dispatch rule: lk sends a whole new media config from its
     * flags (parseSIPMediaConfig; only_listed_codecs off without --no-default-codecs), so an encryption set there is
     * given again with {@code mediaEncryption} (null: none).
     */
    static String setCodecs(boolean trunk, String id, List<String> codecs, String mediaEncryption) {
        return (trunk ? "lk sip inbound update --id " : "lk sip dispatch update --id ") + id + " --codecs "
                + String.join(",", codecs) + (mediaEncryption == null ? "" : " --media-enc " + mediaEncryption);
    }

    static String listTrunks() {
        return "lk sip inbound list";
    }

    static String deleteRule(String ruleId) {
        return "lk sip dispatch delete " + ruleId;
    }

    static String setRuleTrunks(String ruleId, List<String> trunkIds) {
        return "lk sip dispatch update --id " + ruleId + " --trunks " + String.join(",", trunkIds);
    }

    /** Replaces the whole rule with the JSON in {@code file}. */
    static String replaceRule(String ruleId, String file) {
        return "lk sip dispatch update --id " + ruleId + " " + file;
    }

    static String createRule(String file) {
        return "lk sip dispatch create " + file;
    }

    static String listRules() {
        return "lk sip dispatch list";
    }
}
