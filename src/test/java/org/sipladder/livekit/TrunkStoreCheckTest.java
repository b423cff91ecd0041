package org.sipladder.livekit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.junit.jupiter.api.Test;

/**
 * LiveKit's check before it stores an updated inbound trunk (livekit-server pkg/service/sip.go UpdateSIPInboundTrunk:
 * stored trunks listed by the update's numbers through protocol ListSIPInboundTrunkRequest.Filter, the update put in
 * place of its stored version, then sip.ValidateTrunksIter).
 */
class TrunkStoreCheckTest {

    private static SIPInboundTrunkInfo trunk(String id, List<String> numbers, String... allowed) {
        return SIPInboundTrunkInfo.newBuilder().setSipTrunkId(id).addAllNumbers(numbers).addAllAllowedNumbers(List.of(allowed)).build();
    }

    @Test
    void aConflictOnTheUpdatedTrunksNumberRefusesEvenAnUnrelatedChange() {
        SIPInboundTrunkInfo a = trunk("ST_a", List.of("+4991874350352"));
        SIPInboundTrunkInfo b = trunk("ST_b", List.of("4991874350352"));
        SIPInboundTrunkInfo renamed = a.toBuilder().setName("renamed").build();
        assertEquals(List.of("ST_b", "ST_a"), TrunkStoreCheck.refusal(List.of(a, b), renamed));
    }

    @Test
    void twoDefaultTrunksRefuseTheUpdateOfAnyTrunk() {
        SIPInboundTrunkInfo numbered = trunk("ST_n", List.of("+4930111222"));
        List<SIPInboundTrunkInfo> stored = List.of(numbered, trunk("ST_a", List.of()), trunk("ST_b", List.of()));
        assertEquals(List.of("ST_b", "ST_a"), TrunkStoreCheck.refusal(stored,
                numbered.toBuilder().addNumbers("+4930111333").build()));
    }

    @Test
    void giveOneOfTwoDefaultTrunksANumberIsAccepted() {
        SIPInboundTrunkInfo a = trunk("ST_a", List.of());
        List<SIPInboundTrunkInfo> stored = List.of(a, trunk("ST_b", List.of()));
        assertEquals(List.of(), TrunkStoreCheck.refusal(stored, a.toBuilder().addNumbers("+4930111222").build()));
        List<SIPInboundTrunkInfo> three = List.of(a, trunk("ST_b", List.of()), trunk("ST_c", List.of()));
        assertEquals(List.of("ST_c", "ST_b"), TrunkStoreCheck.refusal(three, a.toBuilder().addNumbers("+4930111222").build()));
    }

    @Test
    void allowedNumbersOnOneTrunkOnlyIsNoConflictToTheValidator() {
        // validateTrunkInbound keys a trunk without allowed_numbers by "", one with them by each normalized entry
        SIPInboundTrunkInfo a = trunk("ST_a", List.of("+4991874350352"), "+493023125417");
        SIPInboundTrunkInfo b = trunk("ST_b", List.of("+4991874350352"));
        assertEquals(List.of(), TrunkStoreCheck.refusal(List.of(a, b), b.toBuilder().addNumbers("+4930111222").build()));
        assertEquals(List.of("ST_b", "ST_a"), TrunkStoreCheck.refusal(List.of(a, b), b.toBuilder()
                .addAllowedNumbers("493023125417").build()));
    }

    @Test
    void theStoredVersionIsListedByTheNewNumbersSoAMoveAwayIsNotChecked() {
        // the update moves ST_a off its old number to one ST_b holds: the stored ST_a shares no number with the
        // request, is not listed, and the update is not validated at all (LiveKit stores the conflict)
        SIPInboundTrunkInfo a = trunk("ST_a", List.of("+4930111222"));
        SIPInboundTrunkInfo b = trunk("ST_b", List.of("+4991874350352"));
        assertEquals(List.of(), TrunkStoreCheck.refusal(List.of(a, b), a.toBuilder().clearNumbers()
                .addNumbers("+4991874350352").build()));
    }
}
