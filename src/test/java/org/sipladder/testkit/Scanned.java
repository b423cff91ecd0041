package org.sipladder.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sipladder.capture.CaptureException;
import org.sipladder.capture.CaptureListener;
import org.sipladder.capture.CaptureReader;
import org.sipladder.capture.SipPayload;
import org.sipladder.sip.SipMessage;
import org.sipladder.sip.SipParser;

/** The compact messages a capture's read makes, as the command line keeps them (their bytes left in the file). */
public final class Scanned {

    private Scanned() {
    }

    /** The messages the scan makes of the capture {@code f}, in order. */
    public static List<SipMessage> messagesOf(Path f) throws CaptureException {
        List<SipMessage> messages = new ArrayList<>();
        SipParser parser = new SipParser(SipParser.Depth.SCAN);
        new CaptureReader().read(f, new CaptureListener() {
            @Override
            public void payload(SipPayload p) {
                parser.parse(p).ifPresent(messages::add);
            }
        });
        return messages;
    }
}
