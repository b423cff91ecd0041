package org.sipladder.capture;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sipladder.Limits;

/**
 * Reads SIP from SCTP DATA chunks (RFC 4168: one SIP message per user message), joining user messages that
 * were split over several chunks with the B/E flags.
 */
final class SctpDecoder {

    private static final int DATA = 0;
    private static final int MAX_STREAMS = Limits.SCTP_MESSAGES_IN_PROGRESS;
    private static final int MAX_MESSAGE = Limits.FRAMED_MESSAGE_BYTES;

    /** One SCTP stream of one direction of an association. */
    private record StreamKey(IpPair pair, int srcPort, int dstPort, int streamId) {
    }

    private final PayloadSink sink;
    private final Map<StreamKey, ByteArrayOutputStream> partial = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<StreamKey, ByteArrayOutputStream> eldest) {
            if (size() > MAX_STREAMS) {
                sink.warn("frame " + sink.frame() + ": more than " + MAX_STREAMS + " SCTP messages in progress; the "
                        + "oldest (" + describe(eldest.getKey()) + ") was dropped");
                return true;
            }
            return false;
        }
    };

    SctpDecoder(PayloadSink sink) {
        this.sink = sink;
    }

    void packet(IpHeader header, byte[] a, int off, int len) {
        if (len < 12) {
            return;
        }
        int srcPort = Wire.u16(a, off);
        int dstPort = Wire.u16(a, off + 2);
        int end = off + len;
        for (int at = off + 12; at + 4 <= end; ) {
            int type = a[at] & 0xff;
            int flags = a[at + 1] & 0xff;
            int length = Wire.u16(a, at + 2);
            if (length < 4 || at + length > end) {
                return;
            }
            if (type == DATA && length > 16) {
                data(header, srcPort, dstPort, Wire.u16(a, at + 8), flags, a, at + 16, length - 16);
            }
            at += (length + 3) & ~3;
        }
    }

    private void data(IpHeader header, int srcPort, int dstPort, int streamId, int flags, byte[] a, int off, int len) {
        boolean begin = (flags & 0x02) != 0;
        boolean end = (flags & 0x01) != 0;
        if (begin && end) {
            emitIfSip(header.pair(), srcPort, dstPort, a, off, len);
            return;
        }
        StreamKey key = new StreamKey(header.pair(), srcPort, dstPort, streamId);
        ByteArrayOutputStream message = begin ? new ByteArrayOutputStream() : partial.get(key);
        if (message == null) {
            return; // a middle or end piece whose beginning was not captured
        }
        message.write(a, off, len);
        if (end || message.size() > MAX_MESSAGE) {
            partial.remove(key);
            if (!end) {
                sink.warn("frame " + sink.frame() + ": " + describe(key) + ": a message of more than " + MAX_MESSAGE
                        + " bytes was dropped");
            } else {
                byte[] whole = message.toByteArray();
                emitIfSip(key.pair(), srcPort, dstPort, whole, 0, whole.length);
            }
        } else {
            partial.put(key, message);
        }
    }

    private static String describe(StreamKey key) {
        return "SCTP stream " + key.streamId() + " of " + key.pair().src(key.srcPort()) + " > "
                + key.pair().dst(key.dstPort());
    }

    private void emitIfSip(IpPair pair, int srcPort, int dstPort, byte[] a, int off, int len) {
        if (SipFraming.wholeStartLine(a, off, off + len) > 0) {
            // one SIP message per SCTP user message (RFC 4168 5): bytes after its Content-Length are flagged
            int sip = TransportDecoder.datagramMessageLength(a, off, off + len);
            sink.afterMessage(a, off + sip, off + len);
            sink.emit(sink.endpoint(pair.srcAddress(), 0, pair.srcAddress().length, srcPort),
                    sink.endpoint(pair.dstAddress(), 0, pair.dstAddress().length, dstPort), Transport.SCTP, a, off,
                    sip);
        }
    }
}
