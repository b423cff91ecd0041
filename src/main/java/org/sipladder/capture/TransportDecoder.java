package org.sipladder.capture;

import org.sipladder.ByteWords;

/**
 * Finds SIP in transport payloads: UDP datagrams (plain or HEP-encapsulated), TCP streams and SCTP DATA chunks.
 * Most UDP traffic in a VoIP capture is RTP, so a datagram is dismissed on its first byte before anything is
 * allocated for it, or, when a {@link MediaListener} wants RTP, handed to it as a reused {@link MediaPayload}.
 */
final class TransportDecoder {

    static final int TCP = 6;
    static final int UDP = 17;
    static final int SCTP = 132;
    static final int ICMP = 1;
    static final int ICMPV6 = 58;
    /** How the note on a datagram cut inside its header section starts ({@link #withoutCutLine}). */
    private static final String CUT_LINE = "the datagram was captured only in part";
    /** The shortest RTCP packet (a receiver report without blocks); RTP needs 12 bytes. */
    private static final int MIN_RTCP = 8;

    private final PayloadSink sink;
    private final HepDecoder hep;
    private final TcpReassembly tcp;
    private final SctpDecoder sctp;
    /** The {@link HeaderMarks} of the datagram being framed, noted by the framing's walk. */
    private final long[] marks = new long[1];
    /** The line feeds of the datagram being framed, noted by the same walk for the SIP scan. */
    private final HeaderLines feeds = new HeaderLines();

    TransportDecoder(PayloadSink sink, HepDecoder hep, TcpReassembly tcp, SctpDecoder sctp) {
        this.sink = sink;
        this.hep = hep;
        this.tcp = tcp;
        this.sctp = sctp;
    }

    void transport(int protocol, IpHeader header, byte[] a, int off, int len) {
        switch (protocol) {
            case UDP:
                udp(header, a, off, len);
                break;
            case TCP:
                tcp.segment(header, a, off, len);
                break;
            case SCTP:
                sctp.packet(header, a, off, len);
                break;
            case ICMP:
            case ICMPV6:
                unreachable(protocol == ICMPV6, header, a, off, len);
                break;
            default:
                break;
        }
    }

    /**
     * An ICMP destination-unreachable error quoting a UDP or TCP packet, handed on as an {@link Unreachable}; other
     * ICMP messages, and errors too short to name the quoted packet's ports, are left out.
     */
    private void unreachable(boolean v6, IpHeader header, byte[] a, int off, int len) {
        int end = off + len;
        if (len < 8 || (a[off] & 0xff) != (v6 ? 1 : 3)) {
            return;
        }
        int code = a[off + 1] & 0xff;
        int quoted = off + 8;
        int protocol;
        int addressAt;
        int addressLength;
        int ports;
        if (v6) {
            if (quoted + 44 > end || (a[quoted] & 0xf0) != 0x60) {
                return;
            }
            protocol = a[quoted + 6] & 0xff;
            addressAt = quoted + 8;
            addressLength = 16;
            ports = quoted + 40;
        } else {
            if (quoted + 20 > end || (a[quoted] & 0xf0) != 0x40) {
                return;
            }
            protocol = a[quoted + 9] & 0xff;
            addressAt = quoted + 12;
            addressLength = 4;
            ports = quoted + 4 * (a[quoted] & 0x0f);
            if (ports < quoted + 20 || ports + 4 > end) {
                return;
            }
        }
        if (protocol != UDP && protocol != TCP) {
            return;
        }
        Endpoint src = sink.endpoint(a, addressAt, addressLength, Wire.u16(a, ports));
        Endpoint dst = sink.endpoint(a, addressAt + addressLength, addressLength, Wire.u16(a, ports + 2));
        if (sink.wantsMedia()) {
            byte[] h = header.array();
            sink.unreachable(IpAddresses.format(h, header.srcAt(), header.addressLength()), src, dst, protocol == UDP,
                    v6 ? Unreachable.v6Reason(code) : Unreachable.v4Reason(code));
        }
        if (protocol == UDP) {
            quotedSip(src, dst, a, ports, end);
        }
    }

