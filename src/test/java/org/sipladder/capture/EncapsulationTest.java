package org.sipladder.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.sipladder.capture.CaptureReaderTest.T;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Bytes;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Hep;
import org.sipladder.testkit.Segments;
import org.sipladder.testkit.SipText;

/** SIP inside SCTP and inside HEP/EEP capture-agent packets. */
class EncapsulationTest {

    static final String INVITE = SipText.invite("enc-1");
    static final String OK = SipText.response(200, "OK", "INVITE", "enc-1", 1);
    static final long INNER_TIME = 1_600_000_000_654_321L;

    @TempDir
    Path dir;

    private RecordingListener read(Captures c) throws Exception {
        return RecordingListener.read(c.write(dir.resolve("e.pcap")));
    }

    @Test
    void sctpDataChunksIncludingAFragmentedUserMessage() throws Exception {
        byte[] invite = Bytes.ascii(INVITE);
        RecordingListener r = read(Captures.pcap()
                .sctp(T, "10.0.0.1:5060", "10.0.0.2:5060", Segments.sctpChunk(3, new byte[12]),
                        Segments.sctpData(1, 0, 0, 0, invite), Segments.sctpData(2, 1, 0, 0, Bytes.ascii(OK)))
                .sctp(T, "10.0.0.1:5060", "10.0.0.2:5060",
                        Segments.sctpData(3, 0, 1, 0, true, false, Bytes.slice(invite, 0, 100)))
                .sctp(T, "10.0.0.1:5060", "10.0.0.2:5060",
                        Segments.sctpData(4, 0, 1, 0, false, false, Bytes.slice(invite, 100, 200)),
                        Segments.sctpData(5, 0, 1, 0, false, true, Bytes.slice(invite, 200, invite.length))));
        assertEquals(List.of(INVITE, OK, INVITE), r.texts());
        assertEquals(List.of(1L, 1L, 3L), r.frames());
        assertEquals(Transport.SCTP, r.payloads.get(0).transport());
    }

    @Test
    void hep3ReportsInnerAddressesPortsAndTime() throws Exception {
        byte[] hep = Hep.v3(new Endpoint("172.16.0.5", 5060), new Endpoint("172.16.0.6", 5080), 17, INNER_TIME,
                Bytes.ascii(INVITE));
        RecordingListener r = read(Captures.pcap().udp(T, "10.0.0.1:47000", "10.0.0.2:9060", hep));
        assertEquals(List.of(INVITE), r.texts());
        SipPayload p = r.payloads.get(0);
        assertEquals(new Endpoint("172.16.0.5", 5060), p.src());
        assertEquals(new Endpoint("172.16.0.6", 5080), p.dst());
        assertEquals(INNER_TIME, p.timestampMicros());
        assertEquals(Transport.HEP, p.transport());
        assertEquals(1, p.frame());
    }

    @Test
    void hep3CompressedPayloadIsInflatedFromGzipZlibAndBareDeflate() throws Exception {
        Endpoint src = new Endpoint("172.16.0.5", 5060);
        Endpoint dst = new Endpoint("172.16.0.6", 5080);
        byte[] invite = Bytes.ascii(INVITE);
        RecordingListener r = read(Captures.pcap()
                .udp(T, "10.0.0.1:47000", "10.0.0.2:9060", Hep.v3Compressed(src, dst, 17, INNER_TIME, Hep.gzip(invite)))
                .udp(T + 1, "10.0.0.1:47000", "10.0.0.2:9060", Hep.v3Compressed(src, dst, 17, INNER_TIME, invite))
                .udp(T + 2, "10.0.0.1:47000", "10.0.0.2:9060",
                        Hep.v3Compressed(src, dst, 17, INNER_TIME, Hep.deflate(invite, true))));
        assertEquals(List.of(INVITE, INVITE, INVITE), r.texts());
        for (SipPayload p : r.payloads) {
            assertEquals(dst, p.dst());
            assertEquals(Transport.HEP, p.transport());
            assertNull(p.note());
        }
    }

