package org.sipladder.capture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sipladder.Limits;

/** All TCP directions seen in a capture, each reassembled on its own; bounded to the most recently active. */
final class TcpReassembly {

    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int ACK = 0x10;
    private static final int MAX_DIRECTIONS = Limits.TCP_DIRECTIONS;
    private static final long MAX_HELD = Limits.TCP_HELD_BYTES;
    /** Where ending directions for {@link #MAX_HELD} stops: a quarter below it, so it is not done at every segment. */
    private static final long HELD_AFTER_SHEDDING = MAX_HELD - MAX_HELD / 4;
    /**
     * The silence after a ClientHello that a client's giving up (FIN, reset) must follow to tell of a server that did
     * not answer: a server answers within a round trip, and a client leaving sooner gave up on its own.
     */
    private static final long GAVE_UP_AFTER_MICROS = 1_000_000;
    /** The silence after a ClientHello to the end of the capture that tells the same: not a capture cut short. */
    private static final long SILENT_TO_THE_END_MICROS = 5_000_000;

    /**
     * One direction of one connection. equals and hashCode are written out (the same hash as the generated one): a
     * record's are linked at their first call by a bootstrap that spins method handles, ~20-40 ms of the capture
     * reader's thread at the first TCP segment of every read.
     */
    private record Key(IpPair pair, int srcPort, int dstPort) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && srcPort == key.srcPort && dstPort == key.dstPort
                    && Objects.equals(pair, key.pair);
        }

        @Override
        public int hashCode() {
            return (Objects.hashCode(pair) * 31 + srcPort) * 31 + dstPort;
        }
    }

    private final PayloadSink sink;
    private final HepDecoder hep;
    private final Map<Key, TcpDirection> directions = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, TcpDirection> eldest) {
            if (size() > MAX_DIRECTIONS) {
                finish(eldest.getValue());
                return true;
            }
            return false;
        }
    };
    /** Bytes all directions hold ({@link TcpDirection#heldBytes}), kept up to date at each change. */
    private long held;
    private boolean toldHeld;

    TcpReassembly(PayloadSink sink, HepDecoder hep) {
        this.sink = sink;
        this.hep = hep;
    }

    void segment(IpHeader header, byte[] a, int off, int len) {
        if (len < 20) {
            return;
        }
        int dataOffset = ((a[off + 12] & 0xf0) >> 4) * 4;
        if (dataOffset < 20 || dataOffset > len) {
            return;
        }
        int flags = a[off + 13] & 0x3f;
        int payload = len - dataOffset;
        if (payload == 0 && (flags & (SYN | FIN | RST)) == 0) {
            return; // a bare ACK changes nothing we track
        }
        Key key = new Key(header.pair(), Wire.u16(a, off), Wire.u16(a, off + 2));
        TcpDirection direction = directions.get(key);
        if (direction == null) {
            if (payload == 0 && (flags & SYN) == 0) {
                if ((flags & RST) != 0) {
                    refused(key);
                    reset(key); // from a side that sent nothing seen: its sequence number cannot be checked
                }
                return;
            }
            direction = new TcpDirection(new StreamContext(key.pair(), key.srcPort(), key.dstPort(), sink, hep, this));
            directions.put(key, direction);
        }
        int seq = Wire.int32(a, off + 4);
        if ((flags & (SYN | ACK)) == SYN && direction.synSentAgain(seq)) {
            unanswered(key);
        } else if ((flags & (FIN | RST)) != 0 && payload == 0 && direction.onlyOpened()) {
            closedAfterHello(key, direction, (flags & RST) != 0);
        } else if ((flags & (FIN | RST)) != 0) {
            gaveUpWaiting(key, direction, (flags & RST) != 0);
        }
        long before = direction.heldBytes();
        boolean reset = direction.segment(seq, flags, a, off + dataOffset, payload);
        held += direction.heldBytes() - before;
        if (reset) {
            reset(key);
        }
        if (held > MAX_HELD) {
            shed();
        }
    }

    /** Ends {@code direction} (what it holds is delivered), keeping {@link #held} up to date. */
    private void finish(TcpDirection direction) {
        long before = direction.heldBytes();
        direction.finish();
        held += direction.heldBytes() - before;
    }

    /**
     * All directions together hold more than {@link #MAX_HELD}: the least recently active ones that hold bytes are
     * ended and forgotten, as the eldest is past {@link #MAX_DIRECTIONS} (a stream that goes on starts anew at its
     * next segment), until a quarter below the bound. Told once per capture.
     */
    private void shed() {
        if (!toldHeld) {
            toldHeld = true;
            sink.warn("frame " + sink.frame() + ": TCP streams held more than " + (MAX_HELD >> 20) + " MB of messages "
                    + "not yet complete (Limits.TCP_HELD_BYTES); the least recently active were ended early, what they "
                    + "held kept as messages cut short, and so on whenever the bound is reached again");
        }
        // a copy: finishing a direction may look up its reverse, which reorders the access-ordered map
        for (Map.Entry<Key, TcpDirection> e : new ArrayList<>(directions.entrySet())) {
            if (held <= HELD_AFTER_SHEDDING) {
                return;
            }
            if (e.getValue().heldBytes() > 0) {
                finish(e.getValue());
                directions.remove(e.getKey());
            }
        }
    }

    /** Bytes all directions hold now. */
    long heldBytes() {
        return held;
    }

    /**
     * A connection attempt's SYN sent again: told on as {@link Unreachable#UNANSWERED} while nothing came back from the
     * destination (a SYN-ACK or any segment would have made the answering direction; a reset marks the attempt refused).
     */
    private void unanswered(Key key) {
        if (reverse(key.pair(), key.srcPort(), key.dstPort()) == null) {
            IpPair pair = key.pair();
            sink.unreachable(pair.dst(0).address(), pair.src(key.srcPort()), pair.dst(key.dstPort()), false,
                    Unreachable.UNANSWERED);
        }
    }

    /**
     * A reset from a side that sent nothing, to a side that sent only its SYN: the connection was refused (nothing
     * listens on the port, RFC 9293 3.10.7.1), told on as an {@link Unreachable} like an ICMP port unreachable.
     */
    private void refused(Key key) {
        TcpDirection attempt = reverse(key.pair(), key.srcPort(), key.dstPort());
        if (attempt != null && attempt.onlyOpened()) {
            attempt.refused();
            IpPair pair = key.pair();
            sink.unreachable(pair.src(0).address(), pair.dst(key.dstPort()), pair.src(key.srcPort()), false,
                    Unreachable.REFUSED);
        }
    }

    /**
     * The side that accepted a connection and sent nothing closes or resets it: right after a ClientHello from the
     * other side, the TLS handshake failed there (a server that takes no TLS, or refuses the hello without an alert).
     */
    private void closedAfterHello(Key key, TcpDirection direction, boolean reset) {
        TcpDirection client = reverse(key.pair(), key.srcPort(), key.dstPort());
        if (client != null && client.decoder() instanceof TlsDecoder tls && tls.awaitsServerHello()) {
            tls.failed(direction.context(), false, (reset ? "reset" : "closed (FIN)")
                    + " by the server right after the ClientHello, with no answer");
        }
    }

    /**
     * The side that sent a ClientHello, and nothing else, closes or resets the connection at least
     * {@link #GAVE_UP_AFTER_MICROS} later while the other side sent nothing after its SYN-ACK: the client gave up
     * waiting for a server whose TLS never answered.
     */
    private void gaveUpWaiting(Key key, TcpDirection client, boolean reset) {
        if (client.decoder() instanceof TlsDecoder tls) {
            long waited = tls.waitingSinceHello(sink.micros());
            if (waited >= GAVE_UP_AFTER_MICROS && silent(key)) {
                tls.unanswered(client.context(), reset ? "; the client reset the connection"
                        : "; the client closed the connection (FIN)", waited);
            }
            tls.ended();
        }
    }

    /** True when the side answering direction {@code key} accepted the connection (SYN-ACK) and sent nothing since. */
    private boolean silent(Key key) {
        TcpDirection other = reverse(key.pair(), key.srcPort(), key.dstPort());
        return other != null && other.onlyOpened();
    }

    /**
     * At the end of the capture, a ClientHello still waiting, with {@link #SILENT_TO_THE_END_MICROS} or more of capture
     * after it and nothing from the server: its TLS did not answer, though the client had not given up yet.
     */
    private void silentToTheEnd(Key key, TcpDirection client, long endMicros) {
        if (client.decoder() instanceof TlsDecoder tls && silent(key)) {
            long waited = tls.waitingSinceHello(endMicros);
            if (waited >= SILENT_TO_THE_END_MICROS) {
                tls.unanswered(client.context(), ", to the end of the capture", waited);
            }
        }
    }

    /**
     * A reset from the sender of direction {@code key} aborts the connection in both directions (RFC 9293
     * 3.10.7.4): the answering direction ends too, delivering what it holds.
     */
    private void reset(Key key) {
        TcpDirection other = reverse(key.pair(), key.srcPort(), key.dstPort());
        if (other != null) {
            finish(other);
        }
    }

    /** The direction that answers the one from {@code srcPort} to {@code dstPort} of {@code pair}, or null. */
    TcpDirection reverse(IpPair pair, int srcPort, int dstPort) {
        return directions.get(new Key(new IpPair(pair.dstAddress(), pair.srcAddress()), dstPort, srcPort));
    }

    /** End of file: every open direction delivers what it holds. */
    void finish() {
        long end = sink.micros();
        // a copy: reverse() reorders the access-ordered map
        for (Map.Entry<Key, TcpDirection> e : new ArrayList<>(directions.entrySet())) {
            silentToTheEnd(e.getKey(), e.getValue(), end);
        }
        List<TcpDirection> open = new ArrayList<>(directions.values());
        directions.clear();
        for (TcpDirection d : open) {
            finish(d);
        }
    }
}
