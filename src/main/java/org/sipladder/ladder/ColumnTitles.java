package org.sipladder.ladder;

import java.util.Locale;
import org.sipladder.flow.Hop;

/**
 * The two title lines of a hop's column: "LiveKit" over "129.158.233.108", or an alias over role and address; a
 * party of a shared host shows its port too ("127.0.0.1:5060").
 */
final class ColumnTitles {

    private ColumnTitles() {
    }

    static String[] of(Hop hop) {
        String address = hop.place();
        String name = hop.name() == null ? "" : hop.name().strip();
        String rest = name.endsWith(address) ? name.substring(0, name.length() - address.length()).strip() : name;
        String role = hop.role().displayName();
        if (rest.isEmpty() || rest.equals(address)) {
            return new String[] {role, address};
        }
        if (rest.toLowerCase(Locale.ROOT).contains(role.toLowerCase(Locale.ROOT))) {
            return new String[] {rest, address};
        }
        return new String[] {rest, role + " \u00b7 " + address};
    }
}
