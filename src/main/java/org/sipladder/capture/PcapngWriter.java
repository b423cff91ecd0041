package org.sipladder.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes little-endian pcapng files with microsecond stamps: one section, one interface description per link
 * type met (written when its first packet comes), and an enhanced packet block per packet.
 */
public final class PcapngWriter implements PacketWriter {

    private static final int SECTION_HEADER = 0x0a0d0d0a;
    private static final int INTERFACE = 1;
    private static final int ENHANCED_PACKET = 6;

    private final OutputStream out;
    private final Map<Integer, Integer> interfaces = new HashMap<>();

    public PcapngWriter(OutputStream out) throws IOException {
        this.out = new BufferedOutputStream(out, 1 << 16);
        ByteBuffer b = block(SECTION_HEADER, 16);
        b.putInt(0x1a2b3c4d).putShort((short) 1).putShort((short) 0).putLong(-1L);
        this.out.write(end(b));
    }

    @Override
    public void write(int linkType, long micros, byte[] a, int off, int len) throws IOException {
        int iface = interfaceFor(linkType);
        int padded = (len + 3) & ~3;
        ByteBuffer b = block(ENHANCED_PACKET, 20 + padded);
        b.putInt(iface).putInt((int) (micros >>> 32)).putInt((int) micros).putInt(len).putInt(len);
        b.put(a, off, len);
        b.position(b.position() + padded - len);
        out.write(end(b));
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private int interfaceFor(int linkType) throws IOException {
        Integer known = interfaces.get(linkType);
        if (known != null) {
            return known;
        }
        ByteBuffer b = block(INTERFACE, 8);
        b.putShort((short) linkType).putShort((short) 0).putInt(0);
        out.write(end(b));
        int id = interfaces.size();
        interfaces.put(linkType, id);
        return id;
    }

    /** A block buffer with its type and total length written, positioned at the body of {@code body} bytes. */
    private static ByteBuffer block(int type, int body) {
        ByteBuffer b = ByteBuffer.allocate(12 + body).order(ByteOrder.LITTLE_ENDIAN);
        return b.putInt(type).putInt(12 + body);
    }

    /** Closes the block with its trailing length and returns its bytes. */
    private static byte[] end(ByteBuffer b) {
        b.putInt(b.capacity() - 4, b.capacity());
        return b.array();
    }
}
