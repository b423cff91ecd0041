package org.sipladder.ui.findings;

import java.util.List;
import java.util.function.Supplier;
import org.sipladder.diagnose.Finding;

/**
 * Findings under one heading of the side panel: a call, or a trunk or rule. A call's heading is made each time it
 * is shown rather than kept: a large capture has 50,000 calls with findings, whose headings took 5 MB.
 */
public final class FindingGroup {

    private final String title;
    private final Supplier<String> titleWhenShown;
    private final List<Finding> findings;

    /**
     * @param title    "ST_GjeZjGQjrsvC", "LiveKit config"
     * @param findings its findings, primary cause first
     */
    public FindingGroup(String title, List<Finding> findings) {
        this(title, null, findings);
    }

    private FindingGroup(String title, Supplier<String> titleWhenShown, List<Finding> findings) {
        this.title = title;
        this.titleWhenShown = titleWhenShown;
        this.findings = List.copyOf(findings);
    }

    /** A group whose title ("+4930… → 9187… · 603 Decline") is made by {@code title} each time it is asked for. */
    static FindingGroup titledWhenShown(Supplier<String> title, List<Finding> findings) {
        return new FindingGroup(null, title, findings);
    }

    public String title() {
        return title != null ? title : titleWhenShown.get();
    }

    /** Its findings, primary cause first. */
    public List<Finding> findings() {
        return findings;
    }

    @Override
    public String toString() {
        return title() + " " + findings;
    }
}
