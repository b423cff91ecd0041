package org.sipladder.flow;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The distinct hosts of a call (as {@link HopRoles} keys them), numbered 0, 1, 2... in the order first added: a call
 * has a handful, found by a look along a short array (a hash map cost a node per host and a hash per look), in a map
 * once there are many. What is known per host is then kept in arrays indexed by its number.
 */
final class HostNumbers {

    private static final int LISTED = 8;
    private String[] hosts = new String[LISTED];
    private int count;
    /** The numbers by host once there are more than {@link #LISTED}; null before. */
    private Map<String, Integer> many;

    /** The number of {@code host}, given it now when it has none. */
    int add(String host) {
        // a call adds the hosts of every message: nearly always the very string of one added before, found here
        // without a call (this is small enough for the quick JIT to inline)
        for (int i = many == null ? count - 1 : -1; i >= 0; i--) {
            if (hosts[i] == host) {
                return i;
            }
        }
        return addOther(host);
    }

    private int addOther(String host) {
        int n = numberOf(host);
        if (n >= 0) {
            return n;
        }
        if (count == hosts.length) {
            hosts = Arrays.copyOf(hosts, count * 2);
        }
        if (many != null) {
            many.put(host, count);
        } else if (count == LISTED) {
            many = new HashMap<>();
            for (int i = 0; i < count; i++) {
                many.put(hosts[i], i);
            }
            many.put(host, count);
        }
        hosts[count] = host;
        return count++;
    }

    /** The number of {@code host}, or -1 when it was never added. */
    int numberOf(String host) {
        if (many != null) {
            Integer n = many.get(host);
            return n == null ? -1 : n;
        }
        // the very strings, mostly (a capture's addresses are shared): compared as such before their text
        for (int i = count - 1; i >= 0; i--) {
            if (hosts[i] == host) {
                return i;
            }
        }
        for (int i = count - 1; i >= 0; i--) {
            if (hosts[i].equals(host)) {
                return i;
            }
        }
        return -1;
    }

    /** How many hosts were added. */
    int size() {
        return count;
    }

    /** The hosts by number. */
    String[] inOrder() {
        // not Arrays.copyOf: under the quick JIT alone its typed copy makes the array reflectively (a tenth of
        // HopRoles' time in calls --json on a large capture)
        String[] out = new String[count];
        System.arraycopy(hosts, 0, out, 0, count);
        return out;
    }
}
