package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.sipladder.source.homer.HomerCall;

/** homer search --json prints its lines as it did with a Gson tree: nulls left out, Gson's compact form. */
class HomerSearchJsonTest {

    @Test
    void aCallPrintsAsItsGsonTreeDid() throws IOException {
        for (HomerCall c : new HomerCall[] {
            new HomerCall("abc@10.0.0.1", "+4930999", "+4940888", Instant.ofEpochSecond(1_764_680_060, 123_000),
                    "INVITE", "486", 7),
            new HomerCall("x\"<y>\u00e9", null, "", Instant.ofEpochSecond(5), null, null, 0)}) {
            StringWriter ours = new StringWriter();
            HomerSearchCommand.line(JsonOut.lines(ours), c);
            JsonObject o = new JsonObject();
            o.addProperty("callId", c.callId());
            o.addProperty("from", c.from());
            o.addProperty("to", c.to());
            o.addProperty("start", JsonTime.seconds(c.start().getEpochSecond() * 1_000_000L + c.start().getNano() / 1000));
            o.addProperty("method", c.method());
            o.addProperty("status", c.status());
            o.addProperty("messages", c.messages());
            assertEquals(new GsonBuilder().disableHtmlEscaping().create().toJson(o) + System.lineSeparator(),
                    ours.toString());
        }
    }
}
