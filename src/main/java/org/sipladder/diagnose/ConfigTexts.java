package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.PhoneNumbers;
import org.sipladder.livekit.RoutingOptions;
import org.sipladder.livekit.RoutingOutcome;
import org.sipladder.livekit.StatusLine;

/**
 * What findings say about the config alone, call after call (trunk ids, "Trunk numbers: ...", each trunk number's
 * normalized form and digits), worked out once per diagnosis: with a config loaded nearly every call gets a finding that
 * repeats them. The diagnosing threads share it: it is immutable but for a one-entry cache of the deployment
 * assumption last said.
 */
final class ConfigTexts {

    private final LiveKitConfig config;
    private final List<String> trunkIds;
    private final String trunkNumbers;
    /** Per trunk, its numbers normalized ({@link PhoneNumbers#normalize}), in the order of its numbers list. */
    private final String[][] normalizedNumbers;
    /** Per trunk, the ASCII digits of its numbers ({@link TrunkMiss#digits}). */
    private final String[][] numberDigits;

    ConfigTexts(LiveKitConfig config) {
        this.config = config;
        List<SIPInboundTrunkInfo> trunks = config.trunks();
        List<String> ids = new ArrayList<>(trunks.size());
        List<String> numbers = new ArrayList<>(trunks.size());
        normalizedNumbers = new String[trunks.size()][];
        numberDigits = new String[trunks.size()][];
        for (int i = 0; i < trunks.size(); i++) {
            SIPInboundTrunkInfo t = trunks.get(i);
            ids.add(t.getSipTrunkId());
            numbers.add(t.getSipTrunkId() + " " + Findings.quoted(t.getNumbersList()));
            normalizedNumbers[i] = new String[t.getNumbersCount()];
            numberDigits[i] = new String[t.getNumbersCount()];
            for (int k = 0; k < t.getNumbersCount(); k++) {
                normalizedNumbers[i][k] = PhoneNumbers.normalize(t.getNumbers(k));
                numberDigits[i][k] = TrunkMiss.digits(t.getNumbers(k));
            }
        }
        this.trunkIds = List.copyOf(ids);
        this.trunkNumbers = "Trunk numbers: " + String.join("; ", numbers);
    }

    /**
     * Texts made for findings the capture contradicts ({@link ContradictedPredictions}), by what they are made of, the
     * last few: a capture's thousands of such findings say the same few things, and the same object is written as
     * JSON once. Shared by the diagnosing threads: an entry is immutable, and a lost update only makes a text again.
     */
    private final Joined[] recent = new Joined[8];

    private record Joined(Object first, Object second, String third, String text) {
    }

    /**
     * " The capture contradicts this for this call: LiveKit answered ...": why a simulated finding did not decide the
     * call, one object for the same words.
     */
    String contradiction(String answered, List<String> expected, String because) {
        int slot = (answered.hashCode() * 31 + because.hashCode()) & (recent.length - 1);
        Joined j = recent[slot];
        if (j != null && answered.equals(j.first()) && expected.equals(j.second()) && because.equals(j.third())) {
            return j.text();
        }
        String text = " The capture contradicts this for this call: LiveKit answered " + answered + " where the loaded "
                + "config predicts " + String.join(", ", expected) + ". " + because + "; this did not cause the call's "
                + "outcome, but it affects calls made with the config as loaded.";
        recent[slot] = new Joined(answered, expected, because, text);
        return text;
    }

    /** {@code explanation} followed by {@code more}, one object for the same two objects. */
    String joined(String explanation, String more) {
        int slot = (System.identityHashCode(explanation) * 31 + System.identityHashCode(more)) & (recent.length - 1);
        Joined j = recent[slot];
        if (j != null && j.first() == explanation && j.second() == more && j.third() == null) {
            return j.text();
        }
        String text = explanation.concat(more);
        recent[slot] = new Joined(explanation, more, null, text);
        return text;
    }

    /** The last deployment assumption said, with its text: a diagnosis's INVITEs go to one or a few hosts. */
    private volatile Assumption lastAssumption;

    private record Assumption(RoutingOptions options, String text) {
    }

    /** {@link RoutingOutcome#assumption}, made once while the outcomes keep to one deployment assumption. */
    String assumption(RoutingOutcome outcome) {
        Assumption last = lastAssumption;
        if (last != null && last.options() == outcome.options()) {
            return last.text();
        }
        Assumption made = new Assumption(outcome.options(), outcome.assumption());
        lastAssumption = made;
        return made.text();
    }

    /**
     * LiveKit's answers said lately ({@link #answered}), by status code: a capture's calls get a handful (200 OK, a 503
     * or two), and the same object then serves every call, its hash worked out once for {@link #contradiction}.
     * Shared by the diagnosing threads: an entry is immutable, and a lost update only makes a text again.
     */
    private final Answer[] answers = new Answer[8];

    private record Answer(int status, String reason, boolean isFinal, String text) {
    }

    /**
     * "200 OK" ({@link LiveKitRouting#label}) for LiveKit's final response {@code line}, or with ", then no final
     * response" for its last provisional one ({@code isFinal} false).
     */
    String answered(StatusLine line, boolean isFinal) {
        int slot = line.status() & (answers.length - 1);
        Answer a = answers[slot];
        if (a != null && a.status() == line.status() && a.isFinal() == isFinal && Objects.equals(a.reason(), line.reason())) {
            return a.text();
        }
        String text = LiveKitRouting.label(line) + (isFinal ? "" : ", then no final response");
        answers[slot] = new Answer(line.status(), line.reason(), isFinal, text);
        return text;
    }

    /** The last steps said with a step put first ({@link #stepsAfter}). */
    private volatile Steps lastSteps;

    private record Steps(String first, List<String> rest, List<String> all) {
    }

    /**
     * {@code first} followed by {@code rest}, one list for the same two objects: the fix of every call's
     * LK_NO_TRUNK_MATCH puts the same refusal (the config's, {@link TrunkUpdateRefusal}) before the same steps.
     */
    List<String> stepsAfter(String first, List<String> rest) {
        Steps last = lastSteps;
        if (last != null && last.first() == first && last.rest() == rest) {
            return last.all();
        }
        String[] all = new String[rest.size() + 1];
        all[0] = first;
        for (int i = 0; i < rest.size(); i++) {
            all[i + 1] = rest.get(i);
        }
        Steps made = new Steps(first, rest, List.of(all));
        lastSteps = made;
        return made.all();
    }

    /** True when these are the texts of {@code other} (the same config object). */
    boolean isOf(LiveKitConfig other) {
        return config == other;
    }

    /** The inbound trunks' ids, in config order. */
    List<String> trunkIds() {
        return trunkIds;
    }

    /** "Trunk numbers: ST_a [+49...]; ST_b (none)". */
    String trunkNumbers() {
        return trunkNumbers;
    }

    /** The normalized form of the {@code k}th number of the {@code i}th inbound trunk. */
    String normalizedNumber(int i, int k) {
        return normalizedNumbers[i][k];
    }

    /** The ASCII digits of the {@code k}th number of the {@code i}th inbound trunk. */
    String numberDigits(int i, int k) {
        return numberDigits[i][k];
    }
}
