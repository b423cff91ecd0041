package org.sipladder.testkit;

import static org.sipladder.testkit.Bytes.concat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Link-layer frame builders: Ethernet with VLAN tags, Linux SLL and SLL2, BSD null/loopback, raw IP, ERF records, PPP,
 * Cisco HDLC, Linux NFLOG, 802.11 (bare, behind radiotap or PPI).
 */
public final class Link {

    public static final int ETHERNET = 1;
    public static final int NULL = 0;
    public static final int RAW = 12;
    public static final int RAW_OPENBSD = 14;
    public static final int RAW_101 = 101;
    public static final int LOOP = 108;
    public static final int SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int SLL2 = 276;
    public static final int ERF = 197;
    public static final int PPP = 9;
    public static final int PPP_HDLC = 50;
    public static final int C_HDLC = 104;
    public static final int NFLOG = 239;
    public static final int WIFI = 105;
    public static final int RADIOTAP = 127;
    public static final int PPI = 192;
    /** ERF record types. */
    public static final int ERF_HDLC_POS = 1;
    public static final int ERF_ETH = 2;
    public static final int ERF_IPV4 = 22;

    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_IPV6 = 0x86dd;
    public static final int ETHERTYPE_VLAN = 0x8100;
    public static final int ETHERTYPE_QINQ = 0x88a8;

    private static final byte[] DST_MAC = {0x02, 0, 0, 0, 0, 0x02};
    private static final byte[] SRC_MAC = {0x02, 0, 0, 0, 0, 0x01};

    private Link() {
    }

    /** Ethernet II frame; {@code vlanIds} are pushed outermost first (two ids make QinQ with an 802.1ad outer tag). */
    public static byte[] ethernet(int etherType, byte[] payload, int... vlanIds) {
        ByteBuffer b = ByteBuffer.allocate(14 + 4 * vlanIds.length + payload.length);
        b.put(DST_MAC).put(SRC_MAC);
        for (int i = 0; i < vlanIds.length; i++) {
            boolean outerOfTwo = vlanIds.length > 1 && i == 0;
            b.putShort((short) (outerOfTwo ? ETHERTYPE_QINQ : ETHERTYPE_VLAN)).putShort((short) (vlanIds[i] & 0x0fff));
        }
        b.putShort((short) etherType).put(payload);
        return b.array();
    }

    /** Ethernet frame carrying an IP packet (version taken from its first nibble). */
    public static byte[] ethernetIp(byte[] ipPacket, int... vlanIds) {
        return ethernet(etherTypeOf(ipPacket), ipPacket, vlanIds);
    }

    /** Linux cooked capture v1 (link type 113) header, packet type 0 ("to us"). */
    public static byte[] sll(int protocol, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(16 + payload.length);
        b.putShort((short) 0).putShort((short) 1).putShort((short) 6).put(SRC_MAC).putShort((short) 0)
                .putShort((short) protocol).put(payload);
        return b.array();
    }

    /** Linux cooked capture v2 (link type 276) header. */
    public static byte[] sll2(int protocol, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.putShort((short) protocol).putShort((short) 0).putInt(3).putShort((short) 1).put((byte) 4)
                .put((byte) 6).put(SRC_MAC).putShort((short) 0).put(payload);
        return b.array();
    }

    /** BSD null/loopback (link type 0): the address family in the capturing host's byte order. */
    public static byte[] nullLoopback(byte[] ipPacket, ByteOrder hostOrder) {
        int family = isIpv6(ipPacket) ? 30 : 2;
        return concat(ByteBuffer.allocate(4).order(hostOrder).putInt(family).array(), ipPacket);
    }

    /**
     * An ERF record (link type 197) of {@code type} holding {@code frame}, after the 16-byte header and the 8-byte
     * extension headers given (their "another follows" bits are set here); an Ethernet record gets its two bytes of
     * offset and pad. The record length counts a frame padded to eight bytes, as DAG cards write it.
     */
    public static byte[] erf(int type, byte[] frame, byte[]... extensions) {
        int pad = type == ERF_ETH ? 2 : 0;
        int body = 16 + 8 * extensions.length + pad + frame.length;
        ByteBuffer b = ByteBuffer.allocate(body);
        b.putLong(0x28f5c28L).put((byte) (type | (extensions.length > 0 ? 0x80 : 0))).put((byte) 0x04)
                .putShort((short) ((body + 7) & ~7)).putShort((short) 0).putShort((short) (frame.length + pad));
        for (int i = 0; i < extensions.length; i++) {
            byte[] e = extensions[i].clone();
            e[0] = (byte) (i + 1 < extensions.length ? e[0] | 0x80 : e[0] & 0x7f);
            b.put(e);
        }
        b.put(new byte[pad]).put(frame);
        return b.array();
    }

