package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.capture.CaptureFile;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Scanned;
import org.sipladder.testkit.SipText;

/** Bytes read back through kept stretches of a file are the file's bytes, wherever they lie; a changed file still shows. */
class ReadAheadTest {

    private static final long T = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    private Path randomFile(String name, int size, long seed) throws Exception {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void anyRunOfTwoFilesReadInTurnIsTheirBytes() throws Exception {
        // longer than all stretches kept together, so that slots are taken over by other stretches and files
        int size = ReadAhead.CHUNK * (ReadAhead.CHUNKS + 7) + 123;
        Path a = randomFile("a.bin", size, 1);
        Path b = randomFile("b.bin", size / 3, 2);
        byte[] aBytes = Files.readAllBytes(a);
        byte[] bBytes = Files.readAllBytes(b);
        CaptureFile fa = CaptureFile.of(a);
        CaptureFile fb = CaptureFile.of(b);
        ReadAhead ahead = new ReadAhead();
        Random r = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            boolean first = r.nextBoolean();
            byte[] all = first ? aBytes : bBytes;
            // about file order with jumps back, runs across stretch boundaries, past the end, empty runs
            long offset = i % 7 == 0 ? r.nextInt(all.length + 10)
                    : Math.max(0, (long) i * all.length / 20_000 + r.nextInt(4000) - 2000);
            int length = i % 11 == 0 ? 0 : 1 + r.nextInt(i % 5 == 0 ? 3 * ReadAhead.CHUNK : 1500);
            byte[] got = ahead.read(first ? fa : fb, offset, length);
            if (length > 0 && offset + length > all.length) {
                assertNull(got, "past the end at " + offset + "+" + length);
            } else {
                assertArrayEquals(Arrays.copyOfRange(all, (int) offset, (int) offset + length), got,
                        "at " + offset + "+" + length + " of " + (first ? "a" : "b"));
            }
        }
    }

    @Test
    void threadsSharingStretchesEachGetTheFilesBytes() throws Exception {
        // a diagnosis's threads share one: stretches are taken over by other ones while threads copy from them
        int size = ReadAhead.CHUNK * (ReadAhead.CHUNKS + 5) + 77;
        Path a = randomFile("shared.bin", size, 6);
        byte[] all = Files.readAllBytes(a);
        CaptureFile file = CaptureFile.of(a);
        ReadAhead ahead = new ReadAhead();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            long seed = t;
            Thread thread = new Thread(() -> {
                Random r = new Random(seed);
                try {
                    for (int i = 0; i < 20_000 && failure.get() == null; i++) {
                        // each thread sweeps the file in its own time, with jumps, so the slots change hands often
                        int offset = i % 5 == 0 ? r.nextInt(all.length) : (int) ((long) i * all.length / 20_000);
                        int length = Math.min(all.length - offset, 1 + r.nextInt(i % 9 == 0 ? 2 * ReadAhead.CHUNK : 1200));
                        assertArrayEquals(Arrays.copyOfRange(all, offset, offset + length), ahead.read(file, offset, length),
                                "at " + offset + "+" + length);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    @Test
    void aFileThatGrewIsReadPastWhereItEnded() throws Exception {
        Path f = randomFile("growing.bin", ReadAhead.CHUNK + 100, 4);
        CaptureFile file = CaptureFile.of(f);
        ReadAhead ahead = new ReadAhead();
        assertNotNull(ahead.read(file, ReadAhead.CHUNK + 50, 50));
        assertNull(ahead.read(file, ReadAhead.CHUNK + 50, 51));
        byte[] more = new byte[500];
        new Random(5).nextBytes(more);
        Files.write(f, more, StandardOpenOption.APPEND);
        byte[] all = Files.readAllBytes(f);
        assertArrayEquals(Arrays.copyOfRange(all, ReadAhead.CHUNK + 50, ReadAhead.CHUNK + 400),
                ahead.read(file, ReadAhead.CHUNK + 50, 350));
    }

    @Test
    void messagesReadBackThroughStretchesAnswerAsReadDirectlyAndRefuseChangedBytes() throws Exception {
        Captures c = Captures.pcap();
        for (int i = 0; i < 3000; i++) {
            c.udp(T + i, "10.0.0.1:5060", "10.0.0.2:5060", SipText.invite("call-" + i + "@test"));
        }
        Path f = c.write(dir.resolve("invites.pcap"));
        List<SipMessage> messages = Scanned.messagesOf(f);
        assertEquals(3000, messages.size());
        ReadAhead ahead = new ReadAhead();
        for (SipMessage m : messages) {
            MessageReadBack direct = m.readBack();
            MessageReadBack kept = m.readBack(ahead);
            for (String name : List.of("Via", "Contact", "Content-Type", "Max-Forwards", "Reason")) {
                assertEquals(direct.header(name), kept.header(name), name + " of frame " + m.frame());
            }
            assertEquals(direct.sdp(), kept.sdp(), "SDP of frame " + m.frame());
        }
        // read into one buffer reused piece after piece of work (filling several of its arrays in a piece), and
        // asked again after the buffer moved on to the next piece, they still answer as read directly
        ReadBackBuffer buffer = new ReadBackBuffer();
        SdpMemo sdps = new SdpMemo();
        MessageReadBack before = null;
        for (int i = 0; i < messages.size(); i++) {
            SipMessage m = messages.get(i);
            MessageReadBack direct = m.readBack();
            MessageReadBack buffered = m.readBack(ahead, sdps, buffer, buffer.epoch());
            assertEquals(direct.header("Via"), buffered.header("Via"), "Via of frame " + m.frame());
            if (before != null && i % 1000 == 99) {
                // the piece before's buffer filled by this one's since
                SipMessage earlier = messages.get(i - 100);
                assertEquals(earlier.readBack().header("Contact"), before.header("Contact"));
                assertEquals(earlier.readBack().sdp(), before.sdp());
                before = null;
            }
            assertEquals(direct.sdp(), buffered.sdp(), "SDP of frame " + m.frame());
            if (i % 1000 == 999) {
                before = m.readBack(ahead, sdps, buffer, buffer.epoch());
                assertEquals(direct.header("Via"), before.header("Via"));
                buffer.clear();
                sdps = new SdpMemo();
            }
        }
        // a message whose bytes changed in the file is refused through stretches read since, as when read directly
        SipMessage last = messages.get(messages.size() - 1);
        byte[] bytes = Files.readAllBytes(f);
        int at = new String(bytes, StandardCharsets.ISO_8859_1).lastIndexOf("call-2999@test");
        bytes[at] = 'k';
        Files.write(f, bytes);
        assertNull(last.readBack().sdp());
        assertNull(last.readBack(new ReadAhead()).sdp());
        // stretches kept from before the change still hold the message's own bytes (its checksum says so)
        assertNotNull(last.readBack(ahead).sdp());
    }
}
