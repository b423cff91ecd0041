package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 3261 19.1.4 URI equality, with the RFC's own examples among the cases. */
class SipUriEquivalenceTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // RFC 3261 19.1.4: equivalent
        "sip:%61lice@atlanta.com;transport=TCP | sip:alice@AtLanTa.CoM;Transport=tcp | true",
        "sip:carol@chicago.com | sip:carol@chicago.com;newparam=5 | true",
        "sip:carol@chicago.com;security=on | sip:carol@chicago.com;newparam=5 | true",
        "sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com | "
            + "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com | true",
        "sip:alice@atlanta.com?subject=project%20x&priority=urgent | "
            + "sip:alice@atlanta.com?priority=urgent&subject=project%20x | true",
        "<sip:+4930123456@[2001:db8::1]:5080;transport=udp> | sip:+4930123456@[2001:DB8::1]:5080 | true",
        // RFC 3261 19.1.4: not equivalent
        "SIP:ALICE@AtLanTa.CoM;Transport=udp | sip:alice@AtLanTa.CoM;Transport=UDP | false",
        "sip:bob@biloxi.com | sip:bob@biloxi.com:5060 | false",
        "sip:bob@biloxi.com | sip:bob@biloxi.com;transport=udp;user=phone | false",
        "sip:carol@chicago.com | sip:carol@chicago.com?Subject=next%20meeting | false",
        "sip:bob@phone21.boxesbybob.com | sip:bob@192.0.2.4 | false",
        "sip:bob@biloxi.com | sips:bob@biloxi.com | false",
        "sip:bob@biloxi.com;maddr=10.0.0.1 | sip:bob@biloxi.com | false",
        // '+' is reserved: its escape is another user
        "sip:+4930@example.com | sip:%2B4930@example.com | false"})
    void comparesAsRfc3261Does(String a, String b, boolean equal) {
        assertEquals(equal, SipUriEquivalence.equivalent(a, b), a + " vs " + b);
        assertEquals(equal, SipUriEquivalence.equivalent(b, a), b + " vs " + a);
    }
}
