package org.sipladder.sip;

import java.util.List;

/**
 * The SIP scanning and attack tools the analyzer knows, in one table: the product names their requests give in
 * User-Agent by default and the From display names they write, each from the tool's source or, for closed tools,
 * from the scans honeypots and server block lists report (each entry says which). A User-Agent names a tool only by a
 * whole product name of its value (RFC 3261 20.41: products and comments; the version after '/' aside, any case),
 * never by a word inside another: "Nero SIPPS" is no tool and "sipclient/3.2" no sipcli. Adding a tool is one entry
 * here and one case in {@code ScanToolTest}.
 */
public enum ScanTool {
    /**
     * SIPVicious OSS (svmap, svwar, svcrack): its requests' User-Agent defaults to "friendly-scanner"
     * (sipvicious/libs/svhelper.py makeRequest), the From display name to "sipvicious", whatever User-Agent it is
     * given.
     */
    SIPVICIOUS("SIPVicious, a SIP scanner and password cracker", List.of("friendly-scanner", "sipvicious"),
            List.of("sipvicious")),
    /** SIPPTS (Pepelux's sippts): every module's default user_agent is "pplsip". */
    SIPPTS("SIPPTS, a SIP penetration test suite", List.of("pplsip"), List.of()),
    /** sipcli, a command-line SIP dialler: "sipcli/v1.8" in the scans honeypots report. */
    SIPCLI("sipcli, a command-line SIP dialler seen in scans", List.of("sipcli"), List.of()),
    /** Toll-fraud diallers built on the VaxVoIP SDK: "VaxSIPUserAgent/3.1" in the scans honeypots report. */
    VAXSIP("VaxSIPUserAgent, a SIP dialler seen in toll-fraud scans", List.of("VaxSIPUserAgent"), List.of()),
    /** "sundayddr", a scanner in honeypot reports and SIP server block lists. */
    SUNDAYDDR("sundayddr, a SIP scanner", List.of("sundayddr"), List.of()),
    /** "sip-scan", a scanner in honeypot reports and SIP server block lists. */
    SIP_SCAN("sip-scan, a SIP scanner", List.of("sip-scan"), List.of()),
    /** sipsak, the SIP swiss army knife: User-Agent "sipsak VERSION"; a test tool, often pointed at others' servers. */
    SIPSAK("sipsak, a SIP test and probing tool", List.of("sipsak"), List.of());

    /** Every known tool, in table order. */
    public static final List<ScanTool> ALL = List.of(values());

    private final String title;
    private final String[] agentNames;
    private final String[] displayNames;

    /**
     * @param title        the tool and what it is, as evidence names it
     * @param agentNames   product names of a User-Agent (any case) that name this tool
     * @param displayNames From display names (any case) only this tool writes
     */
    ScanTool(String title, List<String> agentNames, List<String> displayNames) {
        this.title = title;
        this.agentNames = agentNames.toArray(new String[0]);
        this.displayNames = displayNames.toArray(new String[0]);
    }

    /** The tool and what it is, e.g. "SIPVicious, a SIP scanner and password cracker". */
    public String title() {
        return title;
    }

    /** The tool's name alone, e.g. "SIPVicious": its title up to the comma. */
    public String product() {
        return title.substring(0, title.indexOf(','));
    }

    /** The tool a product name of {@code agent} (a User-Agent or Server value) names, or null. */
    public static ScanTool ofAgent(String agent) {
        if (agent == null) {
            return null;
        }
        int n = agent.length();
        int i = 0;
        while (i < n) {
            char c = agent.charAt(i);
            if (c == '(') {
                i = afterComment(agent, i);
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                int start = i;
                int slash = -1;
                while (i < n && agent.charAt(i) != '(' && !Character.isWhitespace(agent.charAt(i))) {
                    if (slash < 0 && agent.charAt(i) == '/') {
                        slash = i;
                    }
                    i++;
                }
                ScanTool tool = named(agent, start, slash < 0 ? i : slash, true);
                if (tool != null) {
                    return tool;
                }
            }
        }
        return null;
    }

    /** The tool whose own From display name {@code from} (a From value) has, or null. */
    public static ScanTool ofFrom(String from) {
        long span = displaySpan(from);
        return span < 0 ? null : named(from, (int) (span >>> 32), (int) span, false);
    }

    /** The display name of {@code from} (a From value), unquoted, or null when it has none. */
    public static String displayName(String from) {
        long span = displaySpan(from);
        return span < 0 ? null : from.substring((int) (span >>> 32), (int) span);
    }

    /** Start and end of the display name of {@code from} in one long (start in the high half), -1 for none. */
    private static long displaySpan(String from) {
        if (from == null) {
            return -1;
        }
        int start = 0;
        int n = from.length();
        while (start < n && Character.isWhitespace(from.charAt(start))) {
            start++;
        }
        int end;
        if (start < n && from.charAt(start) == '"') {
            start++;
            end = from.indexOf('"', start);
        } else {
            end = from.indexOf('<', start);
            while (end > start && Character.isWhitespace(from.charAt(end - 1))) {
                end--;
            }
        }
        return end <= start ? -1 : (long) start << 32 | end;
    }

    /** Index just past the comment (nested parentheses, RFC 3261 25.1) that starts at {@code open}. */
    private static int afterComment(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            }
        }
        return s.length();
    }

    /** The tool one of whose agent (or display) names is {@code s} from {@code start} to {@code end}, any case. */
    private static ScanTool named(String s, int start, int end, boolean agent) {
        int length = end - start;
        for (ScanTool tool : values()) {
            for (String name : agent ? tool.agentNames : tool.displayNames) {
                if (name.length() == length && s.regionMatches(true, start, name, 0, length)) {
                    return tool;
                }
            }
        }
        return null;
    }
}
