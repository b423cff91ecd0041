package org.sipladder.sip;

/**
 * Equal strings made by different threads of one capture read, kept once: each reading thread shares the values of
 * its own messages ({@link StringPool}), and the media thread reads the Call-IDs of the SDP messages again, so a
 * leg's Call-ID, From and To were held once per thread that met them (100,000 Call-IDs twice, 8 MB, in a
 * 50,000-call capture). A direct-mapped table of recent strings: a collision only loses one sharing.
 *
 * <p>Safe for several threads without locking: a slot holds a reference to an immutable String, which another
 * thread sees whole however it reads the slot (its fields are final), and a lost write loses only a sharing. A slot's
 * hash, written beside its string, only spares comparing with strings of another hash (whose characters are a
 * cache miss away); a hash read from another write than its string costs one comparison or one sharing.
 */
public final class SharedStrings {

    /** Enough for the values of the dialogs a large capture has open at once. */
    private static final int SLOTS = 1 << 14;

    private final String[] slots = new String[SLOTS];
    private final int[] hashes = new int[SLOTS];

    /**
     * The string equal to {@code s} that this read already holds, or {@code s}. {@code hash} is the pool's hash of
     * its bytes ({@link WordScan#hash}): every caller must give the same hash for the same text.
     */
    String share(String s, int hash) {
        int h = hash * 0x9E3779B1;
        int slot = (h ^ h >>> 16) & (SLOTS - 1);
        if (hashes[slot] == hash) {
            String known = slots[slot];
            if (known != null && s.equals(known)) {
                return known;
            }
        }
        slots[slot] = s;
        hashes[slot] = hash;
        return s;
    }
}
