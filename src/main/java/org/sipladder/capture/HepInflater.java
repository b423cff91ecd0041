package org.sipladder.capture;

import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates the compressed payload of a HEP3 packet (chunk 0x0010) in each form agents write there: the HEP3
 * specification says only "gzip/inflate"; OpenSIPS's proto_hep writes gzip (RFC 1952) and heplify's documentation
 * names gzip, while zlib's own {@code compress()} writes the zlib format (RFC 1950) and a bare deflate stream (RFC
 * 1951) is what "inflate" takes. The form is told by its first bytes. At most {@link #MAX_INFLATED} bytes come out,
 * so a small hostile packet cannot ask for much memory (a decompression bomb).
 */
final class HepInflater {

    /** The largest payload inflated: a HEP packet carries one captured datagram or message, at most this large. */
    static final int MAX_INFLATED = 1 << 16;
    private static final int GZIP_HEADER = 10;
    private static final int GZIP_TRAILER = 8;
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    static final String NOT_COMPRESSED = "the HEP packet's compressed payload (chunk 0x0010) is neither gzip, zlib nor "
            + "deflate data: kept as it came, compressed";
    static final String CUT_SHORT = "the HEP packet's compressed payload (chunk 0x0010) is cut short before its end: "
            + "kept as it came, compressed";
    static final String TOO_LARGE = "the HEP packet's compressed payload (chunk 0x0010) inflates to more than "
            + MAX_INFLATED + " bytes, more than one captured message can be: kept as it came, compressed";
    static final String BAD_CHECKSUM = "the HEP packet's compressed payload (chunk 0x0010) fails its gzip checksum: "
            + "kept as it came, compressed";

    /** For zlib data; made at the first, as most captures hold no compressed HEP. */
    private Inflater zlib;
    /** For deflate data bare or inside gzip. */
    private Inflater raw;
    private byte[] out;
    private String failure;

    /** Inflates {@code a[at, at+n)} into {@link #output()}: its length, or -1 with {@link #failure()} saying why. */
    int inflate(byte[] a, int at, int n) {
        failure = null;
        if (out == null) {
            out = new byte[MAX_INFLATED];
            zlib = new Inflater();
            raw = new Inflater(true);
        }
        if (n >= 2 && (a[at] & 0xff) == 0x1f && (a[at + 1] & 0xff) == 0x8b) {
            return gzip(a, at, n);
        }
        boolean zlibHeader = n >= 2 && (a[at] & 0x0f) == 8 && ((a[at] & 0xff) << 8 | a[at + 1] & 0xff) % 31 == 0;
        return run(zlibHeader ? zlib : raw, a, at, n);
    }

    /** The inflated bytes, from 0 for the length {@link #inflate} returned; reused by the next call. */
    byte[] output() {
        return out;
    }

    /** Why the last {@link #inflate} returned -1: one sentence for the message's note. */
    String failure() {
        return failure;
    }

    /** A gzip member (RFC 1952 2.3): its header's optional fields skipped, its CRC-32 and length checked. */
    private int gzip(byte[] a, int at, int n) {
        int end = at + n;
        if (n < GZIP_HEADER + GZIP_TRAILER || a[at + 2] != 8) {
            return fail(n < GZIP_HEADER + GZIP_TRAILER ? CUT_SHORT : NOT_COMPRESSED);
        }
        int flags = a[at + 3] & 0xff;
        int p = at + GZIP_HEADER;
        if ((flags & FEXTRA) != 0) {
            p = p + 2 <= end ? p + 2 + ((a[p] & 0xff) | (a[p + 1] & 0xff) << 8) : end;
        }
        p = (flags & FNAME) != 0 ? afterZero(a, p, end) : p;
        p = (flags & FCOMMENT) != 0 ? afterZero(a, p, end) : p;
        p += (flags & FHCRC) != 0 ? 2 : 0;
        if (p + GZIP_TRAILER > end) {
            return fail(CUT_SHORT);
        }
        int length = run(raw, a, p, end - p);
        if (length < 0) {
            return length;
        }
        int trailer = p + (int) raw.getBytesRead();
        if (trailer + GZIP_TRAILER > end) {
            return fail(CUT_SHORT);
        }
        CRC32 crc = new CRC32();
        crc.update(out, 0, length);
        boolean intact = (int) crc.getValue() == Integer.reverseBytes(Wire.int32(a, trailer))
                && length == Integer.reverseBytes(Wire.int32(a, trailer + 4));
        return intact ? length : fail(BAD_CHECKSUM);
    }

    private static int afterZero(byte[] a, int p, int end) {
        while (p < end && a[p] != 0) {
            p++;
        }
        return Math.min(end, p + 1);
    }

    private int run(Inflater inflater, byte[] a, int at, int n) {
        inflater.reset();
        inflater.setInput(a, at, n);
        int got = 0;
        try {
            while (!inflater.finished() && got < out.length) {
                int more = inflater.inflate(out, got, out.length - got);
                if (more == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                got += more;
            }
        } catch (DataFormatException e) {
            return fail(NOT_COMPRESSED);
        }
        if (inflater.finished()) {
            return got;
        }
        return fail(got == out.length ? TOO_LARGE : inflater.needsDictionary() ? NOT_COMPRESSED : CUT_SHORT);
    }

    private int fail(String why) {
        failure = why;
        return -1;
    }
}
