package org.sipladder.report;

import java.util.List;
import org.sipladder.diagnose.Finding;
import org.sipladder.livekit.LiveKitConfig;

/**
 * The appendix: findings about the LiveKit configuration that no single call explains, the configuration
 * itself, and which trunk and dispatch rule each call matched.
 */
final class Appendix {

    private final PageFlow page;
    private final Redaction redaction;

    Appendix(PageFlow page, Redaction redaction) {
        this.page = page;
        this.redaction = redaction;
    }

    void write(List<Finding> findings, LiveKitConfig config, List<CallRouting> routings) {
        List<Finding> general = findings.stream().filter(f -> f.flowId() == null).toList();
        if (general.isEmpty() && config.isEmpty() && routings.isEmpty()) {
            return;
        }
        page.newPage();
        page.heading("Appendix", 1);
        if (!general.isEmpty()) {
            page.heading("Configuration findings", 2);
            FindingBlock block = new FindingBlock(page);
            general.forEach(block::write);
        }
        new LiveKitAppendix(page, redaction).write(config);
        new RoutingTable(page, redaction).write(routings);
    }
}
