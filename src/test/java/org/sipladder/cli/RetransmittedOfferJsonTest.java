package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Captures;

/**
 * An INVITE sent again and again to a dead peer carries the same offer each time: {@code calls --json} lists that
 * offer once, at the first INVITE, not once per retransmission (1,000 calls of 200 retransmissions wrote 66 MB, eleven
 * lines of SDP per message); a re-INVITE's offer, a new transaction, is listed as before.
 */
class RetransmittedOfferJsonTest {

    private static final long T = 1_700_000_000_000_000L;
    private static final String SBC = "172.20.0.1:5060";
    private static final String DEAD = "10.66.0.1:5060";
    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 172.20.0.1\r\ns=-\r\nc=IN IP4 172.20.0.1\r\nt=0 0\r\n"
            + "m=audio 20000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    @TempDir
    Path dir;

    private static String invite(String branch, int cseq) {
        return "INVITE sip:bob@10.66.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 172.20.0.1:5060;branch=" + branch + "\r\n"
                + "From: <sip:sbc@172.20.0.1>;tag=f\r\nTo: <sip:bob@10.66.0.1>\r\nCall-ID: dead@x\r\nCSeq: " + cseq
                + " INVITE\r\nContact: <sip:sbc@172.20.0.1>\r\nContent-Type: application/sdp\r\nContent-Length: "
                + SDP.length() + "\r\n\r\n" + SDP;
    }

    @Test
    void aRetransmittedOfferIsListedOnce() {
        Captures pcap = Captures.pcap();
        for (int i = 0; i < 5; i++) {
            pcap.udp(T + i * 500_000L, SBC, DEAD, invite("z9hG4bK1", 1));
        }
        // a new transaction with the same offer: listed
        pcap.udp(T + 5_000_000L, SBC, DEAD, invite("z9hG4bK2", 2));
        CliRun run = CliRun.of("calls", pcap.write(dir.resolve("retrans.pcap")).toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject leg = JsonParser.parseString(run.out()).getAsJsonArray().get(0).getAsJsonObject()
                .getAsJsonArray("legs").get(0).getAsJsonObject();
        assertEquals(6, leg.get("messageCount").getAsInt());
        JsonArray sdp = leg.getAsJsonObject("media").getAsJsonArray("sdp");
        assertEquals(2, sdp.size(), sdp.toString());
        assertEquals(1, sdp.get(0).getAsJsonObject().get("frame").getAsLong());
        assertEquals(6, sdp.get(1).getAsJsonObject().get("frame").getAsLong());
    }
}
