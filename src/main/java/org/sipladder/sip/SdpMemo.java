package org.sipladder.sip;

import java.util.Arrays;

/**
 * The SDP bodies one reader parsed, for the few messages of one call: a body with the same Content-Type and the
 * same bytes as one parsed before gives the same {@link Sdp} (an immutable value) without being parsed again. A
 * call's messages repeat their SDP (a B2BUA's 183 and 200 towards the caller, a request sent again with
 * credentials, a session refresh), and a diagnosis asks the SDP of most of them. For one thread.
 */
public final class SdpMemo {

    /** Bodies kept: a call has a few distinct ones; later ones are parsed without being kept. */
    static final int KEPT = 8;

    private final String[] types = new String[KEPT];
    private final byte[][] bytes = new byte[KEPT][];
    private final int[] froms = new int[KEPT];
    private final int[] lengths = new int[KEPT];
    private final Sdp[] parsed = new Sdp[KEPT];
    private int count;

    /** The index of the body kept with {@code contentType} and the {@code length} bytes at {@code from}, or -1. */
    int indexOf(String contentType, byte[] d, int from, int length) {
        for (int i = 0; i < count; i++) {
            if (lengths[i] == length && types[i].equals(contentType)
                    && Arrays.equals(bytes[i], froms[i], froms[i] + length, d, from, from + length)) {
                return i;
            }
        }
        return -1;
    }

    /** The SDP of the body at {@code index} ({@link #indexOf}); null when it held none. */
    Sdp parsed(int index) {
        return parsed[index];
    }

    /** Keeps what the body parsed to, while there is room (the bytes are the message's and are not changed). */
    void keep(String contentType, byte[] d, int from, int length, Sdp sdp) {
        if (count < KEPT) {
            types[count] = contentType;
            bytes[count] = d;
            froms[count] = from;
            lengths[count] = length;
            parsed[count] = sdp;
            count++;
        }
    }
}
