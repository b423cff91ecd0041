package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.flow.Dialogue.request;
import static org.sipladder.flow.Dialogue.response;

import org.junit.jupiter.api.Test;
import org.sipladder.sip.SipMessage;

/**
 * A phone that re-registers under one Call-ID all day makes a call of tens of thousands of REGISTERs: finding its
 * hops looks at each request's host, not back over every request before it (20,000 refreshes took 40 s).
 */
class LongRegistrationHopsTest {

    private static final String PHONE = "10.9.9.9:5060";
    private static final String REGISTRAR = "172.20.0.5:5060";
    private static final String PROXY = "172.20.0.6:5060";

    private static SipMessage[] refreshes(int count, boolean throughProxy) {
        Dialogue d = new Dialogue();
        for (int i = 0; i < count; i++) {
            String branch = "z9hG4bKr" + i;
            String register = request("REGISTER", "sip:172.20.0.5", "same-cid", branch, i + 1, null,
                    "Contact: <sip:u1@10.9.9.9>", "Expires: 60");
            String ok = response(200, "OK", "REGISTER", "same-cid", branch, i + 1, "reg" + i);
            if (throughProxy) {
                String proxyBranch = "z9hG4bKp" + i;
                d.send(i * 60_000L, PHONE, PROXY, register);
                d.send(i * 60_000L + 1, PROXY, REGISTRAR, register.replaceFirst("Via: ",
                        "Via: SIP/2.0/UDP 172.20.0.6:5060;branch=" + proxyBranch + "\r\nVia: "));
                d.send(i * 60_000L + 2, REGISTRAR, PROXY,
                        response(200, "OK", "REGISTER", "same-cid", proxyBranch, i + 1, "reg" + i));
                d.send(i * 60_000L + 3, PROXY, PHONE, ok);
            } else {
                d.send(i * 60_000L, PHONE, REGISTRAR, register);
                d.send(i * 60_000L + 10, REGISTRAR, PHONE, ok);
            }
        }
        return d.messages().toArray(new SipMessage[0]);
    }

    private static long looks(SipMessage[] messages) {
        return HopRoles.looks(messages, new int[messages.length], new AgentRoles());
    }

    @Test
    void theWorkGrowsWithTheRefreshesNotWithTheirSquare() {
        for (boolean throughProxy : new boolean[] {false, true}) {
            SipMessage[] messages = refreshes(2_000, throughProxy);
            long looks = looks(messages);
            assertTrue(looks <= 10L * messages.length, throughProxy + ": " + looks + " looks for "
                    + messages.length + " messages");
        }
    }

    @Test
    void theRegistrarIsStillNamed() {
        CallFlow direct = new FlowBuilder().build(java.util.List.of(refreshes(50, false))).get(0);
        assertEquals(Role.REGISTRAR, direct.hops().stream().filter(h -> h.address().equals("172.20.0.5"))
                .findFirst().orElseThrow().role());
        CallFlow relayed = new FlowBuilder().build(java.util.List.of(refreshes(50, true))).get(0);
        assertEquals(Role.REGISTRAR, relayed.hops().stream().filter(h -> h.address().equals("172.20.0.5"))
                .findFirst().orElseThrow().role());
        assertEquals(Role.PROXY, relayed.hops().stream().filter(h -> h.address().equals("172.20.0.6"))
                .findFirst().orElseThrow().role());
    }
}
