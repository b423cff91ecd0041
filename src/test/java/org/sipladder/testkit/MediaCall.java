package org.sipladder.testkit;

/**
 * A call with media for tests of the media views: INVITE with SDP 10.0.0.1:40000, 200 OK with SDP
 * 10.0.0.2:50000, ACK, then RTP both ways (PCMA by default, 20 ms packets), and BYE/200 after it.
 */
public final class MediaCall {

    public static final long T0 = 1_763_900_000_000_000L;
    public static final String CALLER = "10.0.0.1:40000";
    public static final String CALLEE = "10.0.0.2:50000";
    public static final long CALLER_SSRC = 0x1111L;
    public static final long CALLEE_SSRC = 0x2222L;

    private MediaCall() {
    }

    /**
     * The call with {@code packets} RTP packets each way of payload type {@code pt} (0 PCMU, 8 PCMA), every byte of
     * the caller's payload {@code callerByte}; the callee's stream loses its packets {@code lostEvery}-th (0: none).
     * With {@code oneWay} only the caller sends.
     */
    public static Captures of(String callId, int pt, int packets, int callerByte, int lostEvery, boolean oneWay) {
        return of(callId, pt, packets, callerByte, lostEvery, oneWay, 0);
    }

    /** As {@link #of(String, int, int, int, int, boolean)}, every other packet of the caller {@code lateMicros} late. */
    public static Captures of(String callId, int pt, int packets, int callerByte, int lostEvery, boolean oneWay,
                              long lateMicros) {
        return of(callId, pt, packets, callerByte, lostEvery, oneWay, lateMicros, packets, 0);
    }

    /**
     * As {@link #of(String, int, int, int, int, boolean, long)}, the caller's RTP clock {@code shift} samples ahead
     * from its packet {@code shiftAt} on, which has the marker bit: a sender resuming after a hold.
     */
    public static Captures of(String callId, int pt, int packets, int callerByte, int lostEvery, boolean oneWay,
                              long lateMicros, int shiftAt, long shift) {
        String answer = SipText.response(200, "OK", "INVITE", callId, 1).replace("Content-Length: 0\r\n\r\n", "");
        String body = Rtp.sdp("10.0.0.2", 50000, "sendrecv");
        answer += "Content-Type: application/sdp\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        Captures c = Captures.pcap()
                .udp(T0, "10.0.0.1:5060", "10.0.0.2:5060",
                        SipText.request("INVITE", "sip:bob@10.0.0.2", callId, 1, Rtp.sdp("10.0.0.1", 40000, "sendrecv")))
                .udp(T0 + 1000, "10.0.0.2:5060", "10.0.0.1:5060", answer)
                .udp(T0 + 2000, "10.0.0.1:5060", "10.0.0.2:5060", SipText.request("ACK", "sip:bob@10.0.0.2", callId, 1, ""));
        byte[] payload = new byte[160];
        java.util.Arrays.fill(payload, (byte) callerByte);
        for (int i = 0; i < packets; i++) {
            long t = T0 + 100_000 + i * 20_000L;
            c.udp(t + (i % 2) * lateMicros, CALLER, CALLEE, Rtp.packet(pt, 1 + i,
                    (160L * i + (i < shiftAt ? 0 : shift)) & 0xffffffffL, CALLER_SSRC, i == 0 || i == shiftAt, payload));
            if (!oneWay && (lostEvery == 0 || (i + 1) % lostEvery != 0)) {
                c.udp(t + 5_000, CALLEE, CALLER, Rtp.packet(pt, 100 + i, 1000 + 160L * i, CALLEE_SSRC, i == 0));
            }
        }
        long end = T0 + 200_000 + packets * 20_000L;
        c.udp(end, "10.0.0.1:5060", "10.0.0.2:5060", SipText.request("BYE", "sip:bob@10.0.0.2", callId, 2, ""));
        c.udp(end + 1000, "10.0.0.2:5060", "10.0.0.1:5060", SipText.response(200, "OK", "BYE", callId, 2));
        return c;
    }

    /**
     * Adds to {@code c} the {@code n}th of a series of answered calls from alice (10.0.0.1) to bob (10.0.0.2), 10 s
     * after the one before, with 200 RTP packets (PCMA) each way on ports of its own; with {@code dropout} bob's
     * stream loses 10 packets in a row (200 ms of audio), with {@code oneWay} bob sends none.
     */
    public static void nth(Captures c, int n, String callId, boolean dropout, boolean oneWay) {
        long start = T0 + n * 10_000_000L;
        int alicePort = 40000 + 2 * n;
        int bobPort = 50000 + 2 * n;
        String answer = SipText.response(200, "OK", "INVITE", callId, 1).replace("Content-Length: 0\r\n\r\n", "");
        String body = Rtp.sdp("10.0.0.2", bobPort, "sendrecv");
        answer += "Content-Type: application/sdp\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        c.udp(start, "10.0.0.1:5060", "10.0.0.2:5060", SipText.request("INVITE", "sip:bob@10.0.0.2", callId, 1,
                Rtp.sdp("10.0.0.1", alicePort, "sendrecv")));
        c.udp(start + 1000, "10.0.0.2:5060", "10.0.0.1:5060", answer);
        c.udp(start + 2000, "10.0.0.1:5060", "10.0.0.2:5060", SipText.request("ACK", "sip:bob@10.0.0.2", callId, 1, ""));
        String alice = "10.0.0.1:" + alicePort;
        String bob = "10.0.0.2:" + bobPort;
        int packets = 200;
        for (int i = 0; i < packets; i++) {
            long t = start + 100_000 + i * 20_000L;
            c.udp(t, alice, bob, Rtp.packet(8, 1 + i, 160L * i, 0x1000 + n, i == 0));
            if (!oneWay && (!dropout || i < 100 || i >= 110)) {
                c.udp(t + 5_000, bob, alice, Rtp.packet(8, 1 + i, 160L * i, 0x2000 + n, i == 0));
            }
        }
        long end = start + 200_000 + packets * 20_000L;
        c.udp(end, "10.0.0.1:5060", "10.0.0.2:5060", SipText.request("BYE", "sip:bob@10.0.0.2", callId, 2, ""));
        c.udp(end + 1000, "10.0.0.2:5060", "10.0.0.1:5060", SipText.response(200, "OK", "BYE", callId, 2));
    }
}
