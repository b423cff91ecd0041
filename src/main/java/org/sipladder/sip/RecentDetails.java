package org.sipladder.sip;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.sipladder.capture.CaptureFile;

/**
 * The details (headers, body, SDP, text) most recently scanned again from the messages of one capture, held
 * strongly in a ring: a message holds its own details only weakly, so a sweep over every message of a large capture
 * (a diagnosis) keeps a bounded number alive, and the last few hundred a user or a rule looks at again are not
 * scanned again. One ring per capture read, shared by its messages and gone with them; safe on several threads
 * (a slot may be overwritten early when two threads race, which only costs a scan).
 */
final class RecentDetails {

    /** The ring's size: a power of two. */
    static final int SIZE = 1 << 13;

    /**
     * The most files (4 GiB parts of files) whose messages share an origin object; beyond, each message gets its own
     * (24 bytes).
     */
    static final int ORIGINS_MAX = 64;

    private final Object[] ring = new Object[SIZE];
    private final AtomicInteger next = new AtomicInteger();
    /** The origins of the files read so far (copied on write: a read has one file, or a few merged). */
    private volatile SipMessage.FileOrigin[] origins = new SipMessage.FileOrigin[0];

    /**
     * The origin shared by the messages of {@code file} in this read whose offsets in the file have the high 32 bits
     * of {@code offsetBase} (its low bits zero): one for a file below 4 GiB.
     */
    SipMessage.FileOrigin originOf(CaptureFile file, long offsetBase) {
        SipMessage.FileOrigin known = find(origins, file, offsetBase);
        if (known != null) {
            return known;
        }
        synchronized (this) {
            SipMessage.FileOrigin[] all = origins;
            known = find(all, file, offsetBase);
            if (known != null) {
                return known;
            }
            SipMessage.FileOrigin made = new SipMessage.FileOrigin(file, this, offsetBase);
            if (all.length < ORIGINS_MAX) {
                SipMessage.FileOrigin[] more = Arrays.copyOf(all, all.length + 1);
                more[all.length] = made;
                origins = more;
            }
            return made;
        }
    }

    private static SipMessage.FileOrigin find(SipMessage.FileOrigin[] origins, CaptureFile file, long offsetBase) {
        for (SipMessage.FileOrigin o : origins) {
            if (o.file() == file && o.offsetBase() == offsetBase) {
                return o;
            }
        }
        return null;
    }

    /** Holds {@code detail} until {@link #SIZE} later ones have been kept. */
    void keep(Object detail) {
        ring[next.getAndIncrement() & (SIZE - 1)] = detail;
    }

    /** How many details are held now (at most {@link #SIZE}). */
    int held() {
        int n = 0;
        for (Object o : ring) {
            if (o != null) {
                n++;
            }
        }
        return n;
    }
}
