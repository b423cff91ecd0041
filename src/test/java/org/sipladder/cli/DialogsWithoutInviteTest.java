package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.SipText;

/**
 * Registrations, subscriptions, publications and pings are no calls: the diagnosis counts them apart, the call list
 * names each dialog's method, and every one of them that failed has a finding that explains it.
 */
class DialogsWithoutInviteTest {

    private static final long T = 1_700_000_000_000_000L;
    private static final String PHONE = "10.0.0.1:5060";
    private static final String SERVER = "10.0.0.10:5060";
    private static final String CREDENTIALS = "Authorization: Digest username=\"alice\", realm=\"example\", "
            + "nonce=\"n1\", uri=\"sip:example.com\", response=\"00\"\r\nContent-Length";

    @TempDir
    Path dir;

    private static String request(String method, String callId, int cseq, boolean credentials, String... headers) {
        String text = SipText.request(method, "sip:alice@example.com", callId, cseq, "");
        for (String h : headers) {
            text = text.replace("Content-Length", h + "\r\nContent-Length");
        }
        return credentials ? text.replace("Content-Length", CREDENTIALS) : text;
    }

    /**
     * A call that got 486; a registration challenged then accepted; a SUBSCRIBE answered 489; a PUBLISH challenged,
     * then 489; an OPTIONS answered 404; a MESSAGE answered 403.
     */
    private Path capture() throws Exception {
        Captures c = Captures.pcap();
        long t = T;
        c.udp(t += 1000, PHONE, SERVER, SipText.invite("call-1"))
                .udp(t += 1000, SERVER, PHONE, SipText.response(486, "Busy Here", "INVITE", "call-1", 1));
        c.udp(t += 1000, PHONE, SERVER, request("REGISTER", "reg-1", 1, false))
                .udp(t += 1000, SERVER, PHONE, SipText.response(401, "Unauthorized", "REGISTER", "reg-1", 1))
                .udp(t += 1000, PHONE, SERVER, request("REGISTER", "reg-1", 2, true))
                .udp(t += 1000, SERVER, PHONE, SipText.response(200, "OK", "REGISTER", "reg-1", 2));
        c.udp(t += 1000, PHONE, SERVER, request("SUBSCRIBE", "sub-1", 1, false, "Event: presence"))
                .udp(t += 1000, SERVER, PHONE, SipText.response(489, "Bad Event", "SUBSCRIBE", "sub-1", 1));
        c.udp(t += 1000, PHONE, SERVER, request("PUBLISH", "pub-1", 1, false, "Event: presence"))
                .udp(t += 1000, SERVER, PHONE, SipText.response(401, "Unauthorized", "PUBLISH", "pub-1", 1))
                .udp(t += 1000, PHONE, SERVER, request("PUBLISH", "pub-1", 2, true, "Event: presence"))
                .udp(t += 1000, SERVER, PHONE, SipText.response(489, "Bad Event", "PUBLISH", "pub-1", 2));
        c.udp(t += 1000, PHONE, SERVER, request("OPTIONS", "opt-1", 1, false))
                .udp(t += 1000, SERVER, PHONE, SipText.response(404, "Not Found", "OPTIONS", "opt-1", 1));
        c.udp(t += 1000, PHONE, SERVER, request("MESSAGE", "msg-1", 1, false))
                .udp(t += 1000, SERVER, PHONE, SipText.response(403, "Forbidden", "MESSAGE", "msg-1", 1));
        return c.write(dir.resolve("dialogs.pcap"));
    }

    @Test
    void theSummaryCountsCallsAndOtherDialogsApart() throws Exception {
        CliRun run = CliRun.of("diagnose", capture().toString());
        assertEquals(0, run.exitCode(), run.err());
        String first = run.outLines().get(0);
        assertTrue(first.startsWith("Diagnosis: 1 call (1 failed), 5 REGISTER/SUBSCRIBE/PUBLISH/OPTIONS/MESSAGE dialogs"
                + " (4 failed), "), first);
        assertTrue(run.out().contains("\nSUBSCRIBE sub-1: answered 489 Bad Event\n"), run.out());
        assertTrue(run.out().contains("\nCall call-1: caller got 486 Busy Here\n"), run.out());
    }

    @Test
    void everyFailedDialogHasAPrimaryCauseAndTheJsonKeepsItsFields() throws Exception {
        CliRun run = CliRun.of("diagnose", capture().toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        Set<String> primaries = new TreeSet<>();
        for (JsonElement e : JsonParser.parseString(run.out()).getAsJsonArray()) {
            JsonObject f = e.getAsJsonObject();
            assertEquals(List.of("code", "severity", "title", "primary", "callId", "flowId", "explanation", "evidence",
                    "fix"), List.copyOf(f.keySet()));
            if (f.get("primary").getAsBoolean()) {
                primaries.add(f.get("flowId").getAsString());
            }
            if (f.get("flowId").getAsString().equals("sub-1")) {
                assertEquals("SIP_REQUEST_REJECTED", f.get("code").getAsString());
                assertEquals("WARNING", f.get("severity").getAsString());
                assertTrue(f.get("evidence").toString().contains("Event: presence"), f.toString());
            }
        }
        assertEquals(new TreeSet<>(List.of("call-1", "msg-1", "opt-1", "pub-1", "sub-1")), primaries);
    }

    @Test
    void theCallListNamesEachDialogsMethodAndItsJsonKeepsItsFields() throws Exception {
        CliRun text = CliRun.of("calls", capture().toString());
        assertEquals(0, text.exitCode(), text.err());
        List<String> lines = text.outLines();
        assertTrue(lines.get(0).matches("START \\(UTC\\) +METHOD +FROM +TO +LEGS .*"), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.matches(".* SUBSCRIBE +alice +alice .*489 Bad Event.*")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.matches(".* INVITE +alice +\\+15551234567 .*486 Busy Here.*")),
                lines.toString());
        CliRun json = CliRun.of("calls", capture().toString(), "--json");
        JsonObject call = JsonParser.parseString(json.out()).getAsJsonArray().get(0).getAsJsonObject();
        assertEquals(List.of("id", "start", "finalStatus", "finalReason", "messageCount", "legs", "hops", "joinEvidence",
                "timings"), List.copyOf(call.keySet()));
    }
}
