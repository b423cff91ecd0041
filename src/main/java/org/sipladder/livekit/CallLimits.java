package org.sipladder.livekit;

import com.google.protobuf.Duration;
import java.util.Locale;
import livekit.LivekitSip.SIPInboundTrunkInfo;

/**
 * The time limits an inbound trunk puts on its calls, as LiveKit's SIP server applies them (livekit/sip
 * {@code pkg/sip/inbound.go}, {@code participant.go}): {@code ringing_timeout} bounds the wait for the agent's audio
 * (0 or unset: 3 minutes), then the call is refused with 486 Rejected; {@code max_call_duration} (0, unset or more
 * than 24 hours: 24 hours) is a deadline set when the dispatch is decided, just after the INVITE arrives, so it
 * counts the ringing too. When it passes, LiveKit sends BYE (no Reason header) to an answered call, and 486 Rejected
 * to one still ringing, which makes a duration shorter than the ringing timeout end the ringing.
 *
 * @param trunkId        the trunk's ID, or null for limits without a trunk (LiveKit's defaults)
 * @param ringingMicros  the ringing timeout in effect
 * @param ringingSet     true when the trunk sets its own ringing timeout
 * @param maxCallMicros  the maximum call duration in effect
 * @param maxCallSet     true when the trunk sets its own maximum call duration (of at most 24 hours)
 */
public record CallLimits(String trunkId, long ringingMicros, boolean ringingSet, long maxCallMicros,
                         boolean maxCallSet) {

    /** LiveKit's {@code defaultRingingTimeout}. */
    public static final long DEFAULT_RINGING_MICROS = 180_000_000L;
    /** LiveKit's global {@code maxCallDuration}, which caps a trunk's own. */
    public static final long MAX_CALL_MICROS = 24 * 3600 * 1_000_000L;

    /** LiveKit's defaults, for a call no trunk took. */
    public static final CallLimits DEFAULTS = new CallLimits(null, DEFAULT_RINGING_MICROS, false, MAX_CALL_MICROS, false);

    /** The limits of {@code trunk}, or {@link #DEFAULTS} when it is null. */
    public static CallLimits of(SIPInboundTrunkInfo trunk) {
        if (trunk == null) {
            return DEFAULTS;
        }
        long ringing = micros(trunk.hasRingingTimeout() ? trunk.getRingingTimeout() : null);
        long maxCall = micros(trunk.hasMaxCallDuration() ? trunk.getMaxCallDuration() : null);
        boolean maxCallSet = maxCall > 0 && maxCall <= MAX_CALL_MICROS;
        return new CallLimits(trunk.getSipTrunkId(), ringing > 0 ? ringing : DEFAULT_RINGING_MICROS, ringing > 0,
                maxCallSet ? maxCall : MAX_CALL_MICROS, maxCallSet);
    }

    /** How long after the INVITE LiveKit stops ringing with 486 Rejected when no agent's audio came. */
    public long ringingEndMicros() {
        return Math.min(ringingMicros, maxCallMicros);
    }

    /**
     * Which limit ends the ringing, in words: "trunk ST_x's ringing_timeout of 45 s", "LiveKit's default ringing
     * timeout of 3 min (trunk ST_x sets no ringing_timeout)", or the trunk's max_call_duration when it is shorter.
     */
    public String ringingLimit() {
        if (maxCallMicros < ringingMicros) {
            return "trunk " + trunkId + "'s max_call_duration of " + text(maxCallMicros) + ", shorter than its "
                    + (ringingSet ? "ringing_timeout of " : "default ringing timeout of ") + text(ringingMicros);
        }
        if (ringingSet) {
            return "trunk " + trunkId + "'s ringing_timeout of " + text(ringingMicros);
        }
        return "LiveKit's default ringing timeout of " + text(DEFAULT_RINGING_MICROS)
                + (trunkId == null ? "" : " (trunk " + trunkId + " sets no ringing_timeout)");
    }

    /** The ringing timeout as a config table shows it: "45 s", or "default (3 min)". */
    public String ringingCell() {
        return ringingSet ? text(ringingMicros) : "default (" + text(DEFAULT_RINGING_MICROS) + ")";
    }

    /** The maximum call duration as a config table shows it: "1 h", or "default (24 h)". */
    public String maxCallCell() {
        return maxCallSet ? text(maxCallMicros) : "default (" + text(MAX_CALL_MICROS) + ")";
    }

    /** A duration for people: "45 s", "2.5 s", "3 min", "90 min" is "1 h 30 min", "24 h". */
    public static String text(long micros) {
        if (micros % 1_000_000 != 0) {
            return String.format(Locale.ROOT, "%.1f s", micros / 1e6);
        }
        long seconds = micros / 1_000_000;
        if (seconds < 60 || seconds % 60 != 0) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        return minutes % 60 == 0 ? minutes / 60 + " h" : minutes / 60 + " h " + minutes % 60 + " min";
    }

    /** A protobuf Duration in microseconds, 0 when absent (negative stays negative: LiveKit treats it as unset). */
    private static long micros(Duration d) {
        if (d == null) {
            return 0;
        }
        // a 10,000-year Duration is still valid protobuf: saturate rather than overflow
        long seconds = Math.max(-Long.MAX_VALUE / 2_000_000, Math.min(d.getSeconds(), Long.MAX_VALUE / 2_000_000));
        return seconds * 1_000_000 + d.getNanos() / 1_000;
    }
}