    @Test
    void aCompressedPayloadThatWillNotInflateIsKeptAsItCameWithTheReason() throws Exception {
        Endpoint src = new Endpoint("172.16.0.5", 5060);
        Endpoint dst = new Endpoint("172.16.0.6", 5080);
        byte[] gzip = Hep.gzip(Bytes.ascii(OK)).bytes();
        byte[] badCrc = gzip.clone();
        badCrc[badCrc.length - 6] ^= 0x55;
        byte[] garbage = {(byte) 0xff, (byte) 0xfe, 'n', 'o', 't', ' ', 'z', 'i', 'p'};
        // a megabyte of one byte deflates to about a kilobyte: a bomb for a reader without a bound
        Hep.Compressed bomb = Hep.deflate(new byte[1 << 20], false);
        RecordingListener r = read(Captures.pcap()
                .udp(T, "10.0.0.1:47000", "10.0.0.2:9060",
                        Hep.v3Compressed(src, dst, 17, INNER_TIME, new Hep.Compressed(badCrc)))
                .udp(T + 1, "10.0.0.1:47000", "10.0.0.2:9060",
                        Hep.v3Compressed(src, dst, 17, INNER_TIME, new Hep.Compressed(garbage)))
                .udp(T + 2, "10.0.0.1:47000", "10.0.0.2:9060", Hep.v3Compressed(src, dst, 17, INNER_TIME, bomb))
                .udp(T + 3, "10.0.0.1:47000", "10.0.0.2:9060", Hep.v3Compressed(src, dst, 17, INNER_TIME,
                        new Hep.Compressed(Bytes.slice(gzip, 0, gzip.length / 2)))));
        assertEquals(4, r.payloads.size(), "each is kept, none dropped");
        assertArrayEquals(badCrc, r.payloads.get(0).data(), "kept as it came");
        assertEquals(HepInflater.BAD_CHECKSUM, r.payloads.get(0).note());
        assertEquals(HepInflater.NOT_COMPRESSED, r.payloads.get(1).note());
        assertArrayEquals(bomb.bytes(), r.payloads.get(2).data());
        assertEquals(HepInflater.TOO_LARGE, r.payloads.get(2).note());
        assertEquals(HepInflater.CUT_SHORT, r.payloads.get(3).note());
        assertEquals(dst, r.payloads.get(3).dst());
        assertEquals(List.of(1L, 2L, 3L, 4L), r.frames());
    }

    @Test
    void hep3OverIpv6InnerAndOverTcp() throws Exception {
        byte[] one = Hep.v3(new Endpoint("2001:db8::5", 5060), new Endpoint("2001:db8::6", 5060), 6, INNER_TIME,
                Bytes.ascii(INVITE));
        byte[] two = Hep.v3(new Endpoint("2001:db8::6", 5060), new Endpoint("2001:db8::5", 5060), 6, INNER_TIME + 1,
                Bytes.ascii(OK));
        byte[] stream = Bytes.concat(one, two);
        RecordingListener r = read(Captures.pcap()
                .tcp(T, "10.0.0.1:47000", "10.0.0.2:9061", 1, Segments.PSH | Segments.ACK, Bytes.slice(stream, 0, 50))
                .tcp(T, "10.0.0.1:47000", "10.0.0.2:9061", 51, Segments.PSH | Segments.ACK,
                        Bytes.slice(stream, 50, stream.length)));
        assertEquals(List.of(INVITE, OK), r.texts());
        assertEquals("[2001:db8::6]:5060", r.payloads.get(1).src().toString());
    }

