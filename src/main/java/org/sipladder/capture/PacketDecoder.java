package org.sipladder.capture;

import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;

/**
 * Peels link layers (Ethernet with VLAN tags, Linux SLL and SLL2, raw IP, BSD loopback), IP (with extension
 * headers and fragments) and tunnels (IP-in-IP, IPv6-in-IPv4, GRE, ERSPAN, VXLAN, GTP-U, GRE/PPTP carrying PPP)
 * off a frame and hands the
 * transport payload to {@link TransportDecoder}.
 */
final class PacketDecoder {

    private static final int MAX_DEPTH = 8;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86dd;
    private static final int ETHERTYPE_TEB = 0x6558;
    /** IEEE 802.1ah (provider backbone bridging, MAC-in-MAC): carrier Ethernet around a customer's frames. */
    private static final int ETHERTYPE_PBB = 0x88e7;
    private static final int ETHERTYPE_ERSPAN_2 = 0x88be;
    private static final int ETHERTYPE_ERSPAN_3 = 0x22eb;
    private static final int PROTO_IPIP = 4;
    private static final int PROTO_IPV6 = 41;
    private static final int PROTO_GRE = 47;
    /** VXLAN (RFC 7348) carries whole Ethernet frames in UDP to this port. */
    private static final int VXLAN_PORT = 4789;
    /** GENEVE (RFC 8926): cloud load balancers (AWS Gateway Load Balancer) hand packets to appliances in it. */
    private static final int GENEVE_PORT = 6081;
    /** L2TP (RFC 2661): VPNs carry PPP sessions, and the IP in them, to this UDP port. */
    private static final int L2TP_PORT = 1701;
    /** TZSP (TaZmen Sniffer Protocol): MikroTik's packet sniffer streams what it captures to this UDP port. */
    private static final int TZSP_PORT = 37008;
    /** TZSP's encapsulation of 802.11 frames (a wireless interface sniffed); 1 is Ethernet. */
    private static final int TZSP_802_11 = 18;
    /** GTP-U (3GPP TS 29.281), the mobile core's user plane, carries subscribers' IP packets in UDP on this port. */
    private static final int GTP_U_PORT = 2152;
    private static final int GTP_G_PDU = 0xff;
    /** GRE's protocol type for PPP (PPTP's enhanced GRE, RFC 2637). */
    private static final int ETHERTYPE_PPP = 0x880b;

    private final TransportDecoder transports;
    private final FragmentReassembler fragments;
    private final PayloadSink sink;
    /** Link types, and ERF record types as -1 - type, already warned about. */
    private final Set<Integer> unsupportedSeen = new HashSet<>();
    /** One IP header view per tunnel depth, reused for every packet (see {@link IpHeader}). */
    private final IpHeader[] headers = new IpHeader[MAX_DEPTH + 1];
    /** The link type of the previous frame: a file has one, a pcapng file one per interface. */
    private int lastNumber = -1;
    private LinkType last;

    PacketDecoder(TransportDecoder transports, PayloadSink sink) {
        this.transports = transports;
        this.sink = sink;
        this.fragments = new FragmentReassembler(sink);
        for (int i = 0; i < headers.length; i++) {
            headers[i] = new IpHeader();
        }
    }

    /** Link types this decoder understands. */
    static boolean supports(int linkType) {
        return LinkType.of(linkType) != null;
    }

    void frame(int linkType, byte[] a, int off, int len) {
        if (linkType != lastNumber) {
            last = LinkType.of(linkType);
            lastNumber = linkType;
        }
        if (last == null) {
            if (linkType != PacketRecords.NOT_A_PACKET && unsupportedSeen.add(linkType)) {
                sink.warn("frame " + sink.frame() + ": " + PacketRecords.linkTypeName(linkType)
                        + " is not supported; its packets are skipped");
            }
            return;
        }
        int header = last.headerLength();
        if (len < header) {
            return;
        }
        switch (last.framing()) {
            case ETHERNET:
                ethernet(a, off, len, 0);
                break;
            case IP:
                ipByVersion(a, off + header, len - header, 0);
                break;
            case ETHER_TYPE:
                etherType(Wire.u16(a, off + last.etherTypeAt()), a, off + header, len - header, 0);
                break;
            case ERF:
                erf(a, off, len);
                break;
            case PPP:
                ppp(a, off, len, 0);
                break;
            case NFLOG:
                nflog(a, off, len);
                break;
            case EXPORTED_PDU:
                exportedPdu(a, off, len);
                break;
            case WIFI:
                wifi(linkType, a, off, len);
                break;
            default:
                throw new IllegalStateException(last.framing().name());
        }
    }

