package org.sipladder.capture;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.sipladder.Counted;

/**
 * Reads a pcap, pcapng or Endace ERF file (optionally gzip- or zstd-compressed) front to back with flat memory and reports every
 * candidate SIP message to a {@link CaptureListener}. A damaged file yields everything before the damage and a
 * warning naming the frame; only a file that cannot be read at all raises {@link CaptureException}.
 */
public final class CaptureReader {

    private static final int PROGRESS_EVERY_BYTES = 1 << 20;
    private static final int CANCEL_CHECK_EVERY = 1024;
    private static final int GZIP_MAGIC = 0x1f8b;
    /** Decompressed bytes asked for at once: the most that corrupt gzip data can take with it (see ByteSource). */
    private static final int GZIP_READ_CHUNK = 256;

    /** Counters of one read, updated per packet. */
    private static final class Run {
        long frame;
        long nextProgress = PROGRESS_EVERY_BYTES;
        boolean truncated;
        boolean cancelled;
    }

    /**
     * Reads {@code file}: the packets are decoded on a thread of its own, while {@code listener} is called on
     * this thread, in capture order, so that its work (parsing, building flows) runs beside the decoding.
     */
    public CaptureSummary read(Path file, CaptureListener listener) throws CaptureException {
        return new PipelinedRead().read(this, file, listener);
    }

