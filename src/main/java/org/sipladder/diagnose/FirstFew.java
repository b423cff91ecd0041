package org.sipladder.diagnose;

/**
 * A value per key, kept for the first few keys a call asks about (the very key or an equal one; later keys are worked
 * out each time by the caller): a call asks about a handful, so a look along a short array beats a map and its
 * lambdas. For one call's diagnosis (its memo's lock, or one rule's run over the call).
 */
final class FirstFew<K, V> {
    private final Object[] keys;
    private final Object[] values;
    private int count;

    FirstFew(int capacity) {
        keys = new Object[capacity];
        values = new Object[capacity];
    }

    /** The index of {@code key} (not null) among those kept, or -1. */
    int indexOf(K key) {
        for (int i = 0; i < count; i++) {
            if (keys[i] == key || key.equals(keys[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The index of the very {@code key} among those kept, or -1: for keys whose equal copies are rare and costly to
     * compare (a record of lists, such as a parsed SDP, compared through the record's generic equals).
     */
    int indexOfSame(K key) {
        for (int i = 0; i < count; i++) {
            if (keys[i] == key) {
                return i;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    V value(int index) {
        return (V) values[index];
    }

    /** Keeps {@code value} for {@code key} while there is room; returns the value. */
    V keep(K key, V value) {
        if (count < keys.length) {
            keys[count] = key;
            values[count] = value;
            count++;
        }
        return value;
    }
}
