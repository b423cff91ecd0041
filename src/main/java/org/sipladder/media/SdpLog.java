package org.sipladder.media;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The SDP sections of a read in capture order, in chunks that are never copied or changed once written: a result
 * holds a view of the sections so far instead of a copy of them all (240,000 sections, 1 MB per copy, in a 50,000-call
 * capture), and the log grows without copying a larger array each time. Written by one thread; a view is read by
 * others once that thread has handed its work over.
 */
final class SdpLog {

    private static final int CHUNK_BITS = 12;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private SdpAnnouncement[][] chunks = new SdpAnnouncement[4][];
    private int size;

    void add(SdpAnnouncement a) {
        int chunk = size >>> CHUNK_BITS;
        if (chunk == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunks.length * 2);
        }
        if (chunks[chunk] == null) {
            chunks[chunk] = new SdpAnnouncement[CHUNK];
        }
        chunks[chunk][size & (CHUNK - 1)] = a;
        size++;
    }

    /** The sections added so far, unmodifiable, and unchanged by the sections added later. */
    List<SdpAnnouncement> soFar() {
        return new SoFar(chunks, size);
    }

    private static final class SoFar extends AbstractList<SdpAnnouncement> implements RandomAccess {
        private final SdpAnnouncement[][] chunks;
        private final int size;

        SoFar(SdpAnnouncement[][] chunks, int size) {
            this.chunks = chunks;
            this.size = size;
        }

        @Override
        public SdpAnnouncement get(int index) {
            Objects.checkIndex(index, size);
            return chunks[index >>> CHUNK_BITS][index & (CHUNK - 1)];
        }

        @Override
        public int size() {
            return size;
        }
    }
}
