package org.sipladder.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sipladder.capture.CaptureException;
import org.sipladder.capture.CaptureReader;
import org.sipladder.capture.SipPayload;
import org.sipladder.capture.Transport;

/**
 * Estimates how far the clocks of several captures are apart from the messages that two of them saw (the same
 * bytes): a message from the first host to the second arrives {@code offset + transit} later by the second
 * clock, one the other way {@code offset - transit}; the quickest of each direction, averaged, cancel the transit
 * out (as NTP does). With messages in one direction only, the median difference is taken.
 */
public final class ClockOffsets {

    /**
     * The estimate for each file against the first.
     *
     * @param correctionsMicros what to add to each file's times to put them on the first file's clock
     * @param matches           messages each file shares with the first (0 for the first: nothing to go by)
     */
    public record Estimate(List<Long> correctionsMicros, List<Integer> matches) {

        public Estimate {
            correctionsMicros = List.copyOf(correctionsMicros);
            matches = List.copyOf(matches);
        }
    }

    /** A message seen once in a file. */
    private record Sighting(long micros, String src, String dst) {
    }

    /** Reads every file once and estimates its clock against the first's. */
    public Estimate estimate(CaptureFiles files) throws CaptureException {
        Map<Long, Sighting> reference = uniqueSightings(files, 0);
        List<Long> corrections = new ArrayList<>(List.of(0L));
        List<Integer> matches = new ArrayList<>(List.of(0));
        for (int i = 1; i < files.files().size(); i++) {
            Map<Long, Sighting> other = uniqueSightings(files, i);
            Map<String, List<Long>> byDirection = new HashMap<>();
            int shared = 0;
            for (Map.Entry<Long, Sighting> e : other.entrySet()) {
                Sighting ref = reference.get(e.getKey());
                if (ref != null) {
                    shared++;
                    byDirection.computeIfAbsent(ref.src() + ">" + ref.dst(), k -> new ArrayList<>())
                            .add(e.getValue().micros() - ref.micros());
                }
            }
            corrections.add(shared == 0 ? 0L : -offset(byDirection));
            matches.add(shared);
        }
        return new Estimate(corrections, matches);
    }

    /** The offset from the direction pair with most shared messages, or the median of all. */
    static long offset(Map<String, List<Long>> byDirection) {
        String busiest = null;
        int most = 0;
        for (Map.Entry<String, List<Long>> e : byDirection.entrySet()) {
            String[] ends = e.getKey().split(">", 2);
            List<Long> back = byDirection.get(ends[1] + ">" + ends[0]);
            int both = back == null ? 0 : e.getValue().size() + back.size();
            if (both > most) {
                most = both;
                busiest = e.getKey();
            }
        }
        if (busiest != null) {
            String[] ends = busiest.split(">", 2);
            List<Long> one = byDirection.get(busiest);
            List<Long> other = byDirection.get(ends[1] + ">" + ends[0]);
            // the direction towards the second host is the one that arrives later by its clock
            boolean oneIsOutbound = median(one) >= median(other);
            List<Long> outbound = oneIsOutbound ? one : other;
            List<Long> inbound = oneIsOutbound ? other : one;
            return (Collections.min(outbound) + Collections.max(inbound)) / 2;
        }
        List<Long> all = new ArrayList<>();
        byDirection.values().forEach(all::addAll);
        return median(all);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** The messages of one file by fingerprint; one seen more than once (a retransmission) is left out. */
    private static Map<Long, Sighting> uniqueSightings(CaptureFiles files, int index) throws CaptureException {
        Map<Long, Sighting> seen = new HashMap<>();
        Map<Long, Boolean> repeated = new HashMap<>();
        new CaptureReader().read(files.files().get(index), (SipPayload p) -> {
            if (p.transport() == Transport.ICMP) {
                return; // a copy an ICMP error quoted back: no sighting of the message's own
            }
            long key = Fingerprint.of(p.data());
            if (seen.put(key, new Sighting(p.timestampMicros(), p.src().address(), p.dst().address())) != null) {
                repeated.put(key, true);
            }
        });
        repeated.keySet().forEach(seen::remove);
        return seen;
    }
}
