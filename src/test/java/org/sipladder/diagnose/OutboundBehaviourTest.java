package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.OutboundCapture.CARRIER;
import static org.sipladder.diagnose.OutboundCapture.FROM;
import static org.sipladder.diagnose.OutboundCapture.JAMBONZ;
import static org.sipladder.diagnose.OutboundCapture.LIVEKIT;
import static org.sipladder.diagnose.OutboundCapture.PASSWORD;

import java.util.List;
import livekit.LivekitSip.SIPTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;

/** Calls LiveKit places: recognised from its INVITE, matched to the outbound trunk, each failure shape diagnosed. */
class OutboundBehaviourTest {

    private static final String PROVIDER_HOST = "sip.provider.example";

    private static Diagnosis diagnose(List<CallFlow> flows, LiveKitConfig config) {
        return DiagnosisEngine.standard().diagnose(flows, config);
    }

    private static FindingCode primaryCode(Diagnosis d, List<CallFlow> flows) {
        return d.primaryFor(flows.get(0).id()).map(Finding::code).orElse(null);
    }

    /** INVITE, 401, retry with the trunk's credentials over {@code digestUri}, 401 again: LiveKit stops. */
    private static List<CallFlow> authLoop(String digestUri, String password) {
        String first = OutboundCapture.liveKitInvite(PROVIDER_HOST);
        String retry = OutboundCapture.withCredentials(first, 2, "Authorization", digestUri, password);
        return new OutboundCapture()
                .send(LIVEKIT, CARRIER, first)
                .send(CARRIER, LIVEKIT, OutboundCapture.challenge(first, 401, 2))
                .send(LIVEKIT, CARRIER, retry)
                .send(CARRIER, LIVEKIT, OutboundCapture.challenge(retry, 401, 3))
                .flows();
    }

