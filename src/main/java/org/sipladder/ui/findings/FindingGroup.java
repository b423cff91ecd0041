package org.sipladder.ui.findings;

import java.util.List;
import org.sipladder.diagnose.Finding;

/**
 * Findings under one heading of the side panel: a call, or a trunk or rule.
 *
 * @param title    "+4930… → 9187… · 603 Decline", "ST_GjeZjGQjrsvC", "LiveKit config"
 * @param findings its findings, primary cause first
 */
public record FindingGroup(String title, List<Finding> findings) {

    public FindingGroup {
        findings = List.copyOf(findings);
    }
}
