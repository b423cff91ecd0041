package org.sipladder.media.audio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.sipladder.capture.CaptureException;
import org.sipladder.capture.CaptureListener;
import org.sipladder.capture.CaptureReader;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.MediaListener;
import org.sipladder.capture.MediaPayload;
import org.sipladder.capture.SipPayload;
import org.sipladder.media.StreamKey;

/**
 * Reads the RTP packets of one stream back from its capture file: the statistics pass keeps no payloads, so
 * playing or exporting a stream reads the file again and copies only that stream's packets.
 */
public final class CapturedFrames {

    private CapturedFrames() {
    }

    /** The packets of the stream {@code key} (sender, receiver, SSRC) in capture order. */
    public static List<EncodedFrame> read(Path capture, StreamKey key, BooleanSupplier cancelled)
            throws CaptureException {
        Collector collector = new Collector(key);
        new CaptureReader().read(capture, new CaptureListener() {
            @Override
            public void payload(SipPayload p) {
            }

            @Override
            public MediaListener media() {
                return collector;
            }

            @Override
            public boolean cancelled() {
                return cancelled.getAsBoolean();
            }
        });
        return collector.frames;
    }

    /** Keeps copies of the datagrams of one stream; cheap checks (ports, SSRC) come before the addresses. */
    private static final class Collector implements MediaListener {
        private final StreamKey key;
        private final List<EncodedFrame> frames = new ArrayList<>();

        Collector(StreamKey key) {
            this.key = key;
        }

        @Override
        public void datagram(MediaPayload p) {
            if (p.srcPort() != key.src().port() || p.dstPort() != key.dst().port() || p.length() < 12) {
                return;
            }
            byte[] b = p.bytes();
            int at = p.offset();
            int payloadType = b[at + 1] & 0x7F;
            if (payloadType >= 72 && payloadType <= 76 || ssrc(b, at + 8) != key.ssrc()) {
                return; // RTCP on the same ports, or another source
            }
            if (!sameEndpoint(key.src(), p.src()) || !sameEndpoint(key.dst(), p.dst())) {
                return;
            }
            EncodedFrame frame = RtpHeader.frame(b, at, p.length());
            if (frame != null) {
                frames.add(frame);
            }
        }

        private static boolean sameEndpoint(Endpoint expected, Endpoint actual) {
            return expected.equals(actual);
        }

        private static long ssrc(byte[] b, int at) {
            return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFFL) << 16) | ((b[at + 2] & 0xFFL) << 8) | (b[at + 3] & 0xFFL);
        }
    }
}
