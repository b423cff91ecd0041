package org.sipladder.ladder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.capture.Endpoint;
import org.sipladder.media.RtpStatistics;
import org.sipladder.media.RtpStream;
import org.sipladder.media.StreamKey;

class LadderStreamsTest {

    @Test
    void aStreamOfOnePacketIsLabelledInTheSingular() {
        assertEquals("RTP PCMU \u00b7 1 pkt", LadderStreams.label(stream(1)));
        assertEquals("RTP PCMU \u00b7 1,501 pkts", LadderStreams.label(stream(1501)));
        assertEquals("RTP PCMU \u00b7 0 pkts", LadderStreams.label(stream(0)));
    }

    @Test
    void aStreamBetweenTwoPortsOfOneHostIsOneWayUntilAnotherComesBack() {
        RtpStream forth = stream(1501, new Endpoint("127.0.0.1", 6000), new Endpoint("127.0.0.1", 6002));
        RtpStream back = stream(1499, new Endpoint("127.0.0.1", 6002), new Endpoint("127.0.0.1", 6000));

        assertEquals(List.of("one-way"), LadderStreams.warnings(forth, List.of(forth)));
        assertEquals(List.of(), LadderStreams.warnings(forth, List.of(forth, back)));
    }

    private static RtpStream stream(long packets) {
        return stream(packets, new Endpoint("10.0.0.1", 20000), new Endpoint("10.0.1.1", 30000));
    }

    private static RtpStream stream(long packets, Endpoint src, Endpoint dst) {
        RtpStatistics stats = new RtpStatistics(packets, packets, 0, 0, 0, 0, 0, 0, 20, 20, 0, 0, 0, 0, 0, 0, 0,
                packets * 172, false, 0, packets, 0);
        StreamKey key = new StreamKey(src, dst, 0x1234);
        return new RtpStream(key, 1, 9, 0, 1000, 0, "PCMU", 8000, List.of(0), stats, "", 0, Double.NaN, null, null,
                "c1", 0, 1);
    }
}
