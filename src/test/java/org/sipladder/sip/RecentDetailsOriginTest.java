package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.capture.CaptureFile;

/** The messages of one file of a read share one origin object, also when several files are read interleaved. */
class RecentDetailsOriginTest {

    @Test
    void theMessagesOfEachFileShareOneOrigin() {
        RecentDetails recent = new RecentDetails();
        List<CaptureFile> files = new ArrayList<>();
        for (int i = 0; i < RecentDetails.ORIGINS_MAX + 5; i++) {
            files.add(CaptureFile.of(Path.of("capture-" + i + ".pcap")));
        }
        // two files merged, their messages interleaved
        SipMessage.FileOrigin a = recent.originOf(files.get(0), 0);
        SipMessage.FileOrigin b = recent.originOf(files.get(1), 0);
        for (int i = 0; i < 100; i++) {
            assertSame(a, recent.originOf(files.get(0), 0));
            assertSame(b, recent.originOf(files.get(1), 0));
        }
        assertSame(files.get(0), a.file());
        assertSame(recent, a.recent());
        // each 4 GiB of a file has an origin of its own, which holds the offsets' high bits
        SipMessage.FileOrigin far = recent.originOf(files.get(0), 5L << 32);
        assertSame(far, recent.originOf(files.get(0), 5L << 32));
        assertNotSame(a, far);
        assertEquals(5L << 32, far.offsetBase());
        assertEquals(0, a.offsetBase());
        // beyond the bound every message gets an origin of its own, still the right file
        for (CaptureFile f : files) {
            recent.originOf(f, 0);
        }
        CaptureFile last = files.get(files.size() - 1);
        SipMessage.FileOrigin one = recent.originOf(last, 0);
        SipMessage.FileOrigin other = recent.originOf(last, 0);
        assertNotSame(one, other);
        assertSame(last, one.file());
        assertSame(last, other.file());
        assertSame(a, recent.originOf(files.get(0), 0));
    }
}
