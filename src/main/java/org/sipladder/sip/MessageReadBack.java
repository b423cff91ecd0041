package org.sipladder.sip;

/**
 * One message's bytes read back from the capture once, for several questions about it: a diagnosis asks the
 * Contact, the Via and the SDP of the same message, and each {@link SipMessage#header} or {@link SipMessage#sdp}
 * would read the bytes again. Answers exactly as those do. For one thread.
 */
public final class MessageReadBack {

    private final SipMessage message;
    /** Where the bytes are read through, or null: straight from the file. */
    private final ReadAhead ahead;
    /** Where the bytes are put, and the piece of work of it they belong to; null: an array of their own. */
    private final ReadBackBuffer buffer;
    private final int epoch;
    private byte[] wire;
    /** Where the message lies in {@link #wire}. */
    private int from;
    private int end;
    private boolean read;
    /** True when {@link #wire} or {@link #lines} are the buffer's (stale once it moved on). */
    private boolean borrowed;
    /** Where its header lines are, found at the first question that needs them. */
    private PlainReadBack.HeaderLines lines;
    /** The SDP bodies of the reader's other messages, or null ({@link SdpMemo}). */
    private final SdpMemo sdps;
    /** The SDP once asked (null: none), and whether it was. */
    private Sdp sdp;
    private boolean sdpAsked;

    MessageReadBack(SipMessage message, ReadAhead ahead, SdpMemo sdps) {
        this(message, ahead, sdps, null, 0);
    }

    MessageReadBack(SipMessage message, ReadAhead ahead, SdpMemo sdps, ReadBackBuffer buffer, int epoch) {
        this.message = message;
        this.ahead = ahead;
        this.sdps = sdps;
        this.buffer = buffer;
        this.epoch = epoch;
    }

    /** {@link SipMessage#header(String)}. */
    public String header(String name) {
        return message.header(name, this);
    }

    /** {@link SipMessage#sdp()}, parsed at the first ask and kept. */
    public Sdp sdp() {
        if (!sdpAsked) {
            sdp = message.sdp(this);
            sdpAsked = true;
        }
        return sdp;
    }

    /** True when {@link #sdp} was asked (and is kept). */
    public boolean sdpAsked() {
        return sdpAsked;
    }

    /**
     * The SDP bodies parsed for the reader's other messages, or null: none when the buffer has moved on to other
     * work (its bodies there are no longer what was parsed).
     */
    SdpMemo sdps() {
        return stale() ? null : sdps;
    }

    /**
     * The header lines of the message's bytes, read at the first ask and found once; null when they cannot be read
     * back.
     */
    PlainReadBack.HeaderLines lines() {
        if (borrowed && stale()) {
            // its bytes or lines in the buffer were given to other work since: read again, into arrays of its own
            read = false;
            lines = null;
            borrowed = false;
        }
        if (!read) {
            read();
        }
        if (wire == null) {
            return null;
        }
        if (lines == null) {
            if (buffer != null && !stale()) {
                lines = buffer.lines(wire, from, end);
                borrowed = true;
            } else {
                lines = PlainReadBack.lines(new PlainReadBack.HeaderLines(), wire, from, end);
            }
        }
        return lines;
    }

    /** True when the buffer has moved on from the work this read-back was made for. */
    private boolean stale() {
        return buffer != null && buffer.epoch() != epoch;
    }

    private void read() {
        read = true;
        if (buffer != null && !stale()) {
            int at = message.wireInto(ahead, buffer);
            if (at >= 0) {
                wire = buffer.bytes();
                from = at;
                end = buffer.used();
                borrowed = true;
                return;
            }
        }
        wire = ahead == null ? message.wireOrNull() : message.wireOrNull(ahead);
        from = 0;
        end = wire == null ? 0 : wire.length;
    }
}
