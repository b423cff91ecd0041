package org.sipladder.capture;

import java.util.Arrays;

/**
 * The bytes of one candidate SIP message as found in a capture, with where and when it was seen.
 *
 * <p>A payload of a capture file read for a listener that {@linkplain CaptureListener#borrowsPayloads borrows
 * payloads} is lent: its bytes are a run {@code array()[offset(), offset()+length())} of a block that the reader
 * reuses once nobody holds its payloads any more, so that hundreds of thousands of messages need no array each.
 * A lent payload is valid during the call that hands it over; a listener that keeps it past that call (hands it to
 * another thread) calls {@link #hold} during the call and {@link PayloadReturns#add} when done with it. {@link #data}
 * is always an array of the message's bytes alone (a copy, for a lent payload).
 */
public final class SipPayload {

    /** No other frames: the message came in one packet. Shared, never modified. */
    static final long[] ONE_PACKET = new long[0];

    private final long frame;
    private final long timestampMicros;
    private final Endpoint src;
    private final Endpoint dst;
    private final Transport transport;
    private final byte[] array;
    private final int offset;
    private final int length;
    private final CaptureFile file;
    private final long fileOffset;
    private final long[] dependsOn;
    private final long headerMarks;
    /** What its datagram held after the message, or null (see {@link #afterMessage}). */
    private final byte[] afterMessage;
    /** What went wrong with how it came, or null (see {@link #note}). */
    private final String note;
    /** The reused block {@link #array} belongs to, or null when the payload owns its bytes. */
    final PayloadBlocks.Block block;
    /**
     * Where the bytes are in {@link #rangesFile} when they are several runs of it (a message across TCP segments or
     * IP fragments): each run's offset and length in turn; else null. {@link #file} is null then: the bytes are no run.
     */
    private final long[] fileRanges;
    private final CaptureFile rangesFile;

    /**
     * @param frame           1-based number of the packet that completed the message, as Wireshark numbers it
     * @param timestampMicros capture time of that packet, microseconds since the epoch
     * @param src             sender
     * @param dst             receiver
     * @param transport       transport as seen on the wire (for HEP: the transport HEP reports, or HEP)
     * @param data            the message bytes (start line, headers and body); never modified after creation
     * @param file            the capture file holding these bytes as one run, or null (reassembled, compressed, in
     *                        memory)
     * @param fileOffset      where in {@code file} the bytes start, or -1 when {@code file} is null
     * @param dependsOn       the frames of the other packets the message was reassembled from (earlier TCP segments,
     *                        IP fragments), in the order their bytes were added; empty when packet {@code frame} held
     *                        it all. A saved message takes them along, as Wireshark's "include depended upon packets"
     *                        does.
     */
    public SipPayload(long frame, long timestampMicros, Endpoint src, Endpoint dst, Transport transport, byte[] data,
                      CaptureFile file, long fileOffset, long[] dependsOn) {
        this(frame, timestampMicros, src, dst, transport, data, 0, data.length, null, file, fileOffset, dependsOn,
                HeaderMarks.NONE, null, null);
    }

    /** A payload that one packet held. */
    public SipPayload(long frame, long timestampMicros, Endpoint src, Endpoint dst, Transport transport, byte[] data,
                      CaptureFile file, long fileOffset) {
        this(frame, timestampMicros, src, dst, transport, data, file, fileOffset, ONE_PACKET);
    }

    /** A payload that one packet held and that is not a run of bytes in a capture file. */
    public SipPayload(long frame, long timestampMicros, Endpoint src, Endpoint dst, Transport transport, byte[] data) {
        this(frame, timestampMicros, src, dst, transport, data, null, -1);
    }

    /**
     * A payload whose bytes are {@code array[offset, offset+length)}, lent from {@code block} when not null, with what
     * its framing noted of its header block ({@link HeaderMarks}) and what its datagram held after it ({@link
     * #afterMessage}) and what went wrong with how it came ({@link #note}).
     */
    SipPayload(long frame, long timestampMicros, Endpoint src, Endpoint dst, Transport transport, byte[] array,
               int offset, int length, PayloadBlocks.Block block, CaptureFile file, long fileOffset,
               long[] dependsOn, long headerMarks, byte[] afterMessage, String note) {
        this(frame, timestampMicros, src, dst, transport, array, offset, length, block, file, fileOffset, dependsOn,
                headerMarks, afterMessage, note, null, null);
    }

