package org.sipladder.livekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.livekit.LiveKitFixtures.rule;
import static org.sipladder.livekit.LiveKitFixtures.trunk;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * IPv4-mapped IPv6 addresses ({@code ::ffff:10.0.0.1}) in allowed_addresses and as the INVITE's source, read as
 * LiveKit reads them: its entries through Go's {@code netip}, which keeps a mapped address apart from the IPv4
 * address, and its source through Go's {@code net.UDPAddr} text, which writes a mapped address in dotted form.
 */
class MappedAddressTest {

    private static final String RULE = "{\"sipDispatchRuleId\":\"SDR_any\",\"rule\":{\"dispatchRuleIndividual\":"
            + "{\"roomPrefix\":\"call-\"}},\"roomConfig\":{\"agents\":[{\"agentName\":\"bot\"}]}}";

    @ParameterizedTest(name = "{0} from {1}: {2}")
    @CsvSource({
            // netip: a mapped entry never equals an IPv4 source, and no IPv4 prefix holds a mapped entry's address
            "'::ffff:10.0.0.1', 10.0.0.1, NOT_FOUND",
            "'::ffff:10.0.0.0/8', 10.0.0.1, NOT_FOUND",
            "'::ffff:10.0.0.0/104', 10.0.0.1, NOT_FOUND",
            // a mapped source reaches LiveKit as its IPv4 address
            "'10.0.0.1', '::ffff:10.0.0.1', MATCHED",
            "'10.0.0.0/8', '::ffff:10.0.0.1', MATCHED",
            "'::ffff:10.0.0.1', '::ffff:10.0.0.1', NOT_FOUND",
            "'10.0.0.1', 10.0.0.1, MATCHED",
            "'2001:db8::/32', '2001:db8::5', MATCHED"})
    void mappedAddressesMatchAsInLiveKit(String entry, String source, TrunkMatch.Kind expected) {
        LiveKitConfig config = LiveKitFixtures.config(List.of(trunk("{\"sipTrunkId\":\"ST_a\",\"numbers\":"
                + "[\"+4930123\"],\"allowedAddresses\":[\"" + entry + "\"]}")), List.of(rule(RULE)));
        InboundInvite invite = new InboundInvite("c1@h", "+4930123", "+4915112345678", "sbc.example.com", source,
                null, "+4930123");

        RoutingOutcome outcome = new RoutingSimulator(config).simulate(invite);

        assertEquals(expected, outcome.trunk().kind(), String.join("\n", outcome.reasoning()));
        if (expected == TrunkMatch.Kind.NOT_FOUND) {
            assertTrue(outcome.reasoning().stream().anyMatch(s -> s.contains(entry + " is an IPv4-mapped IPv6 address, "
                    + "which LiveKit never matches against an IPv4 source")), String.join("\n", outcome.reasoning()));
        }
    }
}
