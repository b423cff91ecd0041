package org.sipladder;

/**
 * Every bound that keeps memory and time finite on hostile input (a crafted capture, a huge LiveKit config), in
 * one place with the reason for its value. Hitting a limit is never a silent drop: the code that applies it gives
 * a warning naming the frame or the config entry, or flags the message, or says how many were left out.
 */
public final class Limits {

    /**
     * Fragmented IP datagrams waiting for their missing fragments, over the whole capture. Real reassembly needs a
     * handful at a time (a fragmented INVITE completes within milliseconds); the oldest is given up first, with a
     * warning naming the frame of its first fragment.
     */
    public static final int OPEN_FRAGMENTED_DATAGRAMS = 4096;

    /**
     * Open fragmented datagrams between one pair of addresses: one noisy sender cannot push out the datagrams of
     * every other host.
     */
    public static final int OPEN_FRAGMENTED_DATAGRAMS_PER_FLOW = 256;

    /**
     * Bytes held for incomplete datagrams over the whole capture. A fragment keeps only its own bytes (never a
     * 64 KB buffer per datagram), so 16 MB is room for thousands of real fragmented SIP messages.
     */
    public static final long FRAGMENT_BYTES = 16L << 20;

    /** Bytes held for incomplete datagrams between one pair of addresses: 64 full-size datagrams. */
    public static final long FRAGMENT_BYTES_PER_FLOW = 4L << 20;

    /**
     * Length of one SIP header line (or start line) before the message is flagged malformed. RFC 3261 sets no
     * maximum, but no real header comes near 8 KB, and a longer one is worth pointing out to the reader.
     */
    public static final int HEADER_LINE_BYTES = 8 * 1024;

    /**
     * Bytes a SIP header section may take in a TCP, SCTP or WebSocket stream before the reader stops waiting for its
     * empty line, and the longest start line that is still framed as SIP (a start line past
     * {@link #HEADER_LINE_BYTES} is kept and flagged): four times the largest seen in real captures (a few KB), so that a 70 KB header line is still
     * read whole and flagged rather than lost. Beyond it the bytes are skipped with a warning naming the frame.
     */
    public static final int STREAM_HEADER_BYTES = 256 * 1024;

    /**
     * Bytes a TCP direction may hold without a complete SIP message (header plus declared body) before they are
     * dropped with a warning naming the frame and the stream.
     */
    public static final int STREAM_MESSAGE_BYTES = 1 << 20;

    /**
     * Bytes of one WebSocket data message or one SCTP message being put together from its frames or chunks: a SIP
     * message is a few KB; beyond this the message is dropped, with a warning naming the frame, and the reader looks
     * for the next one. A WebSocket frame header announcing more is taken for lost framing (also a warning).
     */
    public static final int FRAMED_MESSAGE_BYTES = 1 << 20;

    /**
     * SCTP messages being put together at once (one per stream of an association and direction): real SIP over SCTP
     * has a handful; beyond this the oldest is dropped with a warning naming the frame.
     */
    public static final int SCTP_MESSAGES_IN_PROGRESS = 1024;

    /**
     * Captured length of one packet record in a pcap, pcapng or gzip-compressed file: far above any snapshot length
     * a capture tool writes (256 KB), so a larger length field means a damaged record, not a packet to allocate.
     */
    public static final int PACKET_BYTES = 16 << 20;

    /** Out-of-order TCP segments held per direction while waiting for the gap before them to fill. */
    public static final int TCP_EARLY_SEGMENTS = 256;

    /** Bytes of out-of-order TCP segments held per direction; beyond it the gap is skipped with a warning. */
    public static final int TCP_EARLY_BYTES = 1 << 20;

    /** TCP directions tracked at once; the least recently active one is finished (its bytes delivered) first. */
    public static final int TCP_DIRECTIONS = 100_000;

    /**
     * Bytes all TCP directions together may hold (messages not yet complete, segments early): each direction's own
     * bounds times {@link #TCP_DIRECTIONS} would be gigabytes, which a live capture running without end, or a flood
     * of connections that never finish a message, would reach. Real SIP messages are a few KB, so 64 MB holds
     * thousands of streams in the middle of one; beyond it the least recently active directions are ended early (what
     * they hold delivered as a message cut short), with one warning.
     */
    public static final long TCP_HELD_BYTES = 64L << 20;

    /** Warnings listed for one read; the rest are counted in one closing line. */
    public static final int WARNINGS_LISTED = 100;

    /**
     * Configuration findings of one code about the config alone: more than this many groups (say, rule pairs that
     * share one key) are summed up in one closing finding that gives the count, so that 5,000 rules cannot make
     * millions of findings.
     */
    public static final int FINDINGS_PER_CODE = 50;

    /** IDs named in one finding (its title says how many there are in all). */
    public static final int IDS_PER_FINDING = 20;

    /** Steps and commands of one finding's fix; a longer list ends with a line saying how many were left out. */
    public static final int FIX_STEPS_PER_FINDING = 12;

    /**
     * Nesting of a LiveKit config JSON file. Real exports nest four levels; a parser without a limit overflows its
     * stack on a 10,000-deep array, at a point that differs from run to run.
     */
    public static final int JSON_DEPTH = 64;

    /**
     * RTP streams that no SDP announced, tracked per capture: each DNS reply or other UDP on high ports can look like
     * the start of a new one; a real capture has a few per call. Packets of further streams are not taken for RTP:
     * one warning names the frame the bound was reached at and counts them.
     */
    public static final int UNANNOUNCED_RTP_STREAMS = 50_000;

    /**
     * RTCP sender/receiver reports kept per capture for the media statistics; later RTCP packets are counted only,
     * with one warning naming the frame the bound was reached at and counting them.
     */
    public static final int RTCP_REPORTS = 100_000;

    /**
     * Delivery errors kept per capture (about 100 bytes each): ICMP destination-unreachable errors, TCP connection
     * attempts refused with a reset or whose SYN was sent again unanswered, failed TLS handshakes. A scan of closed
     * ports, a flood of refused RTP or a client retrying a dead TCP port makes millions; the first are the evidence,
     * the rest are counted in a warning.
     */
    public static final int UNREACHABLE_ERRORS = 10_000;

    private Limits() {
    }
}
