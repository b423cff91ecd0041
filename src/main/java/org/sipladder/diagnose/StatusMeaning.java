package org.sipladder.diagnose;

import java.util.List;
import java.util.Locale;

/**
 * What a range of final statuses means to a request and what to check, one row of a table that lists them from the
 * most to the least specific (each finding about a rejected request has its own: an INVITE's 404 is an unknown
 * number, a REGISTER's an unknown account).
 *
 * @param from    first status of the range
 * @param to      last status of the range
 * @param meaning what the status means, as a clause ("the peer does not know the called user or number")
 * @param check   the fix step; {@code %1$s} in it stands for the peer that answered, {@code %2$s} for the sender
 */
record StatusMeaning(int from, int to, String meaning, String check) {

    /** The first row of {@code table} whose range holds {@code status}; its last row when none does. */
    static StatusMeaning of(List<StatusMeaning> table, int status) {
        for (StatusMeaning m : table) {
            if (status >= m.from() && status <= m.to()) {
                return m;
            }
        }
        return table.get(table.size() - 1);
    }

    /** The fix step for a request from {@code sender} that {@code peer} answered. */
    String check(String peer, String sender) {
        return String.format(Locale.ROOT, check, peer, sender);
    }
}
