package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.flow.Dialogue.request;
import static org.sipladder.flow.Dialogue.response;

import org.junit.jupiter.api.Test;
import org.sipladder.sip.SipMessage;

/**
 * A leg of thousands of messages (a phone re-registering under one Call-ID, 40 messages for each of a REGISTER storm's
 * users) finds its retransmissions through an index of primitive slots, a few per message, not a boxed map entry each.
 */
class LongLegIndexTest {

    private static final String PHONE = "10.9.9.9:5060";
    private static final String REGISTRAR = "172.20.0.5:5060";

    /** {@code count} REGISTER/200 refreshes, every third REGISTER sent twice. */
    private static SipMessage[] refreshes(int count) {
        Dialogue d = new Dialogue();
        for (int i = 0; i < count; i++) {
            String branch = "z9hG4bKr" + i;
            String register = request("REGISTER", "sip:172.20.0.5", "same-cid", branch, i + 1, null,
                    "Contact: <sip:u1@10.9.9.9>", "Expires: 60");
            d.send(i * 60_000L, PHONE, REGISTRAR, register);
            if (i % 3 == 0) {
                d.send(i * 60_000L + 5, PHONE, REGISTRAR, register);
            }
            d.send(i * 60_000L + 10, REGISTRAR, PHONE,
                    response(200, "OK", "REGISTER", "same-cid", branch, i + 1, "reg" + i));
        }
        return d.messages().toArray(new SipMessage[0]);
    }

    @Test
    void retransmissionsAreFoundAndTheIndexStaysAFewSlotsAMessage() {
        MessageStore store = new MessageStore();
        LegState leg = new LegState("same-cid", store);
        SipMessage[] messages = refreshes(3_000);
        for (SipMessage m : messages) {
            leg.add(store.add(m), m);
        }
        int repeats = 0;
        for (int seq = 0; seq < store.size(); seq++) {
            repeats += store.repeated(seq) ? 1 : 0;
        }
        assertEquals(1_000, repeats);
        IdentityIndex index = leg.index();
        assertEquals(messages.length - repeats, index.size());
        assertTrue(index.capacity() <= 4 * index.size(), index.capacity() + " slots for " + index.size());
    }

    @Test
    void theIndexKeepsTheFirstNumberOfEachHash() {
        IdentityIndex index = new IdentityIndex();
        for (int i = 0; i < 10_000; i++) {
            index.putIfAbsent(i * 64L, i);
            index.putIfAbsent(i * 64L, i + 1);
        }
        index.putIfAbsent(0x8000_0000_0000_0000L, 7);
        assertEquals(10_001, index.size());
        for (int i = 0; i < 10_000; i++) {
            assertEquals(i, index.get(i * 64L));
        }
        assertEquals(7, index.get(0x8000_0000_0000_0000L));
        assertEquals(-1, index.get(-1));
    }
}
