package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import livekit.LivekitSip.CreateSIPParticipantRequest;
import livekit.LivekitSip.SIPOutboundConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.ParticipantRequest;

/** CreateSIPParticipant requests loaded beside the config: checked as LiveKit checks them before it dials. */
class ParticipantRequestTest {

    /** A request LiveKit accepts: through ST_out (OutboundCapture's trunk) to OutboundCapture.CALLED. */
    static CreateSIPParticipantRequest.Builder request() {
        return CreateSIPParticipantRequest.newBuilder().setSipTrunkId("ST_out").setSipCallTo(OutboundCapture.CALLED)
                .setRoomName("outbound-1").setParticipantIdentity("callee");
    }

    /** The config of OutboundCapture's trunk to {@code host} with {@code requests} loaded from participant.json. */
    static LiveKitConfig withRequests(LiveKitConfig config, List<ParticipantRequest> requests) {
        return config.merge(new LiveKitConfig(List.of(), List.of(), List.of("participant.json"), Map.of(), List.of(),
                false, false, Map.of(), null, List.of(), requests));
    }

    static LiveKitConfig withRequest(LiveKitConfig config, CreateSIPParticipantRequest.Builder request,
                                     String unknownFields) {
        return withRequests(config, List.of(new ParticipantRequest(request.build(), "participant.json, line 1",
                unknownFields)));
    }

    private static List<Finding> refusals(LiveKitConfig config) {
        return DiagnosisEngine.standard().diagnose(List.of(), config).withCode(ParticipantRequestCheck.CODE);
    }

    private static final Map<String, UnaryOperator<CreateSIPParticipantRequest.Builder>> CHANGES = Map.ofEntries(
            Map.entry("no trunk", b -> b.clearSipTrunkId()),
            Map.entry("no callee", b -> b.clearSipCallTo()),
            Map.entry("callee URI", b -> b.setSipCallTo("+4930123456@sip.provider.example")),
            Map.entry("no room", b -> b.clearRoomName()),
            Map.entry("Contact header", b -> b.putHeaders("Contact", "<sip:x@192.0.2.1>")),
            Map.entry("header with a space", b -> b.putHeaders("X-Bad Name", "1")),
            Map.entry("header value with a newline", b -> b.putHeaders("X-Campaign", "a\nb")),
            Map.entry("unknown trunk", b -> b.setSipTrunkId("ST_gone")),
            Map.entry("inline trunk without number", b -> b.clearSipTrunkId()
                    .setTrunk(SIPOutboundConfig.newBuilder().setHostname("sip.provider.example"))),
            Map.entry("inline trunk without host", b -> b.clearSipTrunkId().setSipNumber("+1555")
                    .setTrunk(SIPOutboundConfig.newBuilder())),
            Map.entry("display name with a quote", b -> b.setDisplayName("Sales \"EU\"")),
            Map.entry("to override", b -> b));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no trunk|missing sip trunk id and sip number|sip_trunk_id",
            "no callee|missing sip callee number|sip_call_to",
            "callee URI|SipCallTo should be a phone number or SIP user, not a full SIP URI|sip_call_to",
            "no room|missing room name|room_name",
            "Contact header|invalid header name: header name Contact not supported|headers",
            "header with a space|invalid header name: header name X-Bad Name contains invalid characters: char 32 not allowed|headers",
            "header value with a newline|invalid header value for X-Campaign: header X-Campaign: value: char 10 not allowed|headers",
            "unknown trunk|requested sip trunk does not exist|sip_trunk_id",
            "inline trunk without number|no numbers on outbound trunk|sip_number",
            "inline trunk without host|no outbound hostname specified|trunk.hostname",
            "display name with a quote|DisplayName must be a valid quoted string: invalid syntax|display_name",
            "to override|ToUserOverride should be a phone number or SIP user, not a full SIP URI|to_user_override"})
    void aRequestLiveKitRefusesGetsLiveKitsOwnErrorAndTheFieldToChange(String change, String error, String field) {
        LiveKitConfig trunks = OutboundCapture.config(OutboundCapture.trunk("sip.provider.example"));
        String unknown = change.equals("to override") ? "{\"toUserOverride\":\"4930123456@sip.provider.example\"}" : "";

        List<Finding> found = refusals(withRequest(trunks, CHANGES.get(change).apply(request()), unknown));

        assertEquals(1, found.size(), found.toString());
        Finding f = found.get(0);
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.title().endsWith("LiveKit refuses it: " + error), f.title());
        assertTrue(f.title().startsWith("CreateSIPParticipant request from participant.json, line 1"), f.title());
        assertTrue(f.fix().steps().get(0).contains(field), f.fix().steps().toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"media\": {\"codecs\": [{\"rate\": 8000}]}}|missing codec name",
            "{\"media\": {\"codecs\": [{\"name\": \"PCMU/8000\"}]}}|codec name must not contain '/'",
            "{\"media\": {\"codecs\": [{\"name\": \"G 722\"}]}}|invalid codec name",
            "{\"media\": {\"media_timeout\": \"900s\"}}|media_timeout must not exceed 10m0s"})
    void aRequestsMediaIsValidatedAsLiveKitDoes(String unknownFields, String error) {
        // protocol livekit/sip.go SIPMediaConfig.Validate, SIPCodec.Validate, MaxSIPMediaTimeout
        List<Finding> found = refusals(withRequest(LiveKitConfig.empty(), request(), unknownFields));

        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).title().endsWith("LiveKit refuses it: " + error), found.get(0).title());
        assertTrue(found.get(0).fix().steps().get(0).contains("media"), found.get(0).fix().steps().toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"valid, its trunk loaded|true", "its trunk not exported|false"})
    void aRequestLiveKitAcceptsOrCannotBeJudgedGetsNoFinding(String name, boolean trunkLoaded) {
        LiveKitConfig trunks = trunkLoaded ? OutboundCapture.config(OutboundCapture.trunk("sip.provider.example"))
                : LiveKitConfig.empty();

        assertEquals(List.of(), refusals(withRequest(trunks, request().putHeaders("X-Campaign", "c7"), "")));
    }

    @org.junit.jupiter.api.Test
    void besideACapturedCallARefusedRequestIsAWarningThatSaysItPlacedNoCall() {
        String invite = OutboundCapture.liveKitInvite("sip.provider.example");
        List<org.sipladder.flow.CallFlow> flows = OutboundCapture.direct(invite,
                OutboundCapture.status(invite, "486 Busy Here"));
        LiveKitConfig config = withRequest(OutboundCapture.config(OutboundCapture.trunk("sip.provider.example")),
                request().clearRoomName(), "");

        Finding f = DiagnosisEngine.standard().diagnose(flows, config).withCode(ParticipantRequestCheck.CODE).get(0);

        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.explanation().endsWith("No call in this capture was placed by it: LiveKit refuses it each time "
                + "it is sent, before any INVITE."), f.explanation());
    }
}
