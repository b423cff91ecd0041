package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.capture.CaptureException;
import org.sipladder.capture.CaptureReader;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowBuilder;
import org.sipladder.flow.Role;
import org.sipladder.livekit.Consistency;
import org.sipladder.sip.SipMessage;
import org.sipladder.sip.SipParser;

/** The bundled demo through the real capture reader, SIP parser and flow builder, then the diagnosis. */
class SeedPipelineTest {

    @Test
    void demoCaptureIsDiagnosedEndToEnd(@TempDir Path dir) throws IOException, CaptureException {
        Path pcap = dir.resolve("seed.pcap");
        try (InputStream in = getClass().getResourceAsStream("/org/sipladder/demo/seed-livekit-503.pcap")) {
            Files.copy(in, pcap);
        }
        List<SipMessage> messages = new ArrayList<>();
        SipParser parser = new SipParser();
        new CaptureReader().read(pcap, p -> parser.parse(p).ifPresent(messages::add));
        List<CallFlow> flows = new FlowBuilder().build(messages);

        assertEquals(1, flows.size());
        CallFlow flow = flows.get(0);
        assertEquals(List.of(Role.CARRIER, Role.JAMBONZ, Role.LIVEKIT), flow.hops().stream().map(h -> h.role()).toList());
        Diagnosis d = DiagnosisEngine.standard().diagnose(flows, TestConfig.seed());
        assertEquals(FindingCode.LK_TRUNK_CONFLICT, d.primaryFor(flow.id()).orElseThrow().code());
        assertEquals(Consistency.CONSISTENT, d.routings().get(0).consistency());
        assertEquals(List.of("B2BUA_FAILURE_RELAYED", "LK_RULE_NO_AGENT", "LK_RULE_UNKNOWN_TRUNK", "LK_TRUNK_CONFLICT",
                "SIP_PRIVATE_ADDRESS_TO_PUBLIC_PEER"), d.findings().stream().map(f -> f.code().name()).sorted().toList());
    }
}
