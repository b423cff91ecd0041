package org.sipladder.source.homer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A row's time is HEP's: whole seconds in 32 bits (chunk 0x0009) and microseconds. A time beyond that range was
 * multiplied into microseconds past a long's range and listed as a call of 1969 or 1753 (create_date
 * 9223372036854775807, 1.5e19) or 1970 (a negative one): it is no readable time, and the row is counted as such.
 */
class HomerCallsTest {

    private static HomerFound found(String rows) {
        JsonArray array = JsonParser.parseString(rows).getAsJsonArray();
        return HomerCalls.found(array, null, "Homer at http://homer:9080");
    }

    @Test
    void aTimeOutsideHepsRangeIsNoReadableTime() {
        HomerFound found = found("[{\"callid\": \"ok\", \"create_date\": 1765000000123},"
                + "{\"callid\": \"max\", \"create_date\": 9223372036854775807},"
                + "{\"callid\": \"huge\", \"create_date\": 1.5e19},"
                + "{\"callid\": \"negative\", \"create_date\": -1000},"
                + "{\"callid\": \"seconds\", \"timeSeconds\": 1e12, \"timeUseconds\": 0},"
                + "{\"callid\": \"micros\", \"timeSeconds\": 1765000000, \"timeUseconds\": 1e20}]");
        assertEquals(List.of("ok"), found.calls().stream().map(HomerCall::callId).toList());
        assertEquals(Instant.parse("2025-12-06T05:46:40.123Z"), found.calls().get(0).start());
        assertEquals("Homer at http://homer:9080 answered the search with 6 rows; 5 could not be read and were left "
                + "out (no readable time (timeSeconds or create_date): 5), so the calls listed may lack messages or "
                + "be missing.", found.skipped());
    }

    @Test
    void theEdgesOfHepsRangeAreTimes() {
        HomerFound found = found("[{\"callid\": \"zero\", \"timeSeconds\": 0, \"timeUseconds\": 0},"
                + "{\"callid\": \"last\", \"timeSeconds\": 4294967295, \"timeUseconds\": 999999}]");
        assertEquals(List.of(Instant.EPOCH, Instant.ofEpochSecond(4294967295L, 999_999_000)),
                found.calls().stream().map(HomerCall::start).toList());
        assertEquals("", found.skipped());
    }
}
