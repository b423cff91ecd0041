package org.sipladder.ui;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.PcapWriter;
import org.sipladder.testkit.Captures;

/** Captures the UI tests open, built in code: a few calls with known outcomes, and a large one for cancelling. */
public final class TestCaptures {

    public static final String CARRIER = "89.184.187.124";
    public static final String SBC = "172.20.11.236";
    public static final String LIVEKIT = "129.158.233.108";
    private static final long T0 = 1_700_000_000_000_000L;

    private TestCaptures() {
    }

    /**
     * Three calls: answered (200), busy (486), and a B2BUA call the carrier sends to the SBC, which the SBC
     * forwards to LiveKit (X-CID joins the legs), LiveKit answers 100 then 503 and the SBC declines with 603.
     */
    public static Path threeCalls(Path dir) {
        return threeKindsOfCalls(dir, 1, "three-calls.pcap");
    }

    /**
     * The three calls of {@link #threeCalls} {@code rounds} times over, one round after the other; the Call-IDs of
     * rounds after the first end in "-ROUND".
     */
    public static Path threeKindsOfCalls(Path dir, int rounds) {
        return threeKindsOfCalls(dir, rounds, "three-kinds-" + rounds + ".pcap");
    }

    private static Path threeKindsOfCalls(Path dir, int rounds, String name) {
        Captures c = Captures.pcap();
        long t = T0;
        for (int round = 0; round < rounds; round++) {
            String r = round == 0 ? "" : "-" + round;
            String answered = "answered-1" + r;
            String busy = "busy-2" + r;
            String aLeg = "a-leg-3" + r;
            String bLeg = "b-leg-3" + r;
            t += round == 0 ? 0 : 1_000_000;
            c.udp(t, CARRIER + ":5060", SBC + ":5060", invite(answered, "+4930111", "4940111", CARRIER, ""));
            c.udp(t += 40_000, SBC + ":5060", CARRIER + ":5060", response(answered, 180, "Ringing", "4940111"));
            c.udp(t += 900_000, SBC + ":5060", CARRIER + ":5060", response(answered, 200, "OK", "4940111"));
            c.udp(t += 1_000_000, CARRIER + ":5060", SBC + ":5060", invite(busy, "+4930222", "4940222", CARRIER, ""));
            c.udp(t += 50_000, SBC + ":5060", CARRIER + ":5060", response(busy, 486, "Busy Here", "4940222"));
            c.udp(t += 1_000_000, CARRIER + ":5060", SBC + ":5060",
                    invite(aLeg, "+493023125417", "91874350352", CARRIER, ""));
            c.udp(t += 20_000, SBC + ":5060", CARRIER + ":5060", response(aLeg, 100, "Trying", "91874350352"));
            c.udp(t += 30_000, SBC + ":5060", LIVEKIT + ":5060",
                    invite(bLeg, "+493023125417", "4991874350352", SBC, "X-CID: " + aLeg + "\r\n"));
            c.udp(t += 20_000, LIVEKIT + ":5060", SBC + ":5060", response(bLeg, 100, "Processing", "4991874350352"));
            c.udp(t += 60_000, LIVEKIT + ":5060", SBC + ":5060",
                    response(bLeg, 503, "Try again later", "4991874350352"));
            c.udp(t += 10_000, SBC + ":5060", CARRIER + ":5060", response(aLeg, 603, "Decline", "91874350352"));
        }
        return c.write(dir.resolve(name));
    }

    /** {@code calls} answered calls, streamed to disk so a large file costs no heap. */
    public static Path manyCalls(Path dir, int calls) throws IOException {
        Path file = dir.resolve("many-calls.pcap");
        Endpoint carrier = new Endpoint(CARRIER, 5060);
        Endpoint sbc = new Endpoint(SBC, 5060);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             PcapWriter writer = new PcapWriter(out, PcapWriter.LINKTYPE_ETHERNET)) {
            long t = T0;
            for (int i = 0; i < calls; i++) {
                String id = "bulk-" + i;
                writer.writeUdp(t += 1000, carrier, sbc, bytes(invite(id, "+49301" + i, "4940" + i, CARRIER, "")));
                writer.writeUdp(t += 1000, sbc, carrier, bytes(response(id, 200, "OK", "4940" + i)));
            }
        }
        return file;
    }

    static String invite(String callId, String from, String to, String via, String extra) {
        return "INVITE sip:" + to + "@example.net SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + via + ":5060;branch=z9hG4bK-" + callId + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + from + "@" + via + ">;tag=f-" + callId + "\r\n"
                + "To: <sip:" + to + "@example.net>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:" + from + "@" + via + ":5060>\r\n"
                + extra
                + "User-Agent: TestPhone 1.0\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    static String response(String callId, int status, String reason, String to) {
        return "SIP/2.0 " + status + " " + reason + "\r\n"
                + "Via: SIP/2.0/UDP 0.0.0.0:5060;branch=z9hG4bK-" + callId + "\r\n"
                + "From: <sip:caller@example.net>;tag=f-" + callId + "\r\n"
                + "To: <sip:" + to + "@example.net>" + (status > 100 ? ";tag=t-" + callId : "") + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
