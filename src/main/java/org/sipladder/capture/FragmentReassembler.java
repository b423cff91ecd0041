package org.sipladder.capture;

import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/** Puts fragmented IPv4 and IPv6 datagrams back together; bounded, oldest incomplete datagrams are dropped first. */
final class FragmentReassembler {

    private static final int MAX_DATAGRAMS = 4096;
    private static final int MAX_LENGTH = 65535 + 8;

    /** Identifies one datagram: addresses, identification and (for IPv4) protocol. */
    private record Key(IpPair pair, long id, int protocol) {
    }

    /** The fragments of one datagram received so far, by 8-byte block. */
    private static final class Datagram {
        private byte[] data = new byte[2048];
        private final BitSet blocks = new BitSet();
        private int total = -1;

        boolean add(int offset, boolean more, byte[] a, int off, int len) {
            int end = offset + len;
            if (end > MAX_LENGTH || (more && len % 8 != 0) || (total >= 0 && end > total)) {
                return false;
            }
            if (end > data.length) {
                data = Arrays.copyOf(data, Math.max(end, data.length * 2));
            }
            System.arraycopy(a, off, data, offset, len);
            blocks.set(offset / 8, (end + 7) / 8);
            if (!more) {
                total = end;
            }
            return total >= 0 && blocks.nextClearBit(0) >= (total + 7) / 8;
        }
    }

    private final Map<Key, Datagram> pending = new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Datagram> eldest) {
            if (size() > MAX_DATAGRAMS) {
                dropped++;
                return true;
            }
            return false;
        }
    };
    private long dropped;

    /**
     * Adds one fragment ({@code offset} in bytes into the datagram's payload).
     *
     * @return the whole payload when this fragment completed it, else null
     */
    byte[] add(IpPair pair, long id, int protocol, int offset, boolean more, byte[] a, int off, int len) {
        Key key = new Key(pair, id, protocol);
        Datagram d = pending.computeIfAbsent(key, k -> new Datagram());
        if (!d.add(offset, more, a, off, len)) {
            return null;
        }
        pending.remove(key);
        return Arrays.copyOf(d.data, d.total);
    }

    /** Datagrams that never completed (dropped for space or still pending). */
    long incomplete() {
        return dropped + pending.size();
    }
}
