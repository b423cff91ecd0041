#!/usr/bin/env python3
"""Writes RTP edge-case captures (one pcap per case) for checking `sipladder streams --json` against tshark, and
LiveKit media-timeout edge captures for `sipladder diagnose`:

    python3 scripts/rtp-edge-captures.py /tmp/rtp-edges
    for c in /tmp/rtp-edges/*.pcap; do ./sipladder streams $c --json > /tmp/o.json
        python3 ../shared/tools/rtp_oracle.py compare $c /tmp/o.json; done

Each capture has a SIP INVITE/200/ACK with SDP tying the streams to a call. Cases: sequence wrap, SSRC change on one
5-tuple, duplicates, reordering, a lost burst, a late first packet, silence suppression with the marker bit, comfort
noise, RFC 4733 events, G.722/opus/dynamic clock rates, RTCP on port + 1 and rtcp-mux, padding and header extensions,
re-INVITEs (new port, new codec), timestamp wrap, sequence restart; lk_*: LiveKit's media timer at its edges.
Expected differences from tshark 4.0 are in README (streams): reinvite_codec's jitter (a change of clock rate).
"""
import struct, sys, os, random

OUT = sys.argv[1] if len(sys.argv) > 1 else 'rtp-edges'
os.makedirs(OUT, exist_ok=True)

def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b)//2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff

def ip4(a): return bytes(int(x) for x in a.split('.'))

def udp_frame(src, sport, dst, dport, payload):
    udp = struct.pack('!HHHH', sport, dport, 8 + len(payload), 0) + payload
    iph = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), 0, 0, 64, 17, 0, ip4(src), ip4(dst))
    iph = iph[:10] + struct.pack('!H', csum(iph)) + iph[12:]
    return b'\x02\0\0\0\0\x02' + b'\x02\0\0\0\0\x01' + b'\x08\x00' + iph + udp

class Cap:
    def __init__(self, name):
        self.name, self.frames = name, []
    def add(self, t, src, sport, dst, dport, payload):
        self.frames.append((t, udp_frame(src, sport, dst, dport, payload)))
    def write(self):
        self.frames.sort(key=lambda f: f[0])
        with open(os.path.join(OUT, self.name + '.pcap'), 'wb') as f:
            f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
            for t, fr in self.frames:
                sec = int(t); usec = int(round((t - sec) * 1e6))
                if usec >= 1000000: sec += 1; usec -= 1000000
                f.write(struct.pack('<IIII', sec, usec, len(fr), len(fr)) + fr)

A, B = '10.0.0.1', '10.0.0.2'
T0 = 1700000000.0

def sdp(ip, port, pts, rtpmaps, extra=''):
    maps = ''.join(f'a=rtpmap:{pt} {m}\r\n' for pt, m in rtpmaps)
    return (f'v=0\r\no=- 1 1 IN IP4 {ip}\r\ns=-\r\nc=IN IP4 {ip}\r\nt=0 0\r\n'
            f'm=audio {port} RTP/AVP {" ".join(map(str, pts))}\r\n{maps}{extra}')

