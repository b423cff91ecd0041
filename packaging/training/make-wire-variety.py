#!/usr/bin/env python3
"""Writes wire-variety.pcap, the second training capture of the start-up archives (see README.md here).

One synthetic call of each way SIP and media arrive that the first training capture lacks:
  - SIP over TCP: a handshake, an INVITE split over two segments, two responses in one segment, a segment sent
    twice, ACK, BYE and its answer, the connection closed;
  - RTP with RTCP beside it (sender and receiver reports with SDES, as compound packets), both ways;
  - SIP over UDP in fragmented datagrams, over IPv4 and over IPv6 (a Fragment extension header).
Ethernet, classic pcap, microsecond times, every checksum computed. Deterministic: the same bytes at every run.
Usage: make-wire-variety.py [OUT.pcap]   (default: wire-variety.pcap beside this script)
"""
import os
import struct
import sys

T0 = 1764000000.0
ETH_V4 = b'\x00\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb\x08\x00'
ETH_V6 = b'\x00\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb\x86\xdd'


def checksum(data):
    if len(data) % 2:
        data += b'\x00'
    s = sum(struct.unpack('!%dH' % (len(data) // 2), data))
    while s >> 16:
        s = (s >> 16) + (s & 0xffff)
    return (~s) & 0xffff


def v4(a):
    return bytes(int(x) for x in a.split('.'))


def v6(a):
    head, _, tail = a.partition('::')
    h = [int(x, 16) for x in head.split(':') if x]
    t = [int(x, 16) for x in tail.split(':') if x]
    return struct.pack('!8H', *(h + [0] * (8 - len(h) - len(t)) + t))


class Pcap:
    def __init__(self, f):
        self.f = f
        self.ipid = 0x1000
        f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))

    def frame(self, t, data):
        sec = int(t)
        usec = int(round((t - sec) * 1e6))
        self.f.write(struct.pack('<IIII', sec, usec, len(data), len(data)) + data)

    def ip4(self, t, src, dst, proto, payload, ipid=None, frag=0x4000):
        if ipid is None:
            self.ipid += 1
            ipid = self.ipid
        h = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(payload), ipid, frag, 64, proto, 0, v4(src), v4(dst))
        h = h[:10] + struct.pack('!H', checksum(h)) + h[12:]
        self.frame(t, ETH_V4 + h + payload)

    def udp4(self, t, src, sport, dst, dport, data):
        self.ip4(t, src, dst, 17, udp(v4(src), v4(dst), sport, dport, data))

    def udp4_fragmented(self, t, src, sport, dst, dport, data, cut):
        """One UDP datagram in two IPv4 fragments; cut is a multiple of 8 within the UDP packet."""
        whole = udp(v4(src), v4(dst), sport, dport, data)
        self.ipid += 1
        self.ip4(t, src, dst, 17, whole[:cut], self.ipid, 0x2000)
        self.ip4(t + 0.0001, src, dst, 17, whole[cut:], self.ipid, cut // 8)

    def udp6_fragmented(self, t, src, sport, dst, dport, data, cut, ident):
        """One UDP datagram in two IPv6 fragments (Fragment header, next header UDP)."""
        whole = udp(v6(src), v6(dst), sport, dport, data, ipv6=True)
        for i, (offset, piece) in enumerate(((0, whole[:cut]), (cut, whole[cut:]))):
            more = 1 if i == 0 else 0
            frag = struct.pack('!BBHI', 17, 0, (offset // 8) << 3 | more, ident)
            h = struct.pack('!IHBB16s16s', 6 << 28, len(frag) + len(piece), 44, 64, v6(src), v6(dst))
            self.frame(t + i * 0.0001, ETH_V6 + h + frag + piece)

    def udp6(self, t, src, sport, dst, dport, data):
        u = udp(v6(src), v6(dst), sport, dport, data, ipv6=True)
        h = struct.pack('!IHBB16s16s', 6 << 28, len(u), 17, 64, v6(src), v6(dst))
        self.frame(t, ETH_V6 + h + u)


def udp(src, dst, sport, dport, data, ipv6=False):
    length = 8 + len(data)
    head = struct.pack('!HHHH', sport, dport, length, 0)
    if ipv6:
        pseudo = src + dst + struct.pack('!IxxxB', length, 17)
    else:
        pseudo = src + dst + struct.pack('!xBH', 17, length)
    c = checksum(pseudo + head + data) or 0xffff
    return head[:6] + struct.pack('!H', c) + data


class Tcp:
    """Both directions of one IPv4 TCP connection, with sequence and acknowledgement numbers kept."""

    def __init__(self, pcap, a, aport, b, bport):
        self.p = pcap
        self.ends = {0: (a, aport), 1: (b, bport)}
        self.seq = {0: 1000, 1: 5000}

    def send(self, t, side, flags, data=b'', seq=None):
        (src, sport), (dst, dport) = self.ends[side], self.ends[1 - side]
        s = self.seq[side] if seq is None else seq
        ack = self.seq[1 - side]
        head = struct.pack('!HHIIBBHHH', sport, dport, s, ack if flags & 0x10 else 0, 5 << 4, flags, 65535, 0, 0)
        pseudo = v4(src) + v4(dst) + struct.pack('!xBH', 6, len(head) + len(data))
        head = head[:16] + struct.pack('!H', checksum(pseudo + head + data)) + head[18:]
        self.p.ip4(t, src, dst, 6, head + data)
        if seq is None:
            self.seq[side] = s + len(data) + (1 if flags & 0x03 else 0)


def sip(first, headers, body=''):
    lines = ''.join('%s: %s\r\n' % h for h in headers)
    ct = 'Content-Type: application/sdp\r\n' if body else ''
    return ('%s\r\n%s%sContent-Length: %d\r\n\r\n%s' % (first, lines, ct, len(body.encode()), body)).encode()


def sdp(ip, port, family='IP4'):
    return ('v=0\r\no=- 7 7 IN %s %s\r\ns=-\r\nc=IN %s %s\r\nt=0 0\r\nm=audio %d RTP/AVP 0 101\r\n'
            'a=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\n'
            'a=sendrecv\r\n' % (family, ip, family, ip, port))


def dialog(call_id, via, frm, to, uri, cseq, method, to_tag=None, extra=()):
    return [('Via', via), ('Max-Forwards', '70'), ('From', frm),
            ('To', to + (';tag=' + to_tag if to_tag else '')), ('Call-ID', call_id),
            ('CSeq', '%d %s' % (cseq, method))] + list(extra)


def rtcp_sr(ssrc, other, ntp, rtp_ts, packets, octets):
    sr = struct.pack('!BBHIIIIII', 0x81, 200, 12, ssrc, ntp >> 32, ntp & 0xffffffff, rtp_ts, packets, octets)
    block = struct.pack('!IIIIII', other, 0, packets, 3, 0, 0)
    return sr + block + sdes(ssrc)


def rtcp_rr(ssrc, other, highest):
    return struct.pack('!BBHIIIIIII', 0x81, 201, 7, ssrc, other, 0, highest, 5, 0, 0) + sdes(ssrc)


def sdes(ssrc):
    cname = b'training@example.invalid'
    item = bytes([1, len(cname)]) + cname + b'\x00'
    item += b'\x00' * (-len(item) % 4)
    return struct.pack('!BBHI', 0x81, 202, (4 + len(item)) // 4, ssrc) + item


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                              'wire-variety.pcap')
    with open(out, 'wb') as f:
        p = Pcap(f)
        phone, pbx = '10.1.1.10', '198.51.100.20'
        # a call over TCP, answered, media both ways with RTCP, hung up
        tcp = Tcp(p, phone, 40001, pbx, 5060)
        t = T0
        tcp.send(t, 0, 0x02)
        tcp.send(t + 0.001, 1, 0x12)
        tcp.send(t + 0.002, 0, 0x10)
        cid, via = 'tcp-call-1@10.1.1.10', 'SIP/2.0/TCP 10.1.1.10:40001;branch=z9hG4bKtcp1'
        frm, to, uri = '<sip:2001@example.invalid>;tag=a1', '<sip:3002@example.invalid>', 'sip:3002@198.51.100.20'
        invite = sip('INVITE %s SIP/2.0' % uri, dialog(cid, via, frm, to, uri, 1, 'INVITE', extra=[
            ('Contact', '<sip:2001@10.1.1.10:40001;transport=tcp>'), ('User-Agent', 'Training Phone')]),
            sdp(phone, 16000))
        tcp.send(t + 0.010, 0, 0x18, invite[:300])
        tcp.send(t + 0.011, 0, 0x18, invite[300:])
        tcp.send(t + 0.012, 1, 0x10)
        trying = sip('SIP/2.0 100 Trying', dialog(cid, via, frm, to, uri, 1, 'INVITE'))
        ringing = sip('SIP/2.0 180 Ringing', dialog(cid, via, frm, to, uri, 1, 'INVITE', 'b2',
                                                    [('Contact', '<sip:3002@198.51.100.20;transport=tcp>')]))
        tcp.send(t + 0.020, 1, 0x18, trying + ringing)
        ok = sip('SIP/2.0 200 OK', dialog(cid, via, frm, to, uri, 1, 'INVITE', 'b2', [
            ('Contact', '<sip:3002@198.51.100.20;transport=tcp>'), ('Server', 'Training PBX')]), sdp(pbx, 30000))
        ok_seq = tcp.seq[1]
        tcp.send(t + 0.500, 1, 0x18, ok)
        tcp.send(t + 0.700, 1, 0x18, ok, seq=ok_seq)  # the same segment again: a retransmission
        ack = sip('ACK %s SIP/2.0' % uri, dialog(cid, 'SIP/2.0/TCP 10.1.1.10:40001;branch=z9hG4bKtcp2', frm, to,
                                                 uri, 1, 'ACK', 'b2'))
        tcp.send(t + 0.710, 0, 0x18, ack)
        ssrc_a, ssrc_b = 0x1a2b3c4d, 0x5e6f7a8b
        for k in range(60):
            ts = t + 0.720 + k * 0.020
            payload = b'\xff' * 160
            p.udp4(ts, phone, 16000, pbx, 30000,
                   struct.pack('!BBHII', 0x80, 0x80 if k == 0 else 0, 100 + k, 160 * k, ssrc_a) + payload)
            p.udp4(ts + 0.003, pbx, 30000, phone, 16000,
                   struct.pack('!BBHII', 0x80, 0x80 if k == 0 else 0, 900 + k, 8000 + 160 * k, ssrc_b) + payload)
            if k in (25, 50):
                ntp = (int(ts) + 2208988800) << 32
                p.udp4(ts + 0.005, phone, 16001, pbx, 30001, rtcp_sr(ssrc_a, ssrc_b, ntp, 160 * k, k + 1, 160 * (k + 1)))
                p.udp4(ts + 0.007, pbx, 30001, phone, 16001, rtcp_rr(ssrc_b, ssrc_a, 100 + k))
        bye = sip('BYE %s SIP/2.0' % uri, dialog(cid, 'SIP/2.0/TCP 10.1.1.10:40001;branch=z9hG4bKtcp3', frm, to,
                                                 uri, 2, 'BYE', 'b2'))
        tcp.send(t + 2.000, 0, 0x18, bye)
        tcp.send(t + 2.010, 1, 0x18, sip('SIP/2.0 200 OK', dialog(
            cid, 'SIP/2.0/TCP 10.1.1.10:40001;branch=z9hG4bKtcp3', frm, to, uri, 2, 'BYE', 'b2')))
        tcp.send(t + 2.020, 0, 0x11)
        tcp.send(t + 2.021, 1, 0x11)
        tcp.send(t + 2.022, 0, 0x10)

        # a call over UDP whose INVITE and 200 OK are fragmented IPv4 datagrams, declined... then one over IPv6
        t = T0 + 3
        cid, via = 'frag4-call@10.1.1.11', 'SIP/2.0/UDP 10.1.1.11:5060;branch=z9hG4bKf4'
        frm, to, uri = '<sip:2003@example.invalid>;tag=c3', '<sip:3004@example.invalid>', 'sip:3004@198.51.100.20'
        big = [('Contact', '<sip:2003@10.1.1.11:5060>'), ('User-Agent', 'Training Phone'),
               ('X-Padding', 'x' * 900)]
        p.udp4_fragmented(t, '10.1.1.11', 5060, pbx, 5060,
                          sip('INVITE %s SIP/2.0' % uri, dialog(cid, via, frm, to, uri, 1, 'INVITE', extra=big),
                              sdp('10.1.1.11', 16002)), 600)
        p.udp4(t + 0.010, pbx, 5060, '10.1.1.11', 5060,
               sip('SIP/2.0 486 Busy Here', dialog(cid, via, frm, to, uri, 1, 'INVITE', 'd4')))
        p.udp4(t + 0.020, '10.1.1.11', 5060, pbx, 5060,
               sip('ACK %s SIP/2.0' % uri, dialog(cid, via, frm, to, uri, 1, 'ACK', 'd4')))

        t = T0 + 4
        a6, b6 = '2001:db8::10', '2001:db8::20'
        cid, via = 'frag6-call@[2001:db8::10]', 'SIP/2.0/UDP [2001:db8::10]:5060;branch=z9hG4bKf6'
        frm, to, uri = '<sip:2005@example.invalid>;tag=e5', '<sip:3006@example.invalid>', 'sip:3006@[2001:db8::20]'
        p.udp6_fragmented(t, a6, 5060, b6, 5060,
                          sip('INVITE %s SIP/2.0' % uri, dialog(cid, via, frm, to, uri, 1, 'INVITE', extra=big),
                              sdp(a6, 16004, 'IP6')), 800, 0x77)
        p.udp6(t + 0.010, b6, 5060, a6, 5060,
               sip('SIP/2.0 603 Decline', dialog(cid, via, frm, to, uri, 1, 'INVITE', 'f6')))
        p.udp6(t + 0.020, a6, 5060, b6, 5060,
               sip('ACK %s SIP/2.0' % uri, dialog(cid, via, frm, to, uri, 1, 'ACK', 'f6')))
    print(out)


if __name__ == '__main__':
    main()
