package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The session keys that join legs, and that a compact message keeps them (and a REFER's Refer-To) in memory. */
class SessionKeyHeaderTest {

    private static final String UUID = "ab30317f1a784dc48ff824d0d3715d86";
    private static final String NULL_UUID = "00000000000000000000000000000000";

    @Test
    void aSessionIdsKeyIsItsLocalUuidInLowerCase() {
        SessionKeyHeader h = SessionKeyHeader.SESSION_ID;
        assertEquals(UUID, h.keyIn(UUID + ";remote=" + NULL_UUID));
        assertEquals(UUID, h.keyIn(UUID.toUpperCase() + " ;remote=" + NULL_UUID));
        assertEquals(UUID, h.keyIn(" " + UUID + " "));
        assertEquals(UUID, h.keyIn(UUID + ";remote=0123456789abcdef0123456789abcdef;x=1"));
    }

    @Test
    void theNullUuidAndOtherValuesNameNoSession() {
        SessionKeyHeader h = SessionKeyHeader.SESSION_ID;
        assertNull(h.keyIn(NULL_UUID + ";remote=" + UUID));
        assertNull(h.keyIn(UUID.substring(1)));
        assertNull(h.keyIn(UUID + "0"));
        assertNull(h.keyIn(UUID.replace('a', 'g')));
        assertNull(h.keyIn(""));
        assertNull(h.keyIn(";remote=" + UUID));
    }

    @Test
    void aChargingVectorsKeyIsItsIcidValue() {
        SessionKeyHeader h = SessionKeyHeader.P_CHARGING_VECTOR;
        assertEquals("1234bc9876e", h.keyIn("icid-value=1234bc9876e;icid-generated-at=192.0.6.8;orig-ioi=home1.net"));
        assertEquals("AyretyU0dm+6O2IrT5tAFrbHLso=023551024",
                h.keyIn("orig-ioi=home1.net ; ICID-Value = \"AyretyU0dm+6O2IrT5tAFrbHLso=023551024\""));
        assertNull(h.keyIn("icid-generated-at=192.0.6.8;orig-ioi=home1.net"));
        assertNull(h.keyIn("icid-value="));
    }

    @Test
    void aCompactMessageKeepsTheJoiningHeadersOfTheMessagesThatHaveThem() {
        String head = "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-1\r\nFrom: <sip:a@a>;tag=f\r\n"
                + "To: <sip:b@b>\r\nCall-ID: k-1\r\n";
        List<String[]> cases = List.of(
                new String[] {"INVITE sip:b@b SIP/2.0\r\n" + head + "CSeq: 1 INVITE\r\nSession-ID: " + UUID
                        + ";remote=" + NULL_UUID + "\r\n", "Session-ID", UUID + ";remote=" + NULL_UUID},
                new String[] {"INVITE sip:b@b SIP/2.0\r\n" + head + "CSeq: 1 INVITE\r\nsession-id: " + UUID + "\r\n",
                    "Session-ID", UUID},
                new String[] {"INVITE sip:b@b SIP/2.0\r\n" + head + "CSeq: 1 INVITE\r\n"
                        + "P-Charging-Vector: icid-value=1234bc9876e\r\n", "P-Charging-Vector",
                    "icid-value=1234bc9876e"},
                new String[] {"REFER sip:b@b SIP/2.0\r\n" + head + "CSeq: 5 REFER\r\n"
                        + "Refer-To: <sip:+4915199988877@203.0.113.10>\r\n", "Refer-To",
                    "<sip:+4915199988877@203.0.113.10>"},
                new String[] {"REFER sip:b@b SIP/2.0\r\n" + head + "CSeq: 5 REFER\r\nr: <sip:carol@c>\r\n", "Refer-To",
                    "<sip:carol@c>"});
        for (String[] c : cases) {
            SipMessage m = FastScan.summary(SipParserTest.payload(c[0] + "Content-Length: 0\r\n\r\n"), 0,
                    new ScanSession());
            assertNotNull(m, c[0]);
            assertTrue(m.hasOtherKeptHeaders(), c[0]);
            assertEquals(c[2], m.header(c[1]), c[0]);
        }
        // a message without them keeps nothing more (Reply-To, Sip-Extras: their names' lengths and first letters)
        SipMessage plain = FastScan.summary(SipParserTest.payload("INVITE sip:b@b SIP/2.0\r\n" + head
                + "CSeq: 1 INVITE\r\nReply-To: <sip:a@a>\r\nSip-Extras: 1\r\nContent-Length: 0\r\n\r\n"), 0,
                new ScanSession());
        assertNotNull(plain);
        assertTrue(!plain.hasOtherKeptHeaders());
    }
}
