package org.sipladder.flow;

import java.util.Arrays;
import org.sipladder.AppendLog;
import org.sipladder.sip.SipMessage;

/**
 * Every message given to the flows, by arrival number, in chunks, and with each the arrival number of the next
 * message of its leg. Legs hold arrival numbers (ints) rather than references: a reference stored into an old object
 * makes the collector look at that object again at its next young collection, and the legs of a large capture are
 * hundreds of thousands of old objects that each get a message now and then, whereas this store is written at one
 * place, the end. A leg keeps only its first and last arrival numbers; its messages are a chain through this store's
 * links (an array of arrival numbers per leg was 100,000 objects more for each young collection to copy on a
 * 50,000-call capture). Not thread-safe: written under the flows' lock, read by assemblies once writing is done (or
 * under the same lock).
 */
final class MessageStore {

    private static final int CHUNK_BITS = 14;
    private static final int CHUNK = 1 << CHUNK_BITS;
    /** Set in a link for a retransmission; the other bits are the next arrival number, 0 when there is none yet. */
    private static final int REPEAT = Integer.MIN_VALUE;

    private final AppendLog<SipMessage> messages = new AppendLog<>();
    /** Per arrival number: the next message of its leg (never 0: arrival number 0 is the first of all) and REPEAT. */
    private int[][] links = new int[16][];

    /** Adds a message; its arrival number is the number of messages added before it. It has no next message yet. */
    int add(SipMessage m) {
        int seq = messages.add(m);
        int chunk = seq >>> CHUNK_BITS;
        if (chunk == links.length) {
            links = Arrays.copyOf(links, links.length * 2);
        }
        if (links[chunk] == null) {
            links[chunk] = new int[CHUNK];
        }
        return seq;
    }

    SipMessage get(int seq) {
        return messages.get(seq);
    }

    int size() {
        return messages.size();
    }

    /** Makes {@code next}, added after {@code seq}, the message that follows {@code seq} in its leg. */
    void link(int seq, int next) {
        int[] chunk = links[seq >>> CHUNK_BITS];
        int i = seq & (CHUNK - 1);
        chunk[i] = chunk[i] & REPEAT | next;
    }

    /** The arrival number of the message after {@code seq} in its leg, or 0 when there is none. */
    int next(int seq) {
        return nextIn(link(seq));
    }

    /** The link of message {@code seq}: {@link #nextIn} and {@link #repeatIn} read it (one look-up for both). */
    int link(int seq) {
        return links[seq >>> CHUNK_BITS][seq & (CHUNK - 1)];
    }

    /** The arrival number of the next message of the leg in a {@link #link}, or 0 when there is none. */
    static int nextIn(int link) {
        return link & ~REPEAT;
    }

    /** True when a {@link #link} is a retransmission's. */
    static boolean repeatIn(int link) {
        return link < 0;
    }

    /** Marks message {@code seq} as a retransmission of an earlier one of its leg. */
    void markRepeat(int seq) {
        links[seq >>> CHUNK_BITS][seq & (CHUNK - 1)] |= REPEAT;
    }

    /** True when message {@code seq} was marked a retransmission. */
    boolean repeated(int seq) {
        return repeatIn(link(seq));
    }
}
