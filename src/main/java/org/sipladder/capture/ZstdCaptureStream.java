package org.sipladder.capture;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A zstd-compressed capture file's bytes, decoded by aircompressor's pure-Java decoder (its window is at most 8 MB
 * whatever a frame header claims). What the decoder throws becomes one of two exceptions the reader reports: a
 * {@link CutShortException} when the file ends inside a frame, a {@link CorruptCompressionException} when the data is
 * not zstd the decoder can read. The decoder hands out a frame's bytes only once they leave its window: a file cut
 * inside a frame loses up to a window's worth (the zstd tool's default is 2-8 MB) before the cut, where gzip loses
 * only what its last block held; files of several frames (pzstd, seekable zstd) keep every frame before the cut.
 */
final class ZstdCaptureStream extends InputStream {

    /** The first bytes of a zstd frame, read as a little-endian int. */
    static final int MAGIC = 0xFD2FB528;

    private final EndAware compressed;
    private final ZstdInputStream zstd;

    ZstdCaptureStream(InputStream compressed) {
        this.compressed = new EndAware(compressed);
        this.zstd = new ZstdInputStream(this.compressed);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return zstd.read(b, off, len);
        } catch (IOException e) {
            if (compressed.ended) {
                throw new CutShortException();
            }
            throw e;
        } catch (RuntimeException e) {
            // the decoder's MalformedInputException, or a check of its own state that corrupt data failed
            throw new CorruptCompressionException(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() throws IOException {
        zstd.close();
    }

    /** The file ends inside a zstd frame. */
    static final class CutShortException extends EOFException {
        CutShortException() {
            super("the zstd data ends inside a frame");
        }
    }

    /** Notes when the stream it reads has ended. */
    private static final class EndAware extends FilterInputStream {
        boolean ended;

        EndAware(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            ended |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            ended |= n < 0;
            return n;
        }
    }
}
