package org.sipladder.sip;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What is wrong with one message, at most one sentence per subject (a header name or "start line"). */
final class Problems {

    /** Made with the first problem: most messages have none, and a capture's messages each get a Problems. */
    private Map<String, String> bySubject;

    /** Records {@code text} unless a problem with the same subject was already recorded. */
    void add(String subject, String text) {
        if (bySubject == null) {
            bySubject = new LinkedHashMap<>();
        }
        bySubject.putIfAbsent(subject.toLowerCase(java.util.Locale.ROOT), text);
    }

    boolean isEmpty() {
        return bySubject == null;
    }

    /** All problems as one line, or null when there are none. */
    String summary() {
        if (bySubject == null) {
            return null;
        }
        List<String> texts = new ArrayList<>(bySubject.values());
        return String.join("; ", texts);
    }
}
