package org.sipladder.sip;

import org.sipladder.capture.PreparingListener;
import org.sipladder.capture.SipPayload;

/**
 * Parses the payloads of a capture read on two threads into {@link SipMessage}s, for a subclass that takes them
 * in capture order ({@link #prepared}). The decoding thread parses, and the caller's thread parses too when it
 * has time to spare beside its own work. Each thread has a parser of its own, as a parser shares strings between
 * its messages. The full parse runs side by side as well: jain-sip-ri 1.3.0-91 parses with a new StringMsgParser
 * and lexer per message, and its static tables are concurrent maps filled before they are published (the lexers'
 * keyword tables, put if absent) or in a static initialiser (the header parsers' table), as its SIP stack parses
 * on several threads; {@code messages} on a 352 MB capture spent 80 % of its time in the decoding thread's
 * jain-sip check while the caller's thread was idle.
 */
public abstract class ParsingListener implements PreparingListener<SipMessage> {

    private final SipParser onReader;
    private final SipParser onCaller;

    protected ParsingListener(SipParser.Depth depth) {
        this(depth, new SharedStrings());
    }

    /**
     * Parsers whose header values are kept once with those of other threads of the same read through
     * {@code shared} (the media analysis's SDP scan: {@code MediaCollector.sharedStrings()}).
     */
    protected ParsingListener(SipParser.Depth depth, SharedStrings shared) {
        // one ring of recently scanned details for the messages of this capture, whichever thread parsed them
        RecentDetails recent = new RecentDetails();
        this.onReader = new SipParser(depth, recent, shared);
        this.onCaller = new SipParser(depth, recent, shared);
    }

    @Override
    public final SipMessage prepare(SipPayload p) {
        return onReader.parseOrNull(p);
    }

    /**
     * A payload's bytes are read while it is parsed: a message keeps none of them (it points into the file, or copies
     * them), so the payloads may be lent (see {@link SipPayload}).
     */
    @Override
    public boolean borrowsPayloads() {
        return true;
    }

    @Override
    public final boolean preparesOnCaller() {
        return true;
    }

    @Override
    public final SipMessage prepareOnCaller(SipPayload p) {
        return onCaller.parseOrNull(p);
    }
}