def sip_call(cap, t, callid, aport, bport, pts=(0, 101), rtpmaps=((0, 'PCMU/8000'), (101, 'telephone-event/8000')),
             extra='', cseq=1, reinvite=False, tags=('a1', 'b1')):
    body_a = sdp(A, aport, pts, rtpmaps, extra)
    body_b = sdp(B, bport, pts, rtpmaps, extra)
    to_tag = f';tag={tags[1]}' if reinvite else ''
    inv = (f'INVITE sip:bob@{B} SIP/2.0\r\nVia: SIP/2.0/UDP {A}:5060;branch=z9hG4bK{callid}{cseq}\r\n'
           f'From: <sip:alice@{A}>;tag={tags[0]}\r\nTo: <sip:bob@{B}>{to_tag}\r\nCall-ID: {callid}\r\nCSeq: {cseq} INVITE\r\n'
           f'Contact: <sip:alice@{A}>\r\nMax-Forwards: 70\r\nContent-Type: application/sdp\r\n'
           f'Content-Length: {len(body_a)}\r\n\r\n{body_a}')
    ok = (f'SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP {A}:5060;branch=z9hG4bK{callid}{cseq}\r\n'
          f'From: <sip:alice@{A}>;tag={tags[0]}\r\nTo: <sip:bob@{B}>;tag={tags[1]}\r\nCall-ID: {callid}\r\nCSeq: {cseq} INVITE\r\n'
          f'Contact: <sip:bob@{B}>\r\nContent-Type: application/sdp\r\nContent-Length: {len(body_b)}\r\n\r\n{body_b}')
    ack = (f'ACK sip:bob@{B} SIP/2.0\r\nVia: SIP/2.0/UDP {A}:5060;branch=z9hG4bK{callid}{cseq}ack\r\n'
           f'From: <sip:alice@{A}>;tag={tags[0]}\r\nTo: <sip:bob@{B}>;tag={tags[1]}\r\nCall-ID: {callid}\r\nCSeq: {cseq} ACK\r\n'
           f'Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n')
    cap.add(t, A, 5060, B, 5060, inv.encode())
    cap.add(t + 0.05, B, 5060, A, 5060, ok.encode())
    cap.add(t + 0.1, A, 5060, B, 5060, ack.encode())

def bye(cap, t, callid, cseq=9):
    m = (f'BYE sip:bob@{B} SIP/2.0\r\nVia: SIP/2.0/UDP {A}:5060;branch=z9hG4bKbye{callid}\r\n'
         f'From: <sip:alice@{A}>;tag=a1\r\nTo: <sip:bob@{B}>;tag=b1\r\nCall-ID: {callid}\r\nCSeq: {cseq} BYE\r\n'
         f'Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n')
    ok = (f'SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP {A}:5060;branch=z9hG4bKbye{callid}\r\n'
          f'From: <sip:alice@{A}>;tag=a1\r\nTo: <sip:bob@{B}>;tag=b1\r\nCall-ID: {callid}\r\nCSeq: {cseq} BYE\r\n'
          f'Content-Length: 0\r\n\r\n')
    cap.add(t, A, 5060, B, 5060, m.encode())
    cap.add(t + 0.02, B, 5060, A, 5060, ok.encode())

def rtp(seq, ts, ssrc, pt=0, marker=False, payload=None, padding=0, ext=None, plen=160):
    b0 = 0x80 | (0x20 if padding else 0) | (0x10 if ext is not None else 0)
    h = struct.pack('!BBHII', b0, (0x80 if marker else 0) | pt, seq & 0xffff, ts & 0xffffffff, ssrc)
    if ext is not None:
        prof, words = ext
        h += struct.pack('!HH', prof, len(words)) + b''.join(struct.pack('!I', w) for w in words)
    p = payload if payload is not None else bytes([0xff]) * plen
    if padding:
        p += b'\0' * (padding - 1) + bytes([padding])
    return h + p

def jit(rng, ms):  # network jitter in seconds
    return rng.uniform(0, ms) / 1000.0

class Stream:
    """A sender: seq/timestamp counters; emit() yields (t, packet)."""
    def __init__(self, cap, src, sport, dst, dport, ssrc, seq=1000, ts=5000, pt=0, step=160, period=0.02, jitter_ms=3, seed=1):
        self.cap, self.src, self.sport, self.dst, self.dport = cap, src, sport, dst, dport
        self.ssrc, self.seq, self.ts, self.pt, self.step, self.period = ssrc, seq, ts, pt, step, period
        self.rng = random.Random(seed); self.jitter_ms = jitter_ms
    def send(self, t, marker=False, pt=None, payload=None, advance=True, ts=None, **kw):
        pkt = rtp(self.seq, self.ts if ts is None else ts, self.ssrc, self.pt if pt is None else pt, marker, payload, **kw)
        self.cap.add(t + jit(self.rng, self.jitter_ms), self.src, self.sport, self.dst, self.dport, pkt)
        self.seq = (self.seq + 1) & 0xffff
        if advance: self.ts += self.step
    def run(self, t, n, **kw):
        for i in range(n):
            self.send(t + i * self.period, **kw)
        return t + n * self.period

