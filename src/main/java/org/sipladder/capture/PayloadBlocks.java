package org.sipladder.capture;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reused blocks that lent payloads' bytes are copied into (see {@link SipPayload}): a read copies each message
 * out of the file's read buffer once, into the current block, instead of into an array of its own, so that a
 * capture of hundreds of thousands of messages allocates a few blocks instead of one array per message. A block is
 * used again once every hold of its payloads has been given back; until then new blocks are made, so the reader never
 * waits for a consumer. Used on the decoding thread only (apart from {@link Block#returned}).
 */
final class PayloadBlocks {

    /**
     * Bytes per block: a hundred messages or so. A longer message gets an array of its own. The blocks in use when
     * the collector runs during a read are moved to the old generation and stay there after the read: five blocks of
     * 256 KB were 1.3 MB of the 4 GB benchmark capture's peak.
     */
    static final int BLOCK_BYTES = 1 << 16;
    /**
     * Blocks followed for reuse at most: more are only held while a consumer lags far behind (or never gives its
     * holds back); the oldest then leaves the pool and is left to the collector once its payloads are gone.
     */
    private static final int MAX_WAITING = 64;

    /** One block: its bytes, and how many of its payloads' holds were taken and given back. */
    static final class Block {
        final byte[] bytes = new byte[BLOCK_BYTES];
        /** Bytes used so far; decoding thread only. */
        int used;
        /** Holds taken, counted since the block was made (wrapping); decoding thread only. */
        int held;
        /** Holds given back, counted since the block was made; by the consumers' threads. */
        final AtomicInteger returned = new AtomicInteger();

        boolean free() {
            return returned.get() == held;
        }
    }

    /** Blocks given up as current, oldest first, waiting for their holds to come back. */
    private final ArrayDeque<Block> waiting = new ArrayDeque<>();
    private Block current;

    /**
     * The block to copy {@code length} bytes into at its {@link Block#used} (the caller adds them), or null when a
     * message that long gets an array of its own.
     */
    Block room(int length) {
        if (length > BLOCK_BYTES) {
            return null;
        }
        if (current != null && current.used + length <= BLOCK_BYTES) {
            return current;
        }
        if (current != null && current.free()) {
            current.used = 0;
            return current;
        }
        if (current != null) {
            if (waiting.size() >= MAX_WAITING) {
                waiting.poll();
            }
            waiting.add(current);
        }
        Block oldest = waiting.peek();
        if (oldest != null && oldest.free()) {
            waiting.poll();
            oldest.used = 0;
            current = oldest;
        } else {
            current = new Block();
        }
        return current;
    }
}
