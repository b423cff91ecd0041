package org.sipladder.source;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.LongPredicate;
import org.sipladder.OutputFile;
import org.sipladder.capture.CaptureException;
import org.sipladder.capture.CaptureListener;
import org.sipladder.capture.MediaListener;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.SipPayload;
import org.sipladder.capture.PacketWriter;
import org.sipladder.capture.PcapWriter;
import org.sipladder.capture.PcapngWriter;

/**
 * Writes chosen frames of a capture (the SIP and RTP packets of chosen calls) to a new pcap or pcapng file, byte
 * for byte and with the times they were captured at (for several files merged, on the first file's clock, as the
 * merge showed them). The file appears whole or not at all, as {@link OutputFile} writes it.
 */
public final class CallSaver {

    /** The file format written. */
    public enum Format {
        PCAP, PCAPNG;

        /** pcap for a name ending in {@code .pcap}, pcapng otherwise. */
        public static Format forFile(Path file) {
            String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
            return name.endsWith(".pcap") ? PCAP : PCAPNG;
        }
    }

    /**
     * What a save wrote.
     *
     * @param file     the file written
     * @param packets  packets written
     * @param missing  chosen frames the capture files no longer hold (they ended early or changed)
     * @param damage   where a capture stopped early because it is damaged, by file name (as {@link PacketMerge} says)
     */
    public record Saved(Path file, long packets, long missing, List<String> damage) {
    }

    /**
     * Writes the frames {@code frames} of {@code from} (numbered as {@link PacketMerge} numbers them) to {@code out}.
     *
     * @throws CaptureException with a message for the user when a capture cannot be read or {@code out} written
     */
    public Saved save(CaptureFiles from, Collection<Long> frames, Path out, Format format) throws CaptureException {
        long[] wanted = frames.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
        if (wanted.length == 0) {
            throw new CaptureException("no packets to save: choose at least one call");
        }
        List<String> damage = new ArrayList<>();
        long written = writeAtomically(from, f -> Arrays.binarySearch(wanted, f) >= 0, wanted.length, out, format,
                damage);
        return new Saved(out, written, wanted.length - written, damage);
    }

    /** Chooses the RTP/RTCP datagrams that go with the saved calls, by frame and addresses. */
    @FunctionalInterface
    public interface MediaChoice {
        boolean wanted(long frame, Endpoint src, Endpoint dst);
    }

    /**
     * Writes the SIP messages that packets {@code frames} completed and the RTP/RTCP datagrams {@code media} chooses,
     * each with every packet it was reassembled from (TCP segments, IP fragments), as Wireshark's "include depended
     * upon packets" does: the capture is decoded once more to find them, so nothing need be remembered per packet
     * while loading.
     */
    public Saved save(CaptureFiles from, Collection<Long> frames, MediaChoice media, Path out, Format format)
            throws CaptureException {
        Set<Long> sip = new HashSet<>(frames);
        Set<Long> all = new ConcurrentSkipListSet<>(frames);
        new MergedReader().read(from, new CaptureListener() {
            @Override
            public void payload(SipPayload p) {
                if (p.dependsOn().length > 0 && sip.contains(p.frame())) {
                    add(p.dependsOn());
                }
            }

            @Override
            public MediaListener media() {
                return datagram -> {
                    if (media.wanted(datagram.frame(), datagram.src(), datagram.dst())) {
                        all.add(datagram.frame());
                        add(datagram.dependsOn());
                    }
                };
            }

            private void add(long[] earlier) {
                for (long frame : earlier) {
                    all.add(frame);
                }
            }
        });
        return save(from, all, out, format);
    }

    /** Writes every frame of {@code from} to {@code out} in {@code format}: a conversion, e.g. pcap to pcapng. */
    public Saved copy(CaptureFiles from, Path out, Format format) throws CaptureException {
        List<String> damage = new ArrayList<>();
        return new Saved(out, writeAtomically(from, f -> true, Long.MAX_VALUE, out, format, damage), 0, damage);
    }

    private long writeAtomically(CaptureFiles from, LongPredicate wanted, long count, Path out, Format format,
                                 List<String> damage) throws CaptureException {
        for (Path in : from.files()) {
            if (sameFile(in, out)) {
                throw new CaptureException(out + ": is one of the captures being read; choose another file name");
            }
        }
        long[] written = {0};
        try {
            new OutputFile(out).write(stream -> written[0] = write(from, wanted, count, stream, format, damage));
        } catch (OutputFile.Failure e) {
            throw new CaptureException(e.getMessage(), e);
        }
        return written[0];
    }

    private static long write(CaptureFiles from, LongPredicate wanted, long count, OutputStream out, Format format,
                              List<String> damage) throws IOException, CaptureException {
        long[] written = {0};
        PacketWriter[] writer = {null};
        IOException[] failure = {null};
        try (PacketMerge merge = new PacketMerge(from)) {
            while (failure[0] == null && written[0] < count
                    && merge.next((frame, file, originalFrame, linkType, originalMicros, micros, a, off, len) -> {
                        if (!wanted.test(frame)) {
                            return;
                        }
                        try {
                            if (writer[0] == null) {
                                writer[0] = format == Format.PCAP ? new PcapWriter(out, linkType) : new PcapngWriter(out);
                            }
                            writer[0].write(linkType, micros, a, off, len);
                            written[0]++;
                        } catch (IOException e) {
                            failure[0] = e;
                        }
                    })) {
                // one packet per turn
            }
            if (failure[0] != null) {
                throw failure[0];
            }
            if (writer[0] != null) {
                writer[0].flush();
            }
            damage.addAll(merge.warnings());
        }
        return written[0];
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
