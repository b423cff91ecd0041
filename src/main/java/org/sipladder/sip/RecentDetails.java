package org.sipladder.sip;

import org.sipladder.capture.CaptureFile;

import java.util.concurrent.atomic.AtomicInteger;

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

    private final Object[] ring = new Object[SIZE];
    private final AtomicInteger next = new AtomicInteger();
    /** The most files whose messages share an origin object; beyond, each message gets its own (24 bytes). */
    static final int ORIGINS_MAX = 64;

    /** The origins of the files read so far (copied on write: a read has one file, or a few merged). */
    private volatile SipMessage.FileOrigin[] origins = new SipMessage.FileOrigin[0];

    /** The origin shared by the messages of {@code file} in this read. */
    SipMessage.FileOrigin originOf(CaptureFile file) {
        SipMessage.FileOrigin[] known = origins;
        for (SipMessage.FileOrigin o : known) {
            if (o.file() == file) {
                return o;
            }
        }
        synchronized (this) {
            known = origins;
            for (SipMessage.FileOrigin o : known) {
                if (o.file() == file) {
                    return o;
                }
            }
            SipMessage.FileOrigin made = new SipMessage.FileOrigin(file, this);
            if (known.length < ORIGINS_MAX) {
                SipMessage.FileOrigin[] more = java.util.Arrays.copyOf(known, known.length + 1);
                more[known.length] = made;
                origins = more;
            }
            return made;
        }
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
