package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SipAddressesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"Klaus Weber\" <sip:+493023125417@89.184.187.124>;tag=as6f2b91c4 | +493023125417",
        "<sip:4991874350352@x.sip.livekit.cloud>                            | 4991874350352",
        "sip:alice@example.com;tag=1                                        | alice",
        "<sips:bob;user=phone@example.com>                                  | bob",
        "<tel:+15551234567>                                                 | +15551234567",
        "<sip:example.com>                                                  | example.com",
    })
    void extractsTheUserPart(String header, String expected) {
        assertEquals(expected, SipAddresses.user(header));
    }
}
