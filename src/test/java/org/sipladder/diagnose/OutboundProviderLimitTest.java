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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.cli.SipLadderCommand;
import org.sipladder.testkit.Captures;

/**
 * Answers to a call LiveKit placed that say why the provider account refused it, which LiveKit classifies apart from
 * an ordinary rejection (sip pkg/sip/errors.go): Twilio's X-Twilio-Error 32203 ("carrier-blocked", any final status),
 * and a 5xx whose reason phrase says "cps limit exceeded" or "concurrent call limit exceeded"
 * ("cps-limit-exceeded", "concurrent-limit-exceeded"). The finding names the cause, what LiveKit reports, and a fix
 * at the provider account (call rate, calls at once), not another gateway.
 */
class OutboundProviderLimitTest {

    private static final String LIVEKIT = OutboundCapture.LIVEKIT;
    private static final String CARRIER = OutboundCapture.CARRIER;
    private static final String JAMBONZ = OutboundCapture.JAMBONZ;

    @TempDir
    Path dir;

    /** LiveKit's INVITE straight to the provider, answered 100 Trying and then {@code status reason} with {@code extra}. */
    private Path refused(int status, String reason, String... extra) {
        String invite = OutboundCapture.liveKitInvite(CARRIER);
        long t = 1_795_011_787_000_000L;
        return Captures.pcap()
                .udp(t, LIVEKIT + ":5060", CARRIER + ":5060", invite)
                .udp(t + 30_000, CARRIER + ":5060", LIVEKIT + ":5060", SipTexts.response(invite, 100, "Trying"))
                .udp(t + 900_000, CARRIER + ":5060", LIVEKIT + ":5060", SipTexts.response(invite, status, reason, extra))
                .write(dir.resolve("refused-" + status + ".pcap"));
    }

    private static JsonObject rejection(Path capture) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, SipLadderCommand.execute(new String[] {"diagnose", "--json", capture.toString()},
                new PrintWriter(out), new PrintWriter(err)), err.toString());
        JsonArray findings = JsonParser.parseString(out.toString()).getAsJsonArray();
        for (JsonElement f : findings) {
            if (f.getAsJsonObject().get("code").getAsString().startsWith("LK_OUTBOUND_")
                    && f.getAsJsonObject().get("code").getAsString().endsWith("_REJECTED")) {
                return f.getAsJsonObject();
            }
        }
        throw new AssertionError("no outbound rejection: " + findings);
    }

    private static String steps(JsonObject finding) {
        return finding.getAsJsonObject("fix").get("steps").toString();
    }

    @Test
    void twilios32203On603IsACarrierBlockNotTheCalleeDeclining() {
        JsonObject f = rejection(refused(603, "Decline", "X-Twilio-Error: 32203 Call blocked as potential fraud"));
        assertEquals("LK_OUTBOUND_PROVIDER_REJECTED", f.get("code").getAsString());
        String title = f.get("title").getAsString();
        assertTrue(title.contains("Twilio blocked the call (X-Twilio-Error 32203)"), title);
        String why = f.get("explanation").getAsString();
        assertTrue(why.contains("\"carrier-blocked\"") && why.contains("USER_REJECTED"), why);
        assertTrue(why.contains("INVITE blocked by carrier: carrier blocked call (twilio error 32203): sip status: 603: "
                + "Decline"), why);
        assertFalse(why.contains("declined the call everywhere"), why);
        assertTrue(steps(f).contains("Do not retry this destination"), steps(f));
        assertEquals("ERROR", f.get("severity").getAsString());
    }

    @Test
    void twilios32203On403IsACarrierBlockNotTheFromNumber() {
        JsonObject f = rejection(refused(403, "Forbidden", "X-Twilio-Error: 32203"));
        assertEquals("LK_OUTBOUND_PROVIDER_REJECTED", f.get("code").getAsString());
        assertTrue(f.get("explanation").getAsString().contains("\"carrier-blocked\""), f.toString());
        assertFalse(steps(f).contains("numbers"), steps(f));
    }

    @Test
    void aCpsLimitIn503sReasonIsTheCallRateNotAnotherGateway() {
        JsonObject f = rejection(refused(503, "CPS Limit Exceeded"));
        String title = f.get("title").getAsString();
        assertTrue(title.contains("calls-per-second limit"), title);
        String why = f.get("explanation").getAsString();
        assertTrue(why.contains("\"cps-limit-exceeded\"") && why.contains("SIP_TRUNK_FAILURE"), why);
        assertTrue(why.contains("unexpected status from INVITE response: sip status: 503: CPS Limit Exceeded"), why);
        assertFalse(why.contains("upstream-server-error"), why);
        assertTrue(steps(f).contains("pace the CreateSIPParticipant requests"), steps(f));
        assertFalse(steps(f).contains("point outbound trunk ST_out's address at it"), steps(f));
    }

    @Test
    void aConcurrentCallLimitIsTheCallsAtOnce() {
        JsonObject f = rejection(refused(502, "concurrent call limit exceeded"));
        String why = f.get("explanation").getAsString();
        assertTrue(why.contains("\"concurrent-limit-exceeded\""), why);
        assertTrue(steps(f).contains("concurrent call limit"), steps(f));
        assertFalse(steps(f).contains("point outbound trunk ST_out's address at it"), steps(f));
    }

    @Test
    void the503sBodyIsNotWhatLiveKitReadsSoAPlain503StaysAnUpstreamError() {
        JsonObject f = rejection(refused(503, "Service Unavailable", "X-Reason: CPS limit exceeded"));
        String why = f.get("explanation").getAsString();
        assertTrue(why.contains("upstream-server-error-503"), why);
        assertFalse(why.contains("cps-limit-exceeded"), why);
    }

    @Test
    void aLimitBehindJambonzIsNamedWhileLiveKitReportsTheRelayed503() {
        String lk = OutboundCapture.liveKitInvite("sip.jambonz.example");
        String bLeg = SipTexts.invite("jz-b-leg-1", "sip:" + OutboundCapture.CALLED + "@" + CARRIER,
                OutboundCapture.FROM, JAMBONZ, SipTexts.sdp(JAMBONZ, "0 PCMU/8000"), "X-CID: " + OutboundCapture.LK_CALL_ID);
        long t = 1_795_011_787_000_000L;
        Path capture = Captures.pcap()
                .udp(t, LIVEKIT + ":5060", JAMBONZ + ":5060", lk)
                .udp(t + 20_000, JAMBONZ + ":5060", LIVEKIT + ":5060", SipTexts.response(lk, 100, "Trying"))
                .udp(t + 40_000, JAMBONZ + ":5060", CARRIER + ":5060", bLeg)
                .udp(t + 60_000, CARRIER + ":5060", JAMBONZ + ":5060", SipTexts.response(bLeg, 503, "CPS limit exceeded"))
                .udp(t + 80_000, JAMBONZ + ":5060", LIVEKIT + ":5060", SipTexts.response(lk, 503, "Service Unavailable"))
                .write(dir.resolve("relayed.pcap"));
        JsonObject f = rejection(capture);
        assertTrue(f.get("title").getAsString().contains(CARRIER + " refused LiveKit's call: the account's "
                + "calls-per-second limit"), f.toString());
        String why = f.get("explanation").getAsString();
        assertTrue(why.contains("LiveKit reports \"upstream-server-error-503\""), why);
    }
}
