package org.sipladder.sip;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Equal strings made by different threads of one capture read, kept once: each reading thread shares the values of
 * its own messages ({@link StringPool}), and the media thread reads the Call-IDs of the SDP messages again, so a
 * leg's Call-ID, From and To were held once per thread that met them (100,000 Call-IDs twice, 8 MB, in a
 * 50,000-call capture). A direct-mapped table of recent texts by their bytes: a collision only loses one sharing.
 * A thread's pool asks here when it does not hold a text itself, and what another thread made already costs it no
 * string, no copy of the bytes and no character comparison.
 *
 * <p>Safe for several threads without locking: a slot holds a reference to an immutable {@link Text}, which another
 * thread sees whole however it reads the slot (its fields are final), and a lost write loses only a sharing.
 */
public final class SharedStrings {

    /** Enough for the values of the dialogs a large capture has open at once. */
    private static final int SLOTS = 1 << 14;

    private final Text[] slots = new Text[SLOTS];

    /** A text as Latin-1 bytes and its string; the bytes are never written to. */
    record Text(byte[] bytes, String string) {
    }

    /**
     * The text of the Latin-1 bytes {@code a[from, to)}, whose {@link WordScan#hash} is {@code hash}: the one this
     * read already holds, or a new one.
     */
    Text share(byte[] a, int from, int to, int hash) {
        int h = hash * 0x9E3779B1;
        int slot = (h ^ h >>> 15) & (SLOTS - 1);
        Text known = slots[slot];
        if (known != null && Arrays.equals(known.bytes, 0, known.bytes.length, a, from, to)) {
            return known;
        }
        byte[] bytes = Arrays.copyOfRange(a, from, to);
        Text made = new Text(bytes, new String(bytes, StandardCharsets.ISO_8859_1));
        slots[slot] = made;
        return made;
    }
}
