package org.sipladder.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.diagnose.DiagnosisEngine;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;

/** A call with thousands of messages (a retransmission storm, years of keep-alives) makes a ladder of bounded length. */
class LongLadderTest {

    @Test
    void aLadderStopsAtItsCapAndSaysWhatItLeftOut() throws Exception {
        int beyond = 600;
        // the seed call has 10 messages; its first INVITE sent again fills the rest
        List<CallFlow> flows = SeedCall.flows(LadderPages.ROWS_AT_MOST + beyond);
        byte[] pdf = render(flows);
        String flat = FindingsReportTest.text(pdf).replaceAll("\\s+", " ");
        int messages = flows.get(0).messages().size();
        assertTrue(flat.contains("The ladder stops after its first " + Times.count(LadderPages.ROWS_AT_MOST)
                + " rows: the other " + Times.count(messages - LadderPages.ROWS_AT_MOST) + " messages"), flat);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            int ladderPages = LadderPages.ROWS_AT_MOST / 15;
            assertTrue(doc.getNumberOfPages() < ladderPages + 10, doc.getNumberOfPages() + " pages");
        }
    }

    private static byte[] render(List<CallFlow> flows) throws Exception {
        Diagnosis diagnosis = DiagnosisEngine.standard().diagnose(flows, LiveKitConfig.empty());
        ReportInput input = new ReportInput("storm.pcap", 1, SeedCall.T0, SeedCall.T0 + 1, flows,
                diagnosis.findings(), diagnosis.routings(), LiveKitConfig.empty());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FindingsReport().write(input, ReportOptions.defaults(), out);
        return out.toByteArray();
    }
}