def basic(name, callid, a_kw=None, b_kw=None, n=200, sdp_kw=None, body=None, bye_at=None):
    cap = Cap(name)
    sip_call(cap, T0, callid, 20000, 30000, **(sdp_kw or {}))
    sa = Stream(cap, A, 20000, B, 30000, 0x11111111, seed=1, **(a_kw or {}))
    sb = Stream(cap, B, 30000, A, 20000, 0x22222222, seed=2, **(b_kw or {}))
    t = T0 + 0.2
    if body: body(cap, sa, sb, t)
    else:
        sa.run(t, n); sb.run(t + 0.005, n)
    bye(cap, bye_at or T0 + 0.2 + n * 0.02 + 1, callid)
    cap.write()

# 1 wrap-around
basic('wrap', 'wrap1', a_kw=dict(seq=65400), b_kw=dict(seq=65535 - 10))

# 2 SSRC change mid-call on the same 5-tuple
def ssrc_change(cap, sa, sb, t):
    t = sa.run(t, 100); sb.run(t - 2.0 + 0.005, 200)
    sa.ssrc, sa.seq, sa.ts = 0x33333333, 40000, 900000
    sa.run(t, 100, marker=False)
basic('ssrc_change', 'ssrc1', body=ssrc_change)

# 3 duplicates
def dups(cap, sa, sb, t):
    for i in range(200):
        sa.send(t + i * 0.02, advance=False)
        if i in (20, 50, 51, 120):
            sa.seq -= 1; sa.send(t + i * 0.02 + 0.001, advance=False)
        sa.ts += 160
    sb.run(t + 0.005, 200)
basic('duplicates', 'dup1', body=dups)

# 4 reordered packets
def reorder(cap, sa, sb, t):
    pk = []
    for i in range(200):
        pk.append((t + i * 0.02, sa.seq, sa.ts)); sa.seq += 1; sa.ts += 160
    for a, b in ((30, 31), (80, 82), (150, 151)):   # swap arrival times
        ta, tb = pk[a][0], pk[b][0]
        pk[a] = (tb + 0.0005, pk[a][1], pk[a][2]); pk[b] = (ta, pk[b][1], pk[b][2])
    for tt, s, ts in pk:
        cap.add(tt, A, 20000, B, 30000, rtp(s, ts, sa.ssrc))
    sb.run(t + 0.005, 200)
basic('reorder', 'reo1', body=reorder)

# 5 lost burst
def burst(cap, sa, sb, t):
    for i in range(300):
        if 100 <= i < 130 or i in (200, 250):
            sa.seq += 1; sa.ts += 160; continue
        sa.send(t + i * 0.02)
    sb.run(t + 0.005, 300)
basic('lost_burst', 'burst1', body=burst)

# 6 first packet late
def first_late(cap, sa, sb, t):
    pk = []
    for i in range(200):
        pk.append([t + i * 0.02, sa.seq, sa.ts]); sa.seq += 1; sa.ts += 160
    pk[0][0] = pk[1][0] + 0.003          # packet 0 arrives after packet 1
    for tt, s, ts in pk: cap.add(tt, A, 20000, B, 30000, rtp(s, ts, sa.ssrc))
    # B: first packet arrives after the third
    pk = []
    for i in range(200):
        pk.append([t + 0.005 + i * 0.02, sb.seq, sb.ts]); sb.seq += 1; sb.ts += 160
    pk[0][0] = pk[2][0] + 0.002
    for tt, s, ts in pk: cap.add(tt, B, 30000, A, 20000, rtp(s, ts, sb.ssrc))
basic('first_late', 'late1', body=first_late)

# 7 silence suppression: timestamp jumps with marker
def silence(cap, sa, sb, t):
    t = sa.run(t, 100)
    sa.ts += 8000 * 2                   # 2 s of silence, nothing sent
    t += 2.0
    sa.send(t, marker=True); t += 0.02
    sa.run(t, 99)
    sb.run(T0 + 0.2 + 0.005, 300)
