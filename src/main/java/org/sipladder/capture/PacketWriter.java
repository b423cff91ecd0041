package org.sipladder.capture;

import java.io.Closeable;
import java.io.IOException;

/** Writes packets to a capture file as they were captured: the link-layer frame, its link type and its time. */
public interface PacketWriter extends Closeable {

    /** Writes the frame {@code a[off, off+len)} of link type {@code linkType}, captured at {@code micros}. */
    void write(int linkType, long micros, byte[] a, int off, int len) throws IOException;

    /** Writes a UDP datagram from {@code src} to {@code dst} (IPv4 or IPv6) over Ethernet, made up here. */
    default void writeUdp(long micros, Endpoint src, Endpoint dst, byte[] payload) throws IOException {
        byte[] frame = PcapWriter.ethernetUdp(src, dst, payload);
        write(PcapWriter.LINKTYPE_ETHERNET, micros, frame, 0, frame.length);
    }

    /** Pushes what is buffered to the file, so that it can be read while more is written. */
    void flush() throws IOException;
}