    /**
     * An ERF record (Endace's Extensible Record Format): the type in byte 8 (its top bit: an extension header
     * follows), the record length in bytes 10-11, then 8-byte extension headers (each one's top bit: another
     * follows) and the frame. Ethernet records have two bytes (offset and pad) before the frame; PoS records an HDLC
     * header (PPP's ff 03 or Cisco HDLC's address, control and EtherType); IPv4 and IPv6 records the datagram alone.
     */
    private void erf(byte[] a, int off, int len) {
        int recordLength = Wire.u16(a, off + 10);
        int end = off + (recordLength >= ErfRecords.HEADER && recordLength < len ? recordLength : len);
        int type = a[off + 8] & 0x7f;
        int at = ErfRecords.afterExtensions(a, off, end);
        if (at < 0) {
            return;
        }
        if (ErfRecords.isEthernet(type)) {
            if (at + 2 < end) {
                ethernet(a, at + 2, end - at - 2, 0);
            }
            return;
        }
        switch (type) {
            case 22, 23 -> ipByVersion(a, at, end - at, 0); // IPV4, IPV6
            case 1, 10, 15, 19 -> hdlc(a, at, end - at); // HDLC_POS, COLOR_HDLC_POS, DSM_COLOR_HDLC_POS, COLOR_HASH_POS
            case 27, 48 -> {
                // META (the capture's provenance: host, interfaces, comments) and PAD: no packet, nothing to say
            }
            default -> {
                if (unsupportedSeen.add(-1 - type)) {
                    sink.warn("frame " + sink.frame() + ": ERF record type " + type
                            + " is not supported (Ethernet, IPv4, IPv6 and PoS records are); its packets are skipped");
                }
            }
        }
    }

    private static final int LINKTYPE_802_11 = 105;
    private static final int LINKTYPE_RADIOTAP = 127;

    /**
     * An 802.11 frame, behind a radiotap or PPI header (each gives its own length in bytes 2-3, little-endian; PPI's
     * says in bytes 4-7 which frame follows). Only data frames carry packets: the 24-byte header, a fourth address
     * when the frame goes between two access points, QoS control, and HT control when the order bit is set on a QoS
     * frame; null frames carry nothing, a protected (encrypted) one nothing readable, an A-MSDU is not taken apart.
     * The body is LLC/SNAP with an EtherType. A trailing FCS lies past the IP packet's length and is not read.
     */
    private void wifi(int linkType, byte[] a, int off, int len) {
        int at = off;
        int end = off + len;
        if (linkType != LINKTYPE_802_11) {
            if (len < 8) {
                return;
            }
            int header = Wire.u16(a, off + 2, ByteOrder.LITTLE_ENDIAN);
            if (linkType != LINKTYPE_RADIOTAP && Wire.int32(a, off + 4, ByteOrder.LITTLE_ENDIAN) != LINKTYPE_802_11) {
                return; // PPI in front of something else than 802.11
            }
            at += header;
        }
        if (at + 24 > end) {
            return;
        }
        int fc0 = a[at] & 0xff;
        int fc1 = a[at + 1] & 0xff;
        int type = fc0 >> 2 & 0x3;
        int subtype = fc0 >> 4 & 0xf;
        if (type != 2 || (subtype & 0x4) != 0 || (fc1 & 0x40) != 0) {
            return; // not data, a null frame, or protected
        }
        int header = 24;
        if ((fc1 & 0x03) == 0x03) {
            header += 6;
        }
        if ((subtype & 0x8) != 0) {
            if (at + header + 2 > end || (a[at + header] & 0x80) != 0) {
                return; // an A-MSDU
            }
            header += 2;
            if ((fc1 & 0x80) != 0) {
                header += 4;
            }
        }
        int llc = at + header;
        if (llc + 8 > end || (a[llc] & 0xff) != 0xaa || (a[llc + 1] & 0xff) != 0xaa || a[llc + 2] != 0x03) {
            return;
        }
        etherType(Wire.u16(a, llc + 6), a, llc + 8, end - llc - 8, 0);
    }

