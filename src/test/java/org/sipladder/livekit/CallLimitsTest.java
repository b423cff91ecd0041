package org.sipladder.livekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Duration;
import java.nio.file.Path;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trunk's ringing_timeout and max_call_duration: read in both JSON spellings, shown, and applied as LiveKit does. */
class CallLimitsTest {

    @TempDir
    Path dir;

    private final ConfigFileLoader loader = new ConfigFileLoader();

    @Test
    void readsMaxCallDurationInBothSpellingsAndShowsItBesideTheRingingTimeout() throws Exception {
        Path file = LiveKitFixtures.write(dir, "t.json", """
                {"items": [
                  {"sipTrunkId": "ST_camel", "numbers": ["+1555"], "ringingTimeout": "45s", "maxCallDuration": "3600s"},
                  {"sip_trunk_id": "ST_snake", "numbers": ["+1556"], "max_call_duration": "90.5s"},
                  {"sipTrunkId": "ST_none", "numbers": ["+1557"]} ]}""");

        LiveKitConfig config = loader.load(file);
        TrunkRow camel = TrunkRow.of(config.trunk("ST_camel"), config, SecretScrubber.of(config));
        TrunkRow snake = TrunkRow.of(config.trunk("ST_snake"), config, SecretScrubber.of(config));
        TrunkRow none = TrunkRow.of(config.trunk("ST_none"), config, SecretScrubber.of(config));

        assertEquals("45 s", camel.ringingTimeout());
        assertEquals("1 h", camel.maxCallDuration());
        assertEquals("default (3 min)", snake.ringingTimeout());
        assertEquals("90.5 s", snake.maxCallDuration());
        assertEquals("default (24 h)", none.maxCallDuration());
        assertEquals(90_500_000L, CallLimits.of(config.trunk("ST_snake")).maxCallMicros());
    }

    @Test
    void anObjectKnownOnlyByItsMaxCallDurationIsATrunk() throws Exception {
        Path file = LiveKitFixtures.write(dir, "t.json", """
                {"name": "carrier", "max_call_duration": "600s"}""");

        assertEquals(600, loader.load(file).trunks().get(0).getMaxCallDuration().getSeconds());
    }

    @Test
    void aDurationWrittenAsGoOrAsANumberIsOneClearError() throws Exception {
        for (String value : new String[] {"\"1h\"", "3600"}) {
            Path file = LiveKitFixtures.write(dir, "bad.json", """
                    [ {"sipTrunkId": "ST_bad", "numbers": ["+1555"],
                       "maxCallDuration": %s} ]""".formatted(value));

            LiveKitConfigException e = assertThrows(LiveKitConfigException.class, () -> loader.load(file));

            String message = e.getMessage();
            assertTrue(message.contains(file + ", line 1 (ST_bad) has maxCallDuration " + value), message);
            assertTrue(message.contains("\"3600s\""), message);
            assertFalse(message.contains("\n"), message);
        }
    }

    @Test
    void aDurationProtobufFailsToReadWithoutAParseExceptionIsTheSameClearError() throws Exception {
        // protobuf's Durations.parse reads the seconds with Long.parseLong ("1e3s": NumberFormatException) and checks
        // the range after (beyond 10,000 years: IllegalArgumentException); either ended the run with an internal error
        for (String value : new String[] {"\"1e3s\"", "\"99999999999999s\"", "\"99999999999999999999s\""}) {
            Path file = LiveKitFixtures.write(dir, "bad.json", """
                    [ {"sipTrunkId": "ST_bad", "numbers": ["+1555"],
                       "ringingTimeout": %s} ]""".formatted(value));

            LiveKitConfigException e = assertThrows(LiveKitConfigException.class, () -> loader.load(file));

            assertTrue(e.getMessage().contains(file + ", line 1 (ST_bad) has ringingTimeout " + value), e.getMessage());
        }
    }

    @Test
    void zeroOrNegativeMeansTheDefaultAndMoreThanADayIsCappedAsLiveKitDoes() {
        CallLimits zero = CallLimits.of(trunk(0, 0));
        assertFalse(zero.ringingSet());
        assertFalse(zero.maxCallSet());
        assertEquals(CallLimits.DEFAULT_RINGING_MICROS, zero.ringingMicros());
        assertEquals("LiveKit's default ringing timeout of 3 min (trunk ST_t sets no ringing_timeout)", zero.ringingLimit());

        CallLimits long_ = CallLimits.of(trunk(-5, 200_000));
        assertFalse(long_.maxCallSet());
        assertEquals(CallLimits.MAX_CALL_MICROS, long_.maxCallMicros());
    }

    @Test
    void aMaxCallDurationShorterThanTheRingingTimeoutEndsTheRinging() {
        CallLimits limits = CallLimits.of(trunk(60, 20));

        assertEquals(20_000_000L, limits.ringingEndMicros());
        assertEquals("trunk ST_t's max_call_duration of 20 s, shorter than its ringing_timeout of 1 min",
                limits.ringingLimit());
        assertEquals("trunk ST_t's ringing_timeout of 1 min", CallLimits.of(trunk(60, 0)).ringingLimit());
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertEquals("45 s", CallLimits.text(45_000_000L));
        assertEquals("3 min", CallLimits.text(180_000_000L));
        assertEquals("1 h 30 min", CallLimits.text(5_400_000_000L));
        assertEquals("2.5 s", CallLimits.text(2_500_000L));
        assertEquals("90 s", CallLimits.text(90_000_000L));
    }

    private static SIPInboundTrunkInfo trunk(long ringingSeconds, long maxCallSeconds) {
        return SIPInboundTrunkInfo.newBuilder().setSipTrunkId("ST_t")
                .setRingingTimeout(Duration.newBuilder().setSeconds(ringingSeconds))
                .setMaxCallDuration(Duration.newBuilder().setSeconds(maxCallSeconds)).build();
    }
}
