package org.sipladder.capture;

import java.util.Arrays;

/** The reassembled, not yet consumed bytes of one TCP direction: append at the end, consume from the start. */
final class StreamBuffer {

    private byte[] array = new byte[256];
    private int start;
    private int end;

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
        if (start >= end) {
            clear();
        }
    }

    void clear() {
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
