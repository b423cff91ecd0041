package org.sipladder.ui.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.sipladder.capture.CaptureException;
import org.sipladder.capture.CaptureListener;
import org.sipladder.capture.CaptureReader;
import org.sipladder.capture.CaptureSummary;
import org.sipladder.capture.SipPayload;
import org.sipladder.flow.FlowSettings;
import org.sipladder.flow.LiveFlows;
import org.sipladder.sip.SipParser;

/**
 * Reads a capture with the real pipeline (capture reader, fast SIP scan, live call flows) and hands the
 * calls found so far to the observer every {@link LoadObserver#SNAPSHOT_INTERVAL_MILLIS}.
 */
public final class PipelineCaptureLoader implements CaptureLoader {

    private final LongSupplier nanoClock;

    public PipelineCaptureLoader() {
        this(System::nanoTime);
    }

    /** With a clock of our own, so tests can force a snapshot after every message. */
    public PipelineCaptureLoader(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    @Override
    public LoadedCapture load(Path capture, LoadObserver observer) throws CaptureLoadException {
        // The scan keeps every field as sent; the jain-sip judgement waits until the user inspects a message.
        SipParser parser = new SipParser(SipParser.Depth.SCAN);
        LiveFlows flows = new LiveFlows(FlowSettings.defaults());
        List<String> warnings = new ArrayList<>();
        long interval = TimeUnit.MILLISECONDS.toNanos(LoadObserver.SNAPSHOT_INTERVAL_MILLIS);
        long[] nextSnapshot = {nanoClock.getAsLong() + interval};
        CaptureSummary summary;
        try {
            summary = new CaptureReader().read(capture, new CaptureListener() {
                @Override
                public void payload(SipPayload payload) {
                    parser.parse(payload).ifPresent(flows::add);
                    long now = nanoClock.getAsLong();
                    if (now >= nextSnapshot[0]) {
                        nextSnapshot[0] = now + interval;
                        observer.calls(flows.snapshot());
                    }
                }

                @Override
                public void warning(String message) {
                    observer.warning(message);
                }

                @Override
                public void progress(long bytesRead, long totalBytes) {
                    observer.progress(bytesRead, totalBytes);
                }

                @Override
                public boolean cancelled() {
                    return observer.cancelled();
                }
            });
        } catch (CaptureException e) {
            throw new CaptureLoadException(e.getMessage(), e);
        }
        warnings.addAll(summary.warnings());
        if (summary.tlsPackets() > 0) {
            warnings.add(summary.tlsPackets() + " TLS packets could not be decrypted; SIP over TLS is not shown");
        }
        return new LoadedCapture(capture, flows.snapshot(), flows.messageCount(), warnings, summary.cancelled(),
                summary.packets(), summary.firstTimestampMicros(), summary.lastTimestampMicros());
    }
}
