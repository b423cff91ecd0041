package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.TimingCorrelation.Received;

class RecentInvitesTest {

    private final MessageStore store = new MessageStore();

    private Received received(long micros, String digits) {
        return new Received(new LegState("c" + micros, store), micros, 0, digits, null);
    }

    /** The positions {@link RecentInvites#newestBefore} walks through from the newest, as a window would. */
    private static List<Integer> walk(RecentInvites invites, long now, long window, int tail, LegState leg) {
        List<Integer> positions = new ArrayList<>();
        for (int p = invites.newestBefore(invites.size(), now, window, tail, leg); p >= 0;
                p = invites.newestBefore(p, now, window, tail, leg)) {
            positions.add(p);
        }
        return positions;
    }

    @Test
    void keepsOrderAcrossGrowthAndDrops() {
        RecentInvites invites = new RecentInvites(2);
        for (int i = 0; i < 40; i++) {
            invites.addLast(received(i * 10, "4930123456" + (i % 10)));
            if (i % 7 == 6) {
                invites.dropOlderThan(i * 10 - 50L); // the ring's head moves while it grows
            }
        }
        invites.dropOlderThan(300);
        assertEquals(10, invites.size());
        for (int p = 0; p < invites.size(); p++) {
            assertEquals(300 + p * 10L, invites.get(p).micros());
        }
        assertEquals(390, invites.lastMicros());
        invites.dropOlderThan(1_000);
        assertEquals(0, invites.size());
        assertEquals(Long.MIN_VALUE, invites.lastMicros());
    }

    @Test
    void walksNewestFirstWithinTheWindowForOneNumber() {
        RecentInvites invites = new RecentInvites(4);
        Received own = received(500, "4930123450");
        invites.addLast(received(100, "4930123450")); // older than the window
        invites.addLast(received(200, "4930123450"));
        invites.addLast(received(300, "4930999999"));
        invites.addLast(own);
        invites.addLast(received(600, "4930123450")); // after the INVITE looked for: not before it
        invites.addLast(received(450, "4930123450"));
        int tail = TimingCorrelation.lastDigitsOf("4930123450");
        assertEquals(List.of(5, 1), walk(invites, 550, 400, tail, own.leg()));
        assertEquals(List.of(5, 3, 2, 1), walk(invites, 550, 400, RecentInvites.ANY_NUMBER, null));
    }

    @Test
    void stopsAtTheFirstInviteOlderThanTheWindowWhateverItsNumber() {
        // timestamps out of capture order: the walk stops where a window over every number stops, so a filtered walk
        // finds the same INVITEs as the unfiltered one followed by the number check
        RecentInvites invites = new RecentInvites(4);
        invites.addLast(received(900, "4930123450"));
        invites.addLast(received(100, "4930999999"));
        invites.addLast(received(950, "4930123450"));
        int tail = TimingCorrelation.lastDigitsOf("4930123450");
        assertEquals(List.of(2), walk(invites, 1_000, 400, tail, null));
        assertEquals(950, invites.lastMicros());
    }

    @Test
    void aShortNumberMatchesNoTail() {
        Received shortOne = received(10, "123");
        assertEquals(false, shortOne.endsIn("00000123", 123));
        assertEquals(true, received(10, "4930000123").endsIn("30000123", 30000123));
        // digits other than ASCII are compared as text
        assertEquals(true, received(10, "٤٩٣٠١٢٣٤٥٦").endsIn("٣٠١٢٣٤٥٦", -1));
    }
}
