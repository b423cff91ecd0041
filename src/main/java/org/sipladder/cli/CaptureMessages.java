package org.sipladder.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.sipladder.Counted;
import org.sipladder.capture.CaptureException;
import org.sipladder.capture.CaptureSummary;
import org.sipladder.capture.MediaListener;
import org.sipladder.media.MediaCollector;
import org.sipladder.sip.ParsingListener;
import org.sipladder.sip.SharedStrings;
import org.sipladder.sip.SipMessage;
import org.sipladder.sip.SipParser;
import org.sipladder.source.CaptureFiles;
import org.sipladder.source.ClockOffsets;
import org.sipladder.source.MergedCapture;
import org.sipladder.source.MergedReader;

/** Reads a capture and hands over its SIP messages in capture order; the reader's warnings go to stderr. */
final class CaptureMessages {

    private final SipParser.Depth depth;
    private final PrintWriter err;
    private final MediaCollector media;

    CaptureMessages(SipParser.Depth depth, PrintWriter err) {
        this(depth, err, null);
    }

    /** Also hands RTP, RTCP and SIP to {@code media} (on the decoding thread), when not null. */
    CaptureMessages(SipParser.Depth depth, PrintWriter err, MediaCollector media) {
        this.depth = depth;
        this.err = err;
        this.media = media;
    }

    CaptureSummary read(Path file, Consumer<SipMessage> each) throws CaptureException {
        return read(CaptureFiles.of(file), each).summary();
    }

    /**
     * Reads the captures named on the command line as one; their clocks are matched from the messages they
     * share unless set by hand, and the estimate is told on stderr.
     */
    MergedCapture read(CaptureInputs inputs, Consumer<SipMessage> each) throws CaptureException, UserError {
        return read(inputs, each, () -> false);
    }

    private CaptureFiles estimated(CaptureFiles files) throws CaptureException {
        ClockOffsets.Estimate estimate = new ClockOffsets().estimate(files);
        for (int i = 1; i < files.files().size(); i++) {
            int shared = estimate.matches().get(i);
            err.println(PathArgument.shown(files.files().get(i) + ": " + (shared == 0
                    ? "no message in common with " + files.files().get(0) + "; clocks taken as they are"
                    : String.format(Locale.ROOT, "clock corrected by %+.6f s (from %s also in %s; "
                            + "--offset sets it by hand)", estimate.correctionsMicros().get(i) / 1e6,
                            Counted.of(shared, "message"),
                            files.files().get(0)))));
        }
        err.flush();
        return files.withOffsets(estimate.correctionsMicros());
    }

    /** Reads several files as one capture (see {@link MergedReader}). */
    MergedCapture read(CaptureFiles files, Consumer<SipMessage> each) throws CaptureException {
        return read(files, each, () -> false);
    }

    /**
     * As {@link #read(CaptureInputs, Consumer)}, stopping early (the summary then says cancelled) once {@code stop}
     * is true: it is asked every thousand frames or so.
     */
    MergedCapture read(CaptureInputs inputs, Consumer<SipMessage> each, BooleanSupplier stop)
            throws CaptureException, UserError {
        CaptureFiles files = inputs.files();
        if (files == null && inputs.captures.size() > 1) {
            files = estimated(CaptureFiles.of(inputs.captures));
        }
        return read(files == null ? CaptureFiles.of(inputs.captures.get(0)) : files, each, stop);
    }

    private MergedCapture read(CaptureFiles files, Consumer<SipMessage> each, BooleanSupplier stop)
            throws CaptureException {
        // parsing runs on the reader's thread, and for a scan also on this one when it has time to spare beside
        // the caller's work; the parsers keep a leg's Call-ID once with the media analysis's SDP scan
        SharedStrings shared = media != null ? media.sharedStrings() : new SharedStrings();
        MergedCapture merged = new MergedReader().read(files, new ParsingListener(depth, shared) {
            @Override
            public void prepared(SipMessage m) {
                each.accept(m);
            }

            @Override
            public MediaListener media() {
                return media;
            }

            @Override
            public boolean cancelled() {
                return stop.getAsBoolean();
            }
        });
        for (String warning : merged.summary().allWarnings()) {
            err.println(files.single() ? PathArgument.shown(files.files().get(0)) + ": warning: " + warning
                    : "warning: " + warning);
        }
        err.flush();
        return merged;
    }
}
