package org.sipladder;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * What a capture read appends in order (its messages, its SDP sections), in chunks that are never copied or changed
 * once written: it grows without copying a larger array each time (whose old copies a read this long would promote as
 * garbage), and a view of what is there so far needs no copy. Not thread-safe: written by one thread at a time; what
 * was added is read by others once the writer has handed its work over.
 *
 * @param <T> what is appended
 */
public final class AppendLog<T> {

    private static final int CHUNK_BITS = 14;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private Object[][] chunks = new Object[16][];
    private int size;

    /** Appends {@code item}; its index is the number of items appended before it. */
    public int add(T item) {
        if (size == Integer.MAX_VALUE) {
            throw new IllegalStateException("more than " + Integer.MAX_VALUE + " items");
        }
        int chunk = size >>> CHUNK_BITS;
        if (chunk == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunks.length * 2);
        }
        if (chunks[chunk] == null) {
            chunks[chunk] = new Object[CHUNK];
        }
        chunks[chunk][size & (CHUNK - 1)] = item;
        return size++;
    }

    /** The item of this index. */
    public T get(int index) {
        Objects.checkIndex(index, size);
        return at(chunks, index);
    }

    public int size() {
        return size;
    }

    /** The items appended so far, unmodifiable, and unchanged by the items appended later. */
    public List<T> soFar() {
        return new SoFar<>(chunks, size);
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object[][] chunks, int index) {
        return (T) chunks[index >>> CHUNK_BITS][index & (CHUNK - 1)];
    }

    private static final class SoFar<T> extends AbstractList<T> implements RandomAccess {
        private final Object[][] chunks;
        private final int size;

        SoFar(Object[][] chunks, int size) {
            this.chunks = chunks;
            this.size = size;
        }

        @Override
        public T get(int index) {
            Objects.checkIndex(index, size);
            return at(chunks, index);
        }

        @Override
        public int size() {
            return size;
        }
    }
}
