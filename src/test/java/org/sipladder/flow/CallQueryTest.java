package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sipladder.ui.Flows;

class CallQueryTest {

    private final List<CallSummary> rows = List.of(
            CallSummary.of(Flows.call("answered-1", "+4930111", "4991874000111", 200, "OK")),
            CallSummary.of(Flows.call("busy-2", "+4930222", "4940555", 486, "Busy Here")),
            CallSummary.of(Flows.call("failed-3", "+4930333", "4989777", 503, "Service Unavailable")));
    private final Map<String, Set<String>> findings = Map.of("failed-3", Set.of("LK_TRUNK_CONFLICT"));

    @Test
    void fieldTermsMatchTheirField() {
        assertEquals(List.of("failed-3"), matching("status:503"));
        assertEquals(List.of("failed-3"), matching("status:5xx"));
        assertEquals(List.of("busy-2"), matching("status:4XX"));
        assertEquals(List.of("busy-2", "failed-3"), matching("failed"));
        assertEquals(List.of("busy-2"), matching("from:4930222"));
        assertEquals(List.of("failed-3"), matching("to:4989"));
        assertEquals(List.of("answered-1"), matching("callid:ANSWERED"));
        assertEquals(3, matching("ip:89.184.187.124").size());
        assertEquals(List.of(), matching("ip:10.9.9.9"));
        assertEquals(3, matching("method:invite").size());
        assertEquals(List.of(), matching("method:BYE"));
        assertEquals(3, matching("header:User-Agent=testphone").size());
        assertEquals(List.of("busy-2"), matching("header:Call-ID=busy"));
        assertEquals(List.of("failed-3"), matching("finding:lk_trunk_conflict"));
    }

    @Test
    void termsMustAllMatchAndFreeTextStillWorks() {
        assertEquals(List.of("busy-2"), matching("failed status:4xx"));
        assertEquals(List.of("busy-2"), matching("\"busy here\""));
        assertEquals(List.of("failed-3"), matching("service  failed"));
        assertEquals(3, matching("   ").size());
        assertTrue(CallQuery.parse("", Map.of()).isEmpty());
    }

    private List<String> matching(String text) {
        CallQuery query = CallQuery.parse(text, findings);
        return rows.stream().filter(query::test).map(CallSummary::id).toList();
    }
}
