package org.sipladder.flow;

import java.util.Objects;
import org.sipladder.sip.SipMessage;

/**
 * A long call's messages by what a host passing one on would send again: where each went, its Call-ID, CSeq, and
 * method or status. {@link HopRoles#relayed} looks back from a message for one its sender received, which for a call of
 * thousands of REFERs or legs was a walk over every message before it, for each message that gives a clue; here it
 * looks at the few earlier messages that hash alike. Built once per call, only for a call long enough to need it.
 */
final class ReceivedMessages {

    /** Per bucket, where its messages start in {@link #entries}; one more at the end. */
    private final int[] starts;
    /** The messages' indexes, bucket after bucket, ascending within each. */
    private final int[] entries;
    private final int mask;

    /** {@code receivers[i]} is where {@code messages[i]} went, as {@link HopRoles} files hosts. */
    ReceivedMessages(SipMessage[] messages, String[] receivers) {
        int buckets = Integer.highestOneBit(Math.max(2, messages.length) - 1) << 1;
        mask = buckets - 1;
        int[] bucketOf = new int[messages.length];
        starts = new int[buckets + 1];
        for (int i = 0; i < messages.length; i++) {
            bucketOf[i] = hash(receivers[i], messages[i]) & mask;
            starts[bucketOf[i] + 1]++;
        }
        for (int b = 0; b < buckets; b++) {
            starts[b + 1] += starts[b];
        }
        int[] filled = new int[buckets];
        entries = new int[messages.length];
        for (int i = 0; i < messages.length; i++) {
            int b = bucketOf[i];
            entries[starts[b] + filled[b]++] = i;
        }
    }

    /**
     * The bucket of the messages {@code m} may pass on, sent to {@code sender}: {@link #entry} from {@link #start} up
     * to {@link #endBefore} holds them (and others that hash alike), oldest first.
     */
    int bucket(String sender, SipMessage m) {
        return hash(sender, m) & mask;
    }

    /** Where bucket {@code b} starts in {@link #entry}. */
    int start(int b) {
        return starts[b];
    }

    /** Where the entries of bucket {@code b} before index {@code before} end: found by halving, as they ascend. */
    int endBefore(int b, int before) {
        int lo = starts[b];
        int hi = starts[b + 1];
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (entries[mid] < before) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    int entry(int k) {
        return entries[k];
    }

    /** Equal for a message and one it passes on that was sent to {@code receiver}: the fields relayed compares. */
    private static int hash(String receiver, SipMessage m) {
        int h = receiver.hashCode();
        h = h * 31 + Objects.hashCode(m.callId());
        h = h * 31 + Long.hashCode(m.cseqNumber());
        h = h * 31 + (m.isRequest() ? Objects.hashCode(m.method()) : m.status() * 31 + Objects.hashCode(m.cseqMethod()));
        // spread: the low bits pick the bucket
        return h ^ h >>> 16;
    }
}
