package org.sipladder.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Bytes;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Link;
import org.sipladder.testkit.SipText;

/** File formats, the basic UDP path and user-facing errors of {@link CaptureReader}. */
class CaptureReaderTest {

    static final long T = 1_700_000_000_123_456L;
    static final String INVITE = SipText.invite("call-1@test");
    static final String OK = SipText.response(200, "OK", "INVITE", "call-1@test", 1);

    @TempDir
    Path dir;

    @Test
    void udpOverEthernetInClassicPcap() throws Exception {
        Path f = Captures.pcap().udp(T, "10.0.0.1:5060", "10.0.0.2:5080", INVITE)
                .udp(T + 1000, "10.0.0.2:5080", "10.0.0.1:5060", OK).write(dir.resolve("a.pcap"));
        RecordingListener r = RecordingListener.read(f);
        assertEquals(List.of(INVITE, OK), r.texts());
        SipPayload first = r.payloads.get(0);
        assertEquals(1, first.frame());
        assertEquals(T, first.timestampMicros());
        assertEquals(new Endpoint("10.0.0.1", 5060), first.src());
        assertEquals(new Endpoint("10.0.0.2", 5080), first.dst());
        assertEquals(Transport.UDP, first.transport());
        assertEquals(2, r.summary.packets());
        assertEquals(2, r.summary.payloads());
        assertEquals(T, r.summary.firstTimestampMicros());
        assertEquals(T + 1000, r.summary.lastTimestampMicros());
        assertEquals(Files.size(f), r.summary.bytes());
        assertFalse(r.summary.truncated());
    }

    @Test
    void nonSipUdpAndKeepAlivesAreNotMessages() throws Exception {
        byte[] rtp = new byte[172];
        rtp[0] = (byte) 0x80;
        Path f = Captures.pcap().udp(T, "10.0.0.1:40000", "10.0.0.2:40002", rtp)
                .udp(T, "10.0.0.1:5060", "10.0.0.2:5060", "\r\n\r\n")
                .udp(T, "10.0.0.1:5060", "10.0.0.2:5060", "Hello SIP/2.0 world\r\n")
                .udp(T, "10.0.0.1:80", "10.0.0.2:5060", "GET /index.html HTTP/1.1\r\n\r\n")
                .udp(T, "10.0.0.1:9999", "10.0.0.2:1234", INVITE).write(dir.resolve("a.pcap"));
        RecordingListener r = RecordingListener.read(f);
        assertEquals(List.of(5L), r.frames(), "SIP is recognised by content on any port, and nothing else");
    }

    @Test
    void udpMessageEndsAtContentLength() throws Exception {
        Path f = Captures.pcap().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", OK + "trailing junk")
                .write(dir.resolve("a.pcap"));
        assertEquals(List.of(OK), RecordingListener.read(f).texts());
    }

    @Test
    void nanosecondPcap() throws Exception {
        Path f = Captures.pcap().nanos().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", INVITE).write(dir.resolve("n.pcap"));
        assertEquals(T, RecordingListener.read(f).payloads.get(0).timestampMicros());
    }

    @Test
    void bigEndianPcap() throws Exception {
        Path f = Captures.pcap().bigEndian().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", INVITE)
                .write(dir.resolve("b.pcap"));
        RecordingListener r = RecordingListener.read(f);
        assertEquals(List.of(INVITE), r.texts());
        assertEquals(T, r.payloads.get(0).timestampMicros());
    }

    @Test
    void bigEndianNanosecondPcap() throws Exception {
        Path f = Captures.pcap().bigEndian().nanos().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", INVITE)
                .write(dir.resolve("bn.pcap"));
        assertEquals(T, RecordingListener.read(f).payloads.get(0).timestampMicros());
    }

