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
 * two observation points, so streams are not counted twice and saved calls do not carry it twice; and each SIP
 * message handed on for its SDP once, as {@link Deduplication} hands it to the calls.
 */
final class MediaDeduplication implements MediaListener {

    /** A datagram passed on: when, and from which file. */
    private record Seen(long micros, int file) {
    }

    private final MediaListener next;
    private final IntSupplier file;
    private final long windowMicros;
    private final LinkedHashMap<Long, Seen> recent = new LinkedHashMap<>();
    /** The SIP messages passed on for their SDP, by {@link Fingerprint}, as {@link Deduplication} keys them. */
    private final LinkedHashMap<Long, Seen> recentSip = new LinkedHashMap<>();
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
        if (firstSighting(recent, key(p), p.timestampMicros())) {
            next.datagram(p);
        }
    }

    /** A report sent as JSON twice, from two files, is one report, as a datagram is. */
    @Override
    public void rtcpJson(MediaPayload p) {
        if (firstSighting(recent, key(p), p.timestampMicros())) {
            next.rtcpJson(p);
        }
    }

    /**
     * A message another file delivered shortly before is the same message (what {@link Deduplication} drops from the
     * calls): its SDP is one offer or answer, not a second one.
     */
    @Override
    public void sip(SipPayload p) {
        if (firstSighting(recentSip, Fingerprint.of(p.data()), p.timestampMicros())) {
            next.sip(p);
        }
    }

    /**
     * False when another file than the current one passed on the same key within the window (that sighting is then
     * forgotten: a third copy goes on); else remembers this one and returns true.
     */
    private boolean firstSighting(LinkedHashMap<Long, Seen> seen, long key, long micros) {
        Iterator<Seen> it = seen.values().iterator();
        while (it.hasNext() && it.next().micros() < micros - windowMicros) {
            it.remove();
        }
        int here = file.getAsInt();
        Seen earlier = seen.get(key);
        if (earlier != null && earlier.file() != here && Math.abs(micros - earlier.micros()) <= windowMicros) {
            seen.remove(key);
            return false;
        }
        seen.remove(key);
        seen.put(key, new Seen(micros, here));
        return true;
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
