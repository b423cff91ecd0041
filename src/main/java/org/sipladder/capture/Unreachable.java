package org.sipladder.capture;

/**
 * An ICMP "destination unreachable" error (ICMPv4 type 3, ICMPv6 type 1) about a UDP or TCP packet: a router or the
 * destination host telling the sender that its packet could not be delivered, with the addresses and ports of the
 * packet it quotes; or a TCP connection attempt refused with a reset, which tells the same as a port unreachable; or
 * a TCP connection attempt whose SYN was sent again with no answer at all ({@link #UNANSWERED}: the silence a firewall
 * that drops, or a host that is down, leaves). A SIP request that gets no answer, or RTP that nobody hears, is
 * explained by one of these. A TLS handshake that failed ({@link #TLS_FAILED}) is told the same way: the SIP meant
 * for that connection never left either.
 *
 * @param frame    the frame the error came in
 * @param micros   its capture time
 * @param reporter the address that sent the error (the destination host itself, or a router or firewall before it;
 *                 for {@link #UNANSWERED}, the destination that did not answer)
 * @param src      where the refused packet came from
 * @param dst      where it was going
 * @param udp      true for a UDP packet, false for TCP
 * @param reason   what the error's code says, e.g. "port unreachable"
 * @param waitedMicros how long the sender waited in silence before it gave up (a TLS client after a ClientHello the
 *                 server never answered, {@link #TLS_UNANSWERED}), or to the end of the capture; 0 for other kinds
 */
public record Unreachable(long frame, long micros, String reporter, Endpoint src, Endpoint dst, boolean udp,
                          String reason, long waitedMicros) {

    /** True for "port unreachable" or a refused TCP connection: the host was reached and nothing listens on the port. */
    public boolean portClosed() {
        return reason.equals(PORT) || reason.equals(REFUSED);
    }

    /** True for an ICMP error, false for a TCP connection refused with a reset or left unanswered. */
    public boolean icmp() {
        return !reason.equals(REFUSED) && !reason.equals(UNANSWERED) && !tls();
    }

    /** True for a TLS handshake that failed ({@link #TLS_FAILED}): src is the client, dst the server. */
    public boolean tls() {
        return reason.startsWith(TLS_FAILED);
    }

    /** What ended a failed TLS handshake, e.g. "fatal alert unknown_ca (48)"; empty for other kinds. */
    public String tlsFailure() {
        return tls() ? reason.substring(TLS_FAILED.length()) : "";
    }

    /** True for a TCP connection attempt refused with a reset ({@link #REFUSED}). */
    public boolean refused() {
        return reason.equals(REFUSED);
    }

    /** True for a TCP connection attempt whose SYN was sent again and got no answer ({@link #UNANSWERED}). */
    public boolean unanswered() {
        return reason.equals(UNANSWERED);
    }

    static final String PORT = "port unreachable";
    /** A TCP connection attempt (SYN) answered by a reset: the host is up and nothing listens on the port. */
    public static final String REFUSED = "connection refused (TCP reset)";
    /**
     * A TCP connection attempt whose SYN was sent again (same ports and initial sequence number, RFC 6298's backoff)
     * with nothing back from the destination so far: no SYN-ACK, no reset. One is told for each SYN sent again, in the
     * frame of that SYN, so that SIP between the hosts after it shows the attempt succeeded after all.
     */
    public static final String UNANSWERED = "no answer to TCP SYN (sent again)";
    /**
     * The start of the reason of a TLS handshake that failed before any encrypted data: a fatal alert sent in the clear
     * (by either side, named), the server closing or resetting the connection right after the ClientHello, or
     * answering it with bytes that are not TLS. The reporter is the side whose act ended the handshake.
     */
    public static final String TLS_FAILED = "TLS handshake failed: ";
    /**
     * What follows {@link #TLS_FAILED} when the server said nothing after the ClientHello (no ServerHello, no alert, no
     * close) for {@link #waitedMicros}: then how the wait ended, "; the client closed the connection (FIN)", "; the
     * client reset the connection" or ", to the end of the capture". Told with the ClientHello's frame and time, the
     * server as reporter (the side that did not answer, as for {@link #UNANSWERED}).
     */
    public static final String TLS_UNANSWERED = "no answer to the ClientHello";
    /** How a fatal alert's reason ends when the client (the side that sent the ClientHello) sent it. */
    public static final String FROM_CLIENT = " from the client";
    /** How a fatal alert's reason ends when the server sent it. */
    public static final String FROM_SERVER = " from the server";

    /** What an ICMPv4 destination-unreachable code means (RFC 792, RFC 1812). */
    static String v4Reason(int code) {
        return switch (code) {
            case 0 -> "network unreachable";
            case 1 -> "host unreachable";
            case 2 -> "protocol unreachable";
            case 3 -> PORT;
            case 4 -> "fragmentation needed";
            case 9, 10, 13 -> "administratively prohibited";
            default -> "destination unreachable (code " + code + ")";
        };
    }

    /** What an ICMPv6 destination-unreachable code means (RFC 4443). */
    static String v6Reason(int code) {
        return switch (code) {
            case 0 -> "no route to destination";
            case 1, 5, 6 -> "administratively prohibited";
            case 3 -> "address unreachable";
            case 4 -> PORT;
            default -> "destination unreachable (code " + code + ")";
        };
    }
}