    @Test
    void pcapngWithTwoLinkTypesAndTimestampResolutions() throws Exception {
        Path f = Captures.pcapng()
                .iface(Link.ETHERNET, 9).udp(T, "10.0.0.1:5060", "10.0.0.2:5060", INVITE)
                .iface(Link.SLL2, 0x80 | 20).udp(T + 7, "10.0.0.2:5060", "10.0.0.1:5060", OK)
                .on(0).udp(T + 9, "10.0.0.1:5060", "10.0.0.2:5060", INVITE)
                .write(dir.resolve("two.pcapng"));
        RecordingListener r = RecordingListener.read(f);
        assertEquals(List.of(INVITE, OK, INVITE), r.texts());
        assertEquals(List.of(1L, 2L, 3L), r.frames());
        assertEquals(T, r.payloads.get(0).timestampMicros());
        assertTrue(Math.abs(r.payloads.get(1).timestampMicros() - (T + 7)) <= 1, "2^-20 s ticks round to the us");
        assertEquals(T + 9, r.payloads.get(2).timestampMicros());
    }

    @Test
    void pcapngBigEndianWithSimpleObsoleteAndUnknownBlocks() throws Exception {
        byte[] frame = Link.wrap(Link.ETHERNET, org.sipladder.testkit.Ip.ipv4("10.0.0.1", "10.0.0.2", 17,
                org.sipladder.testkit.Segments.udp(5060, 5060, Bytes.ascii(OK))));
        Path f = Captures.pcapng().bigEndian().iface(Link.ETHERNET, 6)
                .udp(T, "10.0.0.1:5060", "10.0.0.2:5060", INVITE)
                .unknownBlock(0x0bad, new byte[] {1, 2, 3, 4, 5})
                .simplePacket(frame)
                .unknownBlock(5, new byte[8]) // interface statistics
                .obsoletePacket(T + 5, frame)
                .write(dir.resolve("be.pcapng"));
        RecordingListener r = RecordingListener.read(f);
        assertEquals(List.of(INVITE, OK, OK), r.texts());
        assertEquals(List.of(1L, 2L, 3L), r.frames(), "only packet blocks count as frames");
        assertEquals(T, r.payloads.get(1).timestampMicros(), "a simple packet has no time of its own");
        assertEquals(T + 5, r.payloads.get(2).timestampMicros());
    }

    @Test
    void gzipCompressedCaptures() throws Exception {
        Path pcap = Captures.pcap().gzip().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", INVITE)
                .write(dir.resolve("a.pcap.gz"));
        Path pcapng = Captures.pcapng().gzip().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", OK)
                .write(dir.resolve("a.pcapng.gz"));
        assertEquals(List.of(INVITE), RecordingListener.read(pcap).texts());
        assertEquals(List.of(OK), RecordingListener.read(pcapng).texts());
    }

    @Test
    void zstdCompressedCaptures() throws Exception {
        Path pcap = Captures.pcap().zstd(Integer.MAX_VALUE).udp(T, "10.0.0.1:5060", "10.0.0.2:5060", INVITE)
                .write(dir.resolve("a.pcap.zst"));
        Path pcapng = Captures.pcapng().zstd(100).udp(T, "10.0.0.1:5060", "10.0.0.2:5060", OK)
                .write(dir.resolve("a.pcapng.zst"));
        assertEquals(List.of(INVITE), RecordingListener.read(pcap).texts());
        assertEquals(List.of(OK), RecordingListener.read(pcapng).texts());
        // the messages' details are read back from the decoded packets, not the compressed file
        PacketFile file = PacketFile.open(pcap);
        try (file) {
            assertTrue(file.next((frame, linkType, micros, a, off, len) -> { }));
        }
    }

