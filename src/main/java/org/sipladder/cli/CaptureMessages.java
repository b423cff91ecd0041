package org.sipladder.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.sipladder.capture.CaptureException;
import org.sipladder.capture.CaptureReader;
import org.sipladder.capture.CaptureSummary;
import org.sipladder.capture.MediaListener;
import org.sipladder.sip.ParsingListener;
import org.sipladder.sip.SipMessage;
import org.sipladder.sip.SipParser;

/** Reads a capture and hands over its SIP messages in capture order; the reader's warnings go to stderr. */
final class CaptureMessages {

    private final SipParser.Depth depth;
    private final PrintWriter err;
    private final MediaListener media;

    CaptureMessages(SipParser.Depth depth, PrintWriter err) {
        this(depth, err, null);
    }

    /** Also hands RTP, RTCP and SIP to {@code media} (on the decoding thread), when not null. */
    CaptureMessages(SipParser.Depth depth, PrintWriter err, MediaListener media) {
        this.depth = depth;
        this.err = err;
        this.media = media;
    }

    CaptureSummary read(Path file, Consumer<SipMessage> each) throws CaptureException {
        // parsing runs on the reader's thread, and for a scan also on this one when it has time to spare beside
        // the caller's work
        CaptureSummary summary = new CaptureReader().read(file, new ParsingListener(depth) {
            @Override
            public void prepared(SipMessage m) {
                each.accept(m);
            }

            @Override
            public MediaListener media() {
                return media;
            }
        });
        for (String warning : summary.warnings()) {
            err.println(file + ": warning: " + warning);
        }
        err.flush();
        return summary;
    }
}
