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

    /** GRE's protocol type for PPP, as PPTP (enhanced GRE, version 1) carries it. */
    public static final int GRE_PPP = 0x880b;
    /** The UDP port of GTP-U, the user plane of the mobile core. */
    public static final int GTP_U_PORT = 2152;

    /**
     * A GTPv1-U G-PDU (message type 255) carrying {@code innerIp}; with {@code sequence} the optional fields are
     * present, and each of {@code extensionTypes} adds a 4-byte extension header (e.g. 0x85, PDU session container).
     */
    public static byte[] gtpU(int teid, Integer sequence, byte[] innerIp, int... extensionTypes) {
        boolean optional = sequence != null || extensionTypes.length > 0;
        ByteBuffer ext = ByteBuffer.allocate(4 * extensionTypes.length);
        for (int i = 0; i < extensionTypes.length; i++) {
            ext.put((byte) 1).put((byte) 0x10).put((byte) 0x09)
                    .put((byte) (i + 1 < extensionTypes.length ? extensionTypes[i + 1] : 0));
        }
        int optionalLength = optional ? 4 : 0;
        ByteBuffer b = ByteBuffer.allocate(8 + optionalLength + ext.capacity() + innerIp.length);
        int flags = 0x30 | (extensionTypes.length > 0 ? 0x04 : 0) | (sequence != null ? 0x02 : 0);
        b.put((byte) flags).put((byte) 0xff).putShort((short) (optionalLength + ext.capacity() + innerIp.length))
                .putInt(teid);
        if (optional) {
            b.putShort((short) (sequence == null ? 0 : sequence.intValue())).put((byte) 0)
                    .put((byte) (extensionTypes.length > 0 ? extensionTypes[0] : 0));
        }
        return b.put(ext.array()).put(innerIp).array();
    }

    /**
     * Enhanced GRE (version 1, as PPTP sends it) with key (payload length and call id), optional sequence and
     * acknowledgement numbers, carrying one PPP frame.
     */
    public static byte[] greV1(int callId, Long sequence, Long ack, byte[] ppp) {
        int flags = 0x2000 | (sequence != null ? 0x1000 : 0) | (ack != null ? 0x0080 : 0) | 1;
        ByteBuffer b = ByteBuffer.allocate(8 + (sequence != null ? 4 : 0) + (ack != null ? 4 : 0) + ppp.length);
        b.putShort((short) flags).putShort((short) GRE_PPP).putShort((short) ppp.length).putShort((short) callId);
        if (sequence != null) {
            b.putInt(sequence.intValue());
        }
        if (ack != null) {
            b.putInt(ack.intValue());
        }
        return b.put(ppp).array();
    }

    /**
     * A PPP frame holding an IP packet (protocol 0x0021 or 0x0057); {@code compressed} leaves out the address and
     * control bytes and writes the protocol in one byte, as links negotiate (ACFC and PFC).
     */
    public static byte[] ppp(byte[] innerIp, boolean compressed) {
        int protocol = (innerIp[0] & 0xf0) == 0x60 ? 0x57 : 0x21;
        byte[] header = compressed ? new byte[] {(byte) protocol} : new byte[] {(byte) 0xff, 0x03, 0, (byte) protocol};
        return Bytes.concat(header, innerIp);
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
