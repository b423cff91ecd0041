package org.sipladder.media;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sipladder.AppendLog;
import org.sipladder.capture.Endpoint;

/**
 * The binding walks each address's announcements newest first through the chain the analysis keeps; it picks what a
 * walk over lists in capture order picks, ties of equal frames included (two sections of one message).
 */
class StreamBindingTest {

    private static final Endpoint SIP = new Endpoint("10.0.0.1", 5060);

    @Test
    void picksWhatAWalkInCaptureOrderPicks() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<Endpoint> endpoints = new ArrayList<>();
            for (int e = 0; e < 1 + random.nextInt(5); e++) {
                endpoints.add(new Endpoint("10.0.1." + random.nextInt(3), 20_000 + 2 * random.nextInt(3)));
            }
            AppendLog<SdpAnnouncement> announcements = new AppendLog<>();
            EndpointTable<Announced> table = new EndpointTable<>();
            int count = 1 + random.nextInt(40);
            int[] previous = new int[count];
            long frame = 1;
            for (int i = 0; i < count; i++) {
                frame += random.nextInt(3) == 0 ? 0 : random.nextInt(3); // equal frames: sections of one message
                Endpoint media = random.nextInt(10) == 0 ? null : endpoints.get(random.nextInt(endpoints.size()));
                int port = media == null ? 9 : random.nextInt(10) == 0 ? 0 : media.port();
                String callId = random.nextInt(6) == 0 ? null : "leg-" + random.nextInt(4);
                SdpAnnouncement a = new SdpAnnouncement(frame, frame * 1000, callId, 1, "INVITE", 0, SIP, SIP,
                        "audio", media, media == null ? "10.0.1.9" : media.address(), port, List.of(), "sendrecv");
                announcements.add(a);
                // as RtpAnalysis.announce chains them
                if (media != null && port != 0) {
                    Announced holder = table.get(media);
                    if (holder == null) {
                        holder = new Announced(a, media);
                        table.add(media, holder);
                    }
                    previous[i] = holder.last;
                    holder.last = i + 1;
                }
            }
            StreamBinding binding = new StreamBinding(announcements, table, previous);
            Map<Endpoint, List<SdpAnnouncement>> byMedia = new HashMap<>();
            for (SdpAnnouncement a : announcements.soFar()) {
                if (a.media() != null && a.port() != 0) {
                    byMedia.computeIfAbsent(a.media(), k -> new ArrayList<>()).add(a);
                }
            }
            for (Endpoint src : endpoints) {
                for (Endpoint dst : endpoints) {
                    for (long first = 0; first <= frame + 1; first++) {
                        assertSame(inCaptureOrder(byMedia, src, dst, first), binding.announcementOf(src, dst, first));
                    }
                }
            }
        }
    }

    /**
     * The binding over lists in capture order: of the receiver's announcements in a dialog where the sender announced
     * too, else of the receiver's, else of the sender's, the latest at or before the stream's first frame, else the
     * earliest after it; of equal frames the first met.
     */
    private static SdpAnnouncement inCaptureOrder(Map<Endpoint, List<SdpAnnouncement>> byMedia, Endpoint src,
                                                  Endpoint dst, long firstFrame) {
        List<SdpAnnouncement> toDst = byMedia.getOrDefault(dst, List.of());
        List<SdpAnnouncement> fromSrc = byMedia.getOrDefault(src, List.of());
        List<SdpAnnouncement> inDialog = toDst.stream().filter(a -> a.callId() != null
                && fromSrc.stream().anyMatch(b -> a.callId().equals(b.callId()))).toList();
        for (List<SdpAnnouncement> candidates : List.of(inDialog, toDst, fromSrc)) {
            SdpAnnouncement latestBefore = null;
            SdpAnnouncement earliestAfter = null;
            for (SdpAnnouncement a : candidates) {
                if (a.frame() <= firstFrame) {
                    latestBefore = latestBefore == null || a.frame() > latestBefore.frame() ? a : latestBefore;
                } else {
                    earliestAfter = earliestAfter == null || a.frame() < earliestAfter.frame() ? a : earliestAfter;
                }
            }
            if (latestBefore != null || earliestAfter != null) {
                return latestBefore != null ? latestBefore : earliestAfter;
            }
        }
        return null;
    }
}
