package org.sipladder.source;

import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/** A 64-bit fingerprint of a message's bytes: the same message seen by two captures has the same one. */
final class Fingerprint {

    private Fingerprint() {
    }

    static long of(byte[] data) {
        CRC32 a = new CRC32();
        CRC32C b = new CRC32C();
        a.update(data);
        b.update(data);
        return a.getValue() << 32 ^ b.getValue() ^ (long) data.length << 20;
    }
}