basic('silence_marker', 'sil1', body=silence)

# 8 comfort noise PT 13 inside the stream
def cn(cap, sa, sb, t):
    t = sa.run(t, 100)
    for k in range(5):                  # a CN packet every 200 ms for 1 s; timestamps follow the clock
        sa.ts += 1600 if k else 0
        sa.send(t + k * 0.2, pt=13, payload=b'\x40', advance=False); sa.ts += 0
    sa.ts += 1600; t += 1.0
    sa.send(t, marker=True); sa.run(t + 0.02, 99)
    sb.run(T0 + 0.2 + 0.005, 300)
basic('comfort_noise', 'cn1', body=cn, sdp_kw=dict(pts=(0, 13, 101), rtpmaps=((0, 'PCMU/8000'), (13, 'CN/8000'), (101, 'telephone-event/8000'))))

# 9 RFC 4733 DTMF inside the stream, own PT
def dtmf(cap, sa, sb, t):
    t = sa.run(t, 100)
    for digit in (1, 5):
        ev_ts = sa.ts
        for k in range(8):              # 8 packets of 20 ms, end bit on last 3 (retransmitted)
            dur = 160 * (k + 1) if k < 6 else 160 * 6
            end = 0x80 if k >= 5 else 0
            sa.send(t, pt=101, marker=(k == 0), payload=struct.pack('!BBH', digit, end | 10, dur), advance=False, ts=ev_ts)
            t += 0.02
        sa.ts += 160 * 8
        t = sa.run(t, 50)
    sb.run(T0 + 0.2 + 0.005, 300)
basic('dtmf', 'dtmf1', body=dtmf)

# 10 clock rates
basic('g722', 'g7221', a_kw=dict(pt=9), b_kw=dict(pt=9),
      sdp_kw=dict(pts=(9,), rtpmaps=((9, 'G722/8000'),)))
basic('opus', 'opus1', a_kw=dict(pt=111, step=960), b_kw=dict(pt=111, step=960),
      sdp_kw=dict(pts=(111, 101), rtpmaps=((111, 'opus/48000/2'), (101, 'telephone-event/48000'))))
basic('dyn_amrwb', 'amr1', a_kw=dict(pt=96, step=320), b_kw=dict(pt=96, step=320),
      sdp_kw=dict(pts=(96,), rtpmaps=((96, 'AMR-WB/16000'),)))
basic('dyn_pcmu', 'dynp1', a_kw=dict(pt=98), b_kw=dict(pt=98),   # unusual: a dynamic PT mapped to an 8 kHz codec
      sdp_kw=dict(pts=(98,), rtpmaps=((98, 'PCMA/8000'),)))

