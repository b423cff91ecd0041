package org.sipladder.capture;

import java.util.List;

/**
 * The link layers the reader decodes, by their pcap/pcapng {@code LINKTYPE_} number (one table, like Wireshark's
 * {@code pcap_to_wtap_map}): how the network layer is found behind each one. Supporting another link layer is one
 * entry here and one case in {@code LinkAndIpDecodingTest}.
 */
enum LinkType {
    /** BSD loopback: a 4-byte address family in the writer's byte order, then IP. */
    NULL(0, "BSD loopback", Framing.IP, 4, 0),
    ETHERNET(1, "Ethernet", Framing.ETHERNET, 0, 0),
    /** DLT_RAW as most BSDs number it. */
    RAW_BSD(12, "raw IP", Framing.IP, 0, 0),
    /** DLT_RAW as OpenBSD numbers it. */
    RAW_OPENBSD(14, "raw IP", Framing.IP, 0, 0),
    RAW(101, "raw IP", Framing.IP, 0, 0),
    /** OpenBSD loopback: the 4-byte address family in network byte order. */
    LOOP(108, "BSD loopback", Framing.IP, 4, 0),
    /**
     * Endace ERF records (DAG cards; pcapng files written from them): a 16-byte record header, extension headers,
     * then a frame whose kind the record type names (PacketDecoder reads it).
     */
    ERF(197, "ERF", Framing.ERF, 16, 0),
    /** PPP: optional address and control bytes, then the protocol (IPv4, IPv6). */
    PPP(9, "PPP", Framing.PPP, 0, 0),
    /** PPP in HDLC-like framing (RFC 1662), as routers' serial links are captured. */
    PPP_HDLC(50, "PPP", Framing.PPP, 0, 0),
    /** Cisco HDLC: address, control, then an EtherType. */
    C_HDLC(104, "Cisco HDLC", Framing.ETHER_TYPE, 4, 2),
    /** IEEE 802.11 (Wi-Fi) frames as a monitor-mode capture records them, without a radio header. */
    IEEE802_11(105, "802.11", Framing.WIFI, 0, 0),
    /** Linux cooked capture v1: 16-byte header, protocol (an EtherType) in its last two bytes. */
    LINUX_SLL(113, "Linux cooked SLL", Framing.ETHER_TYPE, 16, 14),
    /** 802.11 behind a radiotap header (its length in bytes 2-3, little-endian): most monitor-mode captures. */
    IEEE802_11_RADIOTAP(127, "802.11", Framing.WIFI, 0, 0),
    /** 802.11 behind a PPI header (its length in bytes 2-3, little-endian; the DLT after it says 802.11). */
    PPI(192, "802.11", Framing.WIFI, 0, 0),
    /**
     * Linux netfilter log (tcpdump -i nflog:N, iptables' NFLOG target): a 4-byte header, then type-length-value
     * attributes, the packet itself in the payload attribute.
     */
    NFLOG(239, "Linux NFLOG", Framing.NFLOG, 4, 0),
    /**
     * PDUs Wireshark exported (File > Export PDUs to File, tshark -U "OSI layer 7"; how decrypted SIP over TLS is
     * often shared): tags naming the protocol, addresses and ports, then the PDU.
     */
    WIRESHARK_UPPER_PDU(252, "Wireshark exported PDUs", Framing.EXPORTED_PDU, 0, 0),
    IPV4(228, "raw IP", Framing.IP, 0, 0),
    IPV6(229, "raw IP", Framing.IP, 0, 0),
    /** Linux cooked capture v2: 20-byte header, protocol (an EtherType) in its first two bytes. */
    LINUX_SLL2(276, "Linux cooked SLL2", Framing.ETHER_TYPE, 20, 0);

    /** What follows the link header. */
    enum Framing {
        /** An Ethernet frame, VLAN tags and LLC/SNAP included: the decoder reads its header itself. */
        ETHERNET,
        /** IPv4 or IPv6, told apart by the version nibble. */
        IP,
        /** The protocol named by the EtherType at {@link #etherTypeAt()}. */
        ETHER_TYPE,
        /** An ERF record: the decoder reads its header, which names what follows (Ethernet, IP, PoS HDLC). */
        ERF,
        /** A PPP frame: the decoder reads its protocol field. */
        PPP,
        /** NFLOG attributes: the decoder finds the payload attribute. */
        NFLOG,
        /** Export PDU tags, then the PDU: the decoder reads the addresses and ports the tags give. */
        EXPORTED_PDU,
        /** An 802.11 frame, behind a radio header for some link types: the decoder reads both. */
        WIFI
    }

    private static final List<LinkType> ALL = List.of(values());

    private final int number;
    private final String label;
    private final Framing framing;
    private final int headerLength;
    private final int etherTypeAt;

    LinkType(int number, String label, Framing framing, int headerLength, int etherTypeAt) {
        this.number = number;
        this.label = label;
        this.framing = framing;
        this.headerLength = headerLength;
        this.etherTypeAt = etherTypeAt;
    }

    /** The entry for a pcap LINKTYPE_ number, or null when the reader does not decode that link layer. */
    static LinkType of(int number) {
        for (LinkType t : ALL) {
            if (t.number == number) {
                return t;
            }
        }
        return null;
    }

    /** The supported link layers by name, for the message about a file of another link type. */
    static String supportedNames() {
        return String.join(", ", ALL.stream().map(t -> t.label).distinct().toList());
    }

    int number() {
        return number;
    }

    Framing framing() {
        return framing;
    }

    /** Bytes of link header before the network layer (for {@link Framing#ETHERNET}, the decoder reads it). */
    int headerLength() {
        return headerLength;
    }

    /** Offset of the EtherType in the link header, for {@link Framing#ETHER_TYPE}. */
    int etherTypeAt() {
        return etherTypeAt;
    }
}
