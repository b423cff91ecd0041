package org.sipladder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.AppendLog;
import org.sipladder.capture.Endpoint;

class SdpSectionsKeptTest {

    private static SdpAnnouncement section(int i) {
        Endpoint media = new Endpoint("10.0.0.1", 4000 + i % 1000);
        return new SdpAnnouncement(i, i, "c" + i + "@h", 1, "INVITE", 0, new Endpoint("10.0.0.1", 5060),
                new Endpoint("10.0.0.2", 5060), "audio", media, media.address(), media.port(),
                List.of(new PayloadType(0, "PCMU", 8000)), "sendrecv");
    }

    @Test
    void aResultsViewHoldsTheSectionsOfItsTimeWhileTheLogGrowsAcrossChunks() {
        AppendLog<SdpAnnouncement> log = new AppendLog<>();
        List<SdpAnnouncement> added = new ArrayList<>();
        List<List<SdpAnnouncement>> views = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            SdpAnnouncement a = section(i);
            log.add(a);
            added.add(a);
            if (i % 9_001 == 0) {
                views.add(log.soFar());
                sizes.add(i + 1);
            }
        }
        for (int v = 0; v < views.size(); v++) {
            List<SdpAnnouncement> view = views.get(v);
            assertEquals(added.subList(0, sizes.get(v)), view);
            for (int i = 0; i < view.size(); i++) {
                assertSame(added.get(i), view.get(i));
            }
            assertThrows(IndexOutOfBoundsException.class, () -> view.get(view.size()));
            assertThrows(UnsupportedOperationException.class, () -> view.add(section(0)));
        }
        assertEquals(added, log.soFar());
        assertEquals(List.of(), new AppendLog<SdpAnnouncement>().soFar());
    }
}
