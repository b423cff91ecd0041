package org.sipladder.flow;

import java.util.List;
import org.sipladder.sip.SipHeader;
import org.sipladder.sip.SipMessage;

/**
 * Puts a call's legs in the order of its path, the caller's first, whatever the capture's clocks say: two captures
 * merged with clocks apart, or a B2BUA host whose clock runs behind, put a B-leg before the A-leg it continues, and
 * the legs may have been joined by any clue (a correlation header, a session key, a transfer, timing).
 *
 * <p>A leg is upstream of another when the other names its Call-ID in a correlation header (X-CID: a B2BUA's B-leg
 * names its A-leg), when the other retries it under a new Call-ID, when its REFER asked for the other, or else when
 * the host that sent the other's dialog-opening INVITE is one that this leg's INVITE reached (directly or through
 * proxies relaying it with its Call-ID): a B2BUA's outgoing leg is downstream of the leg it received. Where each leg's
 * INVITE reached the other's sender (a hairpin: the B2BUA sends the B-leg back to the carrier), the path tells nothing
 * and the clocks decide.
 */
final class UpstreamOrder {

    /**
     * The most legs put in path order; a call with more keeps start order. No path runs through hundreds of hops: such
     * a call is many INVITEs joined by one value they share (a correlation header or session key a misconfigured
     * B2BUA sends unchanged on every call), and comparing each leg with every other, each comparison walking both legs'
     * messages, took 80 s for 10,000 of them.
     */
    static final int MAX_ORDERED_LEGS = 256;

    private UpstreamOrder() {
    }

    /**
     * Reorders {@code legs} (in start order) and their {@code messages} and {@code arrivals} (beside them) so that no
     * leg comes after one it is upstream of, keeping start order where the path says nothing: each place takes the
     * earliest leg left with no leg left upstream of it, or the earliest left when every one has (a cycle). More than
     * {@link #MAX_ORDERED_LEGS} legs keep start order.
     */
    static void sort(LegState[] legs, SipMessage[][] messages, int[][] arrivals) {
        int n = legs.length;
        if (n > MAX_ORDERED_LEGS) {
            return;
        }
        String[] origins = new String[n];
        for (int i = 0; i < n; i++) {
            origins[i] = origin(messages[i]);
        }
        if (n == 2) {
            // nearly every joined call: a swap when the second leg is upstream of the first, no tables made
            if (upstream(1, 0, legs, messages, origins) && !upstream(0, 1, legs, messages, origins)) {
                swap(legs);
                swap(messages);
                swap(arrivals);
            }
            return;
        }
        boolean[][] upstream = new boolean[n][n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                upstream[i][j] = i != j && upstream(i, j, legs, messages, origins);
                any |= upstream[i][j];
            }
        }
        if (!any) {
            return;
        }
        int[] order = new int[n];
        boolean[] placed = new boolean[n];
        for (int k = 0; k < n; k++) {
            int pick = -1;
            for (int i = 0; i < n && pick < 0; i++) {
                if (!placed[i] && !hasUpstreamLeft(i, upstream, placed)) {
                    pick = i;
                }
            }
            for (int i = 0; i < n && pick < 0; i++) {
                if (!placed[i]) {
                    pick = i;
                }
            }
            placed[pick] = true;
            order[k] = pick;
        }
        permute(legs, order);
        permute(messages, order);
        permute(arrivals, order);
    }

    private static boolean hasUpstreamLeft(int leg, boolean[][] upstream, boolean[] placed) {
        for (int j = 0; j < placed.length; j++) {
            if (!placed[j] && upstream[j][leg]) {
                return true;
            }
        }
        return false;
    }

    /** True when leg {@code i} is upstream of leg {@code j}; the stronger clues first, each deciding when it speaks. */
    private static boolean upstream(int i, int j, LegState[] legs, SipMessage[][] messages, String[] origins) {
        if (names(legs[j], legs[i])) {
            return true;
        }
        if (names(legs[i], legs[j])) {
            return false;
        }
        if (legs[j].retried == legs[i] || legs[i].retried == legs[j]) {
            return legs[j].retried == legs[i];
        }
        if (legs[j].referredBy == legs[i] || legs[i].referredBy == legs[j]) {
            return legs[j].referredBy == legs[i];
        }
        return feeds(messages[i], origins[j]) && !feeds(messages[j], origins[i]);
    }

    /** True when the first message of {@code leg} names {@code other}'s Call-ID in a correlation header. */
    private static boolean names(LegState leg, LegState other) {
        List<SipHeader> headers = leg.firstMessage().correlationHeaders();
        for (int h = 0; h < headers.size(); h++) {
            if (headers.get(h).value().trim().equals(other.callId())) {
                return true;
            }
        }
        return false;
    }

    /** True when one of the dialog-opening INVITEs among {@code messages} was sent to {@code host}. */
    private static boolean feeds(SipMessage[] messages, String host) {
        if (host == null) {
            return false;
        }
        for (SipMessage m : messages) {
            if ("INVITE".equals(m.method()) && SipFields.isInitialRequest(m) && host.equals(m.dst().address())) {
                return true;
            }
        }
        return false;
    }

    /** The address that sent the first dialog-opening INVITE among {@code messages}, or null when there is none. */
    private static String origin(SipMessage[] messages) {
        for (SipMessage m : messages) {
            if ("INVITE".equals(m.method()) && SipFields.isInitialRequest(m)) {
                return m.src().address();
            }
        }
        return null;
    }

    private static <T> void swap(T[] pair) {
        T first = pair[0];
        pair[0] = pair[1];
        pair[1] = first;
    }

    private static <T> void permute(T[] values, int[] order) {
        T[] was = values.clone();
        for (int k = 0; k < order.length; k++) {
            values[k] = was[order[k]];
        }
    }
}
