package org.sipladder.capture;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sipladder.Limits;

/**
 * Puts fragmented IPv4 and IPv6 datagrams back together. Each fragment keeps only its own bytes until its datagram
 * completes; open datagrams and their bytes are bounded per pair of addresses and in total (see {@link Limits}), and
 * the oldest open datagram is given up first, with a warning naming the frame of its first fragment.
 */
final class FragmentReassembler {

    private static final int MAX_LENGTH = 65535 + 8;
    /** What a held fragment costs beside its bytes (the piece object, its array header, the list slot). */
    private static final int PIECE_OVERHEAD = 48;

    /**
     * Identifies one datagram: addresses, identification and (for IPv4) protocol. equals and hashCode are written
     * out (the same hash as the generated one), as a record's are linked at their first call by a bootstrap that
     * spins method handles on the capture reader's thread.
     */
    private record Key(IpPair pair, long id, int protocol) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && id == key.id && protocol == key.protocol
                    && Objects.equals(pair, key.pair);
        }

        @Override
        public int hashCode() {
            return (Objects.hashCode(pair) * 31 + Long.hashCode(id)) * 31 + protocol;
        }
    }

    /** One fragment's bytes at its offset in the datagram's payload, and the frame it came in. */
    private record Piece(int offset, byte[] data, long frame, long fileOffset) {
    }

    /** The fragments of one datagram received so far. */
    private static final class Datagram {
        private final Key key;
        private final long firstFrame;
        private final List<Piece> pieces = new ArrayList<>(4);
        private final BitSet blocks = new BitSet();
        private int total = -1;
        private long held;

        Datagram(Key key, long firstFrame) {
            this.key = key;
            this.firstFrame = firstFrame;
        }


        /** Adds the fragment of {@code frame}; true when the datagram is now complete. */
        boolean add(int offset, boolean more, byte[] data, long frame, long fileOffset) {
            int end = offset + data.length;
            pieces.add(new Piece(offset, data, frame, fileOffset));
            blocks.set(offset / 8, (end + 7) / 8);
            if (!more) {
                total = end;
            }
            return total >= 0 && blocks.nextClearBit(0) >= (total + 7) / 8;
        }

        /** The whole payload; later fragments overwrite earlier ones where they overlap. */
        byte[] assemble() {
            byte[] whole = new byte[total];
            for (Piece p : pieces) {
                int len = Math.min(p.data().length, total - p.offset());
                if (len > 0) {
                    System.arraycopy(p.data(), 0, whole, p.offset(), len);
                }
            }
            return whole;
        }

        /**
         * For {@link PayloadSink#gathered}: each fragment's index in the datagram, offset in the capture file and
         * length, in the datagram's order; null unless every fragment is a run of the file and they meet end to end
         * (a fragment sent again, or overlapping another, leaves the whole held in memory as before).
         */
        long[] filePieces() {
            List<Piece> ordered = new ArrayList<>(pieces);
            ordered.sort((x, y) -> Integer.compare(x.offset(), y.offset()));
            long[] filePieces = new long[3 * ordered.size()];
            int next = 0;
            for (int i = 0; i < ordered.size(); i++) {
                Piece p = ordered.get(i);
                if (p.fileOffset() < 0 || p.offset() != next) {
                    return null;
                }
                int len = Math.min(p.data().length, total - p.offset());
                filePieces[3 * i] = p.offset();
                filePieces[3 * i + 1] = p.fileOffset();
                filePieces[3 * i + 2] = len;
                next += len;
            }
            return next == total ? filePieces : null;
        }

        /** The frames of the fragments other than {@code last}'s, in the order they came. */
        long[] framesBefore(long last) {
            return pieces.stream().mapToLong(Piece::frame).filter(f -> f != last).distinct().toArray();
        }
    }

    /** What one pair of addresses holds: its open datagrams, oldest first, and their bytes. */
    private static final class Flow {
        private final LinkedHashMap<Key, Datagram> open = new LinkedHashMap<>();
        private long held;
    }

    private final PayloadSink sink;
    /** Every open datagram, oldest first. */
    private final LinkedHashMap<Key, Datagram> pending = new LinkedHashMap<>();
    private final Map<IpPair, Flow> flows = new HashMap<>();
    private long held;
    private long dropped;

    FragmentReassembler(PayloadSink sink) {
        this.sink = sink;
    }

    /**
     * Adds one fragment ({@code offset} in bytes into the datagram's payload). The fragment completing a datagram
     * tells the sink the frames of the others, so what is found in the payload knows all the packets it came in.
     *
     * @return the whole payload when this fragment completed it, else null
     */
    byte[] add(IpPair pair, long id, int protocol, int offset, boolean more, byte[] a, int off, int len) {
        Key key = new Key(pair, id, protocol);
        Datagram d = pending.get(key);
        int end = offset + len;
        if (end > MAX_LENGTH || (more && len % 8 != 0) || (d != null && d.total >= 0 && end > d.total)) {
            return null;
        }
        long cost = len + PIECE_OVERHEAD;
        makeRoom(pair, cost, d == null ? 1 : 0);
        if (d == null) {
            d = new Datagram(key, sink.frame());
            pending.put(key, d);
        } else if (!pending.containsKey(key)) {
            return null; // this datagram itself was the oldest and had to go
        }
        Flow flow = flows.computeIfAbsent(pair, p -> new Flow());
        flow.open.putIfAbsent(key, d);
        byte[] data = new byte[len];
        System.arraycopy(a, off, data, 0, len);
        d.held += cost;
        flow.held += cost;
        held += cost;
        if (!d.add(offset, more, data, sink.frame(), sink.fileOffsetOf(a, off, len))) {
            return null;
        }
        forget(d);
        sink.dependsOn(d.framesBefore(sink.frame()));
        byte[] whole = d.assemble();
        long[] filePieces = d.filePieces();
        if (filePieces != null) {
            sink.gathered(whole, filePieces);
        }
        return whole;
    }

    /** Gives up the oldest datagrams until {@code cost} more bytes and {@code datagrams} more fit every limit. */
    private void makeRoom(IpPair pair, long cost, int datagrams) {
        Flow flow = flows.get(pair);
        while (flow != null && !flow.open.isEmpty()
                && (flow.open.size() + datagrams > Limits.OPEN_FRAGMENTED_DATAGRAMS_PER_FLOW
                || flow.held + cost > Limits.FRAGMENT_BYTES_PER_FLOW)) {
            giveUp(flow.open.values().iterator().next(), "per pair of addresses");
            flow = flows.get(pair);
        }
        while (!pending.isEmpty() && (pending.size() + datagrams > Limits.OPEN_FRAGMENTED_DATAGRAMS
                || held + cost > Limits.FRAGMENT_BYTES)) {
            giveUp(pending.values().iterator().next(), "in all");
        }
    }

    private void giveUp(Datagram d, String scope) {
        forget(d);
        dropped++;
        sink.warn("frame " + d.firstFrame + ": fragmented IP datagram " + d.key.pair() + " (id " + d.key.id()
                + ") given up incomplete after " + d.pieces.size() + " fragment" + (d.pieces.size() == 1 ? "" : "s")
                + ": too many open fragmented datagrams or fragment bytes " + scope + " (see Limits)");
    }

    private void forget(Datagram d) {
        pending.remove(d.key);
        Flow flow = flows.get(d.key.pair());
        flow.open.remove(d.key);
        flow.held -= d.held;
        held -= d.held;
        if (flow.open.isEmpty()) {
            flows.remove(d.key.pair());
        }
    }

    /** Bytes held for open datagrams, counting what each held fragment costs beside its bytes. */
    long heldBytes() {
        return held;
    }

    /** Datagrams waiting for fragments. */
    int open() {
        return pending.size();
    }

    /** Datagrams that never completed (given up for space or still pending). */
    long incomplete() {
        return dropped + pending.size();
    }
}
