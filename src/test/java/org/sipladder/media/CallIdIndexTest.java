package org.sipladder.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

class CallIdIndexTest {

    /** Each Call-ID's positions as a filter over every item finds them, in ascending order. */
    private static int[] filtered(List<String> ids, String callId) {
        return java.util.stream.IntStream.range(0, ids.size()).filter(i -> callId.equals(ids.get(i))).toArray();
    }

    @Test
    void findsWhatAFilterFindsWithNullsRepeatsAndEqualHashes() {
        Random random = new Random(18);
        // "Aa" and "BB" hash alike, so every word of four such pairs does: 16 Call-IDs with one hash
        List<String> colliding = new ArrayList<>();
        for (int w = 0; w < 16; w++) {
            StringBuilder b = new StringBuilder();
            for (int bit = 0; bit < 4; bit++) {
                b.append((w >> bit & 1) == 0 ? "Aa" : "BB");
            }
            colliding.add(b.toString());
        }
        assertEquals(1, colliding.stream().mapToInt(String::hashCode).distinct().count());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            int pick = random.nextInt(10);
            ids.add(pick == 0 ? null : pick < 3 ? colliding.get(random.nextInt(colliding.size()))
                    : random.nextInt(3000) + "@10.0.0." + random.nextInt(4));
        }
        CallIdIndex index = new CallIdIndex(ids.size(), ids::get);
        Set<String> asked = new LinkedHashSet<>(ids);
        asked.remove(null);
        asked.add("not-in-the-capture@10.0.0.1");
        asked.add("AaAaAaAaAa");
        for (String id : asked) {
            assertArrayEquals(filtered(ids, id), index.positionsOf(id), id);
        }
        assertArrayEquals(new int[0], index.positionsOf(null));
    }

    @Test
    void aCaptureWithManySdpSectionsFindsThemByCallIdWhileItsIndexIsMadeAside() {
        List<SdpAnnouncement> sections = new ArrayList<>();
        org.sipladder.capture.Endpoint sip = new org.sipladder.capture.Endpoint("10.0.0.1", 5060);
        for (int i = 0; i < 25_000; i++) {
            sections.add(new SdpAnnouncement(i + 1, i, "leg-" + i % 5000 + "@h", 1, "INVITE", 0, sip, sip, "audio",
                    new org.sipladder.capture.Endpoint("10.0.0.2", 10_000 + i % 50_000), "10.0.0.2",
                    10_000 + i % 50_000, List.of(), "sendrecv"));
        }
        CaptureMedia media = new CaptureMedia(FinishedStreams.none(), List.copyOf(sections), List.of(), 0, 0);
        List<SdpAnnouncement> leg = media.announcementsOf("leg-7@h");
        assertEquals(5, leg.size());
        for (int k = 0; k < 5; k++) {
            assertEquals(sections.get(7 + 5000 * k), leg.get(k));
        }
        assertEquals(0, media.announcementsOf("leg-5000@h").size());
    }

    /** Legs looked up together find what a filter over the sections finds, and what one leg's look-up finds. */
    @Test
    void legsLookedUpTogetherFindWhatAFilterFinds() {
        List<String> ids = new ArrayList<>();
        List<SdpAnnouncement> sections = new ArrayList<>();
        org.sipladder.capture.Endpoint sip = new org.sipladder.capture.Endpoint("10.0.0.1", 5060);
        Random random = new Random(7);
        for (int i = 0; i < 30_000; i++) {
            int pick = random.nextInt(10);
            // "AaAa", "AaBB", "BBAa", "BBBB" hash alike
            String id = pick == 0 ? null : pick < 3 ? (random.nextBoolean() ? "Aa" : "BB") + (random.nextBoolean()
                    ? "Aa" : "BB") : "leg-" + random.nextInt(4000) + "@h";
            ids.add(id);
            sections.add(new SdpAnnouncement(i + 1, i, id, 1, "INVITE", 0, sip, sip, "audio",
                    new org.sipladder.capture.Endpoint("10.0.0.2", 10_000 + i % 50_000), "10.0.0.2",
                    10_000 + i % 50_000, List.of(), "sendrecv"));
        }
        CaptureMedia media = new CaptureMedia(FinishedStreams.none(), List.copyOf(sections), List.of(), 0, 0);
        String[] asked = {"AaBB", "leg-12@h", "not-here", null, "BBBB", "leg-12@h", "leg-3999@h"};
        LegMedia[] found = new LegMedia[asked.length];
        media.legs(asked, asked.length, found);
        for (int i = 0; i < asked.length; i++) {
            List<SdpAnnouncement> expected = new ArrayList<>();
            for (int p : asked[i] == null ? new int[0] : filtered(ids, asked[i])) {
                expected.add(sections.get(p));
            }
            assertEquals(expected, found[i].announcements(), asked[i]);
            assertEquals(media.leg(asked[i]), found[i], asked[i]);
            assertEquals(List.of(), found[i].streams());
        }
    }

    @Test
    void anIndexFromKeptHashesFindsWhatAFilterFindsAndHashesKeptLaterLeaveItAsItWas() {
        Random random = new Random(19);
        List<String> ids = new ArrayList<>();
        CallIdIndex.Hashes hashes = new CallIdIndex.Hashes();
        List<CallIdIndex> indexes = new ArrayList<>();
        List<List<String>> seen = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            String id = random.nextInt(10) == 0 ? null : random.nextInt(3000) + "@10.0.0." + random.nextInt(4);
            ids.add(id);
            hashes.add(id);
            // now and then an index of the items so far, made after more hashes were kept
            if (i % 9_999 == 0) {
                List<String> soFar = new ArrayList<>(ids);
                IntUnaryOperator kept = hashes.soFar();
                ids.add("later@10.0.0.9");
                hashes.add("later@10.0.0.9");
                i++;
                seen.add(soFar);
                indexes.add(new CallIdIndex(soFar.size(), soFar::get, kept));
            }
        }
        // and of them all (the hashes in three chunks)
        seen.add(ids);
        indexes.add(new CallIdIndex(ids.size(), ids::get, hashes.soFar()));
        Set<String> asked = new LinkedHashSet<>(ids);
        asked.remove(null);
        asked.add("not-in-the-capture@10.0.0.1");
        for (String id : asked) {
            for (int v = 0; v < indexes.size(); v++) {
                assertArrayEquals(filtered(seen.get(v), id), indexes.get(v).positionsOf(id), v + " " + id);
            }
        }
    }

    @Test
    void anEmptyListHasNothing() {
        assertArrayEquals(new int[0], new CallIdIndex(0, i -> "x").positionsOf("x"));
    }
}