    /**
     * The SIP message that starts the UDP datagram an ICMP error quotes ({@code a[udpHeader, end)}), handed on as a
     * message of {@link Transport#ICMP}: Wireshark lists it as SIP, and what reached nobody is worth seeing beside
     * the error. An error quotes only the datagram's start (576 bytes in all over IPv4, RFC 1812 4.3.2.3), so the
     * message is usually cut: a cut last header line is left out, and the message is flagged as cut short.
     */
    private void quotedSip(Endpoint src, Endpoint dst, byte[] a, int udpHeader, int end) {
        int p = udpHeader + 8;
        if (p >= end || !SipFraming.mayStart(a[p])) {
            return;
        }
        int startLine = SipFraming.wholeStartLine(a, p, end);
        if (startLine <= 0) {
            return;
        }
        sipDatagram(src, dst, Transport.ICMP, a, p, end, Wire.u16(a, udpHeader + 4), startLine);
    }

    private void udp(IpHeader header, byte[] a, int off, int len) {
        if (len <= 8) {
            return;
        }
        int udpLength = Wire.u16(a, off + 4);
        int end = off + (udpLength >= 8 && udpLength < len ? udpLength : len);
        int p = off + 8;
        if (p >= end) {
            return;
        }
        byte first = a[p];
        if (first == 'H' || first == HepDecoder.VERSION_2 || first == HepDecoder.VERSION_1) {
            if (hep.decode(a, p, end - p)) {
                return;
            }
        }
        int startLine = SipFraming.mayStart(first) ? SipFraming.wholeStartLine(a, p, end) : SipFraming.NO;
        if (startLine <= 0) {
            if ((first & 0xc0) == 0x80 && end - p >= MIN_RTCP && sink.wantsMedia()) {
                sink.media(header, Wire.u16(a, off), Wire.u16(a, off + 2), a, p, end - p);
            }
            return;
        }
        byte[] h = header.array();
        sipDatagram(sink.endpoint(h, header.srcAt(), header.addressLength(), Wire.u16(a, off)),
                sink.endpoint(h, header.dstAt(), header.addressLength(), Wire.u16(a, off + 2)), Transport.UDP, a, p,
                end, udpLength, startLine);
    }

    /**
     * Hands on the SIP message that starts the UDP payload {@code a[p, end)} whose header counts {@code udpLength}
     * bytes: of a datagram captured only in part (a snapshot length, or an ICMP error quoting its start), a last
     * header line cut short is left out first ({@link #withoutCutLine}).
     */
    private void sipDatagram(Endpoint src, Endpoint dst, Transport transport, byte[] a, int p, int end, int udpLength,
                             int startLine) {
        if (udpLength - 8 > end - p) {
            end = withoutCutLine(a, p, end, udpLength - 8); // rare: only the datagram's start is in the capture
        }
        sipDatagram(src, dst, transport, a, p, end, startLine);
    }

    /**
     * The end of what is to be read of a datagram of which the capture kept only the start, {@code a[p, end)} of the
     * {@code length} bytes its UDP header counts (a snapshot length cut it, or the header is damaged): when the cut
     * falls inside the header section, its last line, cut short, is left out, so that no prefix of a Call-ID or CSeq
     * value is taken for the value (tshark takes no line without its line end as a header either), and a note says
     * so; otherwise {@code end}.
     */
    private int withoutCutLine(byte[] a, int p, int end, int length) {
        if (a[end - 1] == '\n' || SipFraming.headerEnd(a, p, end) >= 0) {
            return end;
        }
        int lastLineFeed = end - 1;
        while (lastLineFeed >= p && a[lastLineFeed] != '\n') {
            lastLineFeed--;
        }
        if (lastLineFeed < p) {
            return end; // the start line itself is cut: SipFraming judged it whole
        }
        sink.note(CUT_LINE + " (its first " + (end - p) + " of the " + length + " bytes its UDP header counts): its "
                + "last line, cut short, is left out");
        return lastLineFeed + 1;
    }

