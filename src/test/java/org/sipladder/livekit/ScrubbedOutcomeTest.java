package org.sipladder.livekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.junit.jupiter.api.Test;

/**
 * An outcome scrubbed of the config's passwords: every text passed through the scrubber, also the sentences about
 * skipped trunks, which are searched once when they are reasoning lines; the outcome itself when nothing in it is a
 * secret.
 */
class ScrubbedOutcomeTest {

    private static final String SECRET = "pw-0815";

    @Test
    void everyTextIsScrubbedAndACleanOutcomeIsItself() {
        Random random = new Random(3);
        String[] names = {"", "inbound", SECRET, "x " + SECRET + "/y"};
        String[] numbers = {"4991874350352", "+4991874350352", "4930123456", SECRET};
        int same = 0;
        for (int c = 0; c < 400; c++) {
            List<SIPInboundTrunkInfo> trunks = new ArrayList<>();
            trunks.add(SIPInboundTrunkInfo.newBuilder().setSipTrunkId("ST_auth").addNumbers("+4930999")
                    .setAuthUsername("u").setAuthPassword(SECRET).build());
            for (int t = random.nextInt(8); t > 0; t--) {
                SIPInboundTrunkInfo.Builder b = SIPInboundTrunkInfo.newBuilder().setSipTrunkId("ST_" + t)
                        .setName(names[random.nextInt(names.length)]);
                for (int n = random.nextInt(3); n > 0; n--) {
                    b.addNumbers(numbers[random.nextInt(numbers.length)]);
                }
                trunks.add(b.build());
            }
            LiveKitConfig config = new LiveKitConfig(trunks, List.of(), List.of("random"));
            SecretScrubber secrets = SecretScrubber.of(config);
            String called = numbers[random.nextInt(numbers.length)];
            RoutingOutcome outcome = new RoutingSimulator(config).simulate(new InboundInvite("c", called,
                    "4930123456", "h", "89.184.187.200", null, called));
            RoutingOutcome scrubbed = outcome.scrubbed(secrets);
            assertEquals(eachTextScrubbed(outcome, secrets), scrubbed);
            assertFalse(scrubbed.toString().contains(SECRET), scrubbed::toString);
            if (!outcome.toString().contains(SECRET)) {
                assertSame(outcome, scrubbed);
                same++;
            }
        }
        assertEquals(true, same > 50 && same < 350, same + " clean outcomes");
    }

    /** Every text of {@code o} through {@code s}, one at a time (the form before clean outcomes were kept). */
    private static RoutingOutcome eachTextScrubbed(RoutingOutcome o, SecretScrubber s) {
        TrunkMatch t = o.trunk();
        DispatchMatch d = o.dispatch();
        SIPInboundTrunkInfo trunk = t.trunk() == null ? null : t.trunk().toBuilder()
                .setSipTrunkId(s.scrub(t.trunk().getSipTrunkId())).setName(s.scrub(t.trunk().getName())).build();
        return new RoutingOutcome(new TrunkMatch(t.kind(), trunk, s.scrub(t.candidateIds()), s.scrub(t.error()),
                s.scrub(t.skipped())), o.auth(), new DispatchMatch(d.kind(), d.rule(), s.scrub(d.candidateIds()),
                s.scrub(d.roomName()), s.scrub(d.agentNames()), s.scrub(d.error())), s.scrub(o.expectedResponses()),
                s.scrub(o.reasoning()), o.options().withBasis(s.scrub(o.options().basis())));
    }
}
