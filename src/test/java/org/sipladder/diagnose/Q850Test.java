package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class Q850Test {

    @Test
    void aReasonNamingAQ850CauseIsTold() {
        assertEquals("Q.850 cause 21: call rejected", Q850.meaning("Q.850;cause=21;text=\"Call rejected\""));
        assertEquals("Q.850 cause 17: user busy", Q850.meaning("q.850 ; cause = 17"));
        assertNull(Q850.meaning("SIP;cause=480;text=\"Temporarily Unavailable\""), "a SIP cause is no Q.850 cause");
        assertNull(Q850.meaning("Q.850;cause=250"), "unknown");
        assertNull(Q850.meaning("Q.850;text=\"x\""));
    }
}