    @Test
    void hep2ReportsInnerAddressesPortsAndTime() throws Exception {
        byte[] hep = Hep.v2(new Endpoint("172.16.0.5", 5060), new Endpoint("172.16.0.6", 5080), 17, INNER_TIME,
                Bytes.ascii(OK));
        RecordingListener r = read(Captures.pcap().udp(T, "10.0.0.1:47000", "10.0.0.2:9060", hep));
        assertEquals(List.of(OK), r.texts());
        SipPayload p = r.payloads.get(0);
        assertEquals(new Endpoint("172.16.0.6", 5080), p.dst());
        assertEquals(INNER_TIME, p.timestampMicros());
        assertEquals(Transport.HEP, p.transport());
    }

    /** HEP1 has no time header: the message is as the capture saw the HEP packet arrive. */
    @Test
    void hep1ReportsInnerAddressesAndPortsWithTheCaptureTime() throws Exception {
        RecordingListener r = read(Captures.pcap()
                .udp(T, "10.0.0.1:47000", "10.0.0.2:9060",
                        Hep.v1(new Endpoint("172.16.0.5", 5060), new Endpoint("172.16.0.6", 5080), 17,
                                Bytes.ascii(INVITE)))
                .udp(T + 1, "10.0.0.1:47000", "10.0.0.2:9060",
                        Hep.v1(new Endpoint("2001:db8::5", 5060), new Endpoint("2001:db8::6", 5062), 6,
                                Bytes.ascii(OK))));
        assertEquals(2, r.payloads.size());
        SipPayload p = r.payloads.get(0);
        assertEquals(new Endpoint("172.16.0.5", 5060), p.src());
        assertEquals(new Endpoint("172.16.0.6", 5080), p.dst());
        assertEquals(T, p.timestampMicros());
        assertEquals(Transport.HEP, p.transport());
        assertArrayEquals(Bytes.ascii(INVITE), p.data());
        assertEquals(new Endpoint("2001:db8::6", 5062), r.payloads.get(1).dst());
        assertEquals(T + 1, r.payloads.get(1).timestampMicros());
    }

    @Test
    void hepCarryingOtherProtocolsIsIgnored() throws Exception {
        byte[] rtcp = Hep.v3(new Endpoint("172.16.0.5", 5060), new Endpoint("172.16.0.6", 5080), 17, INNER_TIME,
                Hep.RTCP, Bytes.ascii("{\"type\":200,\"ssrc\":1}"));
        byte[] log = Hep.v3(new Endpoint("172.16.0.5", 5060), new Endpoint("172.16.0.6", 5080), 17, INNER_TIME,
                100, Bytes.ascii("a log line"));
        assertEquals(List.of(), read(Captures.pcap().udp(T, "10.0.0.1:47000", "10.0.0.2:9060", rtcp)
                .udp(T + 1, "10.0.0.1:47000", "10.0.0.2:9060", log)).payloads);
    }

    /**
     * A log line (type 100, Kamailio's hlog or heplify's log shipping) or another protocol's payload that quotes a SIP
     * message is not that message: Homer files it by its type, and taken as SIP it would be a second copy of the
     * message, a retransmission that never was. A payload with no type chunk is still read by what it holds.
     */
    @Test
    void hepOfAnotherTypeQuotingSipIsNotTakenForSip() throws Exception {
        Endpoint a = new Endpoint("172.16.0.5", 5060);
        Endpoint b = new Endpoint("172.16.0.6", 5080);
        byte[] sip = Bytes.ascii(INVITE);
        RecordingListener r = read(Captures.pcap()
                .udp(T, "10.0.0.1:47000", "10.0.0.2:9060", Hep.v3(a, b, 17, INNER_TIME, Hep.SIP, sip))
                .udp(T + 1, "10.0.0.1:47000", "10.0.0.2:9060", Hep.v3(a, b, 17, INNER_TIME + 1, 100, sip))
                .udp(T + 2, "10.0.0.1:47000", "10.0.0.2:9060", Hep.v3(a, b, 17, INNER_TIME + 2, 53, sip)));
        assertEquals(List.of(INNER_TIME), r.payloads.stream().map(SipPayload::timestampMicros).toList());
    }

