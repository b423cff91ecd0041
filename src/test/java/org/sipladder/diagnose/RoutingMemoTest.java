package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.Deployment;
import org.sipladder.livekit.InboundInvite;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.PhoneNumbers;
import org.sipladder.livekit.ResponseComparison;
import org.sipladder.livekit.RoutingOptions;
import org.sipladder.livekit.RoutingOutcome;
import org.sipladder.livekit.RoutingSimulator;
import org.sipladder.livekit.TrunkAdmission;

/**
 * What a diagnosis works out once and shares between calls (a simulator per Request-URI host, a verdict per pair of
 * expected and captured responses, the config's texts) gives each call what working it out for that call alone
 * gives.
 */
class RoutingMemoTest {

    @Test
    void eachCallIsRoutedAsOnItsOwn() {
        // Cloud, self-hosted names (more than the simulators kept) and addresses, with varied answers, in one run
        List<String> hosts = new ArrayList<>(List.of("project-1z3kctsj.sip.livekit.cloud", "129.158.233.108"));
        for (int i = 0; i < LiveKitRoutings.HOSTS_KEPT + 6; i++) {
            hosts.add("lk" + i + ".example.com");
        }
        String[][] answers = {{"100 Processing", "404 No trunk found"}, {"100 Processing", "503 Try again later"},
            {"486 Busy Here"}, {}, {"100 Processing", "180 Ringing", "200 OK"},
            {"100 Processing", "503 Service Unavailable"}, {"100 Processing", "404 Not Found"}};
        List<CallFlow> flows = new ArrayList<>();
        for (int i = 0; i < 3 * hosts.size(); i++) {
            String called = i % 3 == 0 ? "+4991874350352" : "4991874350" + (100 + i);
            String uri = "sip:" + called + "@" + hosts.get(i % hosts.size());
            TestCall call = TestCall.carrierJambonzLiveKit();
            String invite = SipTexts.invite("call-" + i, uri, "+493023125417", TestCall.JAMBONZ, SipTexts.SDP_G711);
            call.send(TestCall.JAMBONZ, TestCall.LIVEKIT, invite);
            for (String r : answers[i % answers.length]) {
                String[] parts = r.split(" ", 2);
                call.send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(invite, Integer.parseInt(parts[0]), parts[1]));
            }
            flows.add(call.flow());
        }
        LiveKitConfig config = TestConfig.seed();
        Diagnosis diagnosis = DiagnosisEngine.standard().diagnose(flows, config);
        assertEquals(flows.size(), diagnosis.routings().size());
        int selfHosted = 0;
        int cloudByAnswers = 0;
        for (LiveKitRouting r : diagnosis.routings()) {
            String host = SipAddress.parse(r.transaction().request().requestUri()).host();
            var options = DiagnosisSettings.FROM_EVIDENCE.routingOptions(host);
            if (!options.cloud() && r.outcome().options().cloud()) {
                // a name that only guessed self-hosted, and LiveKit answered as only LiveKit Cloud answers
                assertEquals(new org.sipladder.livekit.StatusLine(404, "No trunk found"),
                        r.observed().get(r.observed().size() - 1), host);
                options = options.cloudByAnswers();
                cloudByAnswers++;
            }
            // the routings the diagnosis hands out are scrubbed: the seed config's password shows nowhere in them
            assertEquals(new RoutingSimulator(config, options).simulate(r.invite()).scrubbed(
                    org.sipladder.livekit.SecretScrubber.of(config)), r.outcome(), host);
            assertEquals(ResponseComparison.compare(r.outcome().expectedResponses(), r.observed()), r.consistency(), host);
            selfHosted += r.outcome().options().cloud() ? 0 : 1;
        }
        assertNotEquals(0, cloudByAnswers, "INVITEs to self-hosted names answered as only LiveKit Cloud answers");
        assertEquals(3 * (LiveKitRoutings.HOSTS_KEPT + 6), selfHosted + cloudByAnswers, "INVITEs to self-hosted names");
    }

    @Test
    void trunkMissAsTheFiltersSayIt() {
        Random random = new Random(5);
        String[] numbers = {"4991874350352", "+4991874350352", "+49 (918) 743-50352", "91874350352", "004991874350352",
            "0991874350352", "", "+", "abc", "4930123456"};
        for (int c = 0; c < 300; c++) {
            List<SIPInboundTrunkInfo> trunks = new ArrayList<>();
            for (int t = random.nextInt(4); t > 0; t--) {
                SIPInboundTrunkInfo.Builder b = TestConfig.trunk("ST_" + t);
                for (int n = random.nextInt(3); n > 0; n--) {
                    b.addNumbers(numbers[random.nextInt(numbers.length)]);
                }
                if (random.nextInt(3) == 0) {
                    b.addAllowedNumbers(numbers[random.nextInt(numbers.length)]);
                }
                if (random.nextInt(3) == 0) {
                    b.addAllowedAddresses(random.nextBoolean() ? "89.184.0.0/16" : "10.0.0.0/8");
                }
                trunks.add(b.build());
            }
            LiveKitConfig config = new LiveKitConfig(trunks, List.of(), List.of("random"));
            ConfigTexts texts = new ConfigTexts(config);
            for (int i = 0; i < 20; i++) {
                String called = random.nextInt(8) == 0 ? null : numbers[random.nextInt(numbers.length)];
                InboundInvite invite = new InboundInvite("c", called, numbers[random.nextInt(numbers.length)], "h",
                        random.nextBoolean() ? "89.184.187.200" : "10.1.2.3", null,
                        random.nextBoolean() ? called : numbers[random.nextInt(numbers.length)]);
                assertEquals(filtered(config, invite), TrunkMiss.of(config, texts, invite), config + " " + invite);
            }
        }
    }

    @Test
    void aMemoOfItsOwnGivesEachConfigItsTexts() {
        LiveKitConfig a = TestConfig.config(List.of(TestConfig.trunk("ST_a", "+4930111")), List.of());
        LiveKitConfig b = TestConfig.config(List.of(TestConfig.trunk("ST_b", "4930222"), TestConfig.trunk("ST_c")),
                List.of());
        CallMemo memo = new CallMemo();
        assertEquals("Trunk numbers: ST_a [+4930111]", memo.configTexts(a).trunkNumbers());
        assertEquals("Trunk numbers: ST_b [4930222]; ST_c (none)", memo.configTexts(b).trunkNumbers());
        assertEquals(List.of("ST_b", "ST_c"), memo.configTexts(b).trunkIds());
        assertEquals("+4930222", memo.configTexts(b).normalizedNumber(0, 0));
        assertNotEquals(memo.configTexts(a).trunkIds(), memo.configTexts(b).trunkIds());
        assertEquals(List.of("ST_a"), memo.configTexts(a).trunkIds());
    }

    @Test
    void theAssumptionSaidIsEachOutcomes() {
        LiveKitConfig config = TestConfig.seed();
        ConfigTexts texts = new ConfigTexts(config);
        InboundInvite invite = new InboundInvite("c", "4991874350009", "4930123456", "h", "89.184.187.200", null,
                "4991874350009");
        for (RoutingOptions options : List.of(RoutingOptions.DEFAULT, RoutingOptions.DEFAULT,
                RoutingOptions.stated(Deployment.SELF_HOSTED), RoutingOptions.forLiveKitHost("a.sip.livekit.cloud"),
                RoutingOptions.forLiveKitHost("lk.example.com"), RoutingOptions.DEFAULT)) {
            RoutingOutcome outcome = new RoutingSimulator(config, options).simulate(invite);
            assertEquals(outcome.assumption(), texts.assumption(outcome), options.toString());
        }
    }

    /** TrunkMiss as the filters read, one trunk at a time (the form before it was worked out in loops). */
    private static TrunkMiss filtered(LiveKitConfig config, InboundInvite invite) {
        List<SIPInboundTrunkInfo> listing = config.trunks().stream()
                .filter(t -> t.getNumbersList().stream().anyMatch(n -> PhoneNumbers.sameNumber(n, invite.calledNumber())))
                .toList();
        return new TrunkMiss(
                listing.stream().filter(t -> !TrunkAdmission.sourceAllowed(t, invite.sourceIp(), invite.fromHost())).toList(),
                listing.stream().filter(t -> TrunkAdmission.sourceAllowed(t, invite.sourceIp(), invite.fromHost())
                        && !TrunkAdmission.callerAllowed(t, invite.callingNumber())).toList(),
                listing.isEmpty() ? config.trunks().stream().filter(t -> t.getNumbersList().stream()
                        .anyMatch(n -> variantOf(n, invite))).toList() : List.of());
    }

    /** The trunk number equals the R-URI user, or differs from the To user only by country code or trunk prefix. */
    private static boolean variantOf(String trunkNumber, InboundInvite invite) {
        String ruri = invite.requestUriUser();
        if (ruri != null && !ruri.isEmpty() && PhoneNumbers.sameNumber(trunkNumber, ruri)) {
            return true;
        }
        String trunkDigits = trunkNumber.replaceAll("[^0-9]", "");
        String called = (invite.calledNumber() == null ? "" : invite.calledNumber()).replaceAll("[^0-9]", "")
                .replaceFirst("^0+", "");
        return called.length() >= 6 && trunkDigits.equals(called)
                || called.length() >= 6 && trunkDigits.length() > called.length()
                && trunkDigits.length() - called.length() <= 3 && trunkDigits.endsWith(called)
                || called.length() > trunkDigits.length() && trunkDigits.length() >= 6 && called.endsWith(trunkDigits)
                && called.length() - trunkDigits.length() <= 3;
    }
}
