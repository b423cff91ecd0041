package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeptBranchTest {

    private static String message(String branch, int cseq) {
        return "INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=" + branch + ";rport\r\n"
                + "From: <sip:c@d>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: k@h\r\nCSeq: " + cseq + " INVITE\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    @Test
    void branchesComeBackAsSentAndCompareAsTheirTextsWhicheverScanReadThem() {
        Random random = new Random(18);
        String[] starts = {"z9hG4bK", "z9hG4bK", "z9hg4bk", "", "\u0001", "z9hG4bKz9hG4bK"};
        List<String> branches = new ArrayList<>(List.of("z9hG4bK", "z9hG4bKx", "x", "\u0000x"));
        for (int i = 0; i < 300; i++) {
            branches.add(starts[random.nextInt(starts.length)] + Long.toHexString(random.nextLong()).substring(0, 1
                    + random.nextInt(12)));
        }
        ScanSession session = new ScanSession();
        List<SipMessage> fast = new ArrayList<>();
        List<SipMessage> full = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            String text = message(branches.get(i), i + 1);
            SipMessage f = FastScan.summary(SipParserTest.payload(text), 0, session);
            if (branches.get(i).charAt(0) > 1) { // control bytes in a header go to the full scan
                assertNotNull(f, branches.get(i));
                fast.add(f);
            }
            full.add(new SipParser(SipParser.Depth.FULL).parse(SipParserTest.payload(text)).orElseThrow());
        }
        List<SipMessage> both = new ArrayList<>(fast);
        both.addAll(full);
        for (List<SipMessage> read : List.of(fast, full, both)) {
            for (SipMessage a : read) {
                assertEquals(HeaderParameters.branchOf(a.header("Via")), a.topViaBranch());
                // packed or in an array, the hash is the kept bytes' (a leg's index of its messages uses it)
                assertEquals(java.util.Arrays.hashCode(a.keptBranch()), a.branchHash(), a.topViaBranch());
                for (SipMessage b : read) {
                    assertEquals(a.topViaBranch().equals(b.topViaBranch()), a.sameBranch(b),
                            a.topViaBranch() + " / " + b.topViaBranch());
                }
            }
        }
    }

    @Test
    void theMagicCookieIsKeptAsOneByte() {
        String branch = "z9hG4bK1027c386bbc4";
        SipMessage m = FastScan.summary(SipParserTest.payload(message(branch, 1)), 0, new ScanSession());
        // 19 bytes kept as 13: a 32-byte array instead of 40 for each of a large capture's transactions
        assertEquals(13, m.keptBranch().length);
        assertEquals(branch, m.topViaBranch());
        assertEquals(13, HeaderParameters.branchBytes(branch).length);
        byte[] odd = HeaderParameters.branchBytes("\u0000abc");
        assertEquals("\u0000abc", HeaderParameters.branchText(odd));
        assertTrue(odd.length == 5 && new String(odd, StandardCharsets.ISO_8859_1).endsWith("\u0000abc"));
    }

    /** However the first Via's parameters are spelt and spaced, the one-pass scan reads the branch the full scan reads. */
    @Test
    void theOnePassScanReadsTheBranchOfAnyParameterSpelling() {
        Random random = new Random(19);
        String[] pieces = {";", ";", ",", " ", "\t", "branch", "BRANCH", "Branch", "=", "z9hG4bK", "abc", "1.2.3.4",
            "rport", "received", ">", "\u0001", "\u000b", "\f", ";branch=", "; branch = ", "branches"};
        ScanSession session = new ScanSession();
        int fastRead = 0;
        for (int round = 0; round < 5_000; round++) {
            StringBuilder via = new StringBuilder("SIP/2.0/UDP 10.0.0.1:5060");
            for (int k = random.nextInt(10); k > 0; k--) {
                via.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = "INVITE sip:a@b SIP/2.0\r\nVia: " + via + "\r\nFrom: <sip:c@d>;tag=1\r\nTo: <sip:a@b>\r\n"
                    + "Call-ID: k@h\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
            SipMessage fast = FastScan.summary(SipParserTest.payload(text), 0, session);
            SipMessage full = new SipParser(SipParser.Depth.FULL).parse(SipParserTest.payload(text)).orElseThrow();
            if (fast != null) {
                fastRead++;
                assertEquals(full.topViaBranch(), fast.topViaBranch(), via.toString());
                assertEquals(HeaderParameters.branchOf(full.header("Via")), fast.topViaBranch(), via.toString());
            }
        }
        assertTrue(fastRead > 2_500, "most spellings are read in one pass: " + fastRead);
    }
}
