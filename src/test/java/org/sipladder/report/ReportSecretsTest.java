package org.sipladder.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import livekit.LivekitSip.SIPOutboundTrunkInfo;
import org.junit.jupiter.api.Test;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.diagnose.DiagnosisEngine;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;

/** A password that is also a trunk's name or user name stays hidden in the PDF, as diagnose hides it (issue 16). */
class ReportSecretsTest {

    private static final String PASSWORD = "Trunk-Pw-55821";

    @Test
    void passwordUsedAsTrunkNameAndUserNameIsNotPrinted() throws Exception {
        LiveKitConfig seed = SeedConfig.load();
        List<SIPInboundTrunkInfo> trunks = new ArrayList<>(seed.trunks());
        trunks.add(SIPInboundTrunkInfo.newBuilder().setSipTrunkId("ST_samename").setName(PASSWORD)
                .setAuthUsername(PASSWORD).setAuthPassword(PASSWORD).addNumbers("+15550009999").build());
        LiveKitConfig config = new LiveKitConfig(trunks, seed.rules(), seed.sources());
        byte[] pdf = pdf(config);
        String text = FindingsReportTest.text(pdf);
        assertTrue(text.contains("ST_samename"), "the trunk is listed");
        assertFalse(text.contains(PASSWORD), text);
        assertFalse(new String(pdf, StandardCharsets.ISO_8859_1).contains(PASSWORD));
    }

    @Test
    void outboundTrunksAreListedWithoutTheirPassword() throws Exception {
        LiveKitConfig seed = SeedConfig.load();
        SIPOutboundTrunkInfo outbound = SIPOutboundTrunkInfo.newBuilder().setSipTrunkId("ST_outbound1")
                .setAddress("sip.provider.example:5060").addNumbers("+15105550100").setAuthUsername(PASSWORD)
                .setAuthPassword(PASSWORD).putHeaders("X-Token", "tok-123").build();
        LiveKitConfig config = new LiveKitConfig(seed.trunks(), seed.rules(), seed.sources(), Map.of(), List.of(outbound));
        String text = FindingsReportTest.text(pdf(config));
        assertTrue(text.contains("Outbound trunks") && text.contains("ST_outbound1"), text);
        assertTrue(text.contains("sip.provider.example"), text);
        assertFalse(text.contains(PASSWORD), text);
        assertFalse(text.contains("tok-123"), text);
    }

    /** The PDF of the seed call diagnosed with {@code config}. */
    private static byte[] pdf(LiveKitConfig config) throws Exception {
        List<CallFlow> flows = SeedCall.flows();
        Diagnosis diagnosis = DiagnosisEngine.standard().diagnose(flows, config);
        ReportInput input = new ReportInput("seed.pcapng", flows.get(0).messages().size(), SeedCall.T0,
                SeedCall.T0 + 1_600_000, flows, diagnosis.findings(), diagnosis.routings(), config);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FindingsReport().write(input, ReportOptions.defaults(), out);
        return out.toByteArray();
    }
}
