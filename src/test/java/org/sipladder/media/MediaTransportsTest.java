package org.sipladder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.capture.Endpoint;
import org.sipladder.testkit.Bytes;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Hep;
import org.sipladder.testkit.Rtp;
import org.sipladder.testkit.SipText;

/** RTP and RTCP that do not come as plain UDP: sent on by a HEP3 capture agent, or over TCP as RFC 4571 frames. */
class MediaTransportsTest {

    private static final long T0 = 1_763_900_000_000_000L;
    private static final String CALLER = "10.0.0.1:40000";
    private static final String CALLEE = "10.0.0.2:50000";
    private static final String AGENT = "192.168.7.7:47000";
    private static final String COLLECTOR = "192.168.7.9:9060";

    @TempDir
    Path dir;

    /** Sends one packet of the call: as it was on the wire, or as a HEP agent reports it. */
    private interface Wire {
        void send(long micros, String src, String dst, int hepType, byte[] payload);
    }

    private static String answer(String callId, String sdp) {
        String ok = SipText.response(200, "OK", "INVITE", callId, 1).replace("Content-Length: 0\r\n\r\n", "");
        return ok + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    /** An answered call with RTP one way: seq 4 lost, seq 6 late by 15 ms, and an RTCP receiver report back. */
    private static void call(Wire wire) {
        wire.send(T0, "10.0.0.1:5060", "10.0.0.2:5060", Hep.SIP, Bytes.ascii(SipText.request("INVITE",
                "sip:bob@10.0.0.2", "hep-call", 1, Rtp.sdp("10.0.0.1", 40000, "sendrecv"))));
        wire.send(T0 + 50_000, "10.0.0.2:5060", "10.0.0.1:5060", Hep.SIP,
                Bytes.ascii(answer("hep-call", Rtp.sdp("10.0.0.2", 50000, "sendrecv"))));
        int[] seqs = {1, 2, 3, 5, 6, 7, 8};
        for (int seq : seqs) {
            long late = seq == 6 ? 15_000 : 0;
            wire.send(T0 + 100_000 + seq * 20_000L + late, CALLER, CALLEE, Hep.RTP,
                    Rtp.packet(0, seq, 160L * seq, 0x1234, false));
        }
        wire.send(T0 + 400_000, "10.0.0.2:50001", "10.0.0.1:40001", Hep.RTCP,
                Rtp.receiverReport(0x9999, 0x1234, 32, 1, 8, 120));
    }

    @Test
    void rtpAndRtcpInHepAreAnalysedWithTheAgentsAddressesAndTimes() throws Exception {
        Captures plain = Captures.pcap();
        call((micros, src, dst, type, payload) -> plain.udp(micros, src, dst, payload));
        Captures hep = Captures.pcap();
        long[] outer = {T0 + 5_000_000};
        // the agent batches its packets: their own arrival times, a millisecond apart, would give other figures
        call((micros, src, dst, type, payload) -> hep.udp(outer[0] += 1000, AGENT, COLLECTOR,
                Hep.v3(Bytes.endpoint(src), Bytes.endpoint(dst), 17, micros, type, payload)));

        CaptureMedia wire = MediaRead.of(plain, Files.createDirectories(dir.resolve("plain")));
        CaptureMedia agent = MediaRead.of(hep, Files.createDirectories(dir.resolve("hep")));

        assertEquals(1, agent.streams().size());
        RtpStream s = agent.streams().get(0);
        RtpStream expected = wire.streams().get(0);
        assertEquals(new Endpoint("10.0.0.1", 40000), s.key().src());
        assertEquals(new Endpoint("10.0.0.2", 50000), s.key().dst());
        assertEquals(0x1234, s.key().ssrc());
        assertEquals("hep-call", s.callId());
        assertEquals(expected.stats(), s.stats());
        assertEquals(1, s.stats().lost());
        assertEquals(40.0, s.stats().maxDeltaMs(), 1e-9); // 3 -> 5; the outer times would give 1 ms
        assertEquals(T0 + 120_000, s.firstMicros());
        assertEquals(1, agent.rtcpReports().size());
        RtcpReport rr = agent.rtcpReports().get(0);
        assertEquals(new Endpoint("10.0.0.2", 50001), rr.src());
        assertEquals(T0 + 400_000, rr.micros());
        assertEquals(0x1234, rr.blocks().get(0).ssrc());
    }

    /**
     * heplify, captagent and rtpengine send RTCP to Homer as JSON (protocol type 5, heplify's {@code decoder/rtcp.go}
     * field names): the report it describes is read as the same RTCP packet sent on as it was.
     */
    @Test
    void rtcpSentAsJsonByAnAgentIsReadAsTheReportItDescribes() throws Exception {
        Captures raw = Captures.pcap();
        Captures json = Captures.pcap();
        long[] outer = {T0 + 5_000_000};
        call((micros, src, dst, type, payload) -> raw.udp(outer[0] += 1000, AGENT, COLLECTOR,
                Hep.v3(Bytes.endpoint(src), Bytes.endpoint(dst), 17, micros, type, payload)));
        outer[0] = T0 + 5_000_000;
        call((micros, src, dst, type, payload) -> json.udp(outer[0] += 1000, AGENT, COLLECTOR,
                Hep.v3(Bytes.endpoint(src), Bytes.endpoint(dst), 17, micros, type, type == Hep.RTCP
                        ? Bytes.ascii("{\"sender_information\":{\"ntp_timestamp_sec\":0,\"ntp_timestamp_usec\":0,"
                        + "\"rtp_timestamp\":0,\"packets\":0,\"octets\":0},\"ssrc\":39321,\"type\":201,"
                        + "\"report_count\":1,\"report_blocks\":[{\"source_ssrc\":4660,\"fraction_lost\":32,"
                        + "\"packets_lost\":1,\"highest_seq_no\":8,\"ia_jitter\":120,\"lsr\":0,\"dlsr\":0}],"
                        + "\"report_blocks_xr\":{\"type\":0,\"id\":0,\"fraction_lost\":0},\"sdes_ssrc\":39321}")
                        : payload)));

        CaptureMedia sent = MediaRead.of(raw, Files.createDirectories(dir.resolve("raw")));
        CaptureMedia described = MediaRead.of(json, Files.createDirectories(dir.resolve("json")));

        assertEquals(1, described.rtcpReports().size());
        assertEquals(sent.rtcpReports(), described.rtcpReports());
        assertEquals(12.5, described.rtcpReports().get(0).blocks().get(0).fractionLostPercent(), 1e-9); // 32 of 256
    }

    @Test
    void rtpOverTcpIsReadFromItsRfc4571Frames() throws Exception {
        String offer = Rtp.sdp("10.0.0.1", 40000, "sendrecv").replace("RTP/AVP", "TCP/RTP/AVP");
        String answerSdp = Rtp.sdp("10.0.0.2", 50000, "sendrecv").replace("RTP/AVP", "TCP/RTP/AVP");
        Captures c = Captures.pcap()
                .udp(T0, "10.0.0.1:5060", "10.0.0.2:5060",
                        SipText.request("INVITE", "sip:bob@10.0.0.2", "tcp-call", 1, offer))
                .udp(T0 + 50_000, "10.0.0.2:5060", "10.0.0.1:5060", answer("tcp-call", answerSdp));
        byte[][] frames = new byte[9][];
        for (int seq = 1; seq <= 8; seq++) {
            frames[seq] = framed(Rtp.packet(0, seq, 160L * seq, 0x77, false));
        }
        long seq = 1000;
        long t = T0 + 100_000;
        // one frame per segment, two in one, one split across two segments, one lost (5), then RTCP on the same
        // connection the other way
        c.tcp(t += 20_000, CALLER, CALLEE, seq, 0x18, frames[1]);
        seq += frames[1].length;
        byte[] two = Bytes.concat(frames[2], frames[3]);
        c.tcp(t += 40_000, CALLER, CALLEE, seq, 0x18, two);
        seq += two.length;
        c.tcp(t += 20_000, CALLER, CALLEE, seq, 0x18, Bytes.slice(frames[4], 0, 100));
        c.tcp(t += 1_000, CALLER, CALLEE, seq + 100, 0x18, Bytes.slice(frames[4], 100, frames[4].length));
        seq += frames[4].length;
        for (int i = 6; i <= 8; i++) {
            c.tcp(t += 20_000, CALLER, CALLEE, seq, 0x18, frames[i]);
            seq += frames[i].length;
        }
        c.tcp(t += 5_000, CALLEE, CALLER, 7000, 0x18, framed(Rtp.receiverReport(0x5, 0x77, 0, 1, 8, 0)));

        CaptureMedia media = MediaRead.of(c, dir);
        assertEquals(1, media.streams().size());
        RtpStream s = media.streams().get(0);
        assertEquals(new Endpoint("10.0.0.1", 40000), s.key().src());
        assertEquals(new Endpoint("10.0.0.2", 50000), s.key().dst());
        assertEquals("tcp-call", s.callId());
        assertEquals("PCMU", s.codec());
        assertEquals(7, s.stats().packets());
        assertEquals(1, s.stats().lost());
        assertEquals(List.of(0), s.payloadTypes());
        assertEquals(1, media.rtcpReports().size());
        assertEquals(new Endpoint("10.0.0.2", 50000), media.rtcpReports().get(0).src());
    }

    /** RFC 4571: the packet after its length in two bytes. */
    private static byte[] framed(byte[] packet) {
        return ByteBuffer.allocate(2 + packet.length).putShort((short) packet.length).put(packet).array();
    }
}
