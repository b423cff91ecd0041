package org.sipladder.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Bytes;
import org.sipladder.testkit.Ip;
import org.sipladder.testkit.Link;
import org.sipladder.testkit.Segments;
import org.sipladder.testkit.SipText;

class NetmonRecordsTest {

    @TempDir
    Path dir;

    /** 2005-07-17 15:39:20.502 UTC, the start time written in the files below. */
    private static final long START = 1_121_614_760_502_000L;
    private static final String INVITE = SipText.invite("netmon-1@test");
    private static final String OK = SipText.response(200, "OK", "INVITE", "netmon-1@test", 1);

    /** A NetMon file under construction: version, file network type, frames as laid out in the file. */
    private static final class Netmon {
        final int major;
        final int minor;
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final List<Integer> table = new ArrayList<>();

        Netmon(int major, int minor) {
            this.major = major;
            this.minor = minor;
        }

        /** A frame at the current end of the file, {@code delta} after the start (ms for 1.x, us for 2.x). */
        Netmon frame(long delta, byte[] data, int network) {
            table.add(128 + body.size());
            ByteBuffer h = ByteBuffer.allocate(major == 1 ? 8 : 16).order(ByteOrder.LITTLE_ENDIAN);
            if (major == 1) {
                h.putInt((int) delta).putShort((short) data.length).putShort((short) data.length);
            } else {
                h.putLong(delta).putInt(data.length).putInt(data.length);
            }
            body.writeBytes(h.array());
            body.writeBytes(data);
            if (major == 2 && minor >= 1) {
                int trailer = minor == 1 ? 2 : minor == 2 ? 6 : 15;
                body.writeBytes(ByteBuffer.allocate(trailer).order(ByteOrder.LITTLE_ENDIAN)
                        .putShort((short) network).array());
            }
            return this;
        }

        /** Bytes between frames that no frame table entry points to. */
        Netmon hole(int n) {
            body.writeBytes(new byte[n]);
            return this;
        }

        byte[] bytes(List<Integer> order) {
            ByteBuffer h = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
            h.put((major == 1 ? "RTSS" : "GMBU").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            h.put((byte) minor).put((byte) major).putShort((short) 1);
            for (int v : new int[] {2005, 7, 0, 17, 15, 39, 20, 502}) {
                h.putShort((short) v);
            }
            h.putInt(128 + body.size()).putInt(4 * order.size());
            ByteBuffer t = ByteBuffer.allocate(4 * order.size()).order(ByteOrder.LITTLE_ENDIAN);
            order.forEach(t::putInt);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(h.array());
            out.writeBytes(body.toByteArray());
            out.writeBytes(t.array());
            return out.toByteArray();
        }

        byte[] bytes() {
            return bytes(table);
        }
    }

    private static byte[] udpIp(String text) {
        return Ip.packet("10.0.0.1", "10.0.0.2", Ip.UDP, Segments.udp(5060, 5060, Bytes.ascii(text)));
    }

    private static byte[] udpEthernet(String text) {
        return Link.ethernetIp(udpIp(text));
    }

    @Test
    void aNetmon20FileIsReadInFrameTableOrderWithItsTimes() throws Exception {
        Netmon n = new Netmon(2, 0).frame(0, new byte[60], 1).frame(4_621_000, udpEthernet(INVITE), 1).hole(7)
                .frame(4_700_000, udpEthernet(OK), 1);
        RecordingListener r = RecordingListener.read(Files.write(dir.resolve("trace.cap"), n.bytes()));
        assertEquals(List.of(INVITE, OK), r.texts());
        assertEquals(List.of(2L, 3L), r.frames());
        assertEquals(List.of(START + 4_621_000, START + 4_700_000),
                r.payloads.stream().map(SipPayload::timestampMicros).toList());
        assertEquals(List.of(), r.warnings);
    }

    @Test
    void fromVersion21EachFrameNamesItsNetworkAndNetmonsOwnRecordsAreFramesNotPackets() throws Exception {
        for (int minor : new int[] {1, 2, 3}) {
            Netmon n = new Netmon(2, minor).frame(10, udpEthernet(INVITE), 1)
                    .frame(20, new byte[40], 0xFFFE) // NetMon's DNS cache record
                    .frame(30, udpIp(OK), 9) // raw IP frames
                    .frame(40, new byte[20], 2); // Token Ring: not decoded, said once
            RecordingListener r = RecordingListener.read(Files.write(dir.resolve("v2" + minor + ".cap"), n.bytes()));
            assertEquals(List.of(INVITE, OK), r.texts(), "2." + minor);
            assertEquals(List.of(1L, 3L), r.frames(), "2." + minor);
            assertEquals(1, r.warnings.size(), r.warnings.toString());
            assertTrue(r.warnings.get(0).startsWith("frame 4: link type 6 is not supported"), r.warnings.get(0));
        }
    }