    /** As above, the bytes being the runs {@code fileRanges} of {@code rangesFile} when those are given. */
    SipPayload(long frame, long timestampMicros, Endpoint src, Endpoint dst, Transport transport, byte[] array,
               int offset, int length, PayloadBlocks.Block block, CaptureFile file, long fileOffset,
               long[] dependsOn, long headerMarks, byte[] afterMessage, String note, CaptureFile rangesFile,
               long[] fileRanges) {
        this.rangesFile = rangesFile;
        this.fileRanges = fileRanges;
        this.frame = frame;
        this.timestampMicros = timestampMicros;
        this.src = src;
        this.dst = dst;
        this.transport = transport;
        this.array = array;
        this.offset = offset;
        this.length = length;
        this.block = block;
        this.file = file;
        this.fileOffset = fileOffset;
        this.dependsOn = dependsOn;
        this.headerMarks = headerMarks;
        this.afterMessage = afterMessage;
        this.note = note;
    }

    public long frame() {
        return frame;
    }

    public long timestampMicros() {
        return timestampMicros;
    }

    public Endpoint src() {
        return src;
    }

    public Endpoint dst() {
        return dst;
    }

    public Transport transport() {
        return transport;
    }

    /**
     * The message bytes alone (start line, headers and body), never to be modified; a copy for a lent payload, so
     * that code reading a payload in its own way need not know of lending. Hot paths read {@link #array} instead.
     */
    public byte[] data() {
        return block == null && offset == 0 && length == array.length ? array
                : Arrays.copyOfRange(array, offset, offset + length);
    }

    /** The array holding the message bytes at {@link #offset} for {@link #length} bytes; read-only. */
    public byte[] array() {
        return array;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    public CaptureFile file() {
        return file;
    }

    /** The capture file whose runs {@link #fileRanges} the bytes are, or null. */
    public CaptureFile rangesFile() {
        return rangesFile;
    }

    /** Offset and length of each run of {@link #rangesFile} the bytes are made of, in order; null when not so. */
    public long[] fileRanges() {
        return fileRanges;
    }

    public long fileOffset() {
        return fileOffset;
    }

    public long[] dependsOn() {
        return dependsOn;
    }

    /** What the framing noted of the message's header block, or {@link HeaderMarks#NONE}. */
    public long headerMarks() {
        return headerMarks;
    }

    /**
     * The bytes its UDP datagram held after the end that the message's Content-Length sets, which are no part of it
     * (RFC 3261 18.3: a datagram carries one message), when they are more than line breaks; null for almost every
     * message. Never to be modified.
     */
    public byte[] afterMessage() {
        return afterMessage;
    }

    /**
     * One sentence on what went wrong with how the message came, when its wrapping said it is SIP but it could not be
     * read as such (a HEP packet typed SIP whose payload is no SIP message or would not inflate), or could be read only
     * in part (a WebSocket message inflating past the size bound, a datagram a snapshot length cut inside its
     * headers); null for almost every message. The SIP layer lists such a message as malformed with this reason.
     */
    public String note() {
        return note;
    }

    /**
     * Where the table of the header block's line feeds that the framing noted ({@link HeaderLines}) starts in
     * {@link #array}, or -1 when the payload has none: a lent payload's follows its bytes in the block (with a count of
     * 0 when nothing was noted, as for a stream's message).
     */
    public int headerLines() {
        return block != null ? offset + length : -1;
    }

    /**
     * The caller keeps this payload past the call that handed it over (on the thread that made the call, during it):
     * its bytes stay as they are until it is given back through {@link PayloadReturns#add}. No-op for a payload
     * that owns its bytes.
     */
    public SipPayload hold() {
        if (block != null) {
            block.held++;
        }
        return this;
    }

    @Override
    public String toString() {
        return "SipPayload[frame=" + frame + ", timestampMicros=" + timestampMicros + ", src=" + src + ", dst=" + dst
                + ", transport=" + transport + ", length=" + length + ", file=" + file + ", fileOffset=" + fileOffset
                + "]";
    }
}