    @Test
    void aChallengeRepeatedAfterTheTrunksCredentialsIsAnAuthLoopNamingTheTrunkFields() {
        List<CallFlow> flows = authLoop("sip:+4930123456@" + PROVIDER_HOST, PASSWORD);

        Diagnosis d = diagnose(flows, OutboundCapture.config(OutboundCapture.trunk(PROVIDER_HOST)));

        assertEquals(OutboundAuthCheck.LOOP, primaryCode(d, flows));
        Finding f = d.withCode(OutboundAuthCheck.LOOP).get(0);
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.title().contains("rejected LiveKit's credentials"), f.title());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.contains("LiveKit sent the trunk's credentials")),
                f.evidence().facts().toString());
        assertEquals(List.of("ST_out"), f.evidence().configIds());
        assertTrue(f.fix().commands().get(0).startsWith("lk sip outbound update --id ST_out --auth-user"), f.fix().toString());
        assertFalse(d.findings().toString().contains(PASSWORD), "the trunk password never leaves the engine");
        assertTrue(d.withCode(CallRejectedCheck.CODE).isEmpty(), "no generic rejection beside the outbound finding");
    }

    @Test
    void aDigestAnswerFromAnotherPasswordSaysSo() {
        List<CallFlow> flows = authLoop("sip:+4930123456@" + PROVIDER_HOST, "old-password");

        Finding f = diagnose(flows, OutboundCapture.config(OutboundCapture.trunk(PROVIDER_HOST)))
                .withCode(OutboundAuthCheck.LOOP).get(0);

        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.contains("is not the one outbound trunk ST_out's auth_password gives")),
                f.evidence().facts().toString());
    }

    @Test
    void a403ToTheCredentialsAChallengeAskedForNamesTheCredentialsFirst() {
        // INVITE, 407, the retry with the trunk's credentials, 403: the provider checked the digest and refused
        String first = OutboundCapture.liveKitInvite(PROVIDER_HOST);
        String retry = OutboundCapture.withCredentials(first, 2, "Proxy-Authorization", "sip:+4930123456@" + PROVIDER_HOST,
                PASSWORD);
        List<CallFlow> flows = new OutboundCapture()
                .send(LIVEKIT, CARRIER, first)
                .send(CARRIER, LIVEKIT, OutboundCapture.challenge(first, 407, 2))
                .send(LIVEKIT, CARRIER, retry)
                .send(CARRIER, LIVEKIT, OutboundCapture.status(retry, "403 Forbidden"))
                .flows();

        Diagnosis d = diagnose(flows, OutboundCapture.config(OutboundCapture.trunk(PROVIDER_HOST)));

        assertEquals(OutboundRejectedCheck.FROM, primaryCode(d, flows));
        Finding f = d.withCode(OutboundRejectedCheck.FROM).get(0);
        // the title leads with what the explanation and the first fix step lead with
        assertEquals(CARRIER + " refused LiveKit's credentials or the call from " + OutboundCapture.FROM
                + " (403 Forbidden after a 407 challenge)", f.title());
        assertTrue(f.explanation().startsWith(CARRIER + " refused (403 Forbidden) the INVITE that carried LiveKit's answer to its 407 "
                + "Proxy Authentication Required: it checked the credentials and refused them"), f.explanation());
        assertTrue(f.evidence().facts().contains("LiveKit answered the 407 Proxy Authentication Required (frame 2) with "
                + "credentials in frame 3, and the provider refused that INVITE"), f.evidence().facts().toString());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.contains("LiveKit sent the trunk's credentials, the "
                + "provider expects others")), f.evidence().facts().toString());
        assertEquals(List.of(1L, 2L, 3L, 4L), f.evidence().frames());
        assertTrue(f.fix().steps().get(0).startsWith("Check outbound trunk ST_out's auth_username and auth_password"),
                f.fix().steps().toString());
        assertEquals(List.of("lk sip outbound update --id ST_out --auth-user <provider user> --auth-pass <password>"),
                f.fix().commands(), "the trunk lists the From number: the credentials command only");
        assertFalse(d.findings().toString().contains(PASSWORD), "the trunk password never leaves the engine");
        // a 403 to LiveKit's first INVITE (no challenge, no credentials) says nothing about credentials checked
        String invite = OutboundCapture.liveKitInvite(PROVIDER_HOST);
        Finding plain = diagnose(OutboundCapture.direct(invite, OutboundCapture.status(invite, "403 Forbidden")),
                OutboundCapture.config(OutboundCapture.trunk(PROVIDER_HOST))).withCode(OutboundRejectedCheck.FROM).get(0);
        assertFalse(plain.explanation().contains("checked the credentials"), plain.explanation());
    }

    @Test
    void aDigestUriOtherThanTheRequestUriIsNamedWithTheAddressFix() {
        // LiveKit computes the digest over the challenge's To URI (outbound.go sipOutbound.Invite)
        List<CallFlow> flows = authLoop("sip:4930123456@" + PROVIDER_HOST, PASSWORD);

        Finding f = diagnose(flows, OutboundCapture.config(OutboundCapture.trunk(PROVIDER_HOST)))
                .withCode(OutboundAuthCheck.LOOP).get(0);

        assertTrue(f.title().startsWith("LiveKit's digest uri is not the Request-URI"), f.title());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.contains("is not the Request-URI sip:+4930123456@" + PROVIDER_HOST)),
                f.evidence().facts().toString());
        assertTrue(f.fix().commands().get(0).contains("--address"), f.fix().toString());
    }

    /** INVITE to {@code requestUri}'s host part, 407, retry with the trunk's credentials over {@code digestUri}, 407. */
    private static List<CallFlow> proxyAuthLoop(String host, String digestUri) {
        String first = OutboundCapture.liveKitInvite(host);
        String retry = OutboundCapture.withCredentials(first, 2, "Proxy-Authorization", digestUri, PASSWORD);
        return new OutboundCapture()
                .send(LIVEKIT, CARRIER, first)
                .send(CARRIER, LIVEKIT, OutboundCapture.challenge(first, 407, 2))
                .send(LIVEKIT, CARRIER, retry)
                .send(CARRIER, LIVEKIT, OutboundCapture.challenge(retry, 407, 3))
                .flows();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // a transport parameter in one URI only is ignored (RFC 3261 19.1.4), as are the host's case and escaped
        // unreserved characters
        "sip.provider.example;transport=tcp | sip:+4930123456@sip.provider.example",
        "sip.provider.example               | sip:+4930123456@SIP.Provider.Example",
        "sip.provider.example;transport=tcp;lr | sip:+4930123456@sip.provider.example;lr;transport=TCP",
        "sip.provider.example               | sip:+49301234%35%36@sip.provider.example"})
    void aDigestUriEquivalentToTheRequestUriIsNoUriMismatch(String host, String digestUri) {
        List<CallFlow> flows = proxyAuthLoop(host, digestUri.trim());

        Finding f = diagnose(flows, OutboundCapture.config(OutboundCapture.trunk(PROVIDER_HOST)))
                .withCode(OutboundAuthCheck.LOOP).get(0);

        assertTrue(f.title().startsWith("The provider rejected LiveKit's credentials"), f.title());
        assertTrue(f.evidence().facts().stream().noneMatch(x -> x.contains("is not the Request-URI")),
                f.evidence().facts().toString());
        assertTrue(f.fix().commands().get(0).contains("--auth-pass"), f.fix().toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // what RFC 3261 19.1.4 keeps apart: the user's case, an explicit default port, user= or maddr in one only
        "sip.provider.example               | sip:+4930123456@sip.provider.example:5060",
        "sip.provider.example;user=phone    | sip:+4930123456@sip.provider.example",
        "sip.provider.example               | sip:+4930123456@sip.provider.example;maddr=10.0.0.1",
        "sip.provider.example;transport=tcp | sip:+4930123456@sip.provider.example;transport=udp",
        "sip.provider.example               | sips:+4930123456@sip.provider.example"})
    void aDigestUriThatIsAnotherUriStaysAMismatch(String host, String digestUri) {
        List<CallFlow> flows = proxyAuthLoop(host.trim(), digestUri.trim());

        Finding f = diagnose(flows, OutboundCapture.config(OutboundCapture.trunk(PROVIDER_HOST)))
                .withCode(OutboundAuthCheck.LOOP).get(0);

        assertTrue(f.title().startsWith("LiveKit's digest uri is not the Request-URI"), f.title());
    }

    @Test
    void aChallengeLiveKitCannotAnswerIsMissingCredentialsOnTheTrunk() {
        String invite = OutboundCapture.liveKitInvite(PROVIDER_HOST);
        List<CallFlow> flows = OutboundCapture.direct(invite, OutboundCapture.challenge(invite, 407, 2));

        Diagnosis d = diagnose(flows, OutboundCapture.config(OutboundCapture.trunk(PROVIDER_HOST).clearAuthPassword()));

        assertEquals(OutboundAuthCheck.MISSING, primaryCode(d, flows));
        Finding f = d.withCode(OutboundAuthCheck.MISSING).get(0);
        assertTrue(f.explanation().contains("does not have both auth_username and auth_password"), f.explanation());
        assertTrue(f.fix().commands().get(0).contains("--auth-pass"), f.fix().toString());
        assertTrue(d.withCode(OutboundAuthCheck.LOOP).isEmpty());
    }

    @Test
    void anInviteWithoutAFromUserSaysSoInItsFacts() {
        // a call placed with an empty sip_number: LiveKit's From has no user part
        String invite = OutboundCapture.liveKitInvite(PROVIDER_HOST, "+4930123456", "");
        List<CallFlow> flows = new OutboundCapture()
                .send(LIVEKIT, CARRIER, invite)
                .send(CARRIER, LIVEKIT, SipTexts.response(invite, 403, "Forbidden"))
                .flows();

        Diagnosis d = diagnose(flows, OutboundCapture.config(OutboundCapture.trunk(PROVIDER_HOST)));

        List<String> facts = d.findings().stream().flatMap(f -> f.evidence().facts().stream()).toList();
        assertTrue(facts.stream().anyMatch(x -> x.contains(", with no From user (frame 1)")), facts.toString());
        assertFalse(facts.stream().anyMatch(x -> x.contains("From user  (")), facts.toString());
    }

    @Test
    void aCarriers403RelayedByJambonzIsTheFromNumber() {
        List<CallFlow> flows = OutboundCapture.throughJambonz("15105550100", "+4930123456", "403 Forbidden", "403 Forbidden");

        Diagnosis d = diagnose(flows, OutboundCapture.config(OutboundCapture.trunk("sip.jambonz.example")));

        assertEquals(1, flows.size(), "LiveKit's leg and Jambonz's carrier leg are one call (X-CID)");
        assertEquals(OutboundRejectedCheck.FROM, primaryCode(d, flows));
        Finding f = d.withCode(OutboundRejectedCheck.FROM).get(0);
        assertEquals(CARRIER + " refused the call from 15105550100 (403 Forbidden)", f.title());
        assertTrue(f.evidence().facts().contains("The number 15105550100 has digits only, no leading '+'"), f.evidence().facts().toString());
        // the trunk lists +15105550100, the same digits: setting its numbers is no fix
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.endsWith("it lists the From number 15105550100 as "
                + "+15105550100 (the call gave its own sip_number)")), f.evidence().facts().toString());
        assertTrue(f.fix().commands().isEmpty(), f.fix().toString());
        assertTrue(f.fix().steps().get(0).startsWith("Outbound trunk ST_out already lists the From number as "
                + "+15105550100"), f.fix().steps().toString());
    }

    @Test
    void a403ForAFromNumberTheTrunkListsDoesNotAskToSetTheTrunksNumbers() {
        // the trunk lists the From number as written: the provider refuses it for another reason
        Finding listed = fromRejected(OutboundCapture.FROM);
        assertTrue(listed.fix().steps().stream().noneMatch(x -> x.startsWith("Set outbound trunk")), listed.fix().toString());
        assertTrue(listed.fix().steps().get(0).contains("already lists the From number; check with the provider"),
                listed.fix().steps().toString());
        assertTrue(listed.fix().commands().stream().noneMatch(x -> x.contains("--numbers")), listed.fix().toString());
        // a number the trunk does not list: set the trunk's numbers
        Finding other = fromRejected("+15105550199");
        assertTrue(other.fix().steps().get(0).startsWith("Set outbound trunk ST_out's numbers"), other.fix().toString());
        assertTrue(other.evidence().facts().stream().anyMatch(x -> x.contains("is not among them")),
                other.evidence().facts().toString());
        assertTrue(other.fix().commands().get(0).startsWith("lk sip outbound update --id ST_out --numbers"),
                other.fix().toString());
    }

    /** The LK_OUTBOUND_FROM_REJECTED of a call from {@code fromUser} the carrier refused 403 behind Jambonz. */
    private static Finding fromRejected(String fromUser) {
        List<CallFlow> flows = OutboundCapture.throughJambonz(fromUser, "+4930123456", "403 Forbidden", "403 Forbidden");
        Diagnosis d = diagnose(flows, OutboundCapture.config(OutboundCapture.trunk("sip.jambonz.example")));
        return d.withCode(OutboundRejectedCheck.FROM).get(0);
    }

    @Test
    void aCarriers484IsTheDialledNumbersFormat() {
        List<CallFlow> flows = OutboundCapture.throughJambonz(FROM, "030123456", "484 Address Incomplete", "480 Temporarily Unavailable");

        Diagnosis d = diagnose(flows, LiveKitConfig.empty());

        assertEquals(OutboundRejectedCheck.NUMBER, primaryCode(d, flows));
        Finding f = d.withCode(OutboundRejectedCheck.NUMBER).get(0);
        assertTrue(f.title().contains("030123456") && f.title().contains("484"), f.title());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.contains("sent the carrier the number 030123456 for LiveKit's +4930123456")),
                f.evidence().facts().toString());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.contains("national form")), f.evidence().facts().toString());
        assertTrue(f.fix().steps().get(0).startsWith("Dial the number as the provider expects (usually E.164"),
                f.fix().steps().toString());
    }

    @Test
    void aRejectedNumberNamesTheBucketOfTheStatusLiveKitGot() {
        // sip errors.go classifyInviteError buckets the status LiveKit itself got: 404 "not-found", 480 "unavailable",
        // other 4xx "client-error-N", 6xx "global-decline-N"; a relayed 484 that reached LiveKit as 480 is "unavailable"
        Finding relayed = diagnose(OutboundCapture.throughJambonz(FROM, "030123456", "484 Address Incomplete",
                "480 Temporarily Unavailable"), LiveKitConfig.empty()).withCode(OutboundRejectedCheck.NUMBER).get(0);
        String invite = OutboundCapture.liveKitInvite(PROVIDER_HOST);
        Finding direct = diagnose(OutboundCapture.direct(invite, OutboundCapture.status(invite, "484 Address Incomplete")),
                LiveKitConfig.empty()).withCode(OutboundRejectedCheck.NUMBER).get(0);
        Finding decline = diagnose(OutboundCapture.direct(invite, OutboundCapture.status(invite, "604 Does Not Exist Anywhere")),
                LiveKitConfig.empty()).withCode(OutboundRejectedCheck.NUMBER).get(0);

        assertTrue(relayed.explanation().contains("\"unavailable\"") && !relayed.explanation().contains("not-found"),
                relayed.explanation());
        assertTrue(direct.explanation().contains("\"client-error-484\"") && !direct.explanation().contains("not-found"),
                direct.explanation());
        assertTrue(decline.explanation().contains("\"global-decline-604\""), decline.explanation());
    }

    @Test
    void aNumberInE164AlreadyIsNotToldToBeDialledInE164() {
        Finding f = directlyRefused("404 Not Found", OutboundRejectedCheck.NUMBER);

        assertTrue(f.fix().steps().stream().noneMatch(x -> x.contains("usually E.164")), f.fix().steps().toString());
        assertTrue(f.fix().steps().get(0).startsWith("The number is in E.164 form already: check that "
                + OutboundCapture.CALLED + " is complete and in service"), f.fix().steps().toString());
    }

    @Test
    void aCarriers480IsNotExplainedWithJambonzsHeader() {
        // the peer that answered is the provider, no Jambonz on the path: its X-Reason header is none of its business
        Finding f = directlyRefused("480 Temporarily Unavailable", OutboundRejectedCheck.PROVIDER);

        assertEquals("Check that the destination is registered or routable at the peer, and the peer's logs for why it "
                + "declined.", f.fix().steps().get(0));
    }

    @Test
    void a488WithoutSdpToLiveKitsG711OfferIsTheProvidersRefusalNotAMissingCodec() {
        // LiveKit offered PCMU and PCMA; the provider refused without saying what it takes: no codec mismatch is shown,
        // and LiveKit, the offerer, is told nothing about how it answers offers (sip outbound.go: 488 ends the call,
        // errors.go classifyInviteError: "not-acceptable")
        String invite = OutboundCapture.liveKitInvite(PROVIDER_HOST);
        List<CallFlow> flows = OutboundCapture.direct(invite, OutboundCapture.status(invite, "100 Trying"),
                OutboundCapture.status(invite, "180 Ringing"), OutboundCapture.status(invite, "488 Not Acceptable Here"));

        Diagnosis d = diagnose(flows, OutboundCapture.config(OutboundCapture.trunk(PROVIDER_HOST)));

        assertEquals(OutboundRejectedCheck.PROVIDER, primaryCode(d, flows));
        assertTrue(d.withCode(FindingCode.SIP_NO_COMMON_CODEC).isEmpty(), d.findings().toString());
        assertFalse(d.findings().toString().contains("LiveKit answers 400"), d.findings().toString());
        Finding f = d.withCode(OutboundRejectedCheck.PROVIDER).get(0);
        String steps = f.fix().steps().toString();
        assertTrue(steps.contains("media_encryption") && steps.contains("PCMU, PCMA"), steps);
        assertFalse(steps.contains("offer G.711"), steps);
    }

    @Test
    void a488ToLiveKitsOfferNamesTheOutboundTrunksMediaConfigItWasBuiltFrom() {
        // LiveKit builds its outbound offer from the outbound trunk's media (protocol rpc/sip.go: trunk.Upgrade, then
        // merged with the request's media; sip client.go newMediaConfig, outbound.go NewOffer): here plain RTP
        // refused, while the trunk's media.encryption (field 18, not the legacy media_encryption) requires SRTP
        String invite = OutboundCapture.liveKitInvite(PROVIDER_HOST);
        List<CallFlow> flows = OutboundCapture.direct(invite, OutboundCapture.status(invite, "100 Trying"),
                OutboundCapture.status(invite, "488 Not Acceptable Here"));
        String trunkId = "ST_out";
        LiveKitConfig config = new LiveKitConfig(List.of(), List.of(), List.of("test"), java.util.Map.of(),
                List.of(OutboundCapture.trunk(PROVIDER_HOST).build()), false, false, java.util.Map.of(trunkId,
                "{\"media\": {\"onlyListedCodecs\": true, \"codecs\": [{\"name\": \"PCMA\"}], "
                        + "\"encryption\": \"SIP_MEDIA_ENCRYPT_REQUIRE\"}}"));

        Finding f = diagnose(flows, config).withCode(OutboundRejectedCheck.PROVIDER).get(0);
        String facts = f.evidence().facts().toString();
        assertTrue(facts.contains("Outbound trunk ST_out requires media encryption (SRTP): its media.encryption is "
                + "SIP_MEDIA_ENCRYPT_REQUIRE"), facts);
        String steps = f.fix().steps().toString();
        assertTrue(steps.contains("Codecs: LiveKit offers what outbound trunk ST_out's media lists only PCMA "
                + "(only_listed_codecs) gives, PCMA/8000 (unless the CreateSIPParticipant request's media lists others)"), steps);
        assertFalse(steps.contains("those its server enables"), steps);
    }

    @Test
    void aNoCommonCodecOnLiveKitsOwnOfferTellsThePeerToTakeOneNotLiveKitHowItAnswers() {
        String invite = OutboundCapture.liveKitInvite(PROVIDER_HOST);
        List<CallFlow> flows = OutboundCapture.direct(invite, OutboundCapture.status(invite, "100 Trying"),
                SipTexts.response(invite, 200, "OK", SipTexts.sdp(CARRIER, "18 G729/8000")));

        Finding f = diagnose(flows, LiveKitConfig.empty()).withCode(FindingCode.SIP_NO_COMMON_CODEC).get(0);

        assertFalse(f.explanation().contains("LiveKit answers 400"), f.explanation());
        assertTrue(f.fix().steps().get(0).startsWith("LiveKit (" + LIVEKIT + ") offers the codecs its server enables"),
                f.fix().steps().toString());
        assertTrue(f.fix().steps().get(0).contains("have " + CARRIER + " accept one of them"), f.fix().steps().toString());
        // LiveKit builds its offer from the outbound trunk's media config (livekit/sip outbound.go NewOffer)
        assertTrue(f.fix().steps().get(0).contains("the outbound trunk's media.codecs"), f.fix().steps().toString());
    }

    /** The finding of {@code code} about LiveKit's call to +4930123456, which the provider answered {@code answer}. */
    private static Finding directlyRefused(String answer, FindingCode code) {
        String invite = OutboundCapture.liveKitInvite(CARRIER);
        List<CallFlow> flows = OutboundCapture.direct(invite, OutboundCapture.status(invite, "100 Trying"),
                OutboundCapture.status(invite, answer));
        return diagnose(flows, LiveKitConfig.empty()).withCode(code).get(0);
    }

    @Test
    void aProviders503RelayedByJambonzNamesWhereItStarted() {
        List<CallFlow> flows = OutboundCapture.throughJambonz(FROM, "+4930123456", "503 Service Unavailable", "480 Temporarily Unavailable");

        Diagnosis d = diagnose(flows, LiveKitConfig.empty());

        assertEquals(OutboundRejectedCheck.PROVIDER, primaryCode(d, flows));
        Finding f = d.withCode(OutboundRejectedCheck.PROVIDER).get(0);
        assertEquals("480 Temporarily Unavailable to LiveKit started as 503 Service Unavailable from " + CARRIER, f.title());
        assertTrue(f.explanation().contains(JAMBONZ + " passed the failure back to LiveKit"), f.explanation());
        assertEquals(Severity.ERROR, f.severity());
    }

    @Test
    void aBusyCalleeIsInformationNotAnError() {
        List<CallFlow> flows = OutboundCapture.throughJambonz(FROM, "+4930123456", "486 Busy Here", "486 Busy Here");

        Finding f = diagnose(flows, LiveKitConfig.empty()).withCode(OutboundRejectedCheck.PROVIDER).get(0);

        assertEquals(Severity.INFO, f.severity());
    }

    @Test
    void aRedirectIsNotFollowedByLiveKitSoTheTrunkAddressIsTheFix() {
        // sip outbound.go sipOutbound.Invite: any final status but 200/401/407 ends the call, a 3xx included
        String invite = OutboundCapture.liveKitInvite(PROVIDER_HOST);
        List<CallFlow> flows = OutboundCapture.direct(invite, OutboundCapture.status(invite, "100 Trying"),
                SipTexts.response(invite, 302, "Moved Temporarily", "Contact: <sip:+4930123456@gw2.provider.example:5070>"));

        Finding f = diagnose(flows, OutboundCapture.config(OutboundCapture.trunk(PROVIDER_HOST)))
                .withCode(OutboundRejectedCheck.PROVIDER).get(0);

        assertTrue(f.explanation().contains("LiveKit does not follow redirects"), f.explanation());
        assertTrue(f.title().contains("redirected LiveKit's call to gw2.provider.example:5070"), f.title());
        assertEquals(List.of("lk sip outbound update --id ST_out --address gw2.provider.example:5070"), f.fix().commands());
        assertTrue(f.fix().steps().stream().noneMatch(s -> s.contains("follow the Contact")), f.fix().steps().toString());
    }

    /** LiveKit's INVITE rings for {@code seconds}, then LiveKit cancels it and the provider answers 487. */
    private static List<CallFlow> cancelledAfter(long seconds) {
        return cancelledAfter(seconds, "487 Request Terminated");
    }

    /** LiveKit's INVITE rings for {@code seconds}, then LiveKit cancels it and the provider answers {@code fin}. */
    private static List<CallFlow> cancelledAfter(long seconds, String fin) {
        String invite = OutboundCapture.liveKitInvite(PROVIDER_HOST);
        String cancel = invite.replace("INVITE sip:", "CANCEL sip:").replace("CSeq: 1 INVITE", "CSeq: 1 CANCEL");
        return new OutboundCapture().send(LIVEKIT, CARRIER, invite)
                .send(CARRIER, LIVEKIT, OutboundCapture.status(invite, "180 Ringing"))
                .after(seconds).send(LIVEKIT, CARRIER, cancel)
                .send(CARRIER, LIVEKIT, OutboundCapture.status(cancel, "200 OK"))
                .send(CARRIER, LIVEKIT, OutboundCapture.status(invite, fin)).flows();
    }

    @Test
    void aCancelledInviteAnswered408InsteadOf487IsStillLiveKitsCancel() {
        // RFC 3261 9.2 asks for 487; providers also answer a cancelled INVITE 408 or 480: the CANCEL is the outcome
        Finding f = diagnose(cancelledAfter(180, "408 Request Timeout"),
                OutboundCapture.config(OutboundCapture.trunk(PROVIDER_HOST))).withCode(OutboundRejectedCheck.PROVIDER).get(0);

        assertEquals(Severity.INFO, f.severity());
        assertTrue(f.title().startsWith("LiveKit cancelled its call before it was answered (408"), f.title());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.contains("its default ringing timeout of 3 minutes ran out")),
                f.evidence().facts().toString());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.contains("where RFC 3261 asks for 487")),
                f.evidence().facts().toString());
    }

    @Test
    void aCallLiveKitCancelledHandsTheAgentNoSipStatusButATimeout() {
        // sip outbound.go sipResponse: on ctx.Done() LiveKit cancels and returns ErrSIPRequestTimeout at once, so the
        // 487 (or 408) that answers the CANCEL never becomes the call's SIP status (errors.go: "no-answer")
        for (String fin : List.of("487 Request Terminated", "408 Request Timeout")) {
            Finding f = diagnose(cancelledAfter(180, fin), OutboundCapture.config(OutboundCapture.trunk(PROVIDER_HOST)))
                    .withCode(OutboundRejectedCheck.PROVIDER).get(0);

            assertFalse(f.explanation().contains("hands " + fin.substring(0, 3)), f.explanation());
            assertTrue(f.explanation().contains("\"sip request timed out\""), f.explanation());
        }
    }

    @Test
    void a480AfterRingingWithQ850NoAnswerIsInformationThatNobodyAnswered() {
        String invite = OutboundCapture.liveKitInvite(PROVIDER_HOST);
        List<CallFlow> flows = new OutboundCapture().send(LIVEKIT, CARRIER, invite)
                .send(CARRIER, LIVEKIT, OutboundCapture.status(invite, "180 Ringing")).after(45)
                .send(CARRIER, LIVEKIT, SipTexts.response(invite, 480, "Temporarily Unavailable",
                        "Reason: Q.850;cause=19;text=\"No answer from user\"")).flows();

        Finding f = diagnose(flows, OutboundCapture.config(OutboundCapture.trunk(PROVIDER_HOST)))
                .withCode(OutboundRejectedCheck.PROVIDER).get(0);

        assertEquals(Severity.INFO, f.severity());
        assertTrue(f.fix().steps().get(0).contains("no answer from user"), f.fix().steps().toString());
    }

    @Test
    void a480WithoutACalleeCauseStaysAnError() {
        String invite = OutboundCapture.liveKitInvite(PROVIDER_HOST);
        List<CallFlow> flows = OutboundCapture.direct(invite, SipTexts.response(invite, 480, "Temporarily Unavailable",
                "Reason: Q.850;cause=3;text=\"No route to destination\""));

        Finding f = diagnose(flows, OutboundCapture.config(OutboundCapture.trunk(PROVIDER_HOST)))
                .withCode(OutboundRejectedCheck.PROVIDER).get(0);

        assertEquals(Severity.ERROR, f.severity());
    }

    @Test
    void aCancelLongBeforeThreeMinutesIsNotCalledTheDefaultRingingTimeout() {
        // sip outbound.go outboundCall.sipSignal: the dial context ends at ringing_timeout (3 min unset) or when the
        // room or call closes; sipResponse then cancels the INVITE
        Finding early = diagnose(cancelledAfter(20), OutboundCapture.config(OutboundCapture.trunk(PROVIDER_HOST)))
                .withCode(OutboundRejectedCheck.PROVIDER).get(0);
        Finding late = diagnose(cancelledAfter(180), OutboundCapture.config(OutboundCapture.trunk(PROVIDER_HOST)))
                .withCode(OutboundRejectedCheck.PROVIDER).get(0);

        assertEquals(Severity.INFO, early.severity());
        assertTrue(early.evidence().facts().stream().anyMatch(x -> x.contains("20 s after its first INVITE, not at "
                + "LiveKit's default ringing timeout")), early.evidence().facts().toString());
        assertFalse(early.title().contains("ringing timeout"), early.title());
        assertTrue(early.fix().steps().get(0).contains("ringing_timeout"), early.fix().steps().toString());
        assertTrue(late.evidence().facts().stream().anyMatch(x -> x.contains("its default ringing timeout of 3 minutes ran out")),
                late.evidence().facts().toString());
    }

    /** An answered LiveKit call whose 200 OK names {@code refresher}; the provider hangs up 95 s later. */
    private static List<CallFlow> sessionTimer(String refresher) {
        String invite = OutboundCapture.liveKitInvite(PROVIDER_HOST);
        String ok = SipTexts.response(invite, 200, "OK", "Session-Expires: 90;refresher=" + refresher,
                SipTexts.sdp(CARRIER, "0 PCMU/8000"));
        String dialog = "Call-ID: " + OutboundCapture.LK_CALL_ID + "\r\n";
        String ack = "ACK sip:+4930123456@" + PROVIDER_HOST + " SIP/2.0\r\nVia: SIP/2.0/UDP " + LIVEKIT
                + ":5060;branch=z9hG4bKack1\r\nFrom: <sip:" + FROM + "@" + LIVEKIT + ">;tag=SCL_7Hq2xYz\r\nTo: <sip:"
                + "+4930123456@" + PROVIDER_HOST + ">;tag=t200\r\n" + dialog + "CSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n";
        String bye = "BYE sip:" + LIVEKIT + ":5060 SIP/2.0\r\nVia: SIP/2.0/UDP " + CARRIER + ":5060;branch=z9hG4bKbye1"
                + "\r\nFrom: <sip:+4930123456@" + PROVIDER_HOST + ">;tag=t200\r\nTo: <sip:" + FROM + "@" + LIVEKIT
                + ">;tag=SCL_7Hq2xYz\r\n" + dialog + "CSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n";
        return new OutboundCapture().send(LIVEKIT, CARRIER, invite).send(CARRIER, LIVEKIT, ok)
                .send(LIVEKIT, CARRIER, ack).after(95).send(CARRIER, LIVEKIT, bye)
                .send(LIVEKIT, CARRIER, SipTexts.response(bye, 200, "OK")).flows();
    }

    @Test
    void aSessionTimerLeftToLiveKitExpiresBecauseLiveKitNeverRefreshes() {
        // sip sends no re-INVITE or UPDATE of its own (outbound.go attemptInvite is the only INVITE it builds)
        Finding onLiveKit = diagnose(sessionTimer("uac"), OutboundCapture.config(OutboundCapture.trunk(PROVIDER_HOST)))
                .withCode(SessionTimerExpiredCheck.CODE).get(0);
        Finding onProvider = diagnose(sessionTimer("uas"), OutboundCapture.config(OutboundCapture.trunk(PROVIDER_HOST)))
                .withCode(SessionTimerExpiredCheck.CODE).get(0);

        assertTrue(onLiveKit.explanation().contains("LiveKit never refreshes a session"), onLiveKit.explanation());
        assertTrue(onLiveKit.fix().steps().get(0).startsWith("Make " + CARRIER + " the refresher (refresher=uas)"),
                onLiveKit.fix().steps().toString());
        assertFalse(onProvider.explanation().contains("LiveKit"), onProvider.explanation());
    }

    @Test
    void anInviteNobodyAnswersIsNoResponseWithTheTrunksTransport() {
        String invite = OutboundCapture.liveKitInvite(PROVIDER_HOST);
        List<CallFlow> flows = new OutboundCapture().send(LIVEKIT, CARRIER, invite).send(LIVEKIT, CARRIER, invite)
                .send(LIVEKIT, CARRIER, invite).flows();

        Diagnosis d = diagnose(flows, OutboundCapture.config(OutboundCapture.trunk(PROVIDER_HOST)
                .setTransport(SIPTransport.SIP_TRANSPORT_TLS)));

        assertEquals(OutboundNoResponseCheck.CODE, primaryCode(d, flows));
        Finding f = d.withCode(OutboundNoResponseCheck.CODE).get(0);
        assertTrue(f.title().contains("got no response at all"), f.title());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.contains("sent again 2 times")), f.evidence().facts().toString());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.contains("uses TLS towards port 5060")), f.evidence().facts().toString());
        assertTrue(f.fix().commands().get(0).contains("--transport"), f.fix().toString());
    }

    @Test
    void aCarrierThatNeverAnswersJambonzIsNamedNotLiveKit() {
        String lk = OutboundCapture.liveKitInvite("sip.jambonz.example");
        String bLeg = SipTexts.invite("jz-b-leg-2", "sip:+4930123456@" + CARRIER, FROM, JAMBONZ, SipTexts.SDP_G711,
                "X-CID: " + OutboundCapture.LK_CALL_ID);
        List<CallFlow> flows = new OutboundCapture().send(LIVEKIT, JAMBONZ, lk).send(JAMBONZ, CARRIER, bLeg)
                .send(JAMBONZ, CARRIER, bLeg).send(JAMBONZ, LIVEKIT, OutboundCapture.status(lk, "408 Request Timeout"))
                .flows();

        Diagnosis d = diagnose(flows, LiveKitConfig.empty());

        assertEquals(OutboundNoResponseCheck.CODE, primaryCode(d, flows));
        Finding f = d.withCode(OutboundNoResponseCheck.CODE).get(0);
        assertEquals(CARRIER + ":5060 never answered the INVITE sent on for LiveKit's call", f.title());
        assertTrue(d.withCode(OutboundRejectedCheck.PROVIDER).isEmpty(), "the 408 is explained by the silent carrier");
    }

    @Test
    void anAnsweredOutboundCallAndAnInboundCallGetNoOutboundFinding() {
        String invite = OutboundCapture.liveKitInvite(PROVIDER_HOST);
        List<CallFlow> answered = OutboundCapture.direct(invite, OutboundCapture.status(invite, "100 Trying"),
                SipTexts.response(invite, 200, "OK", SipTexts.sdp(CARRIER, "0 PCMU/8000")));
        List<CallFlow> inbound = List.of(FindingRulesTest.liveKitCall("4991874350352", "100 Processing", "486 Rejected"));

        for (List<CallFlow> flows : List.of(answered, inbound)) {
            Diagnosis d = diagnose(flows, OutboundCapture.config(OutboundCapture.trunk(PROVIDER_HOST)));
            assertTrue(d.findings().stream().noneMatch(f -> f.code().name().startsWith("LK_OUTBOUND_")), d.findings().toString());
        }
    }

    @Test
    void theTrunkIsChosenByAddressAndFromNumber() {
        String invite = OutboundCapture.liveKitInvite(PROVIDER_HOST);
        List<CallFlow> flows = OutboundCapture.direct(invite, OutboundCapture.status(invite, "403 Forbidden"));
        LiveKitConfig config = new LiveKitConfig(List.of(), List.of(), List.of("test"), java.util.Map.of(), List.of(
                OutboundCapture.trunk("other.example").setSipTrunkId("ST_other").build(),
                OutboundCapture.trunk(PROVIDER_HOST).setSipTrunkId("ST_wrong_number").clearNumbers().addNumbers("+1999").build(),
                OutboundCapture.trunk(PROVIDER_HOST + ":5060").build()));

        Finding f = diagnose(flows, config).withCode(OutboundRejectedCheck.FROM).get(0);

        assertEquals(List.of("ST_out"), f.evidence().configIds());
    }

    @ParameterizedTest(name = "TCP trunk first, then {0}")
    @EnumSource(value = SIPTransport.class, names = {"SIP_TRANSPORT_UDP", "SIP_TRANSPORT_AUTO"})
    void trunksOnOneAddressAreToldApartByTheTransportTheInviteWentOver(SIPTransport fitting) {
        // a TCP trunk's INVITE goes over TCP with ;transport=tcp (client.go setUriTransport, TransportFrom): this UDP
        // INVITE without the parameter cannot be the first trunk's
        String invite = OutboundCapture.liveKitInvite(PROVIDER_HOST);
        List<CallFlow> flows = OutboundCapture.direct(invite, OutboundCapture.status(invite, "503 Service Unavailable"));
        LiveKitConfig config = LiveKitConfig.outbound(List.of(
                OutboundCapture.trunk(PROVIDER_HOST).setSipTrunkId("ST_tcp").setTransport(SIPTransport.SIP_TRANSPORT_TCP)
                        .build(),
                OutboundCapture.trunk(PROVIDER_HOST).setSipTrunkId("ST_fits").setTransport(fitting).build()),
                List.of("test"));

        Finding f = diagnose(flows, config).withCode(OutboundRejectedCheck.PROVIDER).get(0);

        assertEquals(List.of("ST_fits"), f.evidence().configIds());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.contains("only ST_fits's transport")),
                f.evidence().facts().toString());
        // a UDP trunk would have put ;transport=udp on the Request-URI; an auto one adds none
        assertEquals(fitting == SIPTransport.SIP_TRANSPORT_UDP, f.evidence().facts().stream()
                .anyMatch(x -> x.contains("did not come from this trunk as configured")), f.evidence().facts().toString());
    }

    @ParameterizedTest(name = "trunk {0}, Request-URI parameter ''{1}''")
    @CsvSource({"SIP_TRANSPORT_TCP, '', true", "SIP_TRANSPORT_TLS, '', true", "SIP_TRANSPORT_UDP, ;transport=tcp, true",
        "SIP_TRANSPORT_UDP, ;transport=udp, false", "SIP_TRANSPORT_AUTO, '', false", "SIP_TRANSPORT_AUTO, ;transport=udp, false"})
    void aTrunkWhoseTransportContradictsTheUdpInviteIsSaidNotToHavePlacedIt(SIPTransport transport, String parameter,
                                                                            boolean contradicts) {
        String invite = OutboundCapture.liveKitInvite(PROVIDER_HOST).replaceFirst("@" + PROVIDER_HOST + " SIP/2.0",
                "@" + PROVIDER_HOST + parameter + " SIP/2.0");
        List<CallFlow> flows = OutboundCapture.direct(invite, OutboundCapture.status(invite, "503 Service Unavailable"));

        Finding f = diagnose(flows, OutboundCapture.config(OutboundCapture.trunk(PROVIDER_HOST).setTransport(transport)))
                .withCode(OutboundRejectedCheck.PROVIDER).get(0);

        assertEquals(List.of("ST_out"), f.evidence().configIds());
        assertEquals(contradicts, f.evidence().facts().stream().anyMatch(x -> x.contains("went over UDP")
                && x.contains("did not come from this trunk as configured now")), f.evidence().facts().toString());
    }

    @Test
    void a403ToATrunkWithoutCredentialsAlsoOffersCredentialsOrAllowListingLiveKitsAddress() {
        String invite = OutboundCapture.liveKitInvite(PROVIDER_HOST);
        List<CallFlow> flows = OutboundCapture.direct(invite, OutboundCapture.status(invite, "403 Forbidden"));
        LiveKitConfig config = OutboundCapture.config(OutboundCapture.trunk(PROVIDER_HOST).clearAuthUsername().clearAuthPassword());

        Diagnosis d = diagnose(flows, config);

        assertEquals(OutboundRejectedCheck.FROM, primaryCode(d, flows));
        Finding f = d.withCode(OutboundRejectedCheck.FROM).get(0);
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.contains("ST_out has no auth_username and auth_password")),
                f.evidence().facts().toString());
        assertTrue(f.explanation().contains("answer 403 to an address missing from their allow-list"), f.explanation());
        assertTrue(f.fix().steps().stream().anyMatch(x -> x.contains("allow-list") && x.contains(LIVEKIT)), f.fix().toString());
        // the trunk lists the From number: only the credentials command, no --numbers one
        assertEquals(List.of("lk sip outbound update --id ST_out --auth-user <provider user> --auth-pass <password>"),
                f.fix().commands(), f.fix().toString());
        assertTrue(f.fix().steps().stream().noneMatch(x -> x.startsWith("Set outbound trunk")), f.fix().toString());
    }

    @Test
    void a403WithoutAChallengeToATrunkWithCredentialsSaysTheyWereNeverAskedFor() {
        String invite = OutboundCapture.liveKitInvite(PROVIDER_HOST);
        List<CallFlow> flows = OutboundCapture.direct(invite, OutboundCapture.status(invite, "403 Forbidden"));

        Finding f = diagnose(flows, OutboundCapture.config(OutboundCapture.trunk(PROVIDER_HOST)))
                .withCode(OutboundRejectedCheck.FROM).get(0);

        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.contains("LiveKit never sent outbound trunk ST_out's credentials")),
                f.evidence().facts().toString());
        assertEquals(List.of(), f.fix().commands(), "the trunk has credentials and lists the From number: no command");
        assertFalse(f.toString().contains(PASSWORD));
    }
}