    /** Hands on the SIP message that starts the payload {@code a[p, end)}, its start line {@code startLine} long. */
    private void sipDatagram(Endpoint src, Endpoint dst, Transport transport, byte[] a, int p, int end,
                             int startLine) {
        int length = datagramMessageLength(a, p, end, startLine, marks, feeds);
        // bytes after the message's Content-Length are no part of it (RFC 3261 18.3), but the SIP layer says so
        sink.afterMessage(a, p + length, end);
        sink.emit(src, dst, transport, a, p, length, marks[0], feeds);
    }

    /**
     * A PDU Wireshark exported (File > Export PDUs, tshark -U): the payload of a UDP datagram, a TCP stream's message
     * or segment, as the export's tags address it. A SIP message is handed on like a datagram's; anything else is
     * left, as a datagram that is not SIP is.
     */
    void exportedPdu(Endpoint src, Endpoint dst, Transport transport, byte[] a, int p, int end) {
        if (p >= end) {
            return;
        }
        // a datagram's PDU ends where its message does; a TCP segment's may go on in the next
        int startLine = transport == Transport.UDP ? SipFraming.wholeStartLine(a, p, end)
                : SipFraming.startLine(a, p, end);
        if (startLine > 0) {
            sipDatagram(src, dst, transport, a, p, end, startLine);
        }
    }

    /** A datagram holds one message; bytes after its Content-Length are not part of it (RFC 3261 18.3). */
    static int datagramMessageLength(byte[] a, int p, int end) {
        return lengthFrom(a, p, end, ByteWords.indexOf(a, p, end, (byte) '\n'), null, null);
    }

    /**
     * As {@link #datagramMessageLength(byte[], int, int)} for a message whose start line is {@code startLine} bytes
     * long ({@link SipFraming#startLine}): one ending in a line feed (not a bare CR) ends at the first, and the
     * length's walk goes on from there without reading the start line again.
     */
    static int datagramMessageLength(byte[] a, int p, int end, int startLine) {
        return datagramMessageLength(a, p, end, startLine, null);
    }

    /**
     * As {@link #datagramMessageLength(byte[], int, int, int)}, noting the message's {@link HeaderMarks} in
     * {@code marks[0]} when {@code marks} is not null.
     */
    static int datagramMessageLength(byte[] a, int p, int end, int startLine, long[] marks) {
        return datagramMessageLength(a, p, end, startLine, marks, null);
    }

    /**
     * As {@link #datagramMessageLength(byte[], int, int, int, long[])}, noting the header block's line feeds in
     * {@code feeds} when it is not null ({@link HeaderLines}).
     */
    static int datagramMessageLength(byte[] a, int p, int end, int startLine, long[] marks, HeaderLines feeds) {
        int lf = a[p + startLine - 1] == '\n' ? p + startLine - 1 : ByteWords.indexOf(a, p, end, (byte) '\n');
        return lengthFrom(a, p, end, lf, marks, feeds);
    }

    /**
     * The framing's length of the message at {@code p} whose first line feed is {@code firstLineFeed}, noting what
     * {@code marks} and {@code feeds} take when not null; the whole datagram when it finds none, and when the message
     * declares no Content-Length: its body then runs to the datagram's end (RFC 3261 18.3).
     */
    private static int lengthFrom(byte[] a, int p, int end, int firstLineFeed, long[] marks, HeaderLines feeds) {
        int length = SipFraming.messageLength(a, p, end, end - p, firstLineFeed, marks, feeds);
        // the framing ends a message without Content-Length at its headers (a stream's reading): a datagram's runs
        // on; only a datagram longer than its message is read again for that
        return length > 0 && (p + length == end || SipFraming.declaresLength(a, p, p + length)) ? length : end - p;
    }
}