    @Test
    void truncatedFileDeliversWhatCameBeforeAndNamesTheFrame() throws Exception {
        byte[] whole = Captures.pcap().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", INVITE)
                .udp(T, "10.0.0.2:5060", "10.0.0.1:5060", OK).toBytes();
        Path f = Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(whole, whole.length - 20));
        RecordingListener r = RecordingListener.read(f);
        assertEquals(List.of(INVITE), r.texts());
        assertTrue(r.summary.truncated());
        assertEquals(1, r.warnings.size());
        assertTrue(r.warnings.get(0).startsWith("frame 2:"), r.warnings.get(0));
        assertTrue(r.warnings.get(0).endsWith("; read the 1 packet before it"), r.warnings.get(0));
        try (PacketFile file = PacketFile.open(f)) {
            while (file.next((frame, linkType, micros, a, off, len) -> { })) {
                // to the damage
            }
            assertEquals(1, file.warnings().size());
            assertTrue(file.warnings().get(0).endsWith("; read the 1 packet before it"), file.warnings().toString());
        }
        Path fromTheFirst = Files.write(dir.resolve("cut1.pcap"), Arrays.copyOf(whole, 24 + 10));
        RecordingListener none = RecordingListener.read(fromTheFirst);
        assertTrue(none.warnings.get(0).startsWith("frame 1:"), none.warnings.toString());
        assertTrue(none.warnings.get(0).endsWith("; nothing before it to read"), none.warnings.toString());
    }

    @Test
    void truncatedGzipAndPcapngAreDamageNotErrors() throws Exception {
        byte[] gz = Captures.pcap().gzip().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", INVITE)
                .udp(T, "10.0.0.2:5060", "10.0.0.1:5060", OK).toBytes();
        RecordingListener r = RecordingListener.read(Files.write(dir.resolve("cut.gz"), Arrays.copyOf(gz,
                gz.length - 30)));
        assertTrue(r.summary.truncated());
        byte[] ng = Captures.pcapng().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", INVITE)
                .udp(T, "10.0.0.2:5060", "10.0.0.1:5060", OK).toBytes();
        RecordingListener n = RecordingListener.read(Files.write(dir.resolve("cut.pcapng"), Arrays.copyOf(ng,
                ng.length - 10)));
        assertEquals(List.of(INVITE), n.texts());
        assertTrue(n.warnings.get(0).startsWith("frame 2:"), n.warnings.get(0));
    }

    @Test
    void aPcapngCutInsideItsSectionHeaderIsUnreadableAsACutPcapFileHeaderIs() throws Exception {
        // the section header is pcapng's file header (byte order, version): a file cut inside it holds no section to
        // read, as a pcap cut inside its 24-byte header holds no link type; a cut after it is damage, read up to it
        byte[] ng = Captures.pcapng().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", INVITE).toBytes();
        int shbLength = 28;
        for (int cut = 4; cut < shbLength; cut++) {
            assertMessage(Files.write(dir.resolve("cut" + cut + ".pcapng"), Arrays.copyOf(ng, cut)),
                    "pcapng section header block is cut short");
        }
        RecordingListener justTheHeader = RecordingListener.read(Files.write(dir.resolve("shb.pcapng"),
                Arrays.copyOf(ng, shbLength)));
        assertTrue(justTheHeader.payloads.isEmpty());
        assertTrue(justTheHeader.warnings.isEmpty(), justTheHeader.warnings.toString());
        RecordingListener cutInInterface = RecordingListener.read(Files.write(dir.resolve("idb.pcapng"),
                Arrays.copyOf(ng, shbLength + 6)));
        assertTrue(cutInInterface.summary.truncated());
    }

    @Test
    void aCompressionThatIsNotReadIsNamedWithTheCommandThatUndoesIt() throws Exception {
        // xz and bzip2 are read by neither tshark nor us, lz4 by tshark only: "not a pcap" and editcap were no help
        byte[] body = Captures.pcap().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", INVITE).toBytes();
        Object[][] cases = {
            {new byte[] {0x04, 0x22, 0x4d, 0x18}, "lz4", "lz4 -dc"},
            {new byte[] {'B', 'Z', 'h', '9'}, "bzip2", "bzip2 -dc"},
            {new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0}, "xz", "xz -dc"},
        };
        for (Object[] c : cases) {
            byte[] magic = (byte[]) c[0];
            byte[] file = Arrays.copyOf(magic, magic.length + body.length);
            System.arraycopy(body, 0, file, magic.length, body.length);
            Path p = Files.write(dir.resolve("capture." + c[1]), file);
            assertMessage(p, c[1] + "-compressed data, which is not read");
            assertMessage(p, c[2] + " '" + p + "' > capture.pcap");
        }
        // gzip inside gzip: one layer is read, the inner one is named
        java.io.ByteArrayOutputStream twice = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(twice)) {
            out.write(Captures.pcap().gzip().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", INVITE).toBytes());
        }
        assertMessage(Files.write(dir.resolve("twice.pcap.gz.gz"), twice.toByteArray()),
                "gzip-compressed data, which is not read");
    }

    @Test
    void aPcapngWhoseFirstSectionHeaderIsImpossibleIsRefused() throws Exception {
        byte[] ng = Captures.pcapng().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", INVITE).toBytes();
        byte[] badMagic = ng.clone();
        badMagic[8] = 0x55;
        assertMessage(Files.write(dir.resolve("magic.pcapng"), badMagic), "unknown byte-order magic");
        for (int length : new int[] {0, 13, 24, 0x7ffffff0}) {
            byte[] badLength = ng.clone();
            ByteBuffer.wrap(badLength).order(ByteOrder.LITTLE_ENDIAN).putInt(4, length);
            assertMessage(Files.write(dir.resolve("length" + length + ".pcapng"), badLength),
                    "impossible section header block length " + length);
        }
    }

    @Test
    void corruptRecordLengthStopsWithWarning() throws Exception {
        byte[] file = Captures.pcap().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", INVITE)
                .udp(T, "10.0.0.2:5060", "10.0.0.1:5060", OK).toBytes();
        int second = 24 + 16 + (file.length - 24 - 32) / 2;
        int recordStart = 24 + 16 + 14 + 20 + 8 + INVITE.length();
        file[recordStart + 11] = 0x7f; // captured length of record 2 becomes absurd
        RecordingListener r = RecordingListener.read(Files.write(dir.resolve("bad.pcap"), file));
        assertEquals(List.of(INVITE), r.texts());
        assertTrue(r.warnings.get(0).contains("frame 2"), r.warnings.get(0) + " " + second);
    }

    @Test
    void unreadableInputsGiveOneLineNamingTheFile() throws IOException {
        Path empty = Files.write(dir.resolve("empty.pcap"), new byte[0]);
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello, this is not a capture");
        Path user0 = Files.write(dir.resolve("user0.pcap"), headerWithLinkType(147));
        Path cutHeader = Files.write(dir.resolve("short.pcap"), Arrays.copyOf(headerWithLinkType(1), 10));
        Path badGzip = Files.write(dir.resolve("bad.gz"), new byte[] {0x1f, (byte) 0x8b, 1, 2, 3});
        assertMessage(empty, "is empty");
        assertMessage(text, "not a pcap, pcapng or ERF");
        assertMessage(user0, "unsupported link type 147");
        assertMessage(cutHeader, "cut short");
        assertMessage(dir.resolve("missing.pcap"), "no such file");
        assertMessage(dir, "is a directory");
        assertMessage(badGzip, "gzip");
        Path badZstd = Files.write(dir.resolve("bad.zst"), new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0x7f, 1, 2,
                3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20});
        assertMessage(badZstd, "zstd");
        byte[] zst = Captures.pcap().zstd(Integer.MAX_VALUE).udp(T, "10.0.0.1:5060", "10.0.0.2:5060", INVITE).toBytes();
        assertMessage(Files.write(dir.resolve("cut.zst"), Arrays.copyOf(zst, zst.length - 8)),
                "zstd-compressed but cut short inside its first frame");
    }

    @Test
    void aCaptureInAnotherFormatIsNamedWithHowToConvertIt() throws IOException {
        byte[] netmon2 = Arrays.copyOf("GMBU".getBytes(StandardCharsets.ISO_8859_1), 128);
        netmon2[4] = 0;
        netmon2[5] = 2; // version 2.0
        Path file = Files.write(dir.resolve("trace.cap"), netmon2);
        // read since NetMon files are (NetmonRecordsTest); one without frames is named with the conversion
        assertMessage(file, "Microsoft Network Monitor 2.x frame table is damaged");
        assertMessage(file, "editcap -F pcapng");
        Path snoop = Files.write(dir.resolve("trace.snoop"),
                Arrays.copyOf("snoop\0\0\0".getBytes(StandardCharsets.ISO_8859_1), 64));
        assertMessage(snoop, "Sun snoop version 0 is not read");
        Path sniffer = Files.write(dir.resolve("trace.enc"),
                Arrays.copyOf("TRSN".getBytes(StandardCharsets.ISO_8859_1), 64));
        assertMessage(sniffer, "Network General Sniffer capture, not pcap, pcapng or ERF");
    }

    @Test
    void aFileWithoutMagicNumberThatIsNotErfIsOfferedTheConversion() throws IOException {
        Path text = Files.writeString(dir.resolve("trace.txt"), "SIP/2.0 100 Trying\r\nVia: SIP/2.0/UDP 10.0.0.1\r\n");
        assertMessage(text, "not a pcap, pcapng or ERF capture file");
        assertMessage(text, "editcap -F pcapng '" + text + "' converted.pcapng");
        java.util.Random random = new java.util.Random(18);
        for (int i = 0; i < 200; i++) {
            byte[] noise = new byte[16 + random.nextInt(8192)];
            random.nextBytes(noise);
            noise[0] = 0x11; // no pcap, pcapng, gzip or zstd magic
            assertMessage(Files.write(dir.resolve("noise-" + i + ".bin"), noise), "not a pcap, pcapng or ERF");
        }
        // one record cut short by the end of the file is too little to tell ERF by
        byte[] cut = Arrays.copyOf(Captures.erf().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", INVITE).toBytes(), 60);
        assertMessage(Files.write(dir.resolve("cut.erf"), cut), "not a pcap, pcapng or ERF");
    }

    @Test
    void erfFilesAreReadRecordByRecordWithoutPadRecordsAsFrames() throws Exception {
        // a DAG card's file: a provenance (META) record first, then packets; a PAD record between them
        ByteBuffer meta = Captures.erfHeader(27, 40, T * 1000);
        ByteBuffer pad = Captures.erfHeader(48, 32, 0);
        Path file = Captures.erf().erfRecord(meta.array())
                .udp(T + 1, "10.0.0.1:5060", "10.0.0.2:5060", INVITE)
                .erfRecord(pad.array())
                .udp(T + 1000, "10.0.0.2:5060", "10.0.0.1:5060", OK).write(dir.resolve("dag.erf"));
        RecordingListener r = RecordingListener.read(file);
        assertEquals(List.of(INVITE, OK), r.texts());
        assertEquals(List.of(2L, 3L), r.frames()); // META is a frame (Wireshark lists it), PAD is not
        assertEquals(List.of(T + 1, T + 1000), r.payloads.stream().map(SipPayload::timestampMicros).toList());
        assertEquals(List.of(), r.warnings);
        // as TRex writes them: stamps from 1970, gzip-compressed
        Path trex = Captures.erf().udp(10_000, "16.0.0.1:41668", "48.0.0.1:5060", INVITE)
                .udp(29_259, "48.0.0.1:5060", "16.0.0.1:41668", OK).gzip().write(dir.resolve("trex.erf.gz"));
        RecordingListener t = RecordingListener.read(trex);
        assertEquals(List.of(INVITE, OK), t.texts());
        assertEquals(List.of(10_000L, 29_259L), t.payloads.stream().map(SipPayload::timestampMicros).toList());
    }

    @Test
    void snoopFilesAreRead() throws Exception {
        byte[] invite = Link.ethernetIp(org.sipladder.testkit.Ip.packet("10.0.0.1", "10.0.0.2", 17,
                org.sipladder.testkit.Segments.udp(5060, 5060, Bytes.ascii(INVITE))));
        ByteBuffer b = ByteBuffer.allocate(16 + 24 + (invite.length + 3) / 4 * 4 + 24 + 64);
        b.put("snoop\0\0\0".getBytes(StandardCharsets.ISO_8859_1)).putInt(2).putInt(4);
        int padded = (invite.length + 3) / 4 * 4;
        b.putInt(invite.length).putInt(invite.length).putInt(24 + padded).putInt(0)
                .putInt((int) (T / 1_000_000)).putInt((int) (T % 1_000_000)).put(invite)
                .put(new byte[padded - invite.length]);
        b.putInt(64).putInt(64).putInt(24 + 64).putInt(0).putInt((int) (T / 1_000_000) + 1).putInt(0).put(new byte[64]);
        RecordingListener r = RecordingListener.read(Files.write(dir.resolve("solaris.snoop"), b.array()));
        assertEquals(List.of(INVITE), r.texts());
        assertEquals(List.of(T), r.payloads.stream().map(SipPayload::timestampMicros).toList());
        assertEquals(List.of(), r.warnings);
        // a datalink without a pcap number is named as snoop's
        b.putInt(12, 0x12);
        RecordingListener atm = RecordingListener.read(Files.write(dir.resolve("atm.snoop"), b.array()));
        assertEquals(List.of(), atm.texts());
        assertTrue(atm.warnings.get(0).contains("snoop datalink type 18 is not supported"), atm.warnings.toString());
        // cut inside the second record
        byte[] cut = Arrays.copyOf(b.array(), b.capacity() - 10);
        cut[15] = 4;
        RecordingListener c = RecordingListener.read(Files.write(dir.resolve("cut.snoop"), cut));
        assertEquals(List.of(INVITE), c.texts());
        assertTrue(c.warnings.get(0).contains("frame 2: the file ends inside the packet data"), c.warnings.toString());
    }

    @Test
    void anErfFileCutShortKeepsWhatCameBefore() throws Exception {
        byte[] whole = Captures.erf().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", INVITE)
                .udp(T + 10, "10.0.0.1:5060", "10.0.0.2:5060", INVITE.replace("call-1", "call-2"))
                .udp(T + 20, "10.0.0.2:5060", "10.0.0.1:5060", OK)
                .udp(T + 30, "10.0.0.2:5060", "10.0.0.1:5060", OK.replace("call-1", "call-2")).toBytes();
        RecordingListener r = RecordingListener.read(Files.write(dir.resolve("cut.erf"),
                Arrays.copyOf(whole, whole.length - 30)));
        assertEquals(3, r.texts().size());
        assertEquals(1, r.warnings.size(), r.warnings.toString());
        assertTrue(r.warnings.get(0).contains("frame 4: the file ends inside the packet data"), r.warnings.get(0));
        // as Wireshark: fewer than three whole records before the cut say too little to tell ERF by
        byte[] two = Arrays.copyOf(whole, whole.length / 2);
        assertMessage(Files.write(dir.resolve("cut2.erf"), two), "not a pcap, pcapng or ERF");
    }

    private static byte[] headerWithLinkType(int linkType) {
        byte[] h = Captures.pcap().toBytes();
        h[20] = (byte) linkType;
        return h;
    }

    /** Reading {@code file} fails with one line that names it and says {@code expected}. */
    static void assertMessage(Path file, String expected) {
        CaptureException e = assertThrows(CaptureException.class,
                () -> new CaptureReader().read(file, p -> { }));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void cancelStopsTheRead() throws Exception {
        Captures c = Captures.pcap();
        // more packets than the read can have in flight between its threads (16 batches of 256) plus the decoding
        // done before it next asks whether to stop, so that the cancel always lands before the end of the file
        for (int i = 0; i < 20_000; i++) {
            c.udp(T + i, "10.0.0.1:5060", "10.0.0.2:5060", INVITE);
        }
        Path f = c.write(dir.resolve("many.pcap"));
        // payloads are counted on the delivering thread, and the cancel may be asked from another: one count both see
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
        CaptureSummary s = new CaptureReader().read(f, new CaptureListener() {
            @Override
            public void payload(SipPayload p) {
                seen.incrementAndGet();
            }

            @Override
            public boolean cancelled() {
                return seen.get() >= 100;
            }
        });
        assertTrue(s.cancelled());
        assertTrue(seen.get() < 20_000, seen + " payloads");
    }
}
