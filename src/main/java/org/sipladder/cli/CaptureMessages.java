package org.sipladder.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.sipladder.capture.CaptureException;
import org.sipladder.capture.CaptureSummary;
import org.sipladder.sip.ParsingListener;
import org.sipladder.sip.SipMessage;
import org.sipladder.sip.SipParser;
import org.sipladder.source.CaptureFiles;
import org.sipladder.source.MergedReader;

/** Reads a capture and hands over its SIP messages in capture order; the reader's warnings go to stderr. */
final class CaptureMessages {

    private final SipParser.Depth depth;
    private final PrintWriter err;

    CaptureMessages(SipParser.Depth depth, PrintWriter err) {
        this.depth = depth;
        this.err = err;
    }

    CaptureSummary read(Path file, Consumer<SipMessage> each) throws CaptureException {
        return read(CaptureFiles.of(file), each);
    }

    /** Reads several files as one capture (see {@link MergedReader}). */
    CaptureSummary read(CaptureFiles files, Consumer<SipMessage> each) throws CaptureException {
        // parsing runs on the reader's thread, and for a scan also on this one when it has time to spare beside
        // the caller's work
        CaptureSummary summary = new MergedReader().read(files, new ParsingListener(depth) {
            @Override
            public void prepared(SipMessage m) {
                each.accept(m);
            }
        });
        for (String warning : summary.warnings()) {
            err.println(files.single() ? files.files().get(0) + ": warning: " + warning : "warning: " + warning);
        }
        err.flush();
        return summary;
    }
}
