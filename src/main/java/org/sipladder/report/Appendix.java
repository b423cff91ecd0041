package org.sipladder.report;

import java.util.List;
import org.sipladder.diagnose.Finding;

/** The appendix: findings about the LiveKit configuration that no single call explains. */
final class Appendix {

    private final PageFlow page;

    Appendix(PageFlow page) {
        this.page = page;
    }

    void write(List<Finding> findings) {
        List<Finding> general = findings.stream().filter(f -> f.flowId() == null).toList();
        if (general.isEmpty()) {
            return;
        }
        page.newPage();
        page.heading("Appendix: configuration findings", 1);
        FindingBlock block = new FindingBlock(page);
        general.forEach(block::write);
    }
}
