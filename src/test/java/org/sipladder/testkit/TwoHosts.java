package org.sipladder.testkit;

import java.nio.file.Path;

/**
 * One call captured at both ends of a hop: host A (10.0.0.1, a B2BUA that also takes the call from a carrier at
 * 192.0.2.9) and host B (10.0.0.2), whose clock runs {@link #B_AHEAD_MICROS} ahead of A's. Every message takes
 * {@link #TRANSIT_MICROS} between A and B.
 */
public final class TwoHosts {

    public static final long B_AHEAD_MICROS = 2_500_000;
    public static final long TRANSIT_MICROS = 10_000;
    public static final long T0 = 1_700_000_000_000_000L;
    private static final String A = "10.0.0.1:5060";
    private static final String B = "10.0.0.2:5060";
    private static final String CARRIER = "192.0.2.9:5060";

    private final Captures atA = Captures.pcap();
    private final Captures atB = Captures.pcap();

    public TwoHosts() {
        atA.udp(T0 - 50_000, CARRIER, A, SipText.request("INVITE", "sip:+4930555@a.example", "carrier-leg", 1, ""));
        aToB(T0, SipText.request("INVITE", "sip:+4930555@b.example", "hop-leg", 1, ""));
        bToA(T0 + 15_000, SipText.response(100, "Trying", "INVITE", "hop-leg", 1));
        bToA(T0 + 900_000, SipText.response(200, "OK", "INVITE", "hop-leg", 1));
        aToB(T0 + 950_000, SipText.request("ACK", "sip:+4930555@b.example", "hop-leg", 1, ""));
        bToA(T0 + 5_000_000, SipText.request("BYE", "sip:+4930555@a.example", "hop-leg", 2, ""));
        aToB(T0 + 5_020_000, SipText.response(200, "OK", "BYE", "hop-leg", 2));
    }

    /** A sends at {@code micros} by A's clock. */
    private void aToB(long micros, String text) {
        atA.udp(micros, A, B, text);
        atB.udp(micros + TRANSIT_MICROS + B_AHEAD_MICROS, A, B, text);
    }

    /** B sends at {@code micros} by A's clock. */
    private void bToA(long micros, String text) {
        atB.udp(micros + B_AHEAD_MICROS, B, A, text);
        atA.udp(micros + TRANSIT_MICROS, B, A, text);
    }

    public Path writeA(Path file) {
        return atA.write(file);
    }

    public Path writeB(Path file) {
        return atB.write(file);
    }
}