    /** Export PDU tags (Wireshark's exported_pdu.h): the end of the tags, addresses, port type and ports. */
    private static final int PDU_END = 0;
    private static final int PDU_IPV4_SRC = 20;
    private static final int PDU_IPV4_DST = 21;
    private static final int PDU_IPV6_SRC = 22;
    private static final int PDU_IPV6_DST = 23;
    private static final int PDU_PORT_TYPE = 24;
    private static final int PDU_SRC_PORT = 25;
    private static final int PDU_DST_PORT = 26;
    /** Wireshark's port types of TCP and SCTP (UDP is 3; others are read as datagrams too). */
    private static final int PORT_TYPE_TCP = 2;
    private static final int PORT_TYPE_SCTP = 1;

    /**
     * A PDU Wireshark exported: tags of a 2-byte type and 2-byte length (big-endian, the value padded to 4 bytes and
     * the padding counted), up to the end tag, then the PDU, which is read as the transport's payload between the
     * addresses and ports the tags give (one without them is left out: nothing to show it between).
     */
    private void exportedPdu(byte[] a, int off, int len) {
        int end = off + len;
        int at = off;
        int srcAt = -1;
        int dstAt = -1;
        int srcLength = 0;
        int dstLength = 0;
        int portType = 0;
        int srcPort = -1;
        int dstPort = -1;
        while (true) {
            if (at + 4 > end) {
                return;
            }
            int tag = Wire.u16(a, at);
            int length = Wire.u16(a, at + 2);
            at += 4;
            if (tag == PDU_END) {
                break;
            }
            if (at + length > end) {
                return;
            }
            switch (tag) {
                case PDU_IPV4_SRC, PDU_IPV6_SRC -> {
                    srcAt = at;
                    srcLength = Math.min(length, tag == PDU_IPV4_SRC ? 4 : 16);
                }
                case PDU_IPV4_DST, PDU_IPV6_DST -> {
                    dstAt = at;
                    dstLength = Math.min(length, tag == PDU_IPV4_DST ? 4 : 16);
                }
                case PDU_PORT_TYPE -> portType = length >= 4 ? Wire.int32(a, at) : 0;
                case PDU_SRC_PORT -> srcPort = length >= 4 ? Wire.int32(a, at) : -1;
                case PDU_DST_PORT -> dstPort = length >= 4 ? Wire.int32(a, at) : -1;
                default -> {
                    // protocol and table names, frame numbers, texts: the PDU itself says whether it is SIP
                }
            }
            at += length;
        }
        if (srcAt < 0 || dstAt < 0 || srcLength != dstLength || srcLength != 4 && srcLength != 16 || srcPort < 0
                || srcPort > 0xffff || dstPort < 0 || dstPort > 0xffff) {
            return;
        }
        Transport transport = portType == PORT_TYPE_TCP ? Transport.TCP
                : portType == PORT_TYPE_SCTP ? Transport.SCTP : Transport.UDP;
        transports.exportedPdu(sink.endpoint(a, srcAt, srcLength, srcPort),
                sink.endpoint(a, dstAt, dstLength, dstPort), transport, a, at, end);
    }

    /** NFLOG's payload attribute: the logged packet, from its network header on. */
    private static final int NFULA_PAYLOAD = 9;

    /**
     * A Linux NFLOG record: address family, version and resource id (4 bytes), then attributes of a 2-byte length
     * (header included) and 2-byte type, both in the capturing host's byte order (little-endian as libpcap's hosts
     * mostly are; a length that does not fit is read the other way round), each padded to 4 bytes. The payload
     * attribute holds the IP packet.
     */
    private void nflog(byte[] a, int off, int len) {
        int end = off + len;
        for (int at = off + 4; at + 4 <= end; ) {
            int length = Wire.u16(a, at, ByteOrder.LITTLE_ENDIAN);
            int type = Wire.u16(a, at + 2, ByteOrder.LITTLE_ENDIAN);
            if (length < 4 || at + length > end) {
                length = Wire.u16(a, at);
                type = Wire.u16(a, at + 2);
                if (length < 4 || at + length > end) {
                    return;
                }
            }
            if ((type & 0x7fff) == NFULA_PAYLOAD) {
                ipByVersion(a, at + 4, length - 4, 0);
                return;
            }
            at += (length + 3) & ~3;
        }
    }