    @Test
    void hepTypedSipHoldingNoSipIsKeptWithTheReasonButAKeepAliveIsNot() throws Exception {
        byte[] json = Bytes.ascii("{\"type\":200,\"ssrc\":1}");
        RecordingListener r = read(Captures.pcap()
                .udp(T, "10.0.0.1:47000", "10.0.0.2:9060", Hep.v3(new Endpoint("172.16.0.5", 5060),
                        new Endpoint("172.16.0.6", 5080), 17, INNER_TIME, Hep.SIP, json))
                .udp(T + 1, "10.0.0.1:47000", "10.0.0.2:9060", Hep.v3(new Endpoint("172.16.0.5", 5060),
                        new Endpoint("172.16.0.6", 5080), 17, INNER_TIME, Hep.SIP, Bytes.ascii("\r\n\r\n"))));
        assertEquals(1, r.payloads.size());
        SipPayload p = r.payloads.get(0);
        assertArrayEquals(json, p.data());
        assertEquals(HepDecoder.NOT_SIP, p.note());
        assertEquals(new Endpoint("172.16.0.6", 5080), p.dst());
        assertEquals(INNER_TIME, p.timestampMicros());
    }

    /**
     * A HEP3 packet typed SIP whose SIP is cut short (the datagram ends before the packet's total length, or its
     * payload chunk says it runs past the packet's end) was dropped whole, counted as "without SIP", though its
     * addresses, time and protocol type came whole before the payload: the SIP is kept as far as it goes, flagged.
     */
    @Test
    void hepTypedSipCutShortIsKeptAsFarAsItGoesWithTheReason() throws Exception {
        byte[] sip = Bytes.ascii(INVITE);
        Endpoint src = new Endpoint("172.16.0.5", 5060);
        Endpoint dst = new Endpoint("172.16.0.6", 5080);
        byte[] whole = Hep.v3(src, dst, 17, INNER_TIME, Hep.SIP, sip);
        byte[] cut = Bytes.slice(whole, 0, whole.length - 40);
        byte[] lying = whole.clone();
        int lengthField = whole.length - sip.length - 2;
        lying[lengthField] = (byte) ((sip.length + 6 + 100) >> 8);
        lying[lengthField + 1] = (byte) (sip.length + 6 + 100);
        RecordingListener r = read(Captures.pcap()
                .udp(T, "10.0.0.1:47000", "10.0.0.2:9060", cut)
                .udp(T + 1, "10.0.0.1:47000", "10.0.0.2:9060", lying));
        assertEquals(2, r.payloads.size());
        SipPayload first = r.payloads.get(0);
        assertArrayEquals(Bytes.slice(sip, 0, sip.length - 40), first.data());
        assertEquals(HepDecoder.CUT_SHORT, first.note());
        assertEquals(src, first.src());
        assertEquals(dst, first.dst());
        assertEquals(INNER_TIME, first.timestampMicros());
        SipPayload second = r.payloads.get(1);
        assertArrayEquals(sip, second.data());
        assertEquals(HepDecoder.CUT_SHORT, second.note());
    }

    @Test
    void hepCutShortBeforeItsPayloadOrNotTypedSipIsNotKept() throws Exception {
        Endpoint src = new Endpoint("172.16.0.5", 5060);
        Endpoint dst = new Endpoint("172.16.0.6", 5080);
        byte[] sip = Hep.v3(src, dst, 17, INNER_TIME, Hep.SIP, Bytes.ascii(INVITE));
        byte[] log = Hep.v3(src, dst, 17, INNER_TIME, 100, Bytes.ascii("a log line that goes on"));
        RecordingListener r = read(Captures.pcap()
                .udp(T, "10.0.0.1:47000", "10.0.0.2:9060", Bytes.slice(sip, 0, 40))
                .udp(T + 1, "10.0.0.1:47000", "10.0.0.2:9060", Bytes.slice(log, 0, log.length - 5)));
        assertEquals(List.of(), r.payloads);
    }
}
