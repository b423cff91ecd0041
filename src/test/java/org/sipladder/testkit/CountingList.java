package org.sipladder.testkit;

import java.util.AbstractList;
import java.util.List;

/** A list that counts how often its elements are read: stands in for calls assembled each time one is read. */
public final class CountingList<T> extends AbstractList<T> {

    private final List<T> elements;
    private int reads;

    public CountingList(List<T> elements) {
        this.elements = elements;
    }

    @Override
    public T get(int index) {
        reads++;
        return elements.get(index);
    }

    @Override
    public int size() {
        return elements.size();
    }

    /** Elements read so far. */
    public int reads() {
        return reads;
    }
}
