package org.sipladder.capture;

/**
 * TLS cannot be decrypted without keys: its segments are counted and dropped, never guessed at. The record headers of
 * the handshake are read (RFC 8446 5.1: type, version, length), to tell a ClientHello from the rest and to find a
 * fatal alert sent in the clear, which only a handshake that failed has (RFC 5246 7.2, RFC 8446 6: once keys are
 * agreed, alerts are encrypted): that is told on as an {@link Unreachable} naming the alert.
 */
final class TlsDecoder implements StreamDecoder {

    private static final int HANDSHAKE = 22;
    private static final int ALERT = 21;
    private static final int APPLICATION_DATA = 23;
    /** Records read at most: a handshake has a few; after them (or after encrypted data) the rest is only counted. */
    private static final int MAX_RECORDS = 32;

    /** The current record's header and first two body bytes, collected across segments. */
    private final byte[] head = new byte[7];
    private int headLength;
    /** Body bytes of the current record still to pass over. */
    private int skip;
    private int records;
    /** The handshake is over, or the bytes no longer frame as records: nothing more is read. */
    private boolean done;
    /** This direction sent a ClientHello, in this frame at this time. */
    private boolean hello;
    private long helloFrame;
    private long helloMicros;
    /** This direction sent a record other than a ClientHello after it: the server must have answered. */
    private boolean beyondHello;
    /** This direction ended its connection (FIN or reset): it waits for no answer any more. */
    private boolean ended;
    /** A failed handshake was told on (once per connection). */
    private boolean told;

    @Override
    public StreamDecoder decode(StreamBuffer buffer, StreamContext context) {
        context.sink().tlsPacket(Math.min(context.srcPort(), context.dstPort()));
        if (!done) {
            read(buffer.array(), buffer.start(), buffer.end(), context);
        }
        buffer.clear();
        return this;
    }

    private void read(byte[] a, int at, int end, StreamContext context) {
        while (at < end && !done) {
            if (skip > 0) {
                int n = Math.min(skip, end - at);
                at += n;
                skip -= n;
                continue;
            }
            while (headLength < 5 && at < end) {
                head[headLength++] = a[at++];
            }
            if (headLength < 5) {
                return;
            }
            int length = Wire.u16(head, 3);
            int want = 5 + Math.min(length, 2);
            while (headLength < want && at < end) {
                head[headLength++] = a[at++];
            }
            if (headLength < want) {
                return;
            }
            record(head[0] & 0xff, length, context);
            skip = length - (want - 5);
            headLength = 0;
        }
    }

    private void record(int type, int length, StreamContext context) {
        boolean clientHello = type == HANDSHAKE && length > 0 && head[5] == 1;
        beyondHello |= hello && !clientHello;
        if (!SniffingDecoder.isTlsRecord(head[0], head[1]) || ++records > MAX_RECORDS) {
            done = true;
        } else if (clientHello) {
            if (!hello) {
                helloFrame = context.sink().frame();
                helloMicros = context.sink().micros();
            }
            hello = true;
        } else if (type == ALERT && length == 2 && head[5] == 2) {
            done = true; // a fatal alert in the clear: the handshake failed
            failed(context, hello, "fatal alert " + TlsAlert.describe(head[6] & 0xff) + (hello ? Unreachable.FROM_CLIENT
                    : Unreachable.FROM_SERVER));
        } else if (type == APPLICATION_DATA) {
            done = true;
        }
    }

    /**
     * True when this direction sent a ClientHello and nothing was told of its connection yet: what the other
     * direction does next (close, reset, answer in plain text) decides whether the handshake failed.
     */
    boolean awaitsServerHello() {
        return hello && !told;
    }

    /**
     * How long this direction has waited at {@code nowMicros} since its ClientHello, when it sent that and nothing
     * else and nothing was told of its connection yet; -1 otherwise. Whether the other side was silent meanwhile is
     * the caller's to know.
     */
    long waitingSinceHello(long nowMicros) {
        return hello && !beyondHello && !ended && !done && !told ? nowMicros - helloMicros : -1;
    }

    /** This direction ended its connection (FIN or reset): a wait for the server's answer is over. */
    void ended() {
        ended = true;
    }

    /**
     * Tells that the server said nothing for {@code waitedMicros} after this direction's ClientHello, the wait ended as
     * {@code how} (see {@link Unreachable#TLS_UNANSWERED}).
     */
    void unanswered(StreamContext context, String how, long waitedMicros) {
        if (told) {
            return;
        }
        told = true;
        done = true;
        IpPair pair = context.pair();
        context.sink().unanswered(helloFrame, helloMicros, pair.src(context.srcPort()), pair.dst(context.dstPort()),
                Unreachable.TLS_FAILED + Unreachable.TLS_UNANSWERED + how, waitedMicros);
    }

    /**
     * Tells that the handshake of this direction's connection failed for {@code why}; {@code fromClient} when this
     * direction is the client's (the one that sent the ClientHello). The reporter is the side whose act ended it.
     */
    void failed(StreamContext context, boolean fromClient, String why) {
        if (told) {
            return;
        }
        told = true;
        done = true;
        IpPair pair = context.pair();
        Endpoint client = fromClient ? pair.src(context.srcPort()) : pair.dst(context.dstPort());
        Endpoint server = fromClient ? pair.dst(context.dstPort()) : pair.src(context.srcPort());
        context.sink().unreachable(pair.src(0).address(), client, server, false, Unreachable.TLS_FAILED + why);
    }
}
