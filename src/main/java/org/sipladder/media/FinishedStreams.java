package org.sipladder.media;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import org.sipladder.capture.Endpoint;

/**
 * The streams of an analysis as a list whose elements are made when read, from each stream's running figures and
 * the SDP it was bound to: a capture's streams are not all held twice (the figures and their results) at the end of
 * a read, and a command that writes a call's or a stream's media as it goes holds a result only while writing it.
 * Reading an element makes a new, equal {@link RtpStream} each time. Before the analysis goes on with more packets
 * the collector {@link #fix() fixes} the list, so that a result once handed out never changes.
 */
final class FinishedStreams extends AbstractList<RtpStream> implements RandomAccess {

    private final List<StreamAccumulator> sources;
    private final SdpAnnouncement[] bound;
    /** The results made once and for all, or null while the elements are made from {@link #sources}. */
    private volatile RtpStream[] fixed;

    /** No streams. */
    static FinishedStreams none() {
        return new FinishedStreams(List.of(), new SdpAnnouncement[0]);
    }

    /** {@code bound[i]} is the announcement of {@code sources.get(i)}, or null; the sources are sealed. */
    FinishedStreams(List<StreamAccumulator> sources, SdpAnnouncement[] bound) {
        this.sources = sources;
        this.bound = bound;
    }

    @Override
    public RtpStream get(int i) {
        RtpStream[] f = fixed;
        return f != null ? f[i] : sources.get(i).result(bound[i]);
    }

    @Override
    public int size() {
        return bound.length;
    }

    /** The Call-ID of stream {@code i}'s leg, or null: without making the stream. */
    String callId(int i) {
        return bound[i] == null ? null : bound[i].callId();
    }

    /** Whether every stream is sent from or to {@code address}: without making the streams. */
    boolean allInvolve(String address) {
        RtpStream[] f = fixed;
        for (int i = 0; i < bound.length; i++) {
            Endpoint src = f != null ? f[i].key().src() : sources.get(i).src;
            Endpoint dst = f != null ? f[i].key().dst() : sources.get(i).dst;
            if (!src.address().equals(address) && !dst.address().equals(address)) {
                return false;
            }
        }
        return true;
    }

    /** Makes every element now, from the figures as they are, and keeps them: the sources may change after this. */
    void fix() {
        if (fixed == null) {
            RtpStream[] f = new RtpStream[bound.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = sources.get(i).result(bound[i]);
            }
            fixed = f;
        }
    }
}