    @Test
    void aNetmon1xFileCountsItsTimesInMilliseconds() throws Exception {
        Netmon n = new Netmon(1, 1).frame(1500, udpEthernet(INVITE), 1);
        RecordingListener r = RecordingListener.read(Files.write(dir.resolve("v1.cap"), n.bytes()));
        assertEquals(List.of(INVITE), r.texts());
        assertEquals(START + 1_500_000, r.payloads.get(0).timestampMicros());
    }

    @Test
    void aFrameTableThatGoesBackEndsTheReadWithTheConversion() throws Exception {
        Netmon n = new Netmon(2, 0).frame(0, udpEthernet(INVITE), 1).frame(10, udpEthernet(OK), 1);
        List<Integer> backwards = List.of(n.table.get(0), n.table.get(1), n.table.get(0));
        RecordingListener r = RecordingListener.read(Files.write(dir.resolve("back.cap"), n.bytes(backwards)));
        assertEquals(List.of(INVITE, OK), r.texts());
        assertEquals(1, r.warnings.size());
        assertTrue(r.warnings.get(0).contains("frame 3: the Microsoft Network Monitor 2.x frame table goes back"),
                r.warnings.get(0));
        assertTrue(r.warnings.get(0).contains("editcap -F pcapng"), r.warnings.get(0));
    }

    @Test
    void aCompressedOrDamagedNetmonFileIsRefusedWithOneLine() throws Exception {
        byte[] whole = new Netmon(2, 0).frame(0, udpEthernet(INVITE), 1).bytes();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(whole);
        }
        CaptureReaderTest.assertMessage(Files.write(dir.resolve("trace.cap.gz"), gz.toByteArray()),
                "a compressed Microsoft Network Monitor 2.x capture");
        byte[] noTable = whole.clone();
        noTable[28] = 3; // a table length that is no multiple of 4
        CaptureReaderTest.assertMessage(Files.write(dir.resolve("damaged.cap"), noTable), "frame table is damaged");
        CaptureReaderTest.assertMessage(Files.write(dir.resolve("cut.cap"), java.util.Arrays.copyOf(whole, 100)), "header is cut short");
        // a table with more entries than frames fit before it (its offset wrong): not read into memory
        byte[] early = whole.clone();
        ByteBuffer.wrap(early).order(ByteOrder.LITTLE_ENDIAN).putInt(24, 130);
        CaptureReaderTest.assertMessage(Files.write(dir.resolve("early.cap"), early), "frame table is damaged");
        byte[] v3 = whole.clone();
        v3[5] = 3;
        CaptureReaderTest.assertMessage(Files.write(dir.resolve("v3.cap"), v3), "version 3.0 is not read");
    }

    @Test
    void linkTypesFollowWiresharksMapping() {
        assertEquals(1, NetmonRecords.linkType(0));
        assertEquals(1, NetmonRecords.linkType(1));
        assertEquals(101, NetmonRecords.linkType(9));
        assertEquals(113, NetmonRecords.linkType(0xE000 + 113));
        assertEquals(PacketRecords.NOT_A_PACKET, NetmonRecords.linkType(0xFFE0));
        assertEquals(PacketRecords.NETMON_MEDIUM + 5, NetmonRecords.linkType(5));
    }

    @Test
    void savedCallsOfANetmonCaptureOpenAgain() throws IOException, CaptureException {
        Path file = Files.write(dir.resolve("save.cap"),
                new Netmon(2, 0).frame(0, udpEthernet(INVITE), 1).frame(5, udpEthernet(OK), 1).bytes());
        List<Long> frames = new ArrayList<>();
        try (PacketFile p = PacketFile.open(file)) {
            while (p.next((frame, linkType, micros, a, off, len) -> frames.add(frame))) {
                // every frame
            }
            assertEquals(List.of(), p.warnings());
        }
        assertEquals(List.of(1L, 2L), frames);
    }
}
