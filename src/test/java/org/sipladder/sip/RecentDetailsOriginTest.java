package org.sipladder.sip;

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
        SipMessage.FileOrigin a = recent.originOf(files.get(0));
        SipMessage.FileOrigin b = recent.originOf(files.get(1));
        for (int i = 0; i < 100; i++) {
            assertSame(a, recent.originOf(files.get(0)));
            assertSame(b, recent.originOf(files.get(1)));
        }
        assertSame(files.get(0), a.file());
        assertSame(recent, a.recent());
        // beyond the bound every message gets an origin of its own, still the right file
        for (CaptureFile f : files) {
            recent.originOf(f);
        }
        CaptureFile last = files.get(files.size() - 1);
        SipMessage.FileOrigin one = recent.originOf(last);
        SipMessage.FileOrigin other = recent.originOf(last);
        assertNotSame(one, other);
        assertSame(last, one.file());
        assertSame(last, other.file());
        assertSame(a, recent.originOf(files.get(0)));
    }
}
