package org.sipladder.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.sipladder.capture.CaptureListener;
import org.sipladder.capture.PacketWriter;
import org.sipladder.capture.SipPayload;

/**
 * Writes each message as a UDP packet from its sender to its receiver at the time it was seen (for HEP: the
 * agent's addresses and time, as Homer exports them), then passes it on.
 */
public final class PayloadRecorder extends ForwardingListener {

    private final PacketWriter writer;

    public PayloadRecorder(CaptureListener next, PacketWriter writer) {
        super(next);
        this.writer = writer;
    }

    @Override
    public void payload(SipPayload p) {
        try {
            writer.writeUdp(p.timestampMicros(), p.src(), p.dst(), p.data());
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        next.payload(p);
    }

}
