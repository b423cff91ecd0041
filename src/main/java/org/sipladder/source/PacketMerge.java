package org.sipladder.source;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sipladder.capture.CaptureException;
import org.sipladder.capture.PacketFile;

/**
 * The packets of several capture files on one timeline, as mergecap interleaves them: the next packet is always
 * the earliest head of the files, clocks corrected, the first file winning ties. Merged frames are numbered from
 * 1 in that order, so a merge of the same files with the same corrections always numbers them the same way.
 */
public final class PacketMerge implements Closeable {

    /** Receives one merged packet; the bytes are only valid during the call. */
    public interface Visitor {
        /**
         * @param frame         merged frame number
         * @param file          index of the file it comes from
         * @param originalFrame its frame number in that file
         * @param originalMicros its time as that file has it; {@code micros} is corrected
         */
        void packet(long frame, int file, long originalFrame, int linkType, long originalMicros, long micros,
                    byte[] a, int off, int len);
    }

    /** The next packet of one file, copied out of the file's buffer. */
    private static final class Head {
        boolean present;
        long frame;
        int linkType;
        long micros;
        byte[] bytes = new byte[2048];
        int length;
    }

    private final List<PacketFile> files = new ArrayList<>();
    private final long[] offsets;
    private final Head[] heads;
    private long frame;

    public PacketMerge(CaptureFiles captures) throws CaptureException {
        offsets = captures.offsetsMicros().stream().mapToLong(Long::longValue).toArray();
        heads = new Head[captures.files().size()];
        try {
            for (int i = 0; i < heads.length; i++) {
                files.add(PacketFile.open(captures.files().get(i)));
                heads[i] = new Head();
                advance(i);
            }
        } catch (CaptureException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /** Hands the next packet to {@code visitor}; false when every file has ended. */
    public boolean next(Visitor visitor) throws CaptureException {
        int best = -1;
        for (int i = 0; i < heads.length; i++) {
            if (heads[i].present && (best < 0 || heads[i].micros + offsets[i] < heads[best].micros + offsets[best])) {
                best = i;
            }
        }
        if (best < 0) {
            return false;
        }
        Head h = heads[best];
        visitor.packet(++frame, best, h.frame, h.linkType, h.micros, h.micros + offsets[best], h.bytes, 0, h.length);
        advance(best);
        return true;
    }

    /** Where each file stopped early because it is damaged, by file name; empty when all were read to the end. */
    public List<String> warnings() {
        List<String> all = new ArrayList<>();
        for (PacketFile f : files) {
            f.warnings().forEach(w -> all.add(f.path() + ": " + w));
        }
        return all;
    }

    private void advance(int i) throws CaptureException {
        Head h = heads[i];
        h.present = files.get(i).next((n, linkType, micros, a, off, len) -> {
            if (h.bytes.length < len) {
                h.bytes = Arrays.copyOf(h.bytes, Math.max(len, h.bytes.length * 2));
            }
            System.arraycopy(a, off, h.bytes, 0, len);
            h.frame = n;
            h.linkType = linkType;
            h.micros = micros;
            h.length = len;
        });
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (PacketFile f : files) {
            try {
                f.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException ignored) {
            // opening failed; that failure is what the user hears about
        }
    }
}