    /** A PoS frame's HDLC header: PPP in HDLC framing (ff 03), or Cisco HDLC (address 0f or 8f, control 00, EtherType). */
    private void hdlc(byte[] a, int off, int len) {
        if (len < 4) {
            return;
        }
        int address = a[off] & 0xff;
        if (address == 0xff) {
            ppp(a, off, len, 0);
        } else if ((address == 0x0f || address == 0x8f) && a[off + 1] == 0) {
            etherType(Wire.u16(a, off + 2), a, off + 4, len - 4, 0);
        }
    }

    /** Incomplete fragmented datagrams, for the end-of-file report. */
    long incompleteDatagrams() {
        return fragments.incomplete();
    }

    private void ethernet(byte[] a, int off, int len, int depth) {
        if (len < 14) {
            return;
        }
        int type = Wire.u16(a, off + 12);
        int at = off + 14;
        int end = off + len;
        while ((type == 0x8100 || type == 0x88a8 || type == 0x9100 || type == 0x9200) && at + 4 <= end) {
            type = Wire.u16(a, at + 2);
            at += 4;
        }
        if (type <= 1500 && at + 8 <= end && (a[at] & 0xff) == 0xaa && (a[at + 1] & 0xff) == 0xaa) {
            type = Wire.u16(a, at + 6); // 802.2 LLC + SNAP
            at += 8;
        }
        etherType(type, a, at, end - at, depth);
    }

    private void etherType(int type, byte[] a, int off, int len, int depth) {
        switch (type) {
            case ETHERTYPE_IPV4:
            case ETHERTYPE_IPV6:
                ipByVersion(a, off, len, depth);
                break;
            case 0x8847:
            case 0x8848:
                mpls(a, off, len, depth);
                break;
            case 0x8864:
                pppoe(a, off, len, depth);
                break;
            case ETHERTYPE_PBB:
                // 802.1ah provider backbone bridging: the 4-byte I-TAG, then the customer's Ethernet frame
                if (len >= 4 + 14 && depth < MAX_DEPTH) {
                    ethernet(a, off + 4, len - 4, depth + 1);
                }
                break;
            default:
                break;
        }
    }

    /**
     * An MPLS label stack, then what its bottom label carries: IPv4 or IPv6 by the first nibble, as Wireshark tells
     * them; else an Ethernet frame (VPLS, EoMPLS: carriers' core taps) when its EtherType is one the decoder reads,
     * right after the label or after a pseudowire control word (first nibble 0, RFC 4448). tshark's defaults read
     * the frame only without control word and when its first nibble is 0; it needs "Decode As" for the others.
     */
    private void mpls(byte[] a, int off, int len, int depth) {
        int at = off;
        int end = off + len;
        while (at + 4 <= end) {
            boolean bottom = (a[at + 2] & 0x01) != 0;
            at += 4;
            if (bottom) {
                mplsPayload(a, at, end, depth);
                return;
            }
        }
    }

    private void mplsPayload(byte[] a, int at, int end, int depth) {
        if (at >= end || depth >= MAX_DEPTH) {
            return; // a frame nesting Ethernet in MPLS in Ethernet... stops as deep tunnels do
        }
        int nibble = (a[at] & 0xf0) >> 4;
        if (nibble == 4 || nibble == 6) {
            ipByVersion(a, at, end - at, depth);
        } else if (at + 14 <= end && isReadEtherType(Wire.u16(a, at + 12))) {
            ethernet(a, at, end - at, depth + 1);
        } else if (nibble == 0 && at + 4 + 14 <= end && isReadEtherType(Wire.u16(a, at + 4 + 12))) {
            ethernet(a, at + 4, end - at - 4, depth + 1);
        }
    }

    /** EtherTypes an Ethernet frame inside a tunnel is read for: IP, VLAN tags, MPLS, PPPoE. */
    private static boolean isReadEtherType(int type) {
        return type == ETHERTYPE_IPV4 || type == ETHERTYPE_IPV6 || type == 0x8100 || type == 0x88a8
                || type == 0x8847 || type == 0x8864;
    }

