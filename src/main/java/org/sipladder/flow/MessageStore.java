package org.sipladder.flow;

import java.util.Arrays;
import org.sipladder.sip.SipMessage;

/**
 * Every message given to the flows, by arrival number, in chunks. Legs hold arrival numbers (ints) rather than
 * references: a reference stored into an old object makes the collector look at that object again at its next
 * young collection, and the legs of a large capture are hundreds of thousands of old objects that each get a
 * message now and then, whereas this store is written at one place, the end. Not thread-safe: written under the
 * flows' lock, read by assemblies once writing is done (or under the same lock).
 */
final class MessageStore {

    private static final int CHUNK_BITS = 14;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private SipMessage[][] chunks = new SipMessage[16][];
    private int size;

    /** Adds a message; its arrival number is the number of messages added before it. */
    int add(SipMessage m) {
        if (size == Integer.MAX_VALUE) {
            throw new IllegalStateException("more than " + Integer.MAX_VALUE + " messages");
        }
        int chunk = size >>> CHUNK_BITS;
        if (chunk == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunks.length * 2);
        }
        if (chunks[chunk] == null) {
            chunks[chunk] = new SipMessage[CHUNK];
        }
        chunks[chunk][size & (CHUNK - 1)] = m;
        return size++;
    }

    SipMessage get(int seq) {
        if (seq < 0 || seq >= size) {
            throw new IndexOutOfBoundsException(seq);
        }
        return chunks[seq >>> CHUNK_BITS][seq & (CHUNK - 1)];
    }

    int size() {
        return size;
    }
}
