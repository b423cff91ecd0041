package org.sipladder.diagnose;

import java.util.List;

/**
 * What a range of final statuses means to a request and what to check, one row of a table that lists them from the
 * most to the least specific (each finding about a rejected request has its own: an INVITE's 404 is an unknown
 * number, a REGISTER's an unknown account).
 *
 * @param from    first status of the range
 * @param to      last status of the range
 * @param meaning what the status means, as a clause ("the peer does not know the called user or number")
 * @param check   the fix step
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
}
