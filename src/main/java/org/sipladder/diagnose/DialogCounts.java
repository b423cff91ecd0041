package org.sipladder.diagnose;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.sipladder.Counted;
import org.sipladder.flow.CallFlow;

/**
 * How many calls and how many other dialogs (registrations, subscriptions, pings...) a capture holds, and how many of
 * each failed, counted one flow at a time: {@link Diagnosis#counts} over a list, the text diagnosis as calls are
 * diagnosed.
 */
public final class DialogCounts {

    private int calls;
    private int failedCalls;
    private int others;
    private int failedOthers;
    /** Method -> dialogs, in order of first appearance for ties. */
    private final Map<String, Integer> methods = new LinkedHashMap<>();

    /** Counts {@code flow}, which failed or not as {@link Diagnosis#failed} tells. */
    public void add(CallFlow flow, boolean failed) {
        if (flow.aLeg().isCall()) {
            calls++;
            failedCalls += failed ? 1 : 0;
        } else {
            others++;
            failedOthers += failed ? 1 : 0;
            methods.merge(flow.aLeg().method(), 1, Integer::sum);
        }
    }

    /**
     * The first {@value #NAMED} of {@code methods} (most frequent first), each cut to {@value #NAME_WIDTH} characters,
     * joined by {@code separator}, and "..." after them when there are more: as the diagnosis and the app's status
     * name the other dialogs.
     */
    public static String named(List<String> methods, String separator) {
        return methods.stream().limit(NAMED)
                .map(m -> m.length() <= NAME_WIDTH ? m : m.substring(0, NAME_WIDTH - 3) + "...")
                .collect(Collectors.joining(separator)) + (methods.size() > NAMED ? separator + "..." : "");
    }

    /** Methods named at most, and the longest name shown whole (a fuzzing suite's methods are kilobytes long). */
    private static final int NAMED = 6;
    private static final int NAME_WIDTH = 24;

    /**
     * "3 calls (1 failed), 16 REGISTER/SUBSCRIBE dialogs (2 failed)": the other dialogs named by their methods, most
     * frequent first ("/..." after the first {@value #NAMED}), and left out when there are none.
     */
    @Override
    public String toString() {
        String text = Counted.groupedOf(calls, "call") + " (" + Counted.grouped(failedCalls) + " failed)";
        if (others == 0) {
            return text;
        }
        String names = named(methods.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).map(Map.Entry::getKey).toList(), "/");
        return text + ", " + Counted.grouped(others) + " " + names + " dialog" + (others == 1 ? "" : "s") + " ("
                + Counted.grouped(failedOthers) + " failed)";
    }

}
