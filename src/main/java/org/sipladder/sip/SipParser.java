package org.sipladder.sip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.sipladder.capture.SipPayload;

/**
 * Turns captured payloads into {@link SipMessage}s. A fast line-based scan fills every field exactly as sent;
 * jain-sip-ri, {@link ScalarFields} and {@link AddressSyntax} then judge well-formedness ({@link Depth#FULL}), or that judgement is deferred to
 * {@link #fullParse} for when a user inspects the message ({@link Depth#SCAN}, for bulk loading).
 * Malformed messages are never dropped: they come back flagged with the reason.
 */
public final class SipParser {

    /** How much work {@link #parse} does per message. */
    public enum Depth {
        /** Line-based scan only: structural problems are flagged, header syntax is not checked. */
        SCAN,
        /** Scan plus the jain-sip-ri parse of every header. */
        FULL
    }

    private final Depth depth;
    private final JainSipCheck jainSip = new JainSipCheck();
    private final ScanSession session;

    public SipParser() {
        this(Depth.FULL);
    }

    public SipParser(Depth depth) {
        this(depth, new RecentDetails(), null);
    }

    /**
     * A parser whose messages keep their recently scanned details in {@code recent}, with other parsers', and
     * whose header values are kept once with theirs through {@code shared} (null: within this parser only).
     */
    SipParser(Depth depth, RecentDetails recent, SharedStrings shared) {
        this.depth = depth;
        this.session = new ScanSession(recent, shared);
    }

    /**
     * The message in {@code payload}; empty when the payload is only line breaks (a keep-alive), not a message.
     * One parser serves one reading thread: it shares equal header values between the messages it returns, and
     * its caches ({@link ScanSession}) live as long as it and its messages do.
     */
    public Optional<SipMessage> parse(SipPayload payload) {
        Problems problems = new Problems();
        Optional<SipMessage> scanned = MessageScanner.summarize(payload, session, problems);
        if (scanned.isEmpty() || depth == Depth.SCAN) {
            return scanned;
        }
        byte[] data = payload.data();
        MessageScanner.Parts parts = MessageScanner.parts(data, new Problems());
        if (parts != null) {
            // before jain-sip, whose word on such a header is only "unparsable"
            ScalarFields.check(parts.headers(), problems);
            AddressSyntax.check(parts.startLine().requestUri(), parts.headers(), problems);
        }
        jainSip.check(data, problems);
        if (parts != null && scanned.get().hasSdp() && scanned.get().plain()) {
            // the one-pass scan reads no body: the SDP parser judges its text (the full scan did for the others)
            MessageScanner.flagSdp(parts.sdp(), problems);
        }
        return Optional.of(scanned.get().withVerdict(!problems.isEmpty(), problems.summary()));
    }

    /** As {@link #parse}, null instead of empty, and for a scan without an Optional or (plain message) a Problems. */
    SipMessage parseOrNull(SipPayload payload) {
        return depth == Depth.SCAN ? MessageScanner.summary(payload, session, null) : parse(payload).orElse(null);
    }

    /** {@code message} re-judged with jain-sip (for a message that was loaded with {@link Depth#SCAN}). */
    public SipMessage fullParse(SipMessage message) {
        byte[] bytes;
        try {
            bytes = message.wireBytes();
        } catch (IOException e) {
            return message;
        }
        if (bytes == null) {
            bytes = wire(message);
        }
        Problems problems = new Problems();
        // how it came and what its datagram held after it are not in the message's bytes: the scan's word stands
        String note = MessageScanner.noteProblem(message.malformedReason());
        if (note != null) {
            problems.add("wrapping", note);
        }
        MessageScanner.Parts parts = MessageScanner.parts(bytes, problems);
        String after = MessageScanner.afterMessageProblem(message.malformedReason());
        if (after != null) {
            problems.add("datagram", after);
        }
        if (parts != null) {
            ScalarFields.check(parts.headers(), problems);
            AddressSyntax.check(parts.startLine().requestUri(), parts.headers(), problems);
        }
        jainSip.check(bytes, problems);
        return message.withVerdict(!problems.isEmpty(), problems.summary());
    }

    /** The message bytes rebuilt from its header text and body bytes; exact for ASCII headers, which SIP requires. */
    private static byte[] wire(SipMessage m) {
        String raw = m.raw();
        // a char per byte, so that the empty line is found where the full scan finds it
        byte[] chars = raw.getBytes(StandardCharsets.ISO_8859_1);
        int empty = MessageScanner.headerEnd(chars, 0);
        int headEnd = empty < 0 ? raw.length() : MessageScanner.afterEmptyLine(chars, empty);
        String head = raw.substring(0, headEnd);
        boolean latin1 = head.chars().allMatch(c -> c <= 0xff);
        byte[] headBytes = head.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        byte[] wire = new byte[headBytes.length + m.body().length];
        System.arraycopy(headBytes, 0, wire, 0, headBytes.length);
        System.arraycopy(m.body(), 0, wire, headBytes.length, m.body().length);
        return wire;
    }
}
