package org.sipladder.livekit;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import livekit.LivekitSip.SIPOutboundTrunkInfo;

/**
 * The one place that hides trunk passwords in text on its way out (findings, JSON, the PDF, the LiveKit view, error
 * messages), wherever a password stands as a token of its own (not inside a longer run of letters and digits: a
 * password "p" leaves "private" alone), also where it doubles as a trunk's name or user name. A text is searched
 * once per distinct password length with a rolling hash (Rabin-Karp), so the time grows with the text, not with the
 * number of passwords: 100,000 trunks cost what a few dozen lengths cost. With a few passwords, once per password by
 * Horspool's search, which skips most of the text.
 */
public final class SecretScrubber {

    public static final String MASK = "(secret not shown)";
    /** List.of(): one object, however often asked. */
    private static final List<String> NO_TEXTS = List.of();
    private static final SecretScrubber NONE = new SecretScrubber(List.of());
    private static final long BASE = 0x100000001B3L;

    /** Up to this many secrets, a text is first searched for each of them directly. */
    private static final int FEW = 8;
    /** Texts at least this long that held no secret are remembered ({@link #clean}), up to this many. */
    private static final int REMEMBER_FROM = 64;
    private static final int REMEMBERED = 256;

    private final Set<String> secrets;
    /** {@link #secrets} as an array, for {@link #searchEach}. */
    private final String[] secretList;
    /**
     * For each of {@link #secretList}: how far its search may move on past a text character, by the character's low
     * byte (Horspool's table; characters sharing a low byte share the smallest move, which skips no occurrence).
     */
    private final int[][] skips;
    /** Distinct secret lengths, longest first. */
    private final int[] lengths;
    /** BASE^(length-1) for each of {@link #lengths}. */
    private final long[] powers;
    /** Hash of every secret mixed with its length, sorted for binary search. */
    private final long[] hashes;
    /**
     * Long texts found clean, by identity (slot = identity hash): a diagnosis scrubs the same explanation and fix
     * texts (a rule's constants) in every finding, hundreds of characters each. A text is kept here only when it
     * comes a second time ({@link #seen} holds the identity hashes of those that came once), so the texts made for
     * one call are not kept alive, and promoted, by this table. Shared by threads without a lock: a slot holds a
     * whole reference or hash, and a lost or stale slot only means the text is searched again.
     */
    private final String[] clean;
    private final int[] seen;

    public SecretScrubber(List<String> secrets) {
        this.secrets = new HashSet<>();
        for (String s : secrets) {
            if (s != null && !s.isEmpty()) {
                this.secrets.add(s);
            }
        }
        this.secretList = this.secrets.toArray(new String[0]);
        this.skips = new int[secretList.length][];
        for (int k = 0; k < secretList.length; k++) {
            skips[k] = skips(secretList[k]);
        }
        TreeSet<Integer> distinct = new TreeSet<>((a, b) -> b - a);
        this.secrets.forEach(s -> distinct.add(s.length()));
        this.lengths = distinct.stream().mapToInt(Integer::intValue).toArray();
        this.powers = new long[lengths.length];
        for (int i = 0; i < lengths.length; i++) {
            long p = 1;
            for (int k = 1; k < lengths[i]; k++) {
                p *= BASE;
            }
            powers[i] = p;
        }
        this.hashes = this.secrets.stream().mapToLong(s -> mix(hash(s, 0, s.length()), s.length())).sorted().toArray();
        this.clean = lengths.length == 0 ? null : new String[REMEMBERED];
        this.seen = lengths.length == 0 ? null : new int[REMEMBERED];
    }

    /** The scrubber for a config's trunk passwords: inbound, outbound, and the inline trunks of its requests. */
    public static SecretScrubber of(LiveKitConfig config) {
        return config.trunks().isEmpty() && config.outboundTrunks().isEmpty() && config.participantRequests().isEmpty()
                ? NONE
                : new SecretScrubber(Stream.concat(Stream.concat(
                        config.trunks().stream().map(SIPInboundTrunkInfo::getAuthPassword),
                        config.outboundTrunks().stream().map(SIPOutboundTrunkInfo::getAuthPassword)),
                        config.participantRequests().stream().map(r -> r.request().getTrunk().getAuthPassword()))
                        .toList());
    }

    /** A scrubber that hides nothing. */
    public static SecretScrubber none() {
        return NONE;
    }

    /**
     * {@code text} with every secret that stands as a token replaced by {@link #MASK} (overlapping secrets become one
     * mask); null stays null.
     */
    public String scrub(String text) {
        if (text == null || lengths.length == 0 || text.length() < lengths[lengths.length - 1]) {
            return text;
        }
        if (text.length() < REMEMBER_FROM) {
            return search(text);
        }
        int identity = System.identityHashCode(text);
        int slot = identity & (REMEMBERED - 1);
        if (clean[slot] == text) {
            return text;
        }
        String scrubbed = search(text);
        if (scrubbed == text) {
            if (seen[slot] == identity) {
                clean[slot] = text;
            } else {
                seen[slot] = identity;
            }
        }
        return scrubbed;
    }

