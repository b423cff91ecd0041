package org.sipladder.sip;

import java.util.HashMap;
import java.util.Map;

/**
 * What one reading thread of one capture read shares between the messages it scans: equal values
 * ({@link StringPool}), the verdicts on the X-/P-, Session-ID and Refer-To header names it met, and the ring of
 * recently scanned details that its messages keep ({@link RecentDetails}, shared by the reading threads of the same
 * capture). Owned by the {@link SipParser} of that thread; everything here is bounded and gone with the parser and its
 * messages. Not thread-safe, apart from the ring.
 */
final class ScanSession {

    /** At most this many X-/P- header names are remembered: a hostile capture may send a new one per message. */
    static final int EXTENSION_NAMES_MAX = 1024;

    private final StringPool pool;
    /** X-/P- header names as sent -> canonical name when kept, "" when not. */
    private final Map<String, String> extensionNames = new HashMap<>();
    private final RecentDetails recent;
    /** The kept headers of the message being scanned: a message copies them out, so one serves every message. */
    private final KeptHeaders kept = new KeptHeaders();

    ScanSession(RecentDetails recent, SharedStrings shared) {
        this.recent = recent;
        // the pool's strings are the read's (a leg's Call-ID, From, To kept once with the other threads')
        this.pool = new StringPool(shared);
    }

    /** A session with a ring of its own. */
    ScanSession() {
        this(new RecentDetails(), null);
    }

    StringPool pool() {
        return pool;
    }

    RecentDetails recent() {
        return recent;
    }

    /** This session's kept headers, emptied: valid until the next call (see {@link #kept}). */
    KeptHeaders emptyKeptHeaders() {
        kept.clear();
        return kept;
    }

    /** The canonical name of a kept X-/P- header whose name is {@code d[from, to)}, or "" when it is not kept. */
    String extensionName(byte[] d, int from, int to) {
        String sent = pool.share(d, from, to);
        String known = extensionNames.get(sent);
        if (known != null) {
            return known;
        }
        String expanded = HeaderNames.expand(sent);
        String verdict = KeptHeaders.isKept(expanded) ? pool.share(expanded) : "";
        if (extensionNames.size() < EXTENSION_NAMES_MAX) {
            extensionNames.put(sent, verdict);
        }
        return verdict;
    }

    /** How many X-/P- header names are remembered. */
    int extensionNamesHeld() {
        return extensionNames.size();
    }
}
