package org.sipladder.capture;

/**
 * Gives back the holds a consumer took on lent payloads ({@link SipPayload#hold}), once it is done with them; one per
 * consuming thread, which calls {@link #flush} when it runs out of work. Holds are given back a block at a time, so
 * a payload costs a comparison and an increment.
 */
public final class PayloadReturns {

    private PayloadBlocks.Block block;
    private int count;

    /** The caller, which held {@code p}, is done with it (its bytes may be reused once flushed). */
    public void add(SipPayload p) {
        PayloadBlocks.Block b = p.block;
        if (b == null) {
            return;
        }
        if (b != block) {
            flush();
            block = b;
        }
        count++;
    }

    /** Gives back what {@link #add} collected. */
    public void flush() {
        if (count != 0) {
            block.returned.addAndGet(count);
            count = 0;
        }
        block = null;
    }
}