    /** {@link #scrub(String)} of a text at least as long as the shortest secret, searched. */
    private String search(String text) {
        if (secrets.size() <= FEW) {
            return searchEach(text); // a few skipping scans beat the rolling hash's search at each character
        }
        int n = text.length();
        int[] coverEnd = null;
        for (int li = 0; li < lengths.length; li++) {
            int len = lengths[li];
            if (len > n) {
                continue;
            }
            long h = hash(text, 0, len);
            for (int i = 0; ; i++) {
                if (Arrays.binarySearch(hashes, mix(h, len)) >= 0 && standsAlone(text, i, i + len)
                        && secrets.contains(text.substring(i, i + len))) {
                    coverEnd = covered(coverEnd, n, i, i + len);
                }
                if (i + len >= n) {
                    break;
                }
                h = (h - text.charAt(i) * powers[li]) * BASE + text.charAt(i + len);
            }
        }
        return coverEnd == null ? text : masked(text, coverEnd);
    }

    /**
     * {@link #search} with a few secrets: each one's occurrences found by a Horspool search, which looks at about one
     * text character in a secret's length (nearly every text has none). String.indexOf looked at every character once
     * per secret: the quick JIT (C1) runs it as a plain loop, not the vector instructions C2 would use.
     */
    private String searchEach(String text) {
        int[] coverEnd = null;
        int n = text.length();
        for (int k = 0; k < secretList.length; k++) {
            String secret = secretList[k];
            int[] skip = skips[k];
            int m = secret.length();
            char last = secret.charAt(m - 1);
            // every position where the secret could end, moved on by the table: a self-overlapping secret ("abab" in
            // "ababab") is found at each of its starts, as indexOf(secret, at + 1) found it
            for (int end = m - 1; end < n; ) {
                char c = text.charAt(end);
                int at = end - m + 1;
                if (c == last && text.regionMatches(at, secret, 0, m - 1) && standsAlone(text, at, end + 1)) {
                    coverEnd = covered(coverEnd, n, at, end + 1);
                }
                end += skip[c & 0xFF];
            }
        }
        return coverEnd == null ? text : masked(text, coverEnd);
    }

    /**
     * Horspool's table for {@code secret}: past a text character that ends a window, the window may move by the
     * distance from that character's last place in the secret (its last character not counted) to the secret's end,
     * or by the whole length when it is not there; by low byte, the smallest distance of the characters sharing it.
     */
    private static int[] skips(String secret) {
        int m = secret.length();
        int[] skip = new int[256];
        Arrays.fill(skip, m);
        for (int j = 0; j < m - 1; j++) {
            int slot = secret.charAt(j) & 0xFF;
            skip[slot] = Math.min(skip[slot], m - 1 - j);
        }
        return skip;
    }

    private static int[] covered(int[] coverEnd, int n, int from, int to) {
        int[] cover = coverEnd == null ? new int[n] : coverEnd;
        cover[from] = Math.max(cover[from], to);
        return cover;
    }

    /**
     * A secret at least this long is hidden wherever it appears, inside a longer word too ("ACMEs3cretPw1x"): text that
     * merely happens to hold it is improbable, and a trunk name or user glued to it would show it.
     */
    static final int ANYWHERE = 8;

    /**
     * True when {@code text}'s characters from {@code from} to {@code to} are a secret of {@link #ANYWHERE} characters or
     * more, or are not part of a longer run of letters and digits: a password "p" or "1234" stands in "--auth-pass p" or "\"1234\"", not in "private" or "+4930123456".
     * An end of the stretch that is no letter or digit (the "!" of "pw!") is a boundary by itself. Digits joined by a
     * dot are one number (an IPv4 address, "2.5 s"): a password "1" leaves "192.168.1.2" alone.
     */
    private static boolean standsAlone(String text, int from, int to) {
        if (to - from >= ANYWHERE) {
            return true;
        }
        return (from == 0 || !Character.isLetterOrDigit(text.codePointAt(from))
                || !Character.isLetterOrDigit(text.codePointBefore(from)) && !dotBetweenDigits(text, from - 1))
                && (to == text.length() || !Character.isLetterOrDigit(text.codePointBefore(to))
                || !Character.isLetterOrDigit(text.codePointAt(to)) && !dotBetweenDigits(text, to));
    }

    /** True when {@code text} has a '.' at {@code at} with a digit on either side. */
    private static boolean dotBetweenDigits(String text, int at) {
        return text.charAt(at) == '.' && at > 0 && at + 1 < text.length() && Character.isDigit(text.charAt(at - 1))
                && Character.isDigit(text.charAt(at + 1));
    }

    /** Every text of the list scrubbed. */
    public List<String> scrub(List<String> texts) {
        // most of a finding's lists are List.of(), one object: spared the size, get and copy, which the quick JIT
        // calls through dispatch stubs here as the lists are of several kinds
        if (lengths.length == 0 || texts == NO_TEXTS) {
            return texts;
        }
        // nearly always nothing to mask: then the list as an unmodifiable copy (the list itself when it is one); by
        // index, as the quick JIT makes an iterator object for a for-each
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text == null || scrub(text) != text) {
                return texts.stream().map(this::scrub).toList();
            }
        }
        return List.copyOf(texts);
    }

    private static String masked(String text, int[] coverEnd) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (coverEnd[i] > i) {
                int end = coverEnd[i];
                for (int k = i + 1; k < end && k < text.length(); k++) {
                    end = Math.max(end, coverEnd[k]); // an overlapping secret extends the mask
                }
                out.append(MASK);
                i = end;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    private static long hash(CharSequence s, int from, int to) {
        long h = 0;
        for (int i = from; i < to; i++) {
            h = h * BASE + s.charAt(i);
        }
        return h;
    }

    private static long mix(long hash, int length) {
        return hash ^ (length * 0x9E3779B97F4A7C15L);
    }
}
