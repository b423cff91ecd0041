package org.sipladder.sip;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What is wrong with one message, at most one sentence per subject (a header name or "start line"). */
final class Problems {

    private final Map<String, String> bySubject = new LinkedHashMap<>();

    /** Records {@code text} unless a problem with the same subject was already recorded. */
    void add(String subject, String text) {
        bySubject.putIfAbsent(subject.toLowerCase(java.util.Locale.ROOT), text);
    }

    boolean isEmpty() {
        return bySubject.isEmpty();
    }

    /** All problems as one line, or null when there are none. */
    String summary() {
        if (bySubject.isEmpty()) {
            return null;
        }
        List<String> texts = new ArrayList<>(bySubject.values());
        return String.join("; ", texts);
    }
}