    /** PPP with address and control bytes (HDLC-like framing) and the 2-byte protocol of IPv4 or IPv6. */
    public static byte[] ppp(byte[] ipPacket) {
        return concat(new byte[] {(byte) 0xff, 0x03, 0x00, (byte) (isIpv6(ipPacket) ? 0x57 : 0x21)}, ipPacket);
    }

    /** Cisco HDLC: unicast address, control 0, EtherType. */
    public static byte[] ciscoHdlc(byte[] ipPacket) {
        return concat(ByteBuffer.allocate(4).put((byte) 0x0f).put((byte) 0).putShort((short) etherTypeOf(ipPacket))
                .array(), ipPacket);
    }

    /**
     * A Linux NFLOG record: family, version 0, resource id, a prefix attribute ("sip") and the payload attribute with
     * the packet; the attributes' length and type in {@code hostOrder}, each padded to four bytes.
     */
    public static byte[] nflog(byte[] ipPacket, ByteOrder hostOrder) {
        int payload = 4 + ipPacket.length;
        ByteBuffer b = ByteBuffer.allocate(4 + 8 + ((payload + 3) & ~3));
        b.put((byte) (isIpv6(ipPacket) ? 10 : 2)).put((byte) 0).putShort((short) 5);
        b.order(hostOrder).putShort((short) 8).putShort((short) 10).put(new byte[] {'s', 'i', 'p', 0});
        b.putShort((short) payload).putShort((short) 9).put(ipPacket);
        return b.array();
    }

    /**
     * An 802.11 data frame from a station to its access point (ToDS) holding {@code ipPacket} behind LLC/SNAP; with
     * {@code qos}, a QoS data frame with HT control (the order bit) between two access points (four addresses).
     */
    public static byte[] wifi(byte[] ipPacket, boolean qos) {
        int header = qos ? 24 + 6 + 2 + 4 : 24;
        ByteBuffer b = ByteBuffer.allocate(header + 8 + ipPacket.length);
        b.put((byte) (qos ? 0x88 : 0x08)).put((byte) (qos ? 0x83 : 0x01)).putShort((short) 0);
        b.put(DST_MAC).put(SRC_MAC).put(DST_MAC).putShort((short) 0);
        if (qos) {
            b.put(SRC_MAC).putShort((short) 0).putInt(0);
        }
        b.put(new byte[] {(byte) 0xaa, (byte) 0xaa, 0x03, 0, 0, 0}).putShort((short) etherTypeOf(ipPacket)).put(ipPacket);
        return b.array();
    }

    /** A radiotap header of {@code length} bytes (no fields present beyond padding) before {@code frame}. */
    public static byte[] radiotap(byte[] frame, int length) {
        ByteBuffer h = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        h.put((byte) 0).put((byte) 0).putShort((short) length).putInt(0);
        return concat(h.array(), frame);
    }

    /** A PPI header (8 bytes, no fields) saying an 802.11 frame follows. */
    public static byte[] ppi(byte[] frame) {
        ByteBuffer h = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        h.put((byte) 0).put((byte) 0).putShort((short) 8).putInt(WIFI);
        return concat(h.array(), frame);
    }

    /** Wraps an IP packet in whatever header {@code linkType} needs. */
    public static byte[] wrap(int linkType, byte[] ipPacket) {
        switch (linkType) {
            case ETHERNET:
                return ethernetIp(ipPacket);
            case SLL:
                return sll(etherTypeOf(ipPacket), ipPacket);
            case SLL2:
                return sll2(etherTypeOf(ipPacket), ipPacket);
            case ERF:
                return erf(ERF_ETH, ethernetIp(ipPacket));
            case PPP:
            case PPP_HDLC:
                return ppp(ipPacket);
            case C_HDLC:
                return ciscoHdlc(ipPacket);
            case NFLOG:
                return nflog(ipPacket, ByteOrder.LITTLE_ENDIAN);
            case WIFI:
                return wifi(ipPacket, false);
            case RADIOTAP:
                return radiotap(wifi(ipPacket, true), 8);
            case PPI:
                return ppi(wifi(ipPacket, false));
            case NULL:
                return nullLoopback(ipPacket, ByteOrder.LITTLE_ENDIAN);
            case LOOP:
                return nullLoopback(ipPacket, ByteOrder.BIG_ENDIAN);
            case RAW:
            case RAW_OPENBSD:
            case RAW_101:
            case IPV4:
            case IPV6:
                return ipPacket;
            default:
                throw new IllegalArgumentException("the test kit cannot wrap IP in link type " + linkType);
        }
    }

    static int etherTypeOf(byte[] ipPacket) {
        return isIpv6(ipPacket) ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4;
    }

    private static boolean isIpv6(byte[] ipPacket) {
        return (ipPacket[0] & 0xf0) == 0x60;
    }
}
