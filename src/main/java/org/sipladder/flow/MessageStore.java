package org.sipladder.flow;

import org.sipladder.AppendLog;
import org.sipladder.sip.SipMessage;

/**
 * Every message given to the flows, by arrival number, in chunks. Legs hold arrival numbers (ints) rather than
 * references: a reference stored into an old object makes the collector look at that object again at its next
 * young collection, and the legs of a large capture are hundreds of thousands of old objects that each get a
 * message now and then, whereas this store is written at one place, the end. Not thread-safe: written under the
 * flows' lock, read by assemblies once writing is done (or under the same lock).
 */
final class MessageStore {

    private final AppendLog<SipMessage> messages = new AppendLog<>();

    /** Adds a message; its arrival number is the number of messages added before it. */
    int add(SipMessage m) {
        return messages.add(m);
    }

    SipMessage get(int seq) {
        return messages.get(seq);
    }

    int size() {
        return messages.size();
    }
}
