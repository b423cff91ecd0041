package org.sipladder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.capture.CaptureListener;
import org.sipladder.capture.CaptureReader;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.HeaderMarks;
import org.sipladder.capture.PcapWriter;
import org.sipladder.capture.SipPayload;
import org.sipladder.capture.Transport;
import org.sipladder.sip.ParsingListener;
import org.sipladder.sip.Sdp;
import org.sipladder.sip.SdpMedia;
import org.sipladder.sip.SharedStrings;
import org.sipladder.sip.SipMessage;
import org.sipladder.sip.SipParser;

/**
 * The byte-level SDP scan gives what reading the same message as text with {@link Sdp#parse} gives, on messages
 * written with the SDP forms seen in the field and their damage (ttl and slash forms of c=, IPv6, names, short m=
 * lines, odd ports, lower-case protocols, rtpmap spacing, session and media directions, LF and CRLF, multipart).
 */
class SdpScanTest {

    private static final String[] CONNECTIONS = {
        "c=IN IP4 10.0.0.1", "c=IN IP4 203.0.113.7/127", "c=IN IP6 2001:db8::1", "c=IN IP4 media.example.com",
        "c=", "c=IN IP4 /24", "c=  IN   IP4\t192.168.1.20  ", "c=IN IP4 010.1.2.3", "c=IN IP4 1.2.3", "c=IN IP4 256.1.1.1",
        "c=IN IP6 fe80::1%eth0", "c=IN IP4 1.2.3.4/5/6", "c=x", "c=IN IP4 0.0.0.0", "c=IN IP4 10.00.1.2",
        "c=IN IP4 1.2.3.4.5", "c=IN IP4 255.255.255.255", "c=IN IP4 1..2.3"};
    private static final String[] MEDIA = {
        "m=audio 40000 RTP/AVP 0 8 101", "m=audio 0 RTP/AVP 0", "m=audio 5004/2 RTP/AVP 8", "m=audio abc RTP/AVP 0",
        "m=audio 70000 RTP/AVP 0", "m=audio 40002 rtp/avp 0 8", "m=audio 40004 UDP/TLS/RTP/SAVPF 111 9",
        "m=video 50000 RTP/AVP 96", "m=message 2855 TCP/MSRP *", "m=audio 40006", "m=audio 40008 RTP/AVP",
        "m=audio 40010 RTP/AVP +8 200 x 18", "m=audio\t40012  RTP/AVP\t0  8", "m=audio -5 RTP/AVP 0",
        "m=audio 4000000000 RTP/AVP 0", "m=audio 123456789/2 RTP/AVP 0", "m=audio /2 RTP/AVP 0", "m=audio 12/x RTP/AVP 8",
        "m=audio +5004 RTP/AVP 0", "m=audio 5004x RTP/AVP 0"};
    private static final String[] ATTRIBUTES = {
        "a=rtpmap:101 telephone-event/8000", "a=rtpmap:111 opus/48000/2", "a=rtpmap:96 H264/90000",
        "a=rtpmap: 8 PCMA/8000 ", "a=rtpmap:9 G722/8000/1", "a=rtpmap:0", "a=rtpmap:0 PCMU/", "a=rtpmap:18 G729/abc",
        "a=rtpmap:101 telephone-event/8000 extra", "a=rtpmap:8 /", "a=rtpmap:8 //", "a=rtpmap:8 /8000",
        "a=rtpmap:8 PCMA//8000", "a=rtpmap:8 PCMA/8000/", "a=rtpmap:\t101 x/1", "a=sendrecv", "a=sendonly", "a=recvonly",
        "a=inactive", "a=sendonly ", "a=SENDONLY", "a=ptime:20", "a=fmtp:101 0-15", "a=rtcp:40001"};
    private static final String[] HEADERS = {
        "Call-ID: abc@host", "call-id :  spaced@host  ", "i: compact@host", "CALL-ID:\tupper@host", "CSeq: 1 INVITE",
        "CSeq: 2 ACK", "cseq:  314159   INVITE ", "CSeq: x", "CSeq:", "CSeq: 99999999999999999999 INVITE", "CSeq: 123456789012345678 BYE",
        "CSeq: +7 INVITE", "CSeq: 7x INVITE", "CSeq: 7", "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1",
        "Content-Type: application/sdp", "Call-IDx: not@it", "I : again@host", "v=0 in the headers"};

