package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.sipladder.diagnose.TestCall.JAMBONZ;
import static org.sipladder.diagnose.TestCall.LIVEKIT;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.media.CaptureMedia;

/**
 * The texts of a private-address finding follow from its hosts alone and are made once per diagnosis: calls through
 * the same hosts get the same texts (the same step list, which the JSON then copies), and hosts, NAT address or a
 * Jambonz sender that differ get their own.
 */
class PrivateAddressTextsTest {

    private static final String URI = "sip:4991874350352@project-1z3kctsj.sip.livekit.cloud";

    @Test
    void textsAreKeptPerHostsNatAddressAndSenderKind() {
        PrivateAddressTexts texts = new PrivateAddressTexts();
        PrivateAddressTexts.Texts jambonz = texts.of("10.0.0.5", "203.0.113.7", null, true);
        assertSame(jambonz, texts.of("10.0.0.5", "203.0.113.7", null, true));
        assertEquals(PrivateAddressCheck.texts("10.0.0.5", "203.0.113.7", null, true), jambonz);
        assertEquals("10.0.0.5 advertises a private address to public peer 203.0.113.7", jambonz.title());
        assertEquals("10.0.0.5 sends to public peer 203.0.113.7", jambonz.sends());
        assertNull(jambonz.nat());
        assertEquals(List.of("Make Jambonz advertise its public address <public IP> on this side: drachtio "
                        + "--external-ip <public IP> (or <external-ip> in drachtio.conf.xml), so Via and Contact carry it.",
                "For media, set rtpengine's interface with the advertised address: --interface=10.0.0.5!<public IP>."),
                jambonz.steps());

        PrivateAddressTexts.Texts behindNat = texts.of("10.0.0.5", "203.0.113.7", "198.51.100.9", true);
        assertEquals("The peer saw the packets come from 198.51.100.9 (Via received=): 10.0.0.5 is behind NAT",
                behindNat.nat());
        assertEquals("For media, set rtpengine's interface with the advertised address: "
                + "--interface=10.0.0.5!198.51.100.9.", behindNat.steps().get(1));

        PrivateAddressTexts.Texts other = texts.of("10.0.0.5", "203.0.113.7", null, false);
        assertEquals(List.of("Configure 10.0.0.5 to advertise its public address <public IP> in Via, Contact and SDP "
                + "(external IP / NAT settings), or put a SIP-aware NAT/SBC in front of it."), other.steps());
        assertNotEquals(jambonz.title(), texts.of("10.0.0.6", "203.0.113.7", null, true).title());
        assertNotEquals(jambonz.sends(), texts.of("10.0.0.5", "203.0.113.8", null, true).sends());
    }

    @Test
    void aRunGivesCallsThroughTheSameHostsTheSameTexts() {
        DiagnosisRun run = new DiagnosisEngine(List.of(new PrivateAddressCheck())).start(LiveKitConfig.empty(),
                DiagnosisSettings.FROM_EVIDENCE, CaptureMedia.none());
        Finding first = run.diagnose(call("call-a", "")).findings().get(0);
        Finding second = run.diagnose(call("call-b", "")).findings().get(0);
        assertEquals(first.title(), second.title());
        assertSame(first.fix().steps(), second.fix().steps());
        // the same hosts behind a NAT the peer reported: texts of their own, the NAT address in the steps
        Finding nat = run.diagnose(call("call-c", "198.51.100.9")).findings().get(0);
        assertEquals("The peer saw the packets come from 198.51.100.9 (Via received=): " + JAMBONZ + " is behind NAT",
                nat.evidence().facts().get(nat.evidence().facts().size() - 1));
        assertEquals(List.of("Make Jambonz advertise its public address 198.51.100.9 on this side: drachtio "
                        + "--external-ip 198.51.100.9 (or <external-ip> in drachtio.conf.xml), so Via and Contact carry it.",
                "For media, set rtpengine's interface with the advertised address: --interface=" + JAMBONZ
                        + "!198.51.100.9."), nat.fix().steps());
        assertEquals(first.fix().steps(), run.diagnose(call("call-d", "")).findings().get(0).fix().steps());
    }

    @Test
    void callsLeakingTheSameValuesGetTheVeryFactStrings() {
        // the JSON copies the bytes of a string it wrote before only for the same object
        DiagnosisRun run = new DiagnosisEngine(List.of(new PrivateAddressCheck())).start(LiveKitConfig.empty(),
                DiagnosisSettings.FROM_EVIDENCE, CaptureMedia.none());
        List<String> first = run.diagnose(call("call-a", "")).findings().get(0).evidence().facts();
        List<String> second = run.diagnose(call("call-b", "")).findings().get(0).evidence().facts();
        assertEquals(List.of("Contact <sip:" + JAMBONZ + ":5060>", "Via sent-by " + JAMBONZ,
                "SDP c= " + JAMBONZ + " (media address)", JAMBONZ + " sends to public peer " + LIVEKIT), first);
        assertEquals(first.size(), second.size());
        for (int i = 0; i < first.size(); i++) {
            assertSame(first.get(i), second.get(i), first.get(i));
        }
    }

    @Test
    void factsAreKeptUpToTheBoundAndMadeEachTimeBeyond() {
        PrivateAddressTexts texts = new PrivateAddressTexts();
        String via = texts.fact("Via sent-by ", "10.0.0.1", "", "");
        assertSame(via, texts.fact("Via sent-by ", "10.0.0." + 1, "", ""));
        for (int i = 0; i < PrivateAddressTexts.MAX_FACTS + 10; i++) {
            assertEquals("SDP c= 10.0.0." + i + " (media address)",
                    texts.fact("SDP c= ", "10.0.0." + i, " (media address)", ""));
        }
        assertSame(via, texts.fact("Via sent-by ", "10.0.0.1", "", ""));
        assertEquals("Via sent-by 10.9.9.9", texts.fact("Via sent-by ", "10.9.9.9", "", ""));
    }

    /** Jambonz's INVITE to LiveKit with a private Contact, answered 200 OK (with Via received= when given). */
    private static CallFlow call(String callId, String received) {
        String invite = SipTexts.invite(callId, URI, "+493023125417", JAMBONZ, SipTexts.SDP_G711);
        String ok = SipTexts.response(invite, 200, "OK");
        if (!received.isEmpty()) {
            ok = ok.replace(";rport;", ";rport=5060;received=" + received + ";");
        }
        return TestCall.carrierJambonzLiveKit().send(JAMBONZ, LIVEKIT, invite).send(LIVEKIT, JAMBONZ, ok).flow();
    }
}
