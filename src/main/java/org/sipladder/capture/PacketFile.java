package org.sipladder.capture;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The packet records of a pcap, pcapng or ERF file (optionally gzip- or zstd-compressed) as stored, front to back, numbered as
 * {@link CaptureReader} numbers them: for copying packets out (saving calls) and for merging several files.
 */
public final class PacketFile implements Closeable {

    /** Receives one packet record; the bytes are only valid during the call. */
    public interface Visitor {
        void packet(long frame, int linkType, long micros, byte[] a, int off, int len);
    }

    private final Path path;
    private final FileChannel channel;
    private final ByteSource source;
    private final PacketRecords records;
    private final List<String> warnings = new ArrayList<>();
    private long frame;
    private boolean ended;

    private PacketFile(Path path, FileChannel channel, ByteSource source, PacketRecords records) {
        this.path = path;
        this.channel = channel;
        this.source = source;
        this.records = records;
    }

    /** Opens {@code file}; the message of the exception names it and says what is wrong. */
    public static PacketFile open(Path file) throws CaptureException {
        CaptureReader.checkReadable(file);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            ByteSource source = CaptureReader.open(file, channel, CaptureReader.compression(channel));
            return new PacketFile(file, channel, source, CaptureReader.records(file, source));
        } catch (NoSuchFileException e) {
            closeQuietly(channel);
            throw new CaptureException(file + ": no such file");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new CaptureException(file + ": cannot be read (" + e.getMessage() + ")", e);
        } catch (CaptureException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    /**
     * Hands the next packet to {@code visitor}.
     *
     * @return false at the end of the file, or where it is damaged (see {@link #warnings()})
     */
    public boolean next(Visitor visitor) throws CaptureException {
        if (ended) {
            return false;
        }
        try {
            boolean more = records.next((linkType, micros, a, off, len) -> visitor.packet(++frame, linkType, micros, a,
                    off, len));
            ended = !more;
            return more;
        } catch (DamagedCaptureException e) {
            return damaged(e.getMessage());
        } catch (EOFException e) {
            return damaged("the compressed file ends early");
        } catch (IOException e) {
            if (CaptureReader.isCorruptCompression(e)) {
                return damaged("the compressed data is corrupt (" + e.getMessage() + ")");
            }
            throw new CaptureException(path + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** What was wrong with the file where reading stopped early; empty when it was read to its end. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    private boolean damaged(String what) {
        ended = true;
        warnings.add(CaptureReader.damage(frame, what));
        return false;
    }

    @Override
    public void close() throws IOException {
        try {
            source.close();
        } finally {
            channel.close();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the open failed already; that is what the user hears about
            }
        }
    }
}
