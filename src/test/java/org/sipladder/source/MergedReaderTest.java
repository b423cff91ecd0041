package org.sipladder.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.capture.SipPayload;
import org.sipladder.testkit.TwoHosts;

class MergedReaderTest {

    @TempDir
    Path dir;

    private CaptureFiles twoHosts() {
        TwoHosts call = new TwoHosts();
        return CaptureFiles.of(List.of(call.writeA(dir.resolve("a.pcap")), call.writeB(dir.resolve("b.pcap"))));
    }

    @Test
    void theClockOffsetIsFoundFromTheMessagesBothSaw() throws Exception {
        ClockOffsets.Estimate estimate = new ClockOffsets().estimate(twoHosts());
        assertEquals(List.of(0, 6), estimate.matches());
        assertEquals(0, estimate.correctionsMicros().get(0));
        // the transit cancels out: both directions take the same time
        assertEquals(-TwoHosts.B_AHEAD_MICROS, estimate.correctionsMicros().get(1), 1);
    }

    @Test
    void eachMessageComesOnceOnOneTimelineWithBothObservationPoints() throws Exception {
        CaptureFiles files = twoHosts();
        files = files.withOffsets(new ClockOffsets().estimate(files).correctionsMicros());
        List<SipPayload> seen = new ArrayList<>();
        MergedCapture merged = new MergedReader().read(files, seen::add);

        assertEquals(List.of("INVITE sip:+4930555@a.example SIP/2.0", "INVITE sip:+4930555@b.example SIP/2.0",
                "SIP/2.0 100 Trying", "SIP/2.0 200 OK", "ACK sip:+4930555@b.example SIP/2.0",
                "BYE sip:+4930555@a.example SIP/2.0", "SIP/2.0 200 OK"),
                seen.stream().map(MergedReaderTest::firstLine).toList());
        // on A's clock, each message at the first time a capture saw it (the sender's)
        assertEquals(List.of(-50_000L, 0L, 15_000L, 900_000L, 950_000L, 5_000_000L, 5_020_000L),
                seen.stream().map(p -> p.timestampMicros() - TwoHosts.T0).toList());
        assertEquals(6, merged.duplicates());
        assertEquals(List.of(6L, 6L), merged.shared());
        assertEquals(7, merged.summary().payloads());
        assertEquals(13, merged.summary().packets());
        List<Observation> invite = merged.seen(seen.get(1).frame());
        assertEquals(2, invite.size());
        assertEquals(new Observation(0, 2, TwoHosts.T0, invite.get(0).src(), invite.get(0).dst()), invite.get(0));
        assertEquals(1, invite.get(1).file());
        assertEquals(1, invite.get(1).frame());
        assertEquals(TwoHosts.T0 + TwoHosts.TRANSIT_MICROS + TwoHosts.B_AHEAD_MICROS, invite.get(1).micros());
        assertEquals(List.of(), merged.seen(seen.get(0).frame()));
    }

    private static String firstLine(SipPayload p) {
        String text = new String(p.data(), StandardCharsets.UTF_8);
        return text.substring(0, text.indexOf('\r'));
    }
}