    private void pppoe(byte[] a, int off, int len, int depth) {
        if (len >= 6) {
            ppp(a, off + 6, len - 6, depth);
        }
    }

    /**
     * A PPP frame: optional address and control bytes (ff 03), then the protocol in two bytes or, compressed (PFC),
     * in one odd byte; IPv4 (0x0021) and IPv6 (0x0057) go on.
     */
    private void ppp(byte[] a, int off, int len, int depth) {
        int at = off;
        int end = off + len;
        if (at + 2 <= end && (a[at] & 0xff) == 0xff && a[at + 1] == 0x03) {
            at += 2;
        }
        if (at >= end) {
            return;
        }
        int proto;
        if ((a[at] & 0x01) != 0) {
            proto = a[at] & 0xff;
            at += 1;
        } else if (at + 2 <= end) {
            proto = Wire.u16(a, at);
            at += 2;
        } else {
            return;
        }
        if (proto == 0x0021 || proto == 0x0057) {
            ipByVersion(a, at, end - at, depth);
        }
    }

    /**
     * A GTPv1-U G-PDU: the 8-byte header, the optional sequence / N-PDU / next-extension fields when any of their
     * flags is set, then the chain of extension headers (length in 4-byte units, next type in the last byte), then
     * the subscriber's IP packet. True when it was one (whatever its content), false to treat the datagram as UDP.
     */
    private boolean gtpU(byte[] a, int off, int len, int depth) {
        if (len < 8 || (a[off] & 0xf0) != 0x30) {
            return false; // not version 1 with protocol type GTP
        }
        if ((a[off + 1] & 0xff) != GTP_G_PDU) {
            return true; // echo, error indication, end marker: no user data
        }
        int end = off + Math.min(len, 8 + Wire.u16(a, off + 2));
        int at = off + 8;
        int flags = a[off] & 0x07;
        if (flags != 0) {
            if (at + 4 > end) {
                return true;
            }
            int next = (flags & 0x04) != 0 ? a[at + 3] & 0xff : 0;
            at += 4;
            while (next != 0) {
                int words = at < end ? a[at] & 0xff : 0;
                if (words == 0 || at + 4 * words > end) {
                    return true; // damaged chain
                }
                at += 4 * words;
                next = a[at - 1] & 0xff;
            }
        }
        ipByVersion(a, at, end - at, depth);
        return true;
    }

    void ipByVersion(byte[] a, int off, int len, int depth) {
        if (len < 1 || depth > MAX_DEPTH) {
            return;
        }
        int version = (a[off] & 0xf0) >> 4;
        if (version == 4) {
            ipv4(a, off, len, depth);
        } else if (version == 6) {
            ipv6(a, off, len, depth);
        }
    }

    private void ipv4(byte[] a, int off, int len, int depth) {
        if (len < 20) {
            return;
        }
        int ihl = (a[off] & 0x0f) * 4;
        int total = Wire.u16(a, off + 2);
        if (ihl < 20 || ihl > len) {
            return;
        }
        // total 0 happens with TCP segmentation offload: the frame itself is then the only length there is
        int end = off + (total == 0 || total > len ? len : Math.max(total, ihl));
        int flags = Wire.u16(a, off + 6);
        int fragmentOffset = (flags & 0x1fff) * 8;
        boolean more = (flags & 0x2000) != 0;
        int protocol = a[off + 9] & 0xff;
        IpHeader header = headers[depth].set(a, off + 12, off + 16, 4);
        int payload = off + ihl;
        if (more || fragmentOffset != 0) {
            byte[] whole = fragments.add(header.pair(), Wire.u16(a, off + 4), protocol, fragmentOffset, more, a,
                    payload, end - payload);
            if (whole != null) {
                protocol(protocol, header, whole, 0, whole.length, depth);
            }
            return;
        }
        protocol(protocol, header, a, payload, end - payload, depth);
    }

    private void ipv6(byte[] a, int off, int len, int depth) {
        if (len < 40) {
            return;
        }
        int payloadLength = Wire.u16(a, off + 4);
        int end = off + (payloadLength == 0 || 40 + payloadLength > len ? len : 40 + payloadLength);
        IpHeader header = headers[depth].set(a, off + 8, off + 24, 16);
        ipv6Chain(a[off + 6] & 0xff, header, a, off + 40, end, depth);
    }

