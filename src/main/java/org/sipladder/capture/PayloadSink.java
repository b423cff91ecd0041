package org.sipladder.capture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns found messages into {@link SipPayload}s for the listener, stamped with the packet being decoded,
 * and collects warnings (the first {@value #MAX_WARNINGS} go to the listener).
 */
final class PayloadSink {

    static final int MAX_WARNINGS = 100;

    private final CaptureListener listener;
    private final List<String> warnings = new ArrayList<>();
    private long warningCount;
    private long frame;
    private long micros;
    private long payloads;
    private long tlsPackets;

    PayloadSink(CaptureListener listener) {
        this.listener = listener;
    }

    /** Sets the packet that the following payloads are found in. */
    void at(long frameNumber, long timestampMicros) {
        this.frame = frameNumber;
        this.micros = timestampMicros;
    }

    long frame() {
        return frame;
    }

    long micros() {
        return micros;
    }

    /** Delivers {@code a[off, off+len)} as a message of the current packet. */
    void emit(IpPair ip, int srcPort, int dstPort, Transport transport, byte[] a, int off, int len) {
        emit(micros, ip.src(srcPort), ip.dst(dstPort), transport, Arrays.copyOfRange(a, off, off + len));
    }

    void emit(long timestampMicros, Endpoint src, Endpoint dst, Transport transport, byte[] data) {
        payloads++;
        SipPayload p = new SipPayload(frame, timestampMicros, src, dst, transport, data);
        try {
            listener.payload(p);
        } catch (RuntimeException e) {
            throw new ListenerFailure(e);
        }
    }

    void warn(String message) {
        warningCount++;
        if (warnings.size() < MAX_WARNINGS) {
            warnings.add(message);
            try {
                listener.warning(message);
            } catch (RuntimeException e) {
                throw new ListenerFailure(e);
            }
        }
    }

    void tlsPacket() {
        tlsPackets++;
    }

    long payloads() {
        return payloads;
    }

    long tlsPackets() {
        return tlsPackets;
    }

    /** The collected warnings, with one closing line counting those not listed. */
    List<String> warnings() {
        List<String> all = new ArrayList<>(warnings);
        if (warningCount > warnings.size()) {
            all.add((warningCount - warnings.size()) + " more warnings not shown");
        }
        return all;
    }
}
