package org.sipladder.sip;

/**
 * Equal strings made by different threads of one capture read, kept once: each reading thread shares the values of
 * its own messages ({@link StringPool}), and the media thread reads the Call-IDs of the SDP messages again, so a
 * leg's Call-ID, From and To were held once per thread that met them (100,000 Call-IDs twice, 8 MB, in a
 * 50,000-call capture). A table of recent strings in sets of {@link #WAYS}: a string stays until that many newer
 * ones came to its set. Direct-mapped (one way), a leg's values were often gone by its BYE: on the 4 GB benchmark
 * capture (calls of 25 s, 500 at once) a quarter of the From, To and Call-ID values of BYE transactions were made
 * again, 6,300 strings (0.7 MB) per 3,000 calls; in sets of four, a value is lost only when four newer ones came to
 * its set meanwhile.
 *
 * <p>Safe for several threads without locking: a slot holds a reference to an immutable String, which another
 * thread sees whole however it reads the slot (its fields are final), and a lost write loses only a sharing. A slot's
 * hash, written beside its string, only spares comparing with strings of another hash (whose characters are a
 * cache miss away); a hash read from another write than its string costs one comparison or one sharing.
 */
public final class SharedStrings {

    /** Enough for the values of the dialogs a large capture has open at once. */
    private static final int SLOTS = 1 << 14;
    /** Strings per set: the newest first, the oldest leaves when a new one comes. */
    private static final int WAYS = 4;
    private static final int SETS = SLOTS / WAYS;

    private final String[] slots = new String[SLOTS];
    private final int[] hashes = new int[SLOTS];
    /**
     * Per set, how many strings came to it (modulo 256): the way the next one takes, so that the oldest leaves. A
     * counter, not moving the set's strings one way down at each new one: those loads and stores into slots that
     * the other reading threads look at cost the capture reader a fifth of its time on big_sip (4 % of calls).
     */
    private final byte[] arrivals = new byte[SETS];

    /**
     * The string equal to {@code s} that this read already holds, or {@code s}. {@code hash} is the pool's hash of
     * its bytes ({@link WordScan#hash}): every caller must give the same hash for the same text.
     */
    String share(String s, int hash) {
        int h = hash * 0x9E3779B1;
        int set = (h ^ h >>> 16) & (SETS - 1);
        int first = set * WAYS;
        int end = first + WAYS;
        for (int i = first; i < end; i++) {
            if (hashes[i] == hash) {
                String known = slots[i];
                if (known != null && s.equals(known)) {
                    return known;
                }
            }
        }
        // the set's oldest leaves (its ways are taken in turn); a write lost to another thread loses a sharing
        int way = first + (arrivals[set] & (WAYS - 1));
        arrivals[set]++;
        slots[way] = s;
        hashes[way] = hash;
        return s;
    }
}
