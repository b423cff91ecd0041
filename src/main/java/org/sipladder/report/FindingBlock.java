package org.sipladder.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.Fix;
import org.sipladder.diagnose.Severity;

/** Sets one finding: title, code and severity, explanation, evidence and the fix with copyable commands. */
final class FindingBlock {

    static final Color ERROR = new Color(0xC0261F);
    static final Color WARNING = new Color(0xA85F00);

    private final PageFlow page;

    FindingBlock(PageFlow page) {
        this.page = page;
    }

    void write(Finding f) {
        page.ensure(60);
        page.paragraph(f.title(), new TextStyle(page.fonts().bold(), 10.5f, PageFlow.TEXT, 14f));
        String tag = f.code() + "  \u00b7  " + severity(f.severity()) + (f.primary() ? "  \u00b7  primary cause" : "");
        page.paragraph(tag, page.small.withColour(colour(f.severity())));
        page.gap(2);
        if (f.explanation() != null && !f.explanation().isBlank()) {
            page.paragraph(f.explanation());
            page.gap(3);
        }
        List<String> evidence = evidence(f);
        if (!evidence.isEmpty()) {
            page.paragraph("Evidence", page.strong);
            page.bullets(evidence, page.body);
            page.gap(3);
        }
        fix(f.fix());
        page.gap(8);
    }

    private void fix(Fix fix) {
        if (fix == null || (fix.steps().isEmpty() && fix.commands().isEmpty() && fix.json() == null)) {
            return;
        }
        page.paragraph("Fix", page.strong);
        page.steps(fix.steps(), page.body);
        if (!fix.commands().isEmpty()) {
            page.gap(3);
            page.commands(fix.commands());
        }
        if (fix.json() != null && !fix.json().isBlank()) {
            page.gap(3);
            page.mono(fix.json());
        }
    }

    private static List<String> evidence(Finding f) {
        List<String> lines = new ArrayList<>();
        if (f.evidence() == null) {
            return lines;
        }
        lines.addAll(f.evidence().facts());
        if (!f.evidence().frames().isEmpty()) {
            lines.add("Frames " + f.evidence().frames().stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + " of the capture");
        }
        if (!f.evidence().configIds().isEmpty()) {
            lines.add("LiveKit objects: " + String.join(", ", f.evidence().configIds()));
        }
        return lines;
    }

    static String severity(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "info";
        };
    }

    static Color colour(Severity s) {
        return switch (s) {
            case ERROR -> ERROR;
            case WARNING -> WARNING;
            case INFO -> PageFlow.MUTED;
        };
    }
}
