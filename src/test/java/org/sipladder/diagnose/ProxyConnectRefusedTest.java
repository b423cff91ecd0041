package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.media.MediaCollector;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Segments;
import org.sipladder.testkit.SipText;

/**
 * A proxy routes the call over TCP to a next hop on port 5062 where nothing listens (kamailio with $du set to
 * sip:127.0.0.3:5062;transport=tcp): its SYN is answered by a reset and it answers the caller 477 itself. The SYN left
 * from the address the kernel chose (the caller's 127.0.0.1 on loopback), not the proxy's. The refusal is the cause the
 * rejection names; and a refused connection to a port that SIP messages name as a target counts like one to 5060.
 */
class ProxyConnectRefusedTest {

    private static final long T0 = 1_795_011_787_000_000L;
    private static final String CALLER = "10.0.0.1:5061";
    private static final String PROXY = "10.0.0.10:5060";
    private static final String NEXT = "10.0.0.3:5062";
    private static final String ID = "dead-next-hop";

    @TempDir
    Path dir;

    /** The caller's INVITE (with {@code route} as a Route header when not empty), the refused SYN, the 477. */
    private static Captures refusedNextHop(String route) {
        String invite = SipText.invite(ID);
        if (!route.isEmpty()) {
            invite = invite.replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nRoute: " + route + "\r\n");
        }
        return Captures.pcap()
                .udp(T0, CALLER, PROXY, invite)
                .udp(T0 + 400, PROXY, CALLER, SipText.response(100, "trying", "INVITE", ID, 1))
                .tcp(T0 + 500, "10.0.0.1:49002", NEXT, 1000, Segments.SYN, new byte[0])
                .tcp(T0 + 510, NEXT, "10.0.0.1:49002", 0, Segments.RST | Segments.ACK, new byte[0])
                .udp(T0 + 700, PROXY, CALLER, SipText.response(477, "Unfortunately error on sending to next hop "
                        + "occurred", "INVITE", ID, 1));
    }

    @Test
    void theProxysOwnRejectionNamesTheRefusedConnectionAsItsCause() throws Exception {
        Path file = refusedNextHop("").write(dir.resolve("dead-next-hop.pcap"));
        Diagnosis d = MediaCase.diagnoseFile(file, LiveKitConfig.empty(), new MediaCollector());
        List<Finding> rejected = d.withCode(FindingCode.SIP_CALL_REJECTED);
        assertEquals(1, rejected.size(), d.findings().toString());
        Finding f = rejected.get(0);
        String facts = f.evidence().facts().toString();
        assertTrue(facts.contains(NEXT) && facts.contains("refused"), facts);
        assertTrue(f.evidence().frames().contains(4L), "the reset is evidence: " + f.evidence().frames());
        assertFalse(f.explanation().contains("no more specific cause"), f.explanation());
    }

    @Test
    void aRefusedConnectionToAPortARouteNamesIsASipConnectionRefused() throws Exception {
        Path named = refusedNextHop("<sip:10.0.0.3:5062;transport=tcp;lr>").write(dir.resolve("routed.pcap"));
        List<JsonObject> found = ConnectionFailedTest.found(named, null, "SIP_CONNECTION_REFUSED");
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).get("title").getAsString().contains(NEXT), found.toString());
        // a port no SIP message names stays what it was: not a SIP port
        Path unnamed = refusedNextHop("").write(dir.resolve("unnamed.pcap"));
        assertTrue(ConnectionFailedTest.found(unnamed, null, "SIP_CONNECTION_REFUSED").isEmpty());
    }
}
