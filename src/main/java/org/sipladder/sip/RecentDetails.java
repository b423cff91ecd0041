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
    /** The origin of the messages of the file read last: one object for all of them. */
    private volatile SipMessage.FileOrigin lastOrigin;

    /** The origin shared by the messages of {@code file} in this read (two threads on two files may make two). */
    SipMessage.FileOrigin originOf(CaptureFile file) {
        SipMessage.FileOrigin o = lastOrigin;
        if (o == null || o.file() != file) {
            o = new SipMessage.FileOrigin(file, this);
            lastOrigin = o;
        }
        return o;
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
