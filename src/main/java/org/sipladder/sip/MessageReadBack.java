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
    private byte[] wire;
    private boolean read;
    /** Where its header lines are, found at the first question that needs them. */
    private PlainReadBack.HeaderLines lines;
    /** The SDP bodies of the reader's other messages, or null ({@link SdpMemo}). */
    private final SdpMemo sdps;
    /** The SDP once asked (null: none), and whether it was. */
    private Sdp sdp;
    private boolean sdpAsked;

    MessageReadBack(SipMessage message, ReadAhead ahead, SdpMemo sdps) {
        this.message = message;
        this.ahead = ahead;
        this.sdps = sdps;
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

    /** The SDP bodies parsed for the reader's other messages, or null. */
    SdpMemo sdps() {
        return sdps;
    }

    /** The header lines of the bytes ({@link #wire}, not null), found once. */
    PlainReadBack.HeaderLines lines(byte[] wire) {
        if (lines == null) {
            lines = PlainReadBack.lines(wire);
        }
        return lines;
    }

    /** The message's bytes, read at the first ask; null when they cannot be read back. */
    byte[] wire() {
        if (!read) {
            wire = ahead == null ? message.wireOrNull() : message.wireOrNull(ahead);
            read = true;
        }
        return wire;
    }
}