    /** Walks IPv6 extension headers from {@code at}; fragments are reassembled and the walk goes on inside. */
    private void ipv6Chain(int next, IpHeader header, byte[] a, int at, int end, int depth) {
        while (true) {
            switch (next) {
                case 0: case 43: case 60: case 135: case 139: case 140:
                    if (at + 8 > end) {
                        return;
                    }
                    next = a[at] & 0xff;
                    at += ((a[at + 1] & 0xff) + 1) * 8;
                    break;
                case 51:
                    if (at + 8 > end) {
                        return;
                    }
                    next = a[at] & 0xff;
                    at += ((a[at + 1] & 0xff) + 2) * 4;
                    break;
                case 44: {
                    if (at + 8 > end) {
                        return;
                    }
                    int inner = a[at] & 0xff;
                    int field = Wire.u16(a, at + 2);
                    long id = Wire.int32(a, at + 4) & 0xffffffffL;
                    byte[] whole = fragments.add(header.pair(), id, -1, (field & 0xfff8), (field & 1) != 0, a,
                            at + 8, end - at - 8);
                    if (whole != null) {
                        ipv6Chain(inner, header, whole, 0, whole.length, depth);
                    }
                    return;
                }
                default:
                    if (at <= end) {
                        protocol(next, header, a, at, end - at, depth);
                    }
                    return;
            }
        }
    }

    private void protocol(int protocol, IpHeader header, byte[] a, int off, int len, int depth) {
        switch (protocol) {
            case PROTO_IPIP:
            case PROTO_IPV6:
                ipByVersion(a, off, len, depth + 1);
                break;
            case PROTO_GRE:
                gre(a, off, len, depth + 1);
                break;
            case TransportDecoder.UDP:
                if (!udpTunnel(a, off, len, depth + 1)) {
                    transports.transport(protocol, header, a, off, len);
                }
                break;
            default:
                transports.transport(protocol, header, a, off, len);
        }
    }

    /**
     * True when the UDP datagram at {@code off} (header included) is a tunnel told by its port (VXLAN, GTP-U,
     * GENEVE, L2TPv2, TZSP) and what it carries was decoded; its ports and payload length are read once.
     */
    private boolean udpTunnel(byte[] a, int off, int len, int depth) {
        if (len < 16) {
            return false; // no tunnel header and packet fit (the least, GTP-U's, needs 8 bytes after UDP's)
        }
        int src = Wire.u16(a, off);
        int dst = Wire.u16(a, off + 2);
        if (len >= 8 + 8 + 14 && dst == VXLAN_PORT && (a[off + 8] & 0x08) != 0) {
            ethernet(a, off + 16, len - 16, depth);
            return true;
        }
        int payload = Math.min(len, Math.max(8, Wire.u16(a, off + 4))) - 8;
        return (dst == GTP_U_PORT || src == GTP_U_PORT) && gtpU(a, off + 8, payload, depth)
                || len >= 8 + 8 + 20 && dst == GENEVE_PORT && geneve(a, off + 8, payload, depth)
                || len >= 8 + 6 + 20 && (dst == L2TP_PORT || src == L2TP_PORT) && l2tp(a, off + 8, payload, depth)
                || len >= 8 + 4 + 1 + 14 && dst == TZSP_PORT && tzsp(a, off + 8, payload, depth);
    }

    /**
     * A GENEVE packet: version 0 with its option length (in 4-byte words) in the first byte, flags, the protocol type
     * (an EtherType, 0x6558 for Ethernet), the network identifier, options; then the packet. True when it was one.
     */
    private boolean geneve(byte[] a, int off, int len, int depth) {
        if (len < 8 || (a[off] & 0xc0) != 0 || depth > MAX_DEPTH) {
            return false;
        }
        int at = off + 8 + 4 * (a[off] & 0x3f);
        int end = off + len;
        int type = Wire.u16(a, off + 2);
        if (at > end || type != ETHERTYPE_TEB && type != ETHERTYPE_IPV4 && type != ETHERTYPE_IPV6) {
            return false;
        }
        if (type == ETHERTYPE_TEB) {
            ethernet(a, at, end - at, depth);
        } else {
            ipByVersion(a, at, end - at, depth);
        }
        return true;
    }

