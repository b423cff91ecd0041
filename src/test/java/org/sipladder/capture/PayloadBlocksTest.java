package org.sipladder.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.SipText;

/** Lent payloads: bytes copied into reused blocks, a block used again only once its holds are given back. */
class PayloadBlocksTest {

    private static final long T = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    private static PayloadBlocks.Block fill(PayloadBlocks blocks, int length) {
        PayloadBlocks.Block b = blocks.room(length);
        b.used += length;
        return b;
    }

    private static SipPayload lent(PayloadBlocks.Block b) {
        return new SipPayload(1, T, null, null, Transport.UDP, b.bytes, 0, 100, b, null, -1, SipPayload.ONE_PACKET,
                HeaderMarks.NONE, null, null);
    }

    @Test
    void aBlockIsUsedAgainOnlyWhenEveryHoldIsGivenBack() {
        PayloadBlocks blocks = new PayloadBlocks();
        PayloadBlocks.Block first = fill(blocks, PayloadBlocks.BLOCK_BYTES - 10);
        SipPayload held = lent(first).hold();
        PayloadBlocks.Block second = fill(blocks, PayloadBlocks.BLOCK_BYTES);
        assertNotSame(first, second, "the held block is not written again");
        lent(second).hold();
        PayloadReturns returns = new PayloadReturns();
        returns.add(held);
        PayloadBlocks.Block third = fill(blocks, PayloadBlocks.BLOCK_BYTES);
        assertNotSame(first, third, "given back but not flushed");
        assertNotSame(second, third);
        lent(third).hold();
        returns.flush();
        assertSame(first, fill(blocks, PayloadBlocks.BLOCK_BYTES), "given back: used again");
        assertNull(blocks.room(PayloadBlocks.BLOCK_BYTES + 1), "a longer message gets an array of its own");
    }

    @Test
    void aBlockNobodyHoldsIsUsedAgainAtOnce() {
        PayloadBlocks blocks = new PayloadBlocks();
        PayloadBlocks.Block first = fill(blocks, PayloadBlocks.BLOCK_BYTES);
        assertSame(first, fill(blocks, 1));
        assertEquals(1, first.used);
    }

    @Test
    void lentPayloadsHoldTheirBytesWhileTheCallerReadsThem() throws Exception {
        Captures c = Captures.pcap();
        for (int i = 0; i < 6000; i++) {
            c.udp(T + i, "10.0.0.1:5060", "10.0.0.2:5060", SipText.invite("call-" + i + "@test"));
        }
        Path f = c.write(dir.resolve("lent.pcap"));
        Set<byte[]> arrays = Collections.newSetFromMap(new IdentityHashMap<>());
        int[] checked = {0};
        new CaptureReader().read(f, new CaptureListener() {
            @Override
            public void payload(SipPayload p) {
                // on the caller's thread, after the decoding thread has moved on: the bytes must still be these
                try {
                    assertArrayEquals(p.file().read(p.fileOffset(), p.length()), p.data(), "frame " + p.frame());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                arrays.add(p.array());
                checked[0]++;
            }

            @Override
            public boolean borrowsPayloads() {
                return true;
            }
        });
        assertEquals(6000, checked[0]);
        assertTrue(arrays.size() < 60, arrays.size() + " arrays for 6000 payloads");
    }
}