    /** Reads {@code file} with decoding and the listener's work on this one thread. */
    CaptureSummary readHere(Path file, CaptureListener listener) throws CaptureException {
        checkReadable(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            Compression compression = compression(channel);
            try (ByteSource source = open(file, channel, compression)) {
                return read(file, size, source, compression == Compression.NONE ? CaptureFile.of(file) : null,
                        listener);
            }
        } catch (NoSuchFileException e) {
            throw new CaptureException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new CaptureException(file + ": permission denied");
        } catch (IOException e) {
            throw new CaptureException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    static void checkReadable(Path file) throws CaptureException {
        if (!Files.exists(file)) {
            throw new CaptureException(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new CaptureException(file + ": is a directory, not a capture file");
        }
        if (!Files.isReadable(file)) {
            throw new CaptureException(file + ": permission denied");
        }
    }

    /** How a capture file is compressed, as tshark reads them: not at all, gzip or zstd. */
    enum Compression { NONE, GZIP, ZSTD }

    /** The compression of the file {@code channel} reads, by its first bytes; the channel is left at its start. */
    static Compression compression(FileChannel channel) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(4);
        while (head.hasRemaining() && channel.read(head) >= 0) {
            // a file channel returns what there is; loop only for the magic bytes
        }
        channel.position(0);
        if (head.position() >= 2 && (head.getShort(0) & 0xffff) == GZIP_MAGIC) {
            return Compression.GZIP;
        }
        boolean zstd = head.position() == 4 && head.order(ByteOrder.LITTLE_ENDIAN).getInt(0) == ZstdCaptureStream.MAGIC;
        return zstd ? Compression.ZSTD : Compression.NONE;
    }

    static ByteSource open(Path file, FileChannel channel, Compression compression)
            throws IOException, CaptureException {
        if (compression == Compression.ZSTD) {
            CountingInputStream counted = new CountingInputStream(new BufferedInputStream(
                    Channels.newInputStream(channel), 1 << 16));
            return new ByteSource(new ZstdCaptureStream(counted), counted::count, PcapRecords.MAX_PACKET + 4096,
                    GZIP_READ_CHUNK);
        }
        if (compression == Compression.GZIP) {
            CountingInputStream counted = new CountingInputStream(new BufferedInputStream(
                    Channels.newInputStream(channel), 1 << 16));
            try {
                InputStream gz = new GZIPInputStream(counted, 1 << 16);
                return new ByteSource(gz, counted::count, PcapRecords.MAX_PACKET + 4096, GZIP_READ_CHUNK);
            } catch (EOFException e) {
                throw new CaptureException(file + ": gzip-compressed but cut short inside its gzip header ("
                        + channel.size() + " bytes); nothing to read");
            } catch (IOException e) {
                throw new CaptureException(file + ": gzip-compressed but its gzip header is corrupt ("
                        + reason(e) + ")");
            }
        }
        return new ByteSource(Channels.newInputStream(channel), () -> positionOf(channel),
                PcapRecords.MAX_PACKET + 4096);
    }

    private static String reason(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static long positionOf(FileChannel channel) {
        try {
            return channel.position();
        } catch (IOException e) {
            return 0;
        }
    }

    private CaptureSummary read(Path file, long size, ByteSource source, CaptureFile backing, CaptureListener listener)
            throws IOException, CaptureException {
        PacketRecords records = records(file, source);
        PayloadSink sink = new PayloadSink(listener, backing, source);
        PacketFeed feed = new PacketFeed(sink);
        Run run = new Run();
        PacketRecords.RecordSink onPacket = (linkType, micros, a, off, len) -> {
            run.frame = feed.frame(linkType, micros, a, off, len);
        };
        try {
            while (!stopRequested(run, source, size, listener) && next(records, onPacket, sink, run)) {
                // one packet per turn
            }
        } catch (ListenerFailure e) {
            throw e.original();
        }
        feed.finish();
        long incomplete = feed.incompleteDatagrams();
        if (incomplete > 0) {
            sink.warn(incomplete + " fragmented IP datagrams never completed");
        }
        listener.progress(source.consumed(), size);
        return new CaptureSummary(file, run.frame, source.consumed(), feed.firstMicros(), feed.lastMicros(), sink.payloads(),
                sink.warnings(), run.truncated, run.cancelled, sink.tlsPackets(), sink.tlsPorts());
    }

    /** Reads one packet; a damaged record ends the read with a warning instead of an exception. */
    private static boolean next(PacketRecords records, PacketRecords.RecordSink onPacket, PayloadSink sink, Run run)
            throws IOException {
        try {
            return records.next(onPacket);
        } catch (DamagedCaptureException e) {
            damaged(sink, run, e.getMessage());
            return false;
        } catch (EOFException e) {
            damaged(sink, run, "the compressed file ends early");
            return false;
        } catch (IOException e) {
            if (isCorruptCompression(e)) {
                damaged(sink, run, "the compressed data is corrupt (" + reason(e) + ")");
                return false;
            }
            throw e;
        }
    }

    /** True when {@code e} says compressed data (gzip or zstd) is corrupt, rather than that the file cannot be read. */
    static boolean isCorruptCompression(IOException e) {
        return e instanceof CorruptCompressionException || e.getClass().getName().startsWith("java.util.zip");
    }

    private static void damaged(PayloadSink sink, Run run, String what) {
        run.truncated = true;
        sink.warn(damage(run.frame, what));
    }

    /** The warning for damage found after {@code read} packets: the frame where the read stopped, and what it kept. */
    static String damage(long read, String what) {
        return "frame " + (read + 1) + ": " + what + "; "
                + (read == 0 ? "nothing before it to read" : "read the " + Counted.of(read, "packet") + " before it");
    }

    private static boolean stopRequested(Run run, ByteSource source, long size, CaptureListener listener) {
        if (run.frame % CANCEL_CHECK_EVERY != 0) {
            return false;
        }
        if (listener.cancelled()) {
            run.cancelled = true;
            return true;
        }
        long consumed = source.consumed();
        if (consumed >= run.nextProgress) {
            run.nextProgress = consumed + PROGRESS_EVERY_BYTES;
            listener.progress(consumed, size);
        }
        return false;
    }

    static PacketRecords records(Path file, ByteSource source) throws IOException, CaptureException {
        int at;
        try {
            at = source.take(4);
        } catch (ZstdCaptureStream.CutShortException e) {
            throw new CaptureException(file + ": zstd-compressed but cut short inside its first frame, before any "
                    + "packet could be decoded");
        } catch (EOFException e) {
            throw new CaptureException(file + ": too short to be a capture file");
        } catch (ZipException e) {
            throw new CaptureException(file + ": gzip-compressed but corrupt from its first bytes (" + reason(e) + ")");
        } catch (CorruptCompressionException e) {
            throw new CaptureException(file + ": zstd-compressed but corrupt from its first bytes (" + reason(e) + ")");
        }
        if (at < 0) {
            throw new CaptureException(file + ": is empty");
        }
        int magic = Wire.int32(source.array(), at);
        source.giveBack(4);
        if (magic == PcapngRecords.SECTION_HEADER) {
            return PcapngRecords.open(file, source);
        }
        if (!PcapRecords.matches(magic)) {
            ForeignCaptureFormat foreign = ForeignCaptureFormat.byMagic(magic);
            if (foreign == null && ErfRecords.looksLikeErf(source)) {
                return new ErfRecords(source);
            }
            UnreadCompression compressed = UnreadCompression.byMagic(magic);
            if (foreign == null && compressed != null) {
                throw new CaptureException(compressed.refusal(file));
            }
            if (foreign != null && foreign.isNetmon()) {
                return NetmonRecords.open(file, source, foreign);
            }
            if (foreign == ForeignCaptureFormat.SNOOP) {
                return SnoopRecords.open(file, source, foreign);
            }
            throw new CaptureException(foreign != null ? foreign.refusal(file)
                    : ForeignCaptureFormat.unknownRefusal(file));
        }
        int header;
        try {
            header = source.take(24);
        } catch (EOFException e) {
            header = -1;
        }
        if (header < 0) {
            throw new CaptureException(file + ": pcap file header is cut short");
        }
        PcapRecords pcap = PcapRecords.open(source, header);
        if (!PacketDecoder.supports(pcap.linkType())) {
            throw new CaptureException(file + ": unsupported link type " + pcap.linkType()
                    + " (supported: " + LinkType.supportedNames() + ")");
        }
        return pcap;
    }

    /** Counts the compressed bytes read, for progress on gzip files. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(0, n);
            return n;
        }
    }
}