    /**
     * An L2TPv2 data message (RFC 2661 3.1): flags and version 2, the length, sequence numbers and offset when their
     * bits say so, tunnel and session ids, then a PPP frame. Control messages carry no packet. True when it was
     * L2TPv2.
     */
    private boolean l2tp(byte[] a, int off, int len, int depth) {
        if (len < 6 || (a[off + 1] & 0x0f) != 2 || depth > MAX_DEPTH) {
            return false;
        }
        int flags = a[off] & 0xff;
        if ((flags & 0x80) != 0) {
            return true; // a control message
        }
        int at = off + 2 + ((flags & 0x40) != 0 ? 2 : 0) + 4 + ((flags & 0x08) != 0 ? 4 : 0);
        int end = off + len;
        if ((flags & 0x02) != 0) {
            if (at + 2 > end) {
                return true;
            }
            at += 2 + Wire.u16(a, at);
        }
        if (at < end) {
            ppp(a, at, end - at, depth);
        }
        return true;
    }

    /**
     * A TZSP datagram: version 1, type (0 received, 1 sent), encapsulation (1: Ethernet, 18: 802.11), tagged fields
     * up to the end tag (1; tag 0 is padding, the others have a length byte), then the captured frame, which is read
     * as the capture read it (tshark decodes this port so). True when it was one; else the datagram is read as UDP.
     */
    private boolean tzsp(byte[] a, int off, int len, int depth) {
        int end = off + len;
        int encapsulation = len < 5 ? 0 : Wire.u16(a, off + 2);
        if (len < 5 || a[off] != 1 || (a[off + 1] & 0xff) > 1 || encapsulation != 1 && encapsulation != TZSP_802_11
                || depth > MAX_DEPTH) {
            return false;
        }
        int at = off + 4;
        while (at < end) {
            int tag = a[at] & 0xff;
            if (tag == 1) {
                if (encapsulation == 1) {
                    ethernet(a, at + 1, end - at - 1, depth);
                } else {
                    wifi(LINKTYPE_802_11, a, at + 1, end - at - 1);
                }
                return true;
            }
            at += tag == 0 ? 1 : at + 1 < end ? 2 + (a[at + 1] & 0xff) : end;
        }
        return false;
    }

    private void gre(byte[] a, int off, int len, int depth) {
        if (len < 4 || depth > MAX_DEPTH) {
            return;
        }
        int flags = Wire.u16(a, off);
        int version = flags & 0x0007;
        int type = Wire.u16(a, off + 2);
        if (version > 1 || (flags & 0x4000) != 0 || (version == 1 && type != ETHERTYPE_PPP)) {
            return; // source routing, or enhanced GRE (PPTP, version 1) carrying anything but PPP
        }
        int at = off + 4 + ((flags & 0x8000) != 0 ? 4 : 0) + ((flags & 0x2000) != 0 ? 4 : 0);
        boolean sequenced = (flags & 0x1000) != 0;
        at += sequenced ? 4 : 0;
        at += version == 1 && (flags & 0x0080) != 0 ? 4 : 0; // PPTP's acknowledgement number
        int end = off + len;
        if (at > end) {
            return;
        }
        switch (type) {
            case ETHERTYPE_TEB:
                ethernet(a, at, end - at, depth);
                break;
            case ETHERTYPE_ERSPAN_2:
                // type I has no ERSPAN header and no GRE sequence number; type II has both
                int skip = sequenced ? 8 : 0;
                if (at + skip <= end) {
                    ethernet(a, at + skip, end - at - skip, depth);
                }
                break;
            case ETHERTYPE_PPP:
                ppp(a, at, end - at, depth);
                break;
            case ETHERTYPE_ERSPAN_3:
                if (at + 12 <= end) {
                    int header = 12 + ((a[at + 11] & 0x01) != 0 ? 8 : 0);
                    if (at + header <= end) {
                        ethernet(a, at + header, end - at - header, depth);
                    }
                }
                break;
            default:
                etherType(type, a, at, end - at, depth);
        }
    }
}
