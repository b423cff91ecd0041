package org.sipladder.livekit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Section 3 of the routing notes. */
class DigestCheckTest {

    private static final SIPInboundTrunkInfo TRUNK = LiveKitFixtures.trunk("{\"sipTrunkId\":\"ST_auth\","
            + "\"numbers\":[\"+4991874350352\"],\"authUsername\":\"jambonz\",\"authPassword\":\"pw\"}");
    private static final LiveKitConfig CONFIG = LiveKitFixtures.config(List.of(TRUNK), List.of(LiveKitFixtures.rule(
            "{\"sipDispatchRuleId\":\"SDR\",\"rule\":{\"dispatchRuleDirect\":{\"roomName\":\"r\"}},"
                    + "\"roomConfig\":{\"agents\":[{\"agentName\":\"a\"}]}}")));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no header                 | NONE      | CHALLENGE           | 100 Processing,407 Unauthorized",
            "not digest                | Basic abc | BAD_CREDENTIALS     | 100 Processing,401 Bad credentials",
            // LiveKit's parser (icholy/digest ParseCredentials) takes any name=value list: a missing response is a wrong one
            "missing response          | Digest username=\"jambonz\", nonce=\"n\", uri=\"sip:x\" | BAD_CREDENTIALS | 100 Processing,401 Unauthorized",
            "wrong user                | Digest username=\"bob\", realm=\"LiveKit\", nonce=\"n\", uri=\"sip:x\", response=\"0\" | BAD_CREDENTIALS | 100 Processing,401 Unauthorized",
            "wrong digest              | Digest username=\"jambonz\", realm=\"LiveKit\", nonce=\"n\", uri=\"sip:x\", response=\"0\" | BAD_CREDENTIALS | 100 Processing,401 Unauthorized",
            "right digest              | RIGHT     | CREDENTIALS_PRESENT | 100 Processing,180 Ringing...,200 OK",
            // LiveKit's challenge offers no qop, so it computes the digest without qop whatever the credentials say
            "right password, with qop  | QOP       | BAD_CREDENTIALS     | 100 Processing,401 Unauthorized",
    })
    void authenticatesLikeLiveKit(String name, String header, String outcome, String responses) {
        String value = switch (header) {
            case "NONE" -> null;
            case "RIGHT" -> rightDigest();
            case "QOP" -> qopDigest();
            default -> header;
        };

        RoutingOutcome result = new RoutingSimulator(CONFIG).simulate(
                LiveKitFixtures.invite(LiveKitFixtures.SEED_CALLED, "+49151", value));

        assertEquals(AuthOutcome.valueOf(outcome), result.auth());
        assertEquals(List.of(responses.split(",")), result.expectedResponses());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"jambonz | ''", "'' | pw"})
    void authNeedsBothUsernameAndPassword(String user, String password) {
        SIPInboundTrunkInfo half = TRUNK.toBuilder().setAuthUsername(user).setAuthPassword(password).build();

        RoutingOutcome result = new RoutingSimulator(LiveKitFixtures.config(List.of(half), List.of()))
                .simulate(LiveKitFixtures.invite(LiveKitFixtures.SEED_CALLED, "+49151", null));

        assertEquals(AuthOutcome.NOT_REQUIRED, result.auth());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // LiveKit checks the user name, then looks up its challenge for the Call-ID, then the digest
            "right digest, no challenge    | RIGHT | false | BAD_CREDENTIALS     | 100 Processing,401 Bad credentials",
            "wrong digest, no challenge    | WRONG | false | BAD_CREDENTIALS     | 100 Processing,401 Bad credentials",
            "wrong user, no challenge      | USER  | false | BAD_CREDENTIALS     | 100 Processing,401 Unauthorized",
            "right digest after a 407      | RIGHT | true  | CREDENTIALS_PRESENT | 100 Processing,180 Ringing...,200 OK",
            "wrong digest after a 407      | WRONG | true  | BAD_CREDENTIALS     | 100 Processing,401 Unauthorized",
    })
    void credentialsWithoutAStoredChallengeAreBadCredentials(String name, String header, boolean challenged,
                                                               String outcome, String responses) {
        String value = switch (header) {
            case "RIGHT" -> rightDigest();
            case "USER" -> rightDigest().replace("username=\"jambonz\"", "username=\"bob\"");
            default -> rightDigest().replaceFirst("response=\"[0-9a-f]+\"", "response=\"0\"");
        };
        InboundInvite seen = LiveKitFixtures.invite(LiveKitFixtures.SEED_CALLED, "+49151", value);
        InboundInvite invite = new InboundInvite(seen.callId(), seen.calledNumber(), seen.callingNumber(),
                seen.fromHost(), seen.sourceIp(), value, seen.requestUriUser(), challenged);

        RoutingOutcome result = new RoutingSimulator(CONFIG).simulate(invite);

        assertEquals(AuthOutcome.valueOf(outcome), result.auth());
        assertEquals(List.of(responses.split(",")), result.expectedResponses());
    }

    /** The digest LiveKit expects for its challenge (realm LiveKit, nonce abc, MD5, no qop). */
    private static String rightDigest() {
        String response = md5(md5("jambonz:LiveKit:pw") + ":abc:" + md5("INVITE:sip:4991874350352@lk"));
        return "Digest username=\"jambonz\", realm=\"LiveKit\", nonce=\"abc\", uri=\"sip:4991874350352@lk\", "
                + "algorithm=MD5, response=\"" + response + "\"";
    }

    /** The right password, as a sender computes it for a challenge that offered qop=auth (LiveKit's does not). */
    private static String qopDigest() {
        String response = md5(md5("jambonz:LiveKit:pw") + ":abc:00000001:xyz:auth:" + md5("INVITE:sip:4991874350352@lk"));
        return "Digest username=\"jambonz\", realm=\"LiveKit\", nonce=\"abc\", uri=\"sip:4991874350352@lk\", "
                + "qop=auth, nc=00000001, cnonce=\"xyz\", algorithm=MD5, response=\"" + response + "\"";
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
