package org.sipladder.flow;

import java.util.HashMap;
import java.util.Map;
import org.sipladder.sip.SipMessage;

/**
 * The legs of messages without a Call-ID value (the header missing, or sent empty), which name no dialog (RFC 3261
 * 8.1.1.4). sngrep files them all under the empty Call-ID text, as one call; here they are split the way a dialog and
 * a transaction still show without one, by their From and To tags (the tags stay a dialog's, RFC 3261 12), else by
 * their top Via branch (a transaction's, RFC 3261 17), so unrelated senders of such messages are not one call. Each
 * leg is named by a label no Call-ID can spell (RFC 3261 25.1 allows no space in one), so the call list shows what is
 * wrong, and no correlation header can name it. Such messages are rare: nothing here runs for any other message.
 */
final class UnnamedDialogs {

    /** How the leg of messages without a Call-ID header is named, before its number. */
    private static final String MISSING = "(no Call-ID #";
    private static final String EMPTY = "(empty Call-ID #";

    /** The legs by "kind key": the kind says missing or empty, the key a tag, a branch, or none of them. */
    private final Map<String, LegState> legs = new HashMap<>();
    private int missing;
    private int empty;

    /** True when {@code legName} is the name this gives a leg of messages without a Call-ID header. */
    static boolean isMissing(String legName) {
        return legName.startsWith(MISSING);
    }

    /** The leg {@code message} (whose Call-ID is null or empty) belongs to; a new one, still empty, for a new dialog. */
    LegState legOf(SipMessage message, MessageStore store) {
        boolean none = message.callId() == null;
        String kind = none ? "none " : "empty ";
        String fromTag = SipMessage.tagOf(message.header("From"));
        String toTag = message.toTag();
        String branch = message.topViaBranch();
        String[] keys = {
            fromTag == null ? null : kind + "tag " + fromTag,
            toTag == null ? null : kind + "tag " + toTag,
            branch == null ? null : kind + "branch " + branch};
        LegState leg = null;
        for (String key : keys) {
            if (leg == null && key != null) {
                leg = legs.get(key);
            }
        }
        boolean keyed = keys[0] != null || keys[1] != null || keys[2] != null;
        if (leg == null && !keyed) {
            leg = legs.get(kind);
        }
        if (leg == null) {
            int n = none ? ++missing : ++empty;
            leg = new LegState((none ? MISSING : EMPTY) + n + ")", store);
        }
        for (String key : keyed ? keys : new String[] {kind}) {
            if (key != null) {
                legs.putIfAbsent(key, leg);
            }
        }
        return leg;
    }
}
