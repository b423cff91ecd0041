package org.sipladder.ui.findings;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sipladder.diagnose.Evidence;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.Fix;

/**
 * Findings with their texts, and lists of texts, shared with equal ones seen before: findings of one kind repeat
 * their title, explanation and fix word for word, call after call. For one diagnosis on one thread.
 */
final class SharedTexts {

    /** Each text and each list of texts seen, by itself (a text never equals a list). */
    private final Map<Object, Object> seen = new HashMap<>();

    /** {@code f} with shared texts; equal to it. */
    Finding of(Finding f) {
        Evidence e = f.evidence();
        Fix x = f.fix();
        return new Finding(f.code(), f.severity(), text(f.title()), text(f.explanation()), f.callId(), f.flowId(),
                f.primary(), e == null ? null : new Evidence(e.frames(), texts(e.configIds()), texts(e.facts())),
                x == null ? null : new Fix(texts(x.steps()), texts(x.commands()), text(x.json())));
    }

    private String text(String s) {
        return s == null ? null : (String) seen.computeIfAbsent(s, k -> k);
    }

    @SuppressWarnings("unchecked")
    private List<String> texts(List<String> list) {
        if (list == null) {
            return null;
        }
        Object shared = seen.get(list);
        if (shared == null) {
            shared = list.stream().map(this::text).toList();
            seen.put(shared, shared);
        }
        return (List<String>) shared;
    }
}
