package org.sipladder.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sipladder.capture.CaptureException;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.CallLookup;
import org.sipladder.flow.Leg;
import org.sipladder.flow.LiveFlows;
import org.sipladder.media.CaptureMedia;
import org.sipladder.media.MediaCollector;
import org.sipladder.media.RtpStream;
import org.sipladder.sip.SipParser;

/** A capture read for its media: the streams, and (when asked) the calls, to pick one call's streams. */
final class CallMedia {

    private final CaptureMedia media;
    private final LiveFlows flows;

    private CallMedia(CaptureMedia media, LiveFlows flows) {
        this.media = media;
        this.flows = flows;
    }

    /**
     * Reads {@code capture}; {@code withCalls} also builds the call flows (for {@link #streamsOfCall}),
     * {@code withSeries} keeps each stream's series.
     */
    static CallMedia read(CaptureInputs capture, boolean withCalls, boolean withSeries, PrintWriter err)
            throws CaptureException, UserError {
        MediaCollector collector = withSeries ? new MediaCollector() : MediaCollector.withoutSeries();
        LiveFlows flows = withCalls ? new LiveFlows() : null;
        new CaptureMessages(SipParser.Depth.SCAN, err, collector).read(capture, m -> {
            if (flows != null) {
                flows.add(m);
            }
        });
        return new CallMedia(collector.result(), flows);
    }

    CaptureMedia media() {
        return media;
    }

    /**
     * The streams of the call that has a leg with Call-ID {@code id} (all its legs' streams); a Call-ID no call has
     * is a user error, told about {@code capture} (its file names).
     */
    List<RtpStream> streamsOfCall(String id, String capture) throws UserError {
        // each call assembled as the search reaches it, and not kept
        List<CallFlow> calls = flows.assembledWhenAsked();
        CallFlow c = CallLookup.find(calls, id);
        if (c == null) {
            throw new UserError("streams: " + CallLookup.unknown(id, capture, calls.size()));
        }
        List<String> ids = new ArrayList<>();
        for (Leg l : c.legs()) {
            ids.add(l.callId());
        }
        return media.streamsOf(ids);
    }
}
