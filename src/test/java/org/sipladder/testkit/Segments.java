package org.sipladder.testkit;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** Transport-layer builders: UDP datagrams, TCP segments with explicit sequence numbers, SCTP DATA chunks. */
public final class Segments {

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    private Segments() {
    }

    /** UDP header plus payload; checksum 0 ("not computed"). */
    public static byte[] udp(int srcPort, int dstPort, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payload.length)).putShort((short) 0)
                .put(payload);
        return b.array();
    }

    /** TCP segment with PSH|ACK. */
    public static byte[] tcp(int srcPort, int dstPort, long seq, byte[] payload) {
        return tcp(srcPort, dstPort, seq, PSH | ACK, payload);
    }

    /** TCP segment with the given flags and a 12-byte options block (NOP NOP timestamps) as real stacks send. */
    public static byte[] tcp(int srcPort, int dstPort, long seq, int flags, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(32 + payload.length);
        b.putShort((short) srcPort).putShort((short) dstPort).putInt((int) seq).putInt(1).put((byte) (8 << 4))
                .put((byte) flags).putShort((short) 65535).putShort((short) 0).putShort((short) 0);
        b.put(new byte[] {1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2}).put(payload);
        return b.array();
    }

    /** An SCTP packet (common header with a CRC32c checksum) holding the given chunks. */
    public static byte[] sctp(int srcPort, int dstPort, byte[]... chunks) {
        byte[] body = Bytes.concat(chunks);
        ByteBuffer b = ByteBuffer.allocate(12 + body.length);
        b.putShort((short) srcPort).putShort((short) dstPort).putInt(0x0a0b0c0d).putInt(0).put(body);
        CRC32C crc = new CRC32C();
        crc.update(b.array());
        long v = crc.getValue();
        // SCTP stores the CRC32c in little-endian byte order inside a big-endian header
        b.put(8, (byte) v).put(9, (byte) (v >> 8)).put(10, (byte) (v >> 16)).put(11, (byte) (v >> 24));
        return b.array();
    }

    /** An unfragmented SCTP DATA chunk (B and E set), padded to 4 bytes. */
    public static byte[] sctpData(long tsn, int streamId, int ssn, int ppid, byte[] payload) {
        return sctpData(tsn, streamId, ssn, ppid, true, true, payload);
    }

    /** An SCTP DATA chunk; {@code begin}/{@code end} are the B/E flags of a fragmented user message. */
    public static byte[] sctpData(long tsn, int streamId, int ssn, int ppid, boolean begin, boolean end,
            byte[] payload) {
        int length = 16 + payload.length;
        ByteBuffer b = ByteBuffer.allocate((length + 3) / 4 * 4);
        b.put((byte) 0).put((byte) ((begin ? 2 : 0) | (end ? 1 : 0))).putShort((short) length).putInt((int) tsn)
                .putShort((short) streamId).putShort((short) ssn).putInt(ppid).put(payload);
        return b.array();
    }

    /** A non-DATA SCTP chunk (e.g. SACK = 3) with an arbitrary body. */
    public static byte[] sctpChunk(int type, byte[] body) {
        int length = 4 + body.length;
        ByteBuffer b = ByteBuffer.allocate((length + 3) / 4 * 4);
        b.put((byte) type).put((byte) 0).putShort((short) length).put(body);
        return b.array();
    }
}
