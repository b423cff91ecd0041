package org.sipladder.capture;

/**
 * Where the addresses of the IP packet being decoded sit in its frame; the copy into an {@link IpPair} is made
 * only once a payload looks worth keeping, so RTP and other noise cost no allocation beyond this view.
 */
record IpHeader(byte[] array, int srcAt, int dstAt, int addressLength) {

    IpPair pair() {
        return IpPair.of(array, srcAt, dstAt, addressLength);
    }
}
