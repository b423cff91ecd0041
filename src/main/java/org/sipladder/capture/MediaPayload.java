package org.sipladder.capture;

/**
 * One RTP or RTCP candidate (a UDP datagram, a HEP3 packet's RTP/RTCP payload, or an RFC 4571 frame of RTP over
 * TCP) as a view over the packet being decoded: where its addresses, ports and
 * payload are in the frame's bytes. A capture has millions of these, so the decoder fills one instance per read
 * and hands it to {@link MediaListener#datagram} again and again instead of making a record per packet.
 */
public final class MediaPayload {

    private long frame;
    private long timestampMicros;
    private long firstFrameMicros;
    private byte[] array;
    private int srcAt;
    private int dstAt;
    private int addressLength;
    private byte[] addresses;
    private int srcPort;
    private int dstPort;
    private byte[] payload;
    private int offset;
    private int length;
    private long[] dependsOn = SipPayload.ONE_PACKET;

    /** Points the view at a candidate; the addresses are at {@code addressBytes[sourceAt]} and {@code [destinationAt]}. */
    void set(long frameNumber, long micros, long captureStartMicros, byte[] addressBytes, int sourceAt,
             int destinationAt, int addressBytesEach, int sourcePort, int destinationPort, byte[] data, int payloadOffset,
             int payloadLength) {
        this.frame = frameNumber;
        this.timestampMicros = micros;
        this.firstFrameMicros = captureStartMicros;
        this.addresses = addressBytes;
        this.srcAt = sourceAt;
        this.dstAt = destinationAt;
        this.addressLength = addressBytesEach;
        this.srcPort = sourcePort;
        this.dstPort = destinationPort;
        this.payload = data;
        this.offset = payloadOffset;
        this.length = payloadLength;
    }

    /** Sets the other frames this datagram was reassembled from (IP fragments). */
    void dependsOn(long[] frames) {
        this.dependsOn = frames;
    }

    /**
     * The frames of the other packets this datagram was reassembled from (IP fragments); empty, and shared, when packet
     * {@link #frame()} held it all. Read-only.
     */
    public long[] dependsOn() {
        return dependsOn;
    }

    /** 1-based frame number, as Wireshark numbers it. */
    public long frame() {
        return frame;
    }

    /** Capture time, microseconds since the epoch (for HEP, the time its capture agent recorded). */
    public long timestampMicros() {
        return timestampMicros;
    }

    /** Capture time of the capture's first frame: Wireshark's relative times count from it. */
    public long firstFrameMicros() {
        return firstFrameMicros;
    }

    /**
     * The bytes holding the IP addresses (the frame, a reassembled datagram's header copy, a HEP packet's address
     * chunks, or a copy of a TCP connection's addresses).
     */
    public byte[] addressBytes() {
        return addresses;
    }

    public int srcAddressAt() {
        return srcAt;
    }

    public int dstAddressAt() {
        return dstAt;
    }

    /** 4 for IPv4, 16 for IPv6. */
    public int addressLength() {
        return addressLength;
    }

    public int srcPort() {
        return srcPort;
    }

    public int dstPort() {
        return dstPort;
    }

    /** The bytes holding the UDP payload, from {@link #offset()} for {@link #length()} bytes. */
    public byte[] bytes() {
        return payload;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    /** The sender as an endpoint; allocates, so call it once per stream, not per packet. */
    public Endpoint src() {
        return new Endpoint(IpAddresses.format(addresses, srcAt, addressLength), srcPort);
    }

    /** The receiver as an endpoint; allocates, so call it once per stream, not per packet. */
    public Endpoint dst() {
        return new Endpoint(IpAddresses.format(addresses, dstAt, addressLength), dstPort);
    }
}
