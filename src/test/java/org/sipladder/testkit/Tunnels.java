package org.sipladder.testkit;

import java.nio.ByteBuffer;

/** GRE and ERSPAN encapsulation, as port mirrors and tunnels deliver traffic to a capture host. */
public final class Tunnels {

    public static final int GRE_TRANSPARENT_ETHERNET = 0x6558;
    public static final int GRE_ERSPAN_2 = 0x88be;
    public static final int GRE_ERSPAN_3 = 0x22eb;

    private Tunnels() {
    }

    /** GRE header (version 0) with optional key and sequence number, then the payload. */
    public static byte[] gre(int protocol, Integer key, Long sequence, byte[] payload) {
        int flags = (key != null ? 0x2000 : 0) | (sequence != null ? 0x1000 : 0);
        ByteBuffer b = ByteBuffer.allocate(4 + (key != null ? 4 : 0) + (sequence != null ? 4 : 0) + payload.length);
        b.putShort((short) flags).putShort((short) protocol);
        if (key != null) {
            b.putInt(key);
        }
        if (sequence != null) {
            b.putInt(sequence.intValue());
        }
        return b.put(payload).array();
    }

    /** ERSPAN type II: GRE with a sequence number, an 8-byte ERSPAN header, then the mirrored Ethernet frame. */
    public static byte[] erspan2(int sessionId, byte[] ethernetFrame) {
        ByteBuffer h = ByteBuffer.allocate(8);
        h.putShort((short) (1 << 12)).putShort((short) (sessionId & 0x3ff)).putInt(0);
        return gre(GRE_ERSPAN_2, null, 7L, Bytes.concat(h.array(), ethernetFrame));
    }

    /** ERSPAN type III with the optional 8-byte platform-specific subheader, then the mirrored frame. */
    public static byte[] erspan3(int sessionId, byte[] ethernetFrame) {
        ByteBuffer h = ByteBuffer.allocate(20);
        h.putShort((short) (2 << 12)).putShort((short) (sessionId & 0x3ff)).putInt(123456).putShort((short) 0)
                .putShort((short) 1).putLong(0);
        return gre(GRE_ERSPAN_3, null, 9L, Bytes.concat(h.array(), ethernetFrame));
    }
}