# 11 RTCP on port+1 and rtcp-mux
def rtcp_sr(ssrc, ntp, rtpts, pkts, octets, rb_ssrc, highest, jitter=10):
    rb = struct.pack('!IBBHIIII', rb_ssrc, 0, 0, 0, highest, jitter, 0, 0)
    sr = struct.pack('!II I I I', ntp >> 32, ntp & 0xffffffff, rtpts, pkts, octets)
    body = struct.pack('!I', ssrc) + sr + rb
    return struct.pack('!BBH', 0x81, 200, (len(body) + 4) // 4 - 1) + body

def with_rtcp(mux):
    def body(cap, sa, sb, t):
        for i in range(250):
            sa.send(t + i * 0.02); sb.send(t + 0.005 + i * 0.02)
            if i % 100 == 99:
                off = 0 if mux else 1
                cap.add(t + i * 0.02 + 0.01, A, 20000 + off, B, 30000 + off,
                        rtcp_sr(sa.ssrc, (3900000000 + i) << 32, sa.ts, i + 1, 160 * (i + 1), sb.ssrc, sb.seq))
                cap.add(t + i * 0.02 + 0.015, B, 30000 + off, A, 20000 + off,
                        rtcp_sr(sb.ssrc, (3900000000 + i) << 32, sb.ts, i + 1, 160 * (i + 1), sa.ssrc, sa.seq))
    return body
basic('rtcp_port1', 'rtcp1', body=with_rtcp(False))
basic('rtcp_mux', 'mux1', body=with_rtcp(True), sdp_kw=dict(extra='a=rtcp-mux\r\n'))

# 12 padding and header extensions
def padext(cap, sa, sb, t):
    for i in range(200):
        kw = {}
        if i % 3 == 0: kw['padding'] = 4
        if i % 2 == 0: kw['ext'] = (0xBEDE, [0x10ff0000])
        sa.send(t + i * 0.02, **kw)
    sb.run(t + 0.005, 200)
basic('padding_ext', 'pad1', body=padext)

# 13 re-INVITE with new port
def reinv():
    cap = Cap('reinvite_port')
    sip_call(cap, T0, 'reinv1', 20000, 30000)
    sa = Stream(cap, A, 20000, B, 30000, 0x11111111, seed=1)
    sb = Stream(cap, B, 30000, A, 20000, 0x22222222, seed=2)
    t = T0 + 0.2
    sa.run(t, 150); sb.run(t + 0.005, 150)
    t += 3.0
    sip_call(cap, t, 'reinv1', 20002, 30002, cseq=2, reinvite=True)
    t += 0.2
    sa.dport = 30002; sa.sport = 20002; sb.sport = 30002; sb.dport = 20002
    sa.run(t, 150); sb.run(t + 0.005, 150)
    bye(cap, t + 4, 'reinv1')
    cap.write()
reinv()

# 14 combination: wrap + loss + reorder + dup across the wrap
def wrapmix(cap, sa, sb, t):
    pk = []
    for i in range(300):
        pk.append([t + i * 0.02, sa.seq, sa.ts]); sa.seq = (sa.seq + 1) & 0xffff; sa.ts += 160
    del pk[45:48]                         # loss right at wrap (seq 65445 + 45 = 65490.. adjust below)
    pk[60][0], pk[61][0] = pk[61][0], pk[60][0] + 0.0005
    pk.append([pk[70][0] + 0.001, pk[70][1], pk[70][2]])
    for tt, s, ts in pk: cap.add(tt, A, 20000, B, 30000, rtp(s, ts, sa.ssrc))
    sb.run(t + 0.005, 300)
basic('wrap_mix', 'wmix1', a_kw=dict(seq=65490), body=wrapmix)

# 15 RTP timestamp wrap at 2^32 (and a random-looking start)
basic('ts_wrap', 'tsw1', a_kw=dict(ts=0xFFFFFFFF - 160 * 50), b_kw=dict(ts=0xFFFFFF00))

# 16 first packet late AND a real loss later: the late packet must not hide the lost one
def late_and_loss(cap, sa, sb, t):
    pk = []
    for i in range(200):
        pk.append([t + i * 0.02, sa.seq, sa.ts]); sa.seq += 1; sa.ts += 160
    pk[0][0] = pk[1][0] + 0.003
    del pk[100]
    for tt, s, ts in pk: cap.add(tt, A, 20000, B, 30000, rtp(s, ts, sa.ssrc))
    sb.run(t + 0.005, 200)
basic('late_and_loss', 'lal1', body=late_and_loss)

# 17 opus 48 kHz with telephone-event/8000 (mixed clocks inside one stream)
def opus_dtmf8k(cap, sa, sb, t):
    t = sa.run(t, 100)
    ev_ts = sa.ts
    for k in range(8):
        end = 0x80 if k >= 5 else 0
        sa.send(t, pt=101, marker=(k == 0), payload=struct.pack('!BBH', 3, end | 10, 160 * min(k + 1, 6)), advance=False, ts=ev_ts)
        t += 0.02
    sa.ts += 960 * 8
    sa.run(t, 100)
    sb.run(T0 + 0.2 + 0.005, 208)
basic('opus_dtmf8k', 'od1', a_kw=dict(pt=111, step=960), b_kw=dict(pt=111, step=960), body=opus_dtmf8k,
      sdp_kw=dict(pts=(111, 101), rtpmaps=((111, 'opus/48000/2'), (101, 'telephone-event/8000'))))

# 18 sender restarts its sequence numbers on the same SSRC (e.g. after a re-INVITE on the media server)
def seq_restart(cap, sa, sb, t):
    t = sa.run(t, 100)
    sa.seq = 30000; sa.send(t, marker=True); sa.run(t + 0.02, 99)
    sb.run(T0 + 0.2 + 0.005, 200)
basic('seq_restart', 'sr1', body=seq_restart)

# 19 loss burst across the wrap
def wrap_burst(cap, sa, sb, t):
    for i in range(200):
        if 40 <= i < 60:
            sa.seq = (sa.seq + 1) & 0xffff; sa.ts += 160; continue
        sa.send(t + i * 0.02)
    sb.run(t + 0.005, 200)
basic('wrap_burst', 'wb1', a_kw=dict(seq=65500), body=wrap_burst)

# 20 heavy jitter: bursts delayed by 80-200 ms then released together
def heavy(cap, sa, sb, t):
    rng = random.Random(7)
    for i in range(300):
        d = 0.15 if 100 <= i < 110 else rng.uniform(0, 0.04)
        cap.add(t + i * 0.02 + d, A, 20000, B, 30000, rtp(sa.seq, sa.ts, sa.ssrc)); sa.seq += 1; sa.ts += 160
    sb.run(t + 0.005, 300)
basic('heavy_jitter', 'hj1', body=heavy)

# 21 RTP before the 200 OK (early media / SDP arriving after first packets from B)
def early(cap, sa, sb, t):
    sb.run(T0 + 0.01, 2)   # two packets from B before the 200 (at 0.05)
    sb.run(T0 + 0.2, 200)
    sa.run(T0 + 0.2 + 0.005, 200)
basic('early_rtp', 'er1', body=early)

# 22 every packet captured twice (two interfaces)
def twice(cap, sa, sb, t):
    for i in range(200):
        p = rtp(sa.seq, sa.ts, sa.ssrc); tt = t + i * 0.02 + jit(sa.rng, 3)
        cap.add(tt, A, 20000, B, 30000, p); cap.add(tt + 0.00005, A, 20000, B, 30000, p)
        sa.seq += 1; sa.ts += 160
    sb.run(t + 0.005, 200)
basic('captured_twice', 'tw1', body=twice)

# 23 G.722 with real jitter and loss (8000 Hz RTP clock)
def g722loss(cap, sa, sb, t):
    for i in range(300):
        if i % 37 == 5: sa.seq += 1; sa.ts += 160; continue
        sa.send(t + i * 0.02)
    sb.run(t + 0.005, 300)
basic('g722_loss', 'g722l', a_kw=dict(pt=9, jitter_ms=15), b_kw=dict(pt=9), body=g722loss,
      sdp_kw=dict(pts=(9,), rtpmaps=((9, 'G722/8000'),)))

# 24 65535 arrives after 0 (reordered across the wrap)
def wrap_reorder(cap, sa, sb, t):
    pk = []
    for i in range(100):
        pk.append([t + i * 0.02, sa.seq, sa.ts]); sa.seq = (sa.seq + 1) & 0xffff; sa.ts += 160
    i = [k for k, p in enumerate(pk) if p[1] == 65535][0]
    pk[i][0] = pk[i + 1][0] + 0.002
    for tt, s, ts in pk: cap.add(tt, A, 20000, B, 30000, rtp(s, ts, sa.ssrc))
    sb.run(t + 0.005, 100)
basic('wrap_reorder', 'wr1', a_kw=dict(seq=65500), body=wrap_reorder)

# 25 re-INVITE switching the codec on the same ports: PCMU (8 kHz) then opus (48 kHz), same SSRC, timestamps go on
def codec_switch():
    cap = Cap('reinvite_codec')
    maps = ((0, 'PCMU/8000'), (111, 'opus/48000/2'), (101, 'telephone-event/8000'))
    sip_call(cap, T0, 'cs1', 20000, 30000, pts=(0, 111, 101), rtpmaps=maps)
    sa = Stream(cap, A, 20000, B, 30000, 0x11111111, seed=1)
    sb = Stream(cap, B, 30000, A, 20000, 0x22222222, seed=2)
    t = T0 + 0.2
    sa.run(t, 150); sb.run(t + 0.005, 150)
    t += 3.0
    sip_call(cap, t, 'cs1', 20000, 30000, pts=(111, 101), rtpmaps=maps[1:], cseq=2, reinvite=True)
    t += 0.2
    for s in (sa, sb):
        s.pt, s.step = 111, 960
    sa.send(t, marker=True); sa.run(t + 0.02, 149); sb.run(t + 0.005, 150)
    bye(cap, t + 4, 'cs1')
    cap.write()
codec_switch()

# LiveKit media-timeout edges (livekit/sip pkg/sip/media_port.go timeoutLoop)
SBC, LK = '203.0.113.10', '129.158.233.108'
def call(cap, callid, sbc_sdp_ip=SBC, sbc_port=40000, lk_port=30000):
    def msg(start, method, n, agent, body, totag):
        return (f'{start}\r\nVia: SIP/2.0/UDP {SBC}:5060;branch=z9hG4bK-{method}{n}\r\nFrom: <sip:+15551230000@{SBC}>;tag=f1\r\n'
                f'To: <sip:+15559870000@proj.sip.livekit.cloud>{";tag=SCL_t1" if totag else ""}\r\nCall-ID: {callid}\r\nCSeq: {n} {method}\r\n'
                f'Contact: <sip:{SBC}:5060>\r\n{agent}\r\n' + (f'Content-Type: application/sdp\r\n' if body else '') +
                f'Content-Length: {len(body)}\r\n\r\n{body}').encode()
    offer = sdp(sbc_sdp_ip, sbc_port, (0, 101), ((0, 'PCMU/8000'), (101, 'telephone-event/8000')))
    answer = sdp(LK, lk_port, (0, 101), ((0, 'PCMU/8000'), (101, 'telephone-event/8000')))
    cap.add(T0, SBC, 5060, LK, 5060, msg('INVITE sip:+15559870000@proj.sip.livekit.cloud SIP/2.0', 'INVITE', 1, 'User-Agent: Jambonz', offer, False))
    cap.add(T0 + 0.05, LK, 5060, SBC, 5060, msg('SIP/2.0 100 Processing', 'INVITE', 1, 'Server: LiveKit', '', False))
    cap.add(T0 + 0.3, LK, 5060, SBC, 5060, msg('SIP/2.0 200 OK', 'INVITE', 1, 'Server: LiveKit', answer, True))
    cap.add(T0 + 0.31, SBC, 5060, LK, 5060, msg('ACK sip:+15559870000@proj.sip.livekit.cloud SIP/2.0', 'ACK', 1, 'User-Agent: Jambonz', '', True))
    def bye(at, from_lk):
        if from_lk:
            m = (f'BYE sip:{SBC}:5060 SIP/2.0\r\nVia: SIP/2.0/UDP {LK}:5060;branch=z9hG4bK-bye\r\nFrom: <sip:+15559870000@proj.sip.livekit.cloud>;tag=SCL_t1\r\n'
                 f'To: <sip:+15551230000@{SBC}>;tag=f1\r\nCall-ID: {callid}\r\nCSeq: 2 BYE\r\nUser-Agent: LiveKit\r\nContent-Length: 0\r\n\r\n')
            ok = (f'SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP {LK}:5060;branch=z9hG4bK-bye\r\nFrom: <sip:+15559870000@proj.sip.livekit.cloud>;tag=SCL_t1\r\n'
                  f'To: <sip:+15551230000@{SBC}>;tag=f1\r\nCall-ID: {callid}\r\nCSeq: 2 BYE\r\nServer: Jambonz\r\nContent-Length: 0\r\n\r\n')
            cap.add(T0 + at, LK, 5060, SBC, 5060, m.encode()); cap.add(T0 + at + 0.02, SBC, 5060, LK, 5060, ok.encode())
        else:
            cap.add(T0 + at, SBC, 5060, LK, 5060, msg('BYE sip:proj.sip.livekit.cloud SIP/2.0', 'BYE', 2, 'User-Agent: Jambonz', '', True))
            cap.add(T0 + at + 0.02, LK, 5060, SBC, 5060, msg('SIP/2.0 200 OK', 'BYE', 2, 'Server: LiveKit', '', True))
    return bye
def stream(cap, src, sport, dst, dport, ssrc, start, stop):
    s = Stream(cap, src, sport, dst, dport, ssrc, jitter_ms=1)
    n = int(round((stop - start) / 0.02)); s.run(T0 + start, n)

def case(name, fn):
    cap = Cap(name); fn(cap); cap.write()

# initial timeout edges: no RTP to LiveKit (private SDP address), LK sends
for after in (29, 31):
    def f(cap, after=after):
        bye = call(cap, f'init{after}', sbc_sdp_ip='172.20.11.236')
        stream(cap, LK, 30000, '172.20.11.236', 40000, 0x2222, 0.35, 0.3 + after - 0.1)
        bye(0.3 + after, True)
    case(f'lk_initial_{after}s', f)
# later timeout edges
for after in (14, 16):
    def f(cap, after=after):
        bye = call(cap, f'later{after}')
        stream(cap, SBC, 40000, LK, 30000, 0x1111, 0.4, 10.4)
        stream(cap, LK, 30000, SBC, 40000, 0x2222, 0.41, 10.4 + after - 0.1)
        bye(10.4 + after, True)
    case(f'lk_later_{after}s', f)
# RTP one way only (LK->SBC), SBC hangs up at 10 s
def f(cap):
    bye = call(cap, 'oneway'); stream(cap, LK, 30000, SBC, 40000, 0x2222, 0.41, 10); bye(10.5, False)
case('lk_one_way', f)
# RTP to LiveKit's wrong port (NAT rewrote destination port? / misconfigured), LK times out
def f(cap):
    bye = call(cap, 'wrongport'); stream(cap, SBC, 40000, LK, 30002, 0x1111, 0.4, 30.2)
    stream(cap, LK, 30000, SBC, 40000, 0x2222, 0.41, 30.2); bye(30.5, True)
case('lk_wrong_port', f)
# RTP from a NAT address (source differs from SDP), both ways otherwise
def f(cap):
    bye = call(cap, 'nat'); stream(cap, '198.51.100.20', 61000, LK, 30000, 0x1111, 0.4, 10)
    stream(cap, LK, 30000, SBC, 40000, 0x2222, 0.41, 10); bye(10.5, False)
case('lk_nat_source', f)
# RTP to LiveKit starting late (20 s after the answer), caller hangs up at 40 s
def f(cap):
    bye = call(cap, 'late'); stream(cap, SBC, 40000, LK, 30000, 0x1111, 20.3, 40)
    stream(cap, LK, 30000, SBC, 40000, 0x2222, 0.41, 40); bye(40.5, False)
case('lk_rtp_late_start', f)
# RTP to LiveKit starting after its initial timeout: LK hung up at 30.3, RTP starts at 31
def f(cap):
    bye = call(cap, 'toolate'); stream(cap, SBC, 40000, LK, 30000, 0x1111, 31, 33)
    stream(cap, LK, 30000, SBC, 40000, 0x2222, 0.41, 30.2); bye(30.4, True)
case('lk_rtp_after_timeout', f)
def f(cap):
    bye = call(cap, 'noack')
    # drop the ACK, resend the 200 OK as LiveKit does
    cap.frames = [fr for fr in cap.frames if b'ACK sip' not in fr[1]]
    ok = [fr for fr in cap.frames if b'SIP/2.0 200 OK' in fr[1]][0][1]
    for at in (0.8, 1.8, 3.8):
        cap.frames.append((T0 + at, ok))
    stream(cap, LK, 30000, SBC, 40000, 0x2222, 0.41, 6.2)
    bye(6.3, True)
case('lk_no_ack', f)
print('written to', OUT)
