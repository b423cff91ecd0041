package org.sipladder.media;

import java.util.List;

/**
 * How little RTP one way counts as none while the other way carries the call (a first packet to open a NAT binding,
 * a burst before a media server stopped): the one-way audio finding and the ladder's one-way mark both judge by it,
 * so that a mark and a finding go together.
 */
public final class Trickle {

    /** Fewer packets than this (half a second of 20 ms audio) one way can be a trickle. */
    public static final long PACKETS = 25;
    /** The other way must carry at least this many (a stream's worth to judge) and ten times as many. */
    public static final long AGAINST = 100;
    /** RFC 3551's static payload type of comfort noise (RFC 3389). */
    public static final int COMFORT_NOISE = 13;

    private Trickle() {
    }

    /**
     * Whether {@code oneWay} carried only a trickle against {@code otherWay}; comfort noise is never one (a sender
     * that uses it goes quiet on purpose).
     */
    public static boolean only(List<RtpStream> oneWay, List<RtpStream> otherWay) {
        long packets = packets(oneWay);
        return packets < PACKETS && packets(otherWay) >= Math.max(AGAINST, 10 * packets) && !comfortNoise(oneWay);
    }

    /** The packets of {@code streams}, those before the answer included. */
    public static long packets(List<RtpStream> streams) {
        long n = 0;
        for (RtpStream s : streams) {
            n += s.stats().packets() + s.earlyPackets();
        }
        return n;
    }

    /** Whether any of {@code streams} carries RFC 3389 comfort noise. */
    public static boolean comfortNoise(List<RtpStream> streams) {
        return streams.stream().anyMatch(s -> s.payloadTypes().contains(COMFORT_NOISE) || "CN".equalsIgnoreCase(s.codec()));
    }
}
