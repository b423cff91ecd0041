package org.sipladder.flow;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.IpAddresses;

/**
 * The names a user gave to hosts, by address: the one alias map of the application. The desktop app keeps it in
 * the user's preferences, the command line takes it from {@code --alias ADDRESS=NAME}; both apply it to the
 * analysed calls here, so the call list, the ladder, its exports, the PDF and the JSON show the same names.
 * Applied on top of the names the analysis guessed, so removing an alias restores them.
 *
 * @param byAddress display name by IP address, or by {@code address:port} for one party of a host that several
 *                  parties of a call share ({@link Hop#place}; names are stripped; blank ones are dropped)
 */
public record HopAliases(Map<String, String> byAddress) {

    public HopAliases {
        Map<String, String> kept = new LinkedHashMap<>();
        byAddress.forEach((address, name) -> {
            if (name != null && !name.isBlank()) {
                kept.put(address.strip(), name.strip());
            }
        });
        byAddress = Collections.unmodifiableMap(kept);
    }

    /** No aliases: every hop keeps its "Role address" name. */
    public static HopAliases none() {
        return new HopAliases(Map.of());
    }

    /**
     * Aliases from {@code ADDRESS=NAME} texts, as the command line takes them.
     *
     * @throws IllegalArgumentException naming the text that is not of that form
     */
    public static HopAliases parse(List<String> specs) {
        Map<String, String> byAddress = new LinkedHashMap<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || spec.substring(0, eq).isBlank() || spec.substring(eq + 1).isBlank()) {
                throw new IllegalArgumentException("--alias \"" + spec + "\" is not ADDRESS=NAME, e.g. --alias 172.20.11.236=SBC");
            }
            String place = place(spec.substring(0, eq).strip());
            if (place == null) {
                throw new IllegalArgumentException("--alias \"" + spec + "\": " + spec.substring(0, eq).strip()
                        + " is not an IP address, ADDRESS:PORT or [IPv6]:PORT, e.g. --alias 172.20.11.236=SBC");
            }
            byAddress.put(place, spec.substring(eq + 1));
        }
        return new HopAliases(byAddress);
    }

    /**
     * An address, or {@code address:port} of one party ({@code [address]:port} for IPv6), as hops write it
     * ({@link Hop#place}: IPv6 compressed per RFC 5952), so that any spelling of it names its hop; null when it is none.
     */
    private static String place(String text) {
        int colon = text.lastIndexOf(':');
        boolean bracketed = text.startsWith("[");
        if (!bracketed && colon >= 0 && text.indexOf(':') != colon) {
            return addressText(text); // IPv6 without a port
        }
        if (colon < 0) {
            return addressText(text);
        }
        String host = bracketed && text.lastIndexOf("]:") == colon - 1 ? text.substring(1, colon - 1)
                : bracketed ? null : text.substring(0, colon);
        String address = host == null || bracketed != (host.indexOf(':') >= 0) ? null : addressText(host);
        int port = port(text.substring(colon + 1));
        return address == null || port < 1 ? null : new Endpoint(address, port).toString();
    }

    private static String addressText(String literal) {
        byte[] bytes = IpAddresses.literal(literal);
        return bytes == null ? null : IpAddresses.text(bytes);
    }

    /** The port 1-65535 written in {@code digits}, else -1. */
    private static int port(String digits) {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int port = Integer.parseInt(digits);
        return port <= 65535 ? port : -1;
    }

    /** These aliases with {@code address} named {@code name}; a blank name removes its alias. */
    public HopAliases with(String address, String name) {
        Map<String, String> next = new LinkedHashMap<>(byAddress);
        next.remove(address.strip());
        next.put(address.strip(), name == null ? "" : name);
        return new HopAliases(next);
    }

    public boolean isEmpty() {
        return byAddress.isEmpty();
    }

    /** {@code flow} with every hop whose address has an alias renamed; the same object when none applies. */
    public CallFlow apply(CallFlow flow) {
        if (byAddress.isEmpty() || flow.hops().stream().noneMatch(h -> aliasOf(h) != null)) {
            return flow;
        }
        List<Hop> hops = new ArrayList<>(flow.hops().size());
        for (Hop hop : flow.hops()) {
            String alias = aliasOf(hop);
            hops.add(alias == null ? hop : new Hop(hop.address(), hop.role(), alias, hop.evidence(), hop.ports()));
        }
        return new CallFlow(flow.id(), flow.legs(), List.copyOf(hops), flow.messages(), flow.joinEvidence(),
                flow.timings());
    }

    /** A party of a shared host is named by its {@code address:port} first, then as its whole host is. */
    private String aliasOf(Hop hop) {
        String alias = hop.split() ? byAddress.get(hop.place()) : null;
        return alias != null ? alias : byAddress.get(hop.address());
    }

    /**
     * Every flow with the aliases applied, each when it is read (the list may assemble its calls when read, see
     * {@link CallSummary#flows}); the same list when there are none.
     */
    public List<CallFlow> applyAll(List<CallFlow> flows) {
        if (byAddress.isEmpty()) {
            return flows;
        }
        return new AbstractList<>() {
            @Override
            public CallFlow get(int index) {
                return apply(flows.get(index));
            }

            @Override
            public int size() {
                return flows.size();
            }
        };
    }
}
