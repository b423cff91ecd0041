package org.sipladder.capture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns found messages into {@link SipPayload}s for the listener, stamped with the packet being decoded,
 * and collects warnings (the first {@value #MAX_WARNINGS} go to the listener).
 */
final class PayloadSink {

    static final int MAX_WARNINGS = 100;
    private static final int MAX_SHARED_ENDPOINTS = 1 << 16;

    private final CaptureListener listener;
    private final List<String> warnings = new ArrayList<>();
    private final Map<Long, Endpoint> endpoints = new HashMap<>();
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
    void emit(Endpoint src, Endpoint dst, Transport transport, byte[] a, int off, int len) {
        emit(micros, src, dst, transport, Arrays.copyOfRange(a, off, off + len));
    }

    /**
     * The endpoint for an address at {@code a[at, at+length)} and a port; IPv4 endpoints are shared between
     * messages, which saves formatting and memory when a capture holds many messages between few hosts.
     */
    Endpoint endpoint(byte[] a, int at, int length, int port) {
        if (length != 4) {
            return new Endpoint(IpAddresses.format(a, at, length), port);
        }
        long key = (Wire.int32(a, at) & 0xffffffffL) << 16 | port;
        Endpoint known = endpoints.get(key);
        if (known == null) {
            if (endpoints.size() >= MAX_SHARED_ENDPOINTS) {
                endpoints.clear();
            }
            known = new Endpoint(IpAddresses.format(a, at, length), port);
            endpoints.put(key, known);
        }
        return known;
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
