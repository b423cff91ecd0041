package org.sipladder.source;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.IntSupplier;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;
import org.sipladder.capture.MediaListener;
import org.sipladder.capture.MediaPayload;
import org.sipladder.capture.SipPayload;

/**
 * Passes each RTP/RTCP datagram of a merge on once, as {@link Deduplication} does for SIP: the same datagram
 * (addresses, ports and bytes) that another file delivered shortly before, clocks corrected, is one packet seen at
 * two observation points, so streams are not counted twice and saved calls do not carry it twice.
 */
final class MediaDeduplication implements MediaListener {

    /** A datagram passed on: when, and from which file. */
    private record Seen(long micros, int file) {
    }

    private final MediaListener next;
    private final IntSupplier file;
    private final long windowMicros;
    private final LinkedHashMap<Long, Seen> recent = new LinkedHashMap<>();
    private final CRC32 crc = new CRC32();
    private final CRC32C crcC = new CRC32C();

    /**
     * @param file         the file of the packet being decoded
     * @param windowMicros how far apart two files may see one datagram
     */
    MediaDeduplication(MediaListener next, IntSupplier file, long windowMicros) {
        this.next = next;
        this.file = file;
        this.windowMicros = windowMicros;
    }

    @Override
    public void datagram(MediaPayload p) {
        long micros = p.timestampMicros();
        Iterator<Seen> it = recent.values().iterator();
        while (it.hasNext() && it.next().micros() < micros - windowMicros) {
            it.remove();
        }
        Long key = key(p);
        int here = file.getAsInt();
        Seen earlier = recent.get(key);
        if (earlier != null && earlier.file() != here && Math.abs(micros - earlier.micros()) <= windowMicros) {
            recent.remove(key);
            return;
        }
        recent.remove(key);
        recent.put(key, new Seen(micros, here));
        next.datagram(p);
    }

    @Override
    public void sip(SipPayload p) {
        next.sip(p);
    }

    private long key(MediaPayload p) {
        return sum(crc, p) << 32 ^ sum(crcC, p) ^ ((long) p.srcPort() << 16 | p.dstPort()) << 20;
    }

    private static long sum(Checksum c, MediaPayload p) {
        c.reset();
        c.update(p.addressBytes(), p.srcAddressAt(), p.addressLength());
        c.update(p.addressBytes(), p.dstAddressAt(), p.addressLength());
        c.update(p.bytes(), p.offset(), p.length());
        return c.getValue();
    }
}
