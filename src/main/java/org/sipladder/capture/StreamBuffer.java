package org.sipladder.capture;

import java.util.Arrays;

/**
 * The reassembled, not yet consumed bytes of one TCP direction: append at the end, consume from the start. It also
 * remembers where each appended segment began, as a message of a stream joined midway can only start there, and
 * the frame it came in, so a message knows the packets it was reassembled from.
 */
final class StreamBuffer {

    private static final byte[] NONE = new byte[0];

    private byte[] array = new byte[256];
    private int start;
    private int end;
    /** Stream offset of {@code array[start]}. */
    private long position;
    /**
     * Stream offsets where appended segments began, oldest first, from {@code marks[markHead]}: the segment holding
     * the first unconsumed byte and those after it.
     */
    private long[] marks = new long[INITIAL_MARKS];
    /** The frame each mark's segment came in, at the same index. */
    private long[] markFrames = new long[INITIAL_MARKS];
    /** Where each mark's segment is in the capture file, at the same index; -1 when not known. */
    private long[] markFiles = new long[INITIAL_MARKS];
    /**
     * Room for marks before they grow: a buffer rarely holds more than the segment of one message, and a capture keeps
     * up to {@link org.sipladder.Limits#TCP_DIRECTIONS} directions (2 x 16 longs each were 29 MB of 100,000).
     */
    private static final int INITIAL_MARKS = 2;
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

    /** Appends {@code a[off, off+len)}, the new bytes of a segment that came in {@code frame}. */
    void append(byte[] a, int off, int len, long frame) {
        append(a, off, len, frame, -1);
    }

    /** As above, the bytes being at {@code fileOffset} in the capture file (-1 when not known). */
    void append(byte[] a, int off, int len, long frame, long fileOffset) {
        mark(position + size(), frame, fileOffset);
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
        } else {
            // the marks of segments wholly consumed go; the one holding the first unconsumed byte stays
            while (markCount > 1 && marks[(markHead + 1) % marks.length] <= position) {
                markHead = (markHead + 1) % marks.length;
                markCount--;
            }
        }
    }

    /** The index in {@link #array()} of the first segment start after {@link #start()}, or -1 when none is held. */
    int nextSegmentStart() {
        for (int i = 0; i < markCount; i++) {
            long at = marks[(markHead + i) % marks.length];
            if (at > position) {
                return start + (int) (at - position);
            }
        }
        return -1;
    }

    /**
     * The frames, other than {@code except}, of the segments that hold the next {@code length} bytes, in stream
     * order; {@link SipPayload#ONE_PACKET} (no allocation) when there are none, the usual case.
     */
    long[] framesOf(int length, long except) {
        long until = position + length;
        int count = 0;
        long last = except;
        for (int i = 0; i < markCount && marks[(markHead + i) % marks.length] < until; i++) {
            long frame = markFrames[(markHead + i) % marks.length];
            if (frame != except && frame != last) {
                count++;
            }
            last = frame;
        }
        if (count == 0) {
            return SipPayload.ONE_PACKET;
        }
        long[] frames = new long[count];
        count = 0;
        last = except;
        for (int i = 0; i < markCount && marks[(markHead + i) % marks.length] < until; i++) {
            long frame = markFrames[(markHead + i) % marks.length];
            if (frame != except && frame != last) {
                frames[count++] = frame;
            }
            last = frame;
        }
        return frames;
    }

    private void mark(long at, long frame, long fileOffset) {
        if (markCount == marks.length) {
            long[] bigger = new long[marks.length * 2];
            long[] biggerFrames = new long[marks.length * 2];
            long[] biggerFiles = new long[marks.length * 2];
            for (int i = 0; i < markCount; i++) {
                bigger[i] = marks[(markHead + i) % marks.length];
                biggerFrames[i] = markFrames[(markHead + i) % marks.length];
                biggerFiles[i] = markFiles[(markHead + i) % marks.length];
            }
            marks = bigger;
            markFrames = biggerFrames;
            markFiles = biggerFiles;
            markHead = 0;
        }
        marks[(markHead + markCount) % marks.length] = at;
        markFrames[(markHead + markCount) % marks.length] = frame;
        markFiles[(markHead + markCount) % marks.length] = fileOffset;
        markCount++;
    }

    /**
     * The runs of the capture file the next {@code length} bytes are, segment by segment: each one's offset in the
     * file and length, in turn (one run when they all came in one segment); null when a segment is not one run of the
     * file (it came not from a capture file, or across the fragments of a datagram).
     */
    long[] fileRangesOf(int length) {
        long until = position + length;
        int count = 0;
        for (int i = 0; i < markCount && marks[(markHead + i) % marks.length] < until; i++) {
            count++;
        }
        long[] ranges = new long[2 * count];
        long bufferEnd = position + size();
        for (int i = 0; i < count; i++) {
            int slot = (markHead + i) % marks.length;
            long segmentFrom = marks[slot];
            long segmentTo = i + 1 < markCount ? marks[(markHead + i + 1) % marks.length] : bufferEnd;
            long from = Math.max(segmentFrom, position);
            long to = Math.min(segmentTo, until);
            if (markFiles[slot] < 0 || from > to) {
                return null;
            }
            ranges[2 * i] = markFiles[slot] + (from - segmentFrom);
            ranges[2 * i + 1] = to - from;
        }
        return ranges;
    }

    /**
     * Empties the buffer and lets go of its array, for a stream that ended: a capture keeps up to
     * {@link org.sipladder.Limits#TCP_DIRECTIONS} directions after their end (late retransmissions are told apart by
     * them), and 256 bytes each of 100,000 were 27 MB. Bytes appended later get an array of their own.
     */
    void release() {
        clear();
        array = NONE;
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
