package org.sipladder.sip;

import java.io.IOException;
import java.util.List;
import java.util.zip.CRC32C;
import org.sipladder.capture.CaptureFile;

/**
 * What a compact {@link SipMessage} does not keep in memory, scanned again from its bytes on demand: all headers,
 * the body, the SDP and the text; and how those bytes are read back from the capture file, checked against the
 * checksum taken when they were first read.
 */
record MessageDetail(List<SipHeader> headers, byte[] body, Sdp sdp, String raw) {

    /** CRC-32C of {@code bytes} folded to 16 bits (what a compact message keeps): what is read back must be what was read. */
    static char foldedChecksum(byte[] bytes) {
        return foldedChecksum(bytes, 0, bytes.length);
    }

    /** As {@link #foldedChecksum(byte[])} of {@code bytes[offset, offset+length)}. */
    static char foldedChecksum(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        int c = (int) crc.getValue();
        return (char) (c ^ c >>> 16);
    }

    /**
     * The message bytes from where they are: {@code source} is a {@link CaptureFile} (with {@code length} bytes at
     * {@code offset}, whose {@link #foldedChecksum} was {@code checksum}), the bytes themselves, or null (a message
     * built in code).
     *
     * @throws IOException when the capture file is gone or changed since it was read
     */
    static byte[] read(Object source, long offset, int length, int checksum) throws IOException {
        return read(source, offset, length, checksum, null);
    }

    /**
     * As {@link #read(Object, long, int, int)}, from the stretches of the file {@code ahead} keeps when it is given
     * (and the file as it is now when those do not hold the message's bytes).
     */
    static byte[] read(Object source, long offset, int length, int checksum, ReadAhead ahead) throws IOException {
        if (source instanceof byte[] wire) {
            return wire;
        }
        if (ahead != null && source instanceof CaptureFile file) {
            byte[] bytes = ahead.read(file, offset, length);
            if (bytes != null && foldedChecksum(bytes) == checksum) {
                return bytes;
            }
        }
        if (source instanceof CaptureFile file) {
            byte[] bytes = file.read(offset, length);
            if (foldedChecksum(bytes) != checksum) {
                throw changed(file);
            }
            return bytes;
        }
        return null;
    }

    /**
     * The bytes of a message that are several runs of its capture file ({@code origin}), read through {@code ahead}
     * when given, checked against {@code checksum} as a run's are.
     */
    static byte[] read(SipMessage.GatheredOrigin origin, int checksum, ReadAhead ahead) throws IOException {
        long[] ranges = origin.ranges();
        int total = 0;
        for (int i = 1; i < ranges.length; i += 2) {
            total += (int) ranges[i];
        }
        byte[] bytes = new byte[total];
        int at = 0;
        for (int i = 0; i < ranges.length; i += 2) {
            int length = (int) ranges[i + 1];
            byte[] run = ahead == null ? null : ahead.read(origin.file(), ranges[i], length);
            if (run == null) {
                run = origin.file().read(ranges[i], length);
            }
            System.arraycopy(run, 0, bytes, at, length);
            at += length;
        }
        if (foldedChecksum(bytes) != checksum) {
            throw changed(origin.file());
        }
        return bytes;
    }

    /** What a read-back whose bytes are not those read says: the file changed since. */
    private static IOException changed(CaptureFile file) {
        return new IOException(file + " no longer holds this message (it changed since it was read); open it again");
    }

    /**
     * As {@link #read(Object, long, int, int, ReadAhead)} of a capture file's message, its bytes put in {@code into}
     * instead of an array of their own: where they start in {@link ReadBackBuffer#bytes()} (then taken there), or -1
     * when {@code ahead}'s stretches do not give them as they were read (the caller reads them as that does).
     */
    static int readInto(CaptureFile file, long offset, int length, int checksum, ReadAhead ahead,
                        ReadBackBuffer into) {
        int at = into.reserve(length);
        try {
            if (!ahead.read(file, offset, length, into.bytes(), at)
                    || foldedChecksum(into.bytes(), at, length) != checksum) {
                return -1;
            }
        } catch (IOException e) {
            return -1;
        }
        into.take(length);
        return at;
    }

    /** The detail scanned from {@code bytes}; when they cannot be read, one whose text says why. */
    static MessageDetail scan(ReadBytes bytes) {
        byte[] wire;
        try {
            wire = bytes.read();
        } catch (IOException e) {
            String why = "(the text of this message cannot be read again: " + e.getMessage() + ")";
            return new MessageDetail(List.of(), new byte[0], null, why);
        }
        MessageScanner.Parts parts = MessageScanner.parts(wire, new Problems());
        if (parts == null) {
            return new MessageDetail(List.of(), new byte[0], null, "");
        }
        return new MessageDetail(parts.headers(), parts.body(), parts.sdp(), parts.raw());
    }

    /** Reads a message's bytes back. */
    @FunctionalInterface
    interface ReadBytes {
        byte[] read() throws IOException;
    }
}
