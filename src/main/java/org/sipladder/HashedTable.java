package org.sipladder;

/**
 * A look-up table for the read's and the diagnosis's hot paths: open addressing over three arrays, the keys' hashes,
 * the keys and the values, with linear probing. A look-up reads the hashes until an equal one and only then the key;
 * a miss reads the hashes alone. Unlike a HashMap it keeps no node per entry for the collector to copy, and it never
 * calls the key's {@code hashCode}: the caller gives the hash (one it keeps, or one cheaper than a record's generated
 * {@code hashCode}, which with only the quick JIT is a call through a method handle). Entries are never removed. Not
 * thread-safe.
 *
 * @param <K> the key
 * @param <V> the value
 */
public abstract class HashedTable<K, V> {

    private int[] hashes;
    private Object[] keys;
    private Object[] values;
    private int size;

    /** A table with {@code capacity} slots at first, a power of two; it holds half as many entries before it grows. */
    protected HashedTable(int capacity) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity " + capacity + " is not a power of two");
        }
        hashes = new int[capacity];
        keys = new Object[capacity];
        values = new Object[capacity];
    }

    /** Whether {@code kept}, a key in the table whose hash equals the one asked for, is the key {@code asked}. */
    protected abstract boolean sameKey(K kept, K asked);

    /** The value of {@code key}, whose hash (as given to {@link #add}) is {@code hash}, or null. */
    @SuppressWarnings("unchecked")
    protected final V get(K key, int hash) {
        int h = spread(hash);
        int mask = hashes.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int kept = hashes[i];
            if (kept == 0) {
                return null;
            }
            if (kept == h && sameKey((K) keys[i], key)) {
                return (V) values[i];
            }
        }
    }

    /** Adds {@code value} under {@code key}, which is not in the table yet, whose hash is {@code hash}. */
    protected final void add(K key, int hash, V value) {
        if (2 * (size + 1) > hashes.length) {
            grow();
        }
        place(spread(hash), key, value, hashes, keys, values);
        size++;
    }

    /** Twice the slots, each entry placed again by its kept hash (no key is read). */
    private void grow() {
        int capacity = hashes.length * 2;
        int[] newHashes = new int[capacity];
        Object[] newKeys = new Object[capacity];
        Object[] newValues = new Object[capacity];
        for (int i = 0; i < hashes.length; i++) {
            if (hashes[i] != 0) {
                place(hashes[i], keys[i], values[i], newHashes, newKeys, newValues);
            }
        }
        hashes = newHashes;
        keys = newKeys;
        values = newValues;
    }

    private static void place(int h, Object key, Object value, int[] hashes, Object[] keys, Object[] values) {
        int mask = hashes.length - 1;
        int i = h & mask;
        while (hashes[i] != 0) {
            i = (i + 1) & mask;
        }
        hashes[i] = h;
        keys[i] = key;
        values[i] = value;
    }

    /**
     * The hash as kept: its bits spread (String hashes of similar Call-IDs differ in their low bits alone, and a
     * capture's media ports go up by two from call to call, which would fill runs of slots), never 0, which marks an
     * empty slot.
     */
    private static int spread(int hash) {
        int h = hash * 0x9E3779B1;
        h ^= h >>> 16;
        return h == 0 ? 1 : h;
    }
}
