package org.sipladder.diagnose;

import java.util.List;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Role;
import org.sipladder.sip.SipMessage;

/**
 * The fix step for a final status to an INVITE, from {@link CallRejectedCheck#meaning}, or the one a table row gives
 * when the hop that answered plays a role whose product says more (Jambonz names why it declined in X-Reason): a
 * carrier's 480 must not send the user looking for a Jambonz header.
 */
final class PeerChecks {

    /** A product's own fix step for a range of statuses answered by a hop of its role. */
    private record PeerCheck(Role role, int from, int to, String check) {
    }

    private static final String PROXY_404 = "Check that the called user is registered with the proxy's registrar "
            + "(a REGISTER answered 200 before the call, not expired) or that its routing knows the user; for a phone "
            + "number, its format (country code, leading + or 0) against what the proxy expects.";

    private static final List<PeerCheck> TABLE = List.of(
            new PeerCheck(Role.JAMBONZ, 480, 480, "Check that the destination is registered or routable at the peer; "
                    + "with Jambonz, look at the X-Reason header and the application's logs."),
            // a proxy's own 404 is mostly its registrar's location lookup finding no contact (Kamailio's
            // lookup("location"), OpenSIPS's likewise)
            new PeerCheck(Role.PROXY, 404, 404, PROXY_404),
            new PeerCheck(Role.REGISTRAR, 404, 404, PROXY_404));

    private PeerChecks() {
    }

    /** What to check about {@code answer}, a final response to an INVITE of {@code flow}. */
    static String check(CallFlow flow, SipMessage answer) {
        int status = answer.status();
        for (int i = 0; i < TABLE.size(); i++) {
            PeerCheck row = TABLE.get(i);
            if (status >= row.from() && status <= row.to() && flow.hasHop(answer.src(), row.role())) {
                return row.check();
            }
        }
        return CallRejectedCheck.meaning(status).check();
    }
}
