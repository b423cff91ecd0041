package org.sipladder.capture;

/**
 * Where the addresses of the IP packet being decoded sit in its frame; the copy into an {@link IpPair} is made
 * only once a payload looks worth keeping.
 *
 * <p>Mutable on purpose: {@link PacketDecoder} keeps one per tunnel depth and points it at each packet's header, so
 * that RTP and other noise cost no allocation at all. As a record made per packet it was 32 bytes for every one of
 * them (the launcher's quick JIT compiler does no escape analysis): on a 4 GB RTP capture 550 MB of garbage, whose
 * dozen young collections each promoted whatever else was in flight, so memory grew with the RTP packets. Read it
 * during the call it is passed to; keep only {@link #pair()}.
 */
final class IpHeader {

    private byte[] array;
    private int srcAt;
    private int dstAt;
    private int addressLength;

    /** Points this view at the addresses at {@code array[srcAt]} and {@code array[dstAt]}. */
    IpHeader set(byte[] array, int srcAt, int dstAt, int addressLength) {
        this.array = array;
        this.srcAt = srcAt;
        this.dstAt = dstAt;
        this.addressLength = addressLength;
        return this;
    }

    byte[] array() {
        return array;
    }

    int srcAt() {
        return srcAt;
    }

    int dstAt() {
        return dstAt;
    }

    int addressLength() {
        return addressLength;
    }

    IpPair pair() {
        return IpPair.of(array, srcAt, dstAt, addressLength);
    }
}
