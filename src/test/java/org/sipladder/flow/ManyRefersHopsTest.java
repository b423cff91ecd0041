package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.flow.Dialogue.request;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.sip.SipMessage;

/**
 * Ten thousand REFERs in one dialog (a crash-hunt's shape): each one's kept header asks whether its sender passed it
 * on from another host, which looked back over every message before it (calls --json took 6 s for 20,000 messages);
 * a long call looks only at the earlier messages that could be the one passed on.
 */
class ManyRefersHopsTest {

    private static final String CALLER = "10.0.0.1:5060";
    private static final String PROXY = "10.0.0.5:5060";
    private static final String AGENT = "10.0.0.3:5060";

    /** An INVITE and {@code count} REFERs in its dialog from the caller to the agent, each relayed by the proxy. */
    private static Dialogue refers(int count, boolean throughProxy, int tellAt) {
        Dialogue d = new Dialogue();
        String first = throughProxy ? PROXY : AGENT;
        d.send(0, CALLER, first, request("INVITE", "sip:+4930111221@10.0.0.3", "rf", "z9hG4bK0", 1, null));
        for (int i = 1; i <= count; i++) {
            String refer = request("REFER", "sip:+4930111221@10.0.0.3", "rf", "z9hG4bK" + i, i + 1, "t",
                    "Refer-To: <sip:" + i + "@10.0.0.9>");
            if (i == tellAt) {
                refer = refer.replace("Refer-To:", "X-Account-Sid: AC1\r\nRefer-To:");
            }
            d.send(i * 10L, CALLER, first, refer);
            if (throughProxy) {
                d.send(i * 10L + 1, PROXY, AGENT, refer.replaceFirst("Via: ",
                        "Via: SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bKp" + i + "\r\nVia: "));
            }
        }
        return d;
    }

    private static long looks(List<SipMessage> messages) {
        SipMessage[] all = messages.toArray(new SipMessage[0]);
        return HopRoles.looks(all, new int[all.length], new AgentRoles());
    }

    @Test
    void theWorkGrowsWithTheRefersNotWithTheirSquare() {
        for (boolean throughProxy : new boolean[] {false, true}) {
            long half = looks(refers(2_000, throughProxy, -1).messages());
            long full = looks(refers(4_000, throughProxy, -1).messages());
            assertTrue(full <= 2.5 * half, throughProxy + ": " + half + " looks for 2,000 REFERs, " + full
                    + " for 4,000");
        }
    }

    /** Far into the dialog, the REFER the proxy passes on still names its sender, not the proxy, by its header. */
    @Test
    void aHeaderPassedOnLateInALongDialogStillNamesItsSender() {
        CallFlow call = new FlowBuilder().build(refers(200, true, 150).messages()).get(0);
        assertEquals(Role.JAMBONZ, roleOf(call, "10.0.0.1"));
        assertTrue(roleOf(call, "10.0.0.5") != Role.JAMBONZ, call.hops().toString());
    }

    private static Role roleOf(CallFlow call, String address) {
        return call.hops().stream().filter(h -> h.address().equals(address)).findFirst().orElseThrow().role();
    }
}
