package org.sipladder.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void hep3CompressedPayloadIsInflated() throws Exception {
        byte[] hep = Hep.v3Compressed(new Endpoint("172.16.0.5", 5060), new Endpoint("172.16.0.6", 5080), 17,
                INNER_TIME, Bytes.ascii(INVITE));
        // and one whose compressed chunk is not zlib: left out, not guessed at
        byte[] broken = Hep.v3Compressed(new Endpoint("172.16.0.5", 5060), new Endpoint("172.16.0.6", 5080), 17,
                INNER_TIME, Bytes.ascii(OK));
        broken[broken.length - 8] ^= 0x55;
        RecordingListener r = read(Captures.pcap().udp(T, "10.0.0.1:47000", "10.0.0.2:9060", hep)
                .udp(T + 1, "10.0.0.1:47000", "10.0.0.2:9060", broken));
        assertEquals(List.of(INVITE), r.texts());
        assertEquals(new Endpoint("172.16.0.6", 5080), r.payloads.get(0).dst());
        assertEquals(Transport.HEP, r.payloads.get(0).transport());
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

    @Test
    void hepCarryingNonSipIsIgnored() throws Exception {
        byte[] rtcp = Hep.v3(new Endpoint("172.16.0.5", 5060), new Endpoint("172.16.0.6", 5080), 17, INNER_TIME,
                Bytes.ascii("{\"type\":200,\"ssrc\":1}"));
        assertEquals(List.of(), read(Captures.pcap().udp(T, "10.0.0.1:47000", "10.0.0.2:9060", rtcp)).payloads);
    }
}