    @Test
    void theByteScanAgreesWithTheTextParserOnTwentyThousandMessages() {
        Random random = new Random(20261202);
        SdpScan scan = new SdpScan();
        int announced = 0;
        for (int round = 0; round < 20_000; round++) {
            SipPayload p = payload(round, message(random));
            List<SdpAnnouncement> expected = reference(p);
            assertEquals(expected, scan.scan(p), () -> new String(p.data(), StandardCharsets.ISO_8859_1));
            announced += expected.size();
        }
        assertTrue(announced > 10_000, "the messages announce RTP often enough to test: " + announced);
    }

    /**
     * Messages read from a capture, whose framing noted where the body starts and which header lines may name the
     * dialog ({@link HeaderMarks}), give what the same bytes without those notes give (every header line walked).
     */
    @Test
    void theFramingsNotesGiveWhatTheHeaderWalkGives(@TempDir Path dir) throws Exception {
        Random random = new Random(20261204);
        Path file = dir.resolve("sdp.pcap");
        try (PcapWriter pcap = new PcapWriter(Files.newOutputStream(file), PcapWriter.LINKTYPE_ETHERNET)) {
            for (int i = 0; i < 5_000; i++) {
                pcap.writeUdp(1_700_000_000_000_000L + i, new Endpoint("10.0.0.1", 5060),
                        new Endpoint("10.0.0.2", 5060), withLength(message(random)).getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        List<SipPayload> read = new ArrayList<>();
        new CaptureReader().read(file, new CaptureListener() {
            @Override
            public void payload(SipPayload p) {
                read.add(p);
            }
        });
        SdpScan marked = new SdpScan();
        SdpScan walked = new SdpScan();
        int noted = 0;
        int announced = 0;
        for (SipPayload p : read) {
            SipPayload unmarked = new SipPayload(p.frame(), p.timestampMicros(), p.src(), p.dst(), p.transport(),
                    p.data());
            List<SdpAnnouncement> expected = List.copyOf(walked.scan(unmarked));
            assertEquals(expected, marked.scan(p), () -> new String(p.data(), StandardCharsets.ISO_8859_1));
            noted += p.headerMarks() != HeaderMarks.NONE ? 1 : 0;
            announced += expected.size();
        }
        assertTrue(read.size() > 3_000 && noted > 2_000 && announced > 1_000,
                read.size() + " messages, " + noted + " noted, " + announced + " announcements");
    }

    /** The message {@code m} with a Content-Length of its body as its last header (a datagram ends at it). */
    private static String withLength(String m) {
        int crlf = m.indexOf("\r\n\r\n");
        int lf = m.indexOf("\n\n");
        String eol = crlf >= 0 && (lf < 0 || crlf < lf) ? "\r\n" : "\n";
        int blank = eol.length() == 2 ? crlf : lf;
        int body = m.length() - blank - 2 * eol.length();
        return m.substring(0, blank) + eol + "Content-Length: " + body + m.substring(blank);
    }

    @Test
    void repeatedCodecListsAddressesAndEndpointsAreKeptOnce() {
        SdpScan scan = new SdpScan();
        String sdp = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\n";
        SdpAnnouncement first = scan.scan(payload(1, invite("a@x", sdp))).get(0);
        SdpAnnouncement second = scan.scan(payload(2, invite("b@x", sdp.replace("40000", "40002")))).get(0);
        assertSame(first.payloadTypes(), second.payloadTypes());
        assertSame(first.address(), second.address());
        assertSame(first.method(), second.method());
        assertEquals(new Endpoint("10.0.0.1", 40002), second.media());
        // the answer of the first call, or its other leg, announcing the same address and port: one address string
        // (the endpoint is made when asked for)
        SdpAnnouncement again = scan.scan(payload(3, invite("a@x", sdp))).get(0);
        assertEquals(first.media(), again.media());
        assertSame(first.media().address(), again.media().address());
        // a leg's offer and answer hold one Call-ID string while other calls come and go in between (the pool is
        // direct-mapped: a collision may lose one sharing)
        int shared = 0;
        for (int i = 0; i < 1_000; i++) {
            String callId = "leg-" + i + "@10.0.0.1";
            SdpAnnouncement offer = scan.scan(payload(10 + i, invite(callId, sdp))).get(0);
            for (int j = 1; j <= 10; j++) {
                scan.scan(payload(10 + i, invite("leg-" + (i + j * 1_000) + "@10.0.0.1", sdp)));
            }
            SdpAnnouncement answer = scan.scan(payload(20 + i, invite(callId, sdp))).get(0);
            assertEquals(callId, answer.callId());
            shared += offer.callId() == answer.callId() ? 1 : 0;
        }
        assertTrue(shared >= 950, "offer and answer share their Call-ID: " + shared + " of 1000");
    }

    @Test
    void theSipParsersOfTheSameReadAndTheScanHoldALegsCallIdOnce() {
        SharedStrings shared = new SharedStrings();
        ParsingListener parsers = new ParsingListener(SipParser.Depth.SCAN, shared) {
            @Override
            public void prepared(SipMessage m) {
            }
        };
        SdpScan scan = new SdpScan(shared);
        String sdp = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\n";
        for (int leg = 0; leg < 100; leg++) {
            SipPayload offer = payload(2 * leg, fullInvite("leg" + leg + "@10.0.0.1", sdp));
            SipPayload answer = payload(2 * leg + 1, fullInvite("leg" + leg + "@10.0.0.1", sdp));
            // the reading thread first, then the media thread; and the other way round (each thread its own pool)
            assertSame(parsers.prepare(offer).callId(), scan.scan(offer).get(0).callId());
            SdpAnnouncement scanned = scan.scan(answer).get(0);
            assertSame(scanned.callId(), parsers.prepareOnCaller(answer).callId());
        }
    }

    private static String fullInvite(String callId, String sdp) {
        return "INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK" + callId.hashCode()
                + "\r\nFrom: <sip:c@d>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: " + callId + "\r\nCSeq: 1 INVITE\r\n"
                + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    private static String invite(String callId, String sdp) {
        return "INVITE sip:a@b SIP/2.0\r\nCall-ID: " + callId + "\r\nCSeq: 1 INVITE\r\nContent-Length: " + sdp.length()
                + "\r\n\r\n" + sdp;
    }

    private static SipPayload payload(long frame, String text) {
        return new SipPayload(frame, 1_700_000_000_000_000L + frame, new Endpoint("10.0.0.1", 5060),
                new Endpoint("10.0.0.2", 5060), Transport.UDP, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String message(Random random) {
        String eol = random.nextInt(4) == 0 ? "\n" : "\r\n";
        StringBuilder m = new StringBuilder(random.nextBoolean() ? "INVITE sip:bob@example.com SIP/2.0"
                : random.nextBoolean() ? "SIP/2.0 200 OK" : "SIP/2.0 18");
        int headers = random.nextInt(6);
        for (int i = 0; i < headers; i++) {
            m.append(eol).append(pick(random, HEADERS));
        }
        m.append(eol).append(eol);
        boolean multipart = random.nextInt(8) == 0;
        if (multipart) {
            m.append("--b1").append(eol).append("Content-Type: application/sdp").append(eol).append(eol);
        }
        m.append("v=0").append(eol).append("o=- 1 1 IN IP4 10.0.0.1").append(eol).append("s=-").append(eol);
        if (random.nextInt(3) > 0) {
            m.append(pick(random, CONNECTIONS)).append(eol);
        }
        if (random.nextInt(4) == 0) {
            m.append(pick(random, ATTRIBUTES)).append(eol);
        }
        int sections = random.nextInt(4);
        for (int s = 0; s < sections; s++) {
            m.append(pick(random, MEDIA)).append(eol);
            int lines = random.nextInt(5);
            for (int l = 0; l < lines; l++) {
                m.append(random.nextInt(4) == 0 ? pick(random, CONNECTIONS) : pick(random, ATTRIBUTES));
                if (random.nextInt(10) == 0) {
                    m.append('\r'); // a stray CR
                }
                m.append(eol);
            }
        }
        if (multipart) {
            m.append("--b1").append(eol).append("Content-Type: application/isup").append(eol).append(eol)
                    .append("c=IN IP4 9.9.9.9").append(eol);
            if (random.nextBoolean()) {
                // an SDP in a later part: the last v=0 is there
                m.append("--b1").append(eol).append(eol).append("v=0").append(eol).append(pick(random, CONNECTIONS))
                        .append(eol).append(pick(random, MEDIA)).append(eol);
            }
            m.append("--b1--").append(eol);
        } else if (random.nextInt(8) == 0) {
            // a second SDP in one body (the last v=0 counts)
            m.append("v=0").append(eol).append(pick(random, CONNECTIONS)).append(eol).append(pick(random, MEDIA))
                    .append(eol);
        } else if (random.nextInt(5) == 0) {
            m.append("a=sendonly"); // a last line without its line end
        }
        return m.toString();
    }

    private static String pick(Random random, String[] from) {
        return from[random.nextInt(from.length)];
    }

    /** The payload type as the split reading gives it ("/" alone has no encoding: "" at rate 0). */
    private static PayloadType payloadType(String format, String name) {
        int pt;
        try {
            pt = Integer.parseInt(format);
        } catch (NumberFormatException e) {
            return null;
        }
        if (pt < 0 || pt > 127) {
            return null;
        }
        if (name == null) {
            return new PayloadType(pt, null, 0);
        }
        String[] enc = name.split("/");
        int rate = 0;
        if (enc.length > 1) {
            try {
                rate = Integer.parseInt(enc[1].trim());
            } catch (NumberFormatException e) {
                rate = 0;
            }
        }
        return new PayloadType(pt, enc.length == 0 ? "" : enc[0].trim(), rate);
    }

    /** A dotted quad of four 1-3 digit numbers up to 255, read the plain way. */
    private static Endpoint ipv4(String address, int port) {
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        for (String part : parts) {
            if (!part.matches("[0-9]{1,3}") || Integer.parseInt(part) > 255) {
                return null;
            }
        }
        StringBuilder canonical = new StringBuilder();
        for (String part : parts) {
            canonical.append(canonical.length() == 0 ? "" : ".").append(Integer.parseInt(part));
        }
        return new Endpoint(canonical.toString(), port);
    }

    private static final Pattern CALL_ID = Pattern.compile("(?i)(?:call-id|i)[ \\t]*:(.*)");
    private static final Pattern CSEQ = Pattern.compile("(?i)cseq[ \\t]*:(.*)");

    /** The announcements read the way the text parser reads: body and lines as strings, {@link Sdp#parse}. */
    private static List<SdpAnnouncement> reference(SipPayload p) {
        String text = new String(p.data(), StandardCharsets.ISO_8859_1);
        int n = text.length();
        if (n < 16 || text.endsWith("\n\n") || text.endsWith("\n\r\n")) {
            return List.of();
        }
        int v = text.lastIndexOf("\nv=0") + 1;
        if (v == 0) {
            return List.of();
        }
        int cut = text.indexOf("\n--", v);
        Sdp sdp = Sdp.parse(text.substring(v, cut < 0 ? n : cut + 1));
        String method = null;
        int status = 0;
        String callId = null;
        long cseq = -1;
        String cseqMethod = null;
        String[] lines = text.substring(0, v).split("\r?\n", -1);
        for (int i = 0; i < lines.length && !lines[i].isEmpty(); i++) {
            String line = lines[i];
            if (i == 0) {
                if (line.startsWith("SIP/2.0 ") && line.length() >= 11) {
                    status = (line.charAt(8) - '0') * 100 + (line.charAt(9) - '0') * 10 + (line.charAt(10) - '0');
                } else {
                    method = line.split(" ", 2)[0];
                }
                continue;
            }
            Matcher c = CALL_ID.matcher(line);
            Matcher q = CSEQ.matcher(line);
            if (c.matches()) {
                callId = c.group(1).trim();
            } else if (q.matches()) {
                String[] parts = q.group(1).trim().split("\\s+");
                try {
                    cseq = Long.parseLong(parts[0]);
                } catch (NumberFormatException e) {
                    cseq = -1;
                }
                cseqMethod = parts.length > 1 ? parts[1] : null;
            }
        }
        List<SdpAnnouncement> out = new ArrayList<>();
        for (SdpMedia m : sdp.media()) {
            String address = m.connection() != null ? m.connection() : sdp.connection();
            if (address == null || !m.protocol().toUpperCase(Locale.ROOT).contains("RTP") || m.port() < 0
                    || m.port() > 65535) {
                continue;
            }
            List<PayloadType> types = new ArrayList<>();
            for (String codec : m.codecs()) {
                int space = codec.indexOf(' ');
                PayloadType t = payloadType(space < 0 ? codec : codec.substring(0, space),
                        space < 0 ? null : codec.substring(space + 1));
                if (t != null) {
                    types.add(t);
                }
            }
            assertEquals(ipv4(address, 0) != null && ipv4(address, 0).address().equals(address),
                    SdpScan.canonicalIpv4(address), address);
            Endpoint media = address.indexOf(':') >= 0 ? SdpScan.endpointOf(address, m.port())
                    : ipv4(address, m.port());
            out.add(new SdpAnnouncement(p.frame(), p.timestampMicros(), callId, cseq,
                    status == 0 ? method : cseqMethod, status, p.src(), p.dst(), m.type(), media, address, m.port(),
                    types, m.direction()));
        }
        return out;
    }
}
