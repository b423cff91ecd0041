package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.TestCall.CARRIER;
import static org.sipladder.diagnose.TestCall.JAMBONZ;
import static org.sipladder.diagnose.TestCall.LIVEKIT;

import java.util.function.IntToLongFunction;

/** The shape of a caller retrying thousands of times on one Call-ID and CSeq, for the tests of its indexes. */
final class RetriesOnOneCseq {

    static final String LK_URI = "sip:4991874350352@project-1z3kctsj.sip.livekit.cloud";

    /** The carrier's INVITE to Jambonz, retried ({@link #retry}) and passed on ({@link #relayed}). */
    static final String CARRIER_INVITE = SipTexts.invite("call-proxied", LK_URI, "+493023125417", CARRIER, "");
    /** Jambonz's INVITE of a leg of its own to LiveKit. */
    static final String B_LEG_INVITE = SipTexts.invite("call-b-leg", LK_URI, "+493023125417", JAMBONZ, "");

    private RetriesOnOneCseq() {
    }

    /** {@code k}th retry of {@code invite}: a new From tag and Via branch, the same Call-ID and CSeq. */
    static String retry(String invite, int k) {
        return invite.replace(";tag=f", ";tag=r" + k + "f").replace("branch=z9hG4bK", "branch=z9hG4bK" + k + "x");
    }

    /** The carrier's INVITE {@code a} as Jambonz, a proxy, passes it on under the same Call-ID. */
    static String relayed(String a) {
        return a.replace("Via: SIP/2.0/UDP " + CARRIER, "Via: SIP/2.0/UDP " + JAMBONZ);
    }

    /** {@code call} with the carrier's {@code k}th retry to Jambonz and Jambonz's copy of it to LiveKit. */
    static TestCall proxiedRetry(TestCall call, int k) {
        String a = retry(CARRIER_INVITE, k);
        return call.send(CARRIER, JAMBONZ, a).send(JAMBONZ, LIVEKIT, relayed(a));
    }

    /** Asserts that the work {@code looks} counts for 800 retries is within 2.5 times that for 400: not a square. */
    static void assertLinear(IntToLongFunction looks) {
        long few = looks.applyAsLong(400);
        long many = looks.applyAsLong(800);
        assertTrue(many <= 2.5 * few, few + " looks for 400 retries, " + many + " for 800");
    }
}
