package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.cli.SipLadderCommand;
import org.sipladder.testkit.Captures;

/**
 * LiveKit's INVITE out gets no SIP response, but the network answers each sending with an ICMP error: the finding says
 * so (the port is closed, or a filter refuses), instead of only "no response at all".
 */
class OutboundUnreachableTest {

    private static final String LIVEKIT = OutboundCapture.LIVEKIT;
    private static final String CARRIER = OutboundCapture.CARRIER;
    private static final long T = 1_795_011_787_000_000L;

    @TempDir
    Path dir;

    @Test
    void anInviteAnsweredByIcmpPortUnreachableSaysTheIcmp() {
        String invite = OutboundCapture.liveKitInvite(CARRIER);
        String lk = LIVEKIT + ":5060";
        String car = CARRIER + ":5060";
        Captures c = Captures.pcap()
                .udp(T, lk, car, invite).unreachable(T + 40_000, CARRIER, lk, car, 3, invite)
                .udp(T + 500_000, lk, car, invite).unreachable(T + 540_000, CARRIER, lk, car, 3, invite);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, SipLadderCommand.execute(new String[] {"diagnose", "--json",
                c.write(dir.resolve("icmp.pcap")).toString()}, new PrintWriter(out), new PrintWriter(err)), err.toString());
        List<JsonObject> found = new ArrayList<>();
        for (JsonElement f : JsonParser.parseString(out.toString()).getAsJsonArray()) {
            if (f.getAsJsonObject().get("code").getAsString().equals("LK_OUTBOUND_NO_RESPONSE")) {
                found.add(f.getAsJsonObject());
            }
        }
        assertEquals(1, found.size(), out.toString());
        JsonObject f = found.get(0);
        String title = f.get("title").getAsString();
        assertTrue(title.contains("ICMP port unreachable"), title);
        String why = f.get("explanation").getAsString();
        assertTrue(why.contains("nothing listens on UDP port 5060"), why);
        assertFalse(why.contains("Nothing came back to LiveKit"), why);
        assertTrue(f.getAsJsonObject("evidence").get("facts").toString().contains("ICMP port unreachable from " + CARRIER),
                f.toString());
    }
}
