package org.sipladder.capture;

/**
 * Compressions told by their first bytes whose data the reader does not decompress: lz4, bzip2 and xz at the top of
 * a file, and any compression (gzip and zstd too) found again inside the one layer of gzip or zstd that is read.
 * Refusing one names it and the command that undoes it; recognising another is one entry here.
 */
enum UnreadCompression {
    GZIP(0x1f8b0000, 0xffff0000, "gzip"),
    ZSTD(0x28b52ffd, 0xffffffff, "zstd"),
    /** The lz4 frame format (tshark reads it). */
    LZ4(0x04224d18, 0xffffffff, "lz4"),
    /** "BZh", then the block size digit. */
    BZIP2(0x425a6800, 0xffffff00, "bzip2"),
    XZ(0xfd377a58, 0xffffffff, "xz");

    private final int magic;
    private final int mask;
    private final String tool;

    UnreadCompression(int magic, int mask, String tool) {
        this.magic = magic;
        this.mask = mask;
        this.tool = tool;
    }

    /** The compression whose data starts with these four bytes (read big-endian), or null. */
    static UnreadCompression byMagic(int firstFourBytes) {
        for (UnreadCompression c : values()) {
            if ((firstFourBytes & c.mask) == c.magic) {
                return c;
            }
        }
        return null;
    }

    /** Why {@code file} is refused and how to get a capture that opens. */
    String refusal(Object file) {
        return file + ": " + tool + "-compressed data, which is not read (one layer of gzip or zstd is); decompress it ("
                + tool + " -dc '" + file + "' > capture.pcap) and open that";
    }
}
