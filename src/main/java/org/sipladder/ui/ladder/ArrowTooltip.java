package org.sipladder.ui.ladder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.sipladder.ladder.LadderRow;
import org.sipladder.sip.SipMessage;

/** What the tooltip of a ladder arrow says: the request or status, when, which Call-ID, how big, from where to where. */
final class ArrowTooltip {

    private ArrowTooltip() {
    }

    static String text(LadderRow row, ZoneId zone) {
        SipMessage m = row.message().message();
        String what = m.isRequest() ? m.method() + " " + m.requestUri() : m.label();
        long micros = m.timestampMicros();
        Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
        String time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT).withZone(zone).format(at);
        int size = m.raw() == null ? 0 : m.raw().getBytes(StandardCharsets.UTF_8).length;
        return what
                + "\nTime: " + time + " (" + (zone.getId().equals("Z") ? "UTC" : zone.getId()) + ")"
                + "\nCall-ID: " + m.callId()
                + "\nSize: " + String.format(Locale.ROOT, "%,d", size) + " bytes · frame " + m.frame()
                + (row.message().retransmission() ? " · retransmission" : "")
                + "\n" + m.src() + " \u2192 " + m.dst() + " " + m.transport();
    }
}
