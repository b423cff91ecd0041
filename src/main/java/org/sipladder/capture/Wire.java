package org.sipladder.capture;

import java.nio.ByteOrder;

/** Reads unsigned fields from byte arrays in network or file byte order. */
final class Wire {

    private Wire() {
    }

    static int u8(byte[] a, int at) {
        return a[at] & 0xff;
    }

    static int u16(byte[] a, int at) {
        return (a[at] & 0xff) << 8 | (a[at + 1] & 0xff);
    }

    static int int32(byte[] a, int at) {
        return (a[at] & 0xff) << 24 | (a[at + 1] & 0xff) << 16 | (a[at + 2] & 0xff) << 8 | (a[at + 3] & 0xff);
    }

    static int u16(byte[] a, int at, ByteOrder order) {
        return order == ByteOrder.BIG_ENDIAN ? u16(a, at) : (a[at + 1] & 0xff) << 8 | (a[at] & 0xff);
    }

    static int int32(byte[] a, int at, ByteOrder order) {
        int v = int32(a, at);
        return order == ByteOrder.BIG_ENDIAN ? v : Integer.reverseBytes(v);
    }
}
