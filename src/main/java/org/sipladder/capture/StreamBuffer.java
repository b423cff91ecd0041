package org.sipladder.capture;

import java.util.Arrays;

/**
 * The reassembled, not yet consumed bytes of one TCP direction: append at the end, consume from the start. It also
 * remembers where each appended segment began, as a message of a stream joined midway can only start there.
 */
final class StreamBuffer {

    private byte[] array = new byte[256];
    private int start;
    private int end;
    /** Stream offset of {@code array[start]}. */
    private long position;
    /** Stream offsets where appended segments began, oldest first, from {@code marks[markHead]}. */
    private long[] marks = new long[16];
    private int markHead;
    private int markCount;

    byte[] array() {
        return array;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    int size() {
        return end - start;
    }

    void append(byte[] a, int off, int len) {
        mark(position + size());
        if (end + len > array.length) {
            int size = size();
            byte[] target = size + len > array.length ? new byte[Math.max(size + len, array.length * 2)] : array;
            System.arraycopy(array, start, target, 0, size);
            array = target;
            start = 0;
            end = size;
        }
        System.arraycopy(a, off, array, end, len);
        end += len;
    }

    void consume(int n) {
        start += n;
        position += n;
        if (start >= end) {
            clear();
        }
    }

    /** The index in {@link #array()} of the first segment start after {@link #start()}, or -1 when none is held. */
    int nextSegmentStart() {
        while (markCount > 0 && marks[markHead] <= position) {
            markHead = (markHead + 1) % marks.length;
            markCount--;
        }
        return markCount == 0 ? -1 : start + (int) (marks[markHead] - position);
    }

    private void mark(long at) {
        if (markCount == marks.length) {
            long[] bigger = new long[marks.length * 2];
            for (int i = 0; i < markCount; i++) {
                bigger[i] = marks[(markHead + i) % marks.length];
            }
            marks = bigger;
            markHead = 0;
        }
        marks[(markHead + markCount) % marks.length] = at;
        markCount++;
    }

    void clear() {
        position += end - start;
        markHead = 0;
        markCount = 0;
        start = 0;
        end = 0;
        if (array.length > 1 << 16) {
            array = new byte[256]; // give back what one large message needed
        }
    }

    @Override
    public String toString() {
        return "StreamBuffer[" + size() + " bytes: " + Arrays.toString(Arrays.copyOfRange(array, start,
                Math.min(end, start + 16))) + "]";
    }
}
