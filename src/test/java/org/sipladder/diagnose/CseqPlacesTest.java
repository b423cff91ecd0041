package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The places of messages by CSeq number, as the boxed map they replace gave them: in order, their count first. */
class CseqPlacesTest {

    @Test
    void placesInCaptureOrderCountFirst() {
        CseqPlaces places = new CseqPlaces(new long[] {1, 1, 2, 1, 3, 2, 1, 1, 1}, null);
        assertArrayEquals(new int[] {6, 0, 1, 3, 6, 7, 8}, Arrays.copyOf(places.get(1), 7));
        assertArrayEquals(new int[] {2, 2, 5}, Arrays.copyOf(places.get(2), 3));
        assertArrayEquals(new int[] {1, 4}, Arrays.copyOf(places.get(3), 2));
        assertNull(places.get(4));
    }

    @Test
    void onlyTheMessagesKept() {
        CseqPlaces places = new CseqPlaces(new long[] {7, 7, 8}, new boolean[] {false, true, false});
        assertArrayEquals(new int[] {1, 1}, Arrays.copyOf(places.get(7), 2));
        assertNull(places.get(8));
    }

    @Test
    void numbersAsFarApartAsLongsGoEachKeepTheirOwn() {
        // numbers whose hashes collide (a number and its high half swapped) and a CSeq number a message for a day
        long[] numbers = new long[20_000];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = i % 2 == 0 ? i : (long) i << 32;
        }
        numbers[0] = Long.MAX_VALUE;
        CseqPlaces places = new CseqPlaces(numbers, null);
        for (int i = 0; i < numbers.length; i++) {
            assertArrayEquals(new int[] {1, i}, Arrays.copyOf(places.get(numbers[i]), 2));
        }
        assertNull(places.get(0));
    }
}
