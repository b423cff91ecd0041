package org.sipladder.capture;

import java.nio.charset.StandardCharsets;
import org.sipladder.ByteWords;

/**
 * An HTTP direction: waits for the header block that opens a WebSocket connection (the client's
 * {@code Upgrade: websocket} request or the server's {@code 101} answer) and hands the rest of the direction to the
 * WebSocket decoder. Any other HTTP message is skipped whole, body included (by its Content-Length; a body of unknown
 * length takes the rest of the direction), so that SIP text inside an HTTP body never becomes a message.
 */
final class HttpUpgradeDecoder implements StreamDecoder {

    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WEBSOCKET = "websocket".getBytes(StandardCharsets.US_ASCII);

    /** Body bytes of the current HTTP message still to skip. */
    private long bodyLeft;
    /** The framing is lost (chunked or unknown body length): nothing in this direction is looked at any more. */
    private boolean unframed;

    @Override
    public StreamDecoder decode(StreamBuffer buffer, StreamContext context) {
        while (buffer.size() > 0) {
            if (unframed) {
                buffer.consume(buffer.size());
                return this;
            }
            if (bodyLeft > 0) {
                int skip = (int) Math.min(bodyLeft, buffer.size());
                buffer.consume(skip);
                bodyLeft -= skip;
                continue;
            }
            byte[] a = buffer.array();
            int s = buffer.start();
            if (a[s] == '\r' || a[s] == '\n') {
                buffer.consume(1);
                continue;
            }
            if (!SniffingDecoder.startsWith(a, s, buffer.size(), "HTTP/") && !isRequestLine(a, s, buffer.end())) {
                unframed = true;
                continue;
            }
            int headerEnd = SipFraming.headerEnd(a, s, buffer.end());
            if (headerEnd < 0) {
                if (buffer.size() > SipStreamDecoder.MAX_HEADER) {
                    context.sink().warn("frame " + context.sink().frame() + ": HTTP stream " + context.describe()
                            + " has a header block longer than " + SipStreamDecoder.MAX_HEADER
                            + " bytes (Limits.STREAM_HEADER_BYTES); the rest of the stream is skipped");
                    unframed = true;
                    continue;
                }
                return this;
            }
            boolean upgrade = SniffingDecoder.startsWith(a, s, buffer.size(), "HTTP/1.1 101")
                    || SniffingDecoder.startsWith(a, s, buffer.size(), "HTTP/1.0 101")
                    || containsIgnoreCase(a, s, headerEnd, WEBSOCKET);
            if (upgrade) {
                // the server's answer says what compression was agreed (RFC 7692), for both directions
                StreamDecoder next = SniffingDecoder.startsWith(a, s, buffer.size(), "HTTP/")
                        ? WebSocketDecoder.server(PerMessageDeflate.inAnswer(a, s, headerEnd))
                        : WebSocketDecoder.client();
                buffer.consume(headerEnd - s);
                return next;
            }
            long length = contentLength(a, s, headerEnd);
            buffer.consume(headerEnd - s);
            if (length < 0) {
                unframed = !SniffingDecoder.startsWith(a, s, headerEnd - s, "GET ")
                        && !SniffingDecoder.startsWith(a, s, headerEnd - s, "HEAD ");
            } else {
                bodyLeft = length;
            }
        }
        return this;
    }

    /** An HTTP request line: a method token, a space and a line ending in HTTP/x. */
    private static boolean isRequestLine(byte[] a, int s, int end) {
        int lf = ByteWords.indexOf(a, s, Math.min(end, s + 8192), (byte) '\n');
        if (lf < 0) {
            return end - s < 8192; // wait for the line end before judging
        }
        int lineEnd = lf > s && a[lf - 1] == '\r' ? lf - 1 : lf;
        return lineEnd - s > 9 && SniffingDecoder.startsWith(a, lineEnd - 8, 8, "HTTP/1.") && a[lineEnd - 9] == ' ';
    }

    /** The Content-Length of the header block {@code a[s, headerEnd)}, or -1 when it has none (or is chunked). */
    private static long contentLength(byte[] a, int s, int headerEnd) {
        for (int line = s; line < headerEnd; ) {
            int lf = ByteWords.indexOf(a, line, headerEnd, (byte) '\n');
            int next = lf < 0 ? headerEnd : lf + 1;
            if (SipFraming.regionMatchesIgnoreCase(a, line, next, CONTENT_LENGTH)) {
                long v = 0;
                int digits = 0;
                for (int i = line + 15; i < next && digits < 12; i++) {
                    if (a[i] >= '0' && a[i] <= '9') {
                        v = v * 10 + (a[i] - '0');
                        digits++;
                    } else if (digits > 0) {
                        break;
                    }
                }
                return digits == 0 ? -1 : v;
            }
            line = next;
        }
        return -1;
    }

    private static boolean containsIgnoreCase(byte[] a, int from, int end, byte[] lower) {
        for (int i = from; i + lower.length <= end; i++) {
            if (SipFraming.regionMatchesIgnoreCase(a, i, end, lower)) {
                return true;
            }
        }
        return false;
    }
}
