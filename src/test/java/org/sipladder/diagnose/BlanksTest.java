package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sipladder.sip.Sdp;
import org.sipladder.testkit.RandomText;

/** The readers that split at {@link Blanks#isSpace} say what splitting with {@code split("\\s+", 2)} said. */
class BlanksTest {

    @Test
    void splitsAsTheRegularExpressionDid() {
        Random random = new Random(18);
        String alphabet = "ab:;[]1. \t\r\n\u000b\f\u00a0/";
        for (int round = 0; round < 50_000; round++) {
            String text = RandomText.drawn(random, alphabet, 16);
            assertEquals(sentByHostByPattern(text), ViaParameters.sentByHost(text), text);
        }
    }

    /** ViaParameters.sentByHost as it was written with the regular expression. */
    private static String sentByHostByPattern(String via) {
        String[] parts = via.trim().split("\\s+", 2);
        if (parts.length < 2) {
            return null;
        }
        String hostPort = parts[1].split(";", 2)[0].trim();
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            return close < 0 ? hostPort : hostPort.substring(1, close);
        }
        int colon = hostPort.indexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    @Test
    void aCodecNameOfOnlyASlashIsReadNotThrown() {
        // "a=rtpmap:8 /" made "/".split("/") an empty array: the diagnosis of such a call threw
        Sdp sdp = Sdp.parse("v=0\r\nc=IN IP4 1.2.3.4\r\nm=audio 4000 RTP/AVP 8 0\r\na=rtpmap:8 /\r\n");
        assertEquals(List.of("", "PCMU"), NoCommonCodecCheck.audioCodecs(sdp));
    }

    @Test
    void codecNamesAreThoseOfTheTrimmedSplitText() {
        // the name as audioCodecs read it from strings: trim, the rest after the first blanks, cut at the first slash
        Random random = new Random(1805);
        String[] words = {"8", "101", "PCMA", "pcmu", "PcMu", "G722", "g729", "telephone-event", "TELEPHONE-EVENTS",
            "opus", "CN", "cn", "red", "PCM\u00e5", "\u00b5law", "/", "8000", "/8000/2", " ", "\t", "\u0001", "\u000b",
            "\u00a0", "", "a/b"};
        for (int round = 0; round < 60_000; round++) {
            StringBuilder codec = new StringBuilder();
            for (int i = random.nextInt(5); i >= 0; i--) {
                codec.append(words[random.nextInt(words.length)]);
            }
            String text = codec.toString();
            String trimmed = text.trim();
            String[] parts = trimmed.split("\\s+", 2);
            String rest = parts.length < 2 ? null : parts[1];
            String encoding = rest != null ? rest : trimmed;
            int slash = encoding.indexOf('/');
            String name = (slash < 0 ? encoding : encoding.substring(0, slash)).toUpperCase(java.util.Locale.ROOT);
            assertEquals(name, NoCommonCodecCheck.codecName(text), text);
        }
    }

    @Test
    void aToTagIsFoundAsThePatternFoundIt() {
        Pattern toTag = Pattern.compile(">?\\s*;\\s*tag\\s*=", Pattern.CASE_INSENSITIVE);
        Random random = new Random(18);
        String alphabet = "<>;=tagTAGx \t\r\u000b\u00a0";
        for (int round = 0; round < 100_000; round++) {
            String to = RandomText.drawn(random, alphabet, 14);
            assertEquals(toTag.matcher(to).find(), InviteTransaction.hasTagParameter(to), to);
        }
    }

    @Test
    void viaParametersAreReadAsTheSplitsReadThem() {
        Random random = new Random(18);
        String[] pieces = {"received", "RECEIVED", "rport", "branch", "=", ";", ",", " ", "\t", "1.2.3.4", "x",
            "\u212a", "\u0130", "SIP/2.0/UDP h"};
        for (int round = 0; round < 100_000; round++) {
            StringBuilder via = new StringBuilder();
            for (int i = random.nextInt(10); i > 0; i--) {
                via.append(pieces[random.nextInt(pieces.length)]);
            }
            for (String name : new String[] {"received", "rport"}) {
                assertEquals(parameterBySplits(via.toString(), name), ViaParameters.parameter(via.toString(), name),
                        via.toString());
            }
        }
    }

    /** ViaParameters.parameter as it was written with splits. */
    private static String parameterBySplits(String via, String name) {
        String first = via.split(",", 2)[0];
        for (String p : first.split(";")) {
            String[] kv = p.trim().split("=", 2);
            if (kv.length == 2 && kv[0].trim().toLowerCase(java.util.Locale.ROOT).equals(name)) {
                return kv[1].trim();
            }
        }
        return null;
    }

    @Test
    void numberDigitsAreReadAsThePatternsReadThem() {
        Random random = new Random(18);
        String alphabet = "0123+-() x#\u0660\u00b2";
        for (int round = 0; round < 50_000; round++) {
            String number = RandomText.drawn(random, alphabet, 12);
            String digits = number.replaceAll("[^0-9]", "");
            assertEquals(digits, TrunkMiss.digits(number), number);
            assertEquals(digits.replaceFirst("^0+", ""), TrunkMiss.withoutLeadingZeros(digits), digits);
        }
    }

}
