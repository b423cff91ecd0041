package org.sipladder.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.sipladder.capture.CaptureException;
import org.sipladder.capture.PreparingListener;
import org.sipladder.capture.CaptureReader;
import org.sipladder.capture.CaptureSummary;
import org.sipladder.capture.SipPayload;
import org.sipladder.sip.SipMessage;
import org.sipladder.sip.SipParser;

/** Reads a capture and hands over its SIP messages in capture order; the reader's warnings go to stderr. */
final class CaptureMessages {

    private final SipParser parser;
    private final PrintWriter err;

    CaptureMessages(SipParser parser, PrintWriter err) {
        this.parser = parser;
        this.err = err;
    }

    CaptureSummary read(Path file, Consumer<SipMessage> each) throws CaptureException {
        // parsing runs on the reader's thread, the caller's work on this one
        CaptureSummary summary = new CaptureReader().read(file, new PreparingListener<SipMessage>() {
            @Override
            public SipMessage prepare(SipPayload p) {
                return parser.parse(p).orElse(null);
            }

            @Override
            public void prepared(SipMessage m) {
                each.accept(m);
            }
        });
        for (String warning : summary.warnings()) {
            err.println(file + ": warning: " + warning);
        }
        err.flush();
        return summary;
    }
}
