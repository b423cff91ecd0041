package org.sipladder.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random but plausible SIP exchanges of the shapes real captures show and tidy tests do not: Call-IDs reused by
 * other methods long after, merged captures whose time goes backwards, responses before their requests, odd CSeq
 * numbers, missing or doubled tags, in-dialog requests with no INVITE, transfers with garbage Refer-To, REGISTER
 * storms, redirects, challenge loops, forks, correlation headers naming unknown or their own Call-IDs, SDP without
 * media, LiveKit-looking answers. Drawn from a {@link Random}, so a seed reproduces a capture.
 */
public final class OddShapes {

    /** One SIP message as sent: when, between which "ip:port" endpoints, over TCP or UDP. */
    public record Sent(long micros, String src, String dst, boolean tcp, String text) {
    }

    static final long T0 = 1_700_000_000_000_000L;
    private static final String[] HOSTS = {"203.0.113.5:5060", "198.51.100.20:5060", "10.0.0.7:5060",
        "161.115.180.10:5060", "192.0.2.99:5080", "[2001:db8::1]:5060", "10.0.0.7:5070"};
    private static final String[] NUMBERS = {"+4991874350352", "4991874350352", "+15551230000", "100", "", "*99#"};
    private static final String[] URI_HOSTS = {"5a8b.sip.livekit.cloud", "198.51.100.20", "sip.example.com",
        "[2001:db8::1]", "x.pstn.twilio.com"};
    private static final String[] REASONS = {"OK", "Try again later", "Processing", "Service Unavailable", "", "Busy",
        "Request Terminated", "Unauthorized", "Moved", "Not Found", "\u00fcnicode \u00e9"};
    private static final int[] FINALS = {200, 200, 200, 486, 503, 404, 480, 487, 408, 603, 500, 302, 401, 407, 488};
    private static final String[] CSEQS = {"1", "0", "4294967295", "2147483648", "99999999999", "-1", "1", "2",
        "18446744073709551616", "007"};

    private final Random random;
    private final List<Sent> sent = new ArrayList<>();
    private final List<String> callIds = new ArrayList<>();
    private final Map<String, Integer> nextCseq = new HashMap<>();
    private long now;

    private OddShapes(Random random) {
        this.random = random;
    }

    /** A capture's messages made of {@code shapes} odd exchanges, interleaved and partly out of time order. */
    public static List<Sent> capture(Random random, int shapes) {
        OddShapes s = new OddShapes(random);
        for (int i = 0; i < shapes; i++) {
            s.now = T0 + (long) random.nextInt(600_000) * 1000;
            s.shape(random.nextInt(22));
        }
        s.disorder();
        return s.sent;
    }

    /** The capture as a pcap: UDP datagrams, or TCP segments numbered per direction (one segment may hold two). */
    public static Captures pcap(List<Sent> messages) {
        Captures c = Captures.pcap();
        Map<String, Long> seq = new HashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            Sent m = messages.get(i);
            if (!m.tcp()) {
                c.udp(m.micros(), m.src(), m.dst(), m.text());
                continue;
            }
            String key = m.src() + ">" + m.dst();
            long at = seq.getOrDefault(key, 1000L);
            byte[] bytes = Bytes.ascii(m.text());
            c.tcp(m.micros(), m.src(), m.dst(), at, Segments.PSH | Segments.ACK, bytes);
            seq.put(key, at + bytes.length);
        }
        return c;
    }

    private void shape(int kind) {
        String callId = newCallId();
        String a = host();
        String b = other(a);
        switch (kind) {
            case 0 -> call(newCallId(), false);
            case 1 -> reusedCallId();
            case 2 -> oddCseqs(callId, a, b);
            case 3 -> inDialogWithoutInvite(callId, a, b);
            case 4 -> reInviteAndFriends();
            case 5 -> refer();
            case 6 -> registerStorm();
            case 7 -> redirect(callId, a, b);
            case 8 -> challengeLoop(callId, a, b);
            case 9 -> forkedAnswers(callId, a, b);
            case 10 -> thirdHostAnswers(callId, a, b);
            case 11 -> sharedBranches();
            case 12 -> correlatedLegs();
            case 13 -> twiceInOneSegment(callId, a, b);
            case 14 -> oddSdp(callId, a, b);
            case 15 -> emptyCallId();
            case 16 -> longHeaders();
            case 17 -> liveKitLooking();
            case 18 -> missingTags(callId, a, b);
            case 19 -> call(pick(callIds.isEmpty() ? List.of("x") : callIds), true);
            case 20 -> cancelled(callId, a, b);
            default -> b2buaChain();
        }
    }

    // ---- shapes ----

    private void call(String callId, boolean tcp) {
        String a = host();
        String b = other(a);
        String uri = uri();
        String branch = branch();
        int status = pick(FINALS);
        send(a, b, tcp, request("INVITE", uri, callId, branch, "1", "f1", null, sdp()));
        send(b, a, tcp, response(100, "Trying", "INVITE", callId, branch, "1", "f1", null));
        send(b, a, tcp, response(180, "Ringing", "INVITE", callId, branch, "1", "f1", "t1"));
        send(b, a, tcp, response(status, pick(REASONS), "INVITE", callId, branch, "1", "f1", "t1",
                status == 200 ? sdp() : ""));
        send(a, b, tcp, request("ACK", uri, callId, status == 200 ? branch() : branch, "1", "f1", "t1", ""));
        if (status == 200 && random.nextBoolean()) {
            String bye = branch();
            boolean calleeHangs = random.nextBoolean();
            send(calleeHangs ? b : a, calleeHangs ? a : b, tcp, request("BYE", uri, callId, bye, "2",
                    calleeHangs ? "t1" : "f1", calleeHangs ? "f1" : "t1", ""));
            send(calleeHangs ? a : b, calleeHangs ? b : a, tcp, response(200, "OK", "BYE", callId, bye, "2",
                    calleeHangs ? "t1" : "f1", calleeHangs ? "f1" : "t1"));
        }
    }

    private void reusedCallId() {
        String callId = random.nextBoolean() || callIds.isEmpty() ? newCallId() : pick(callIds);
        String[] methods = {"OPTIONS", "REGISTER", "SUBSCRIBE", "NOTIFY", "MESSAGE", "INFO", "INVITE", "BYE"};
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
            String method = pick(methods);
            String a = host();
            String b = other(a);
            String branch = branch();
            String cseq = Integer.toString(cseq(callId));
            send(a, b, false, request(method, uri(), callId, branch, cseq, "f" + i, null, ""));
            if (random.nextInt(3) > 0) {
                send(b, a, false, response(pick(FINALS), pick(REASONS), method, callId, branch, cseq, "f" + i, "t"));
            }
            now += (long) random.nextInt(3) * random.nextInt(120_000) * 1000;
        }
        call(callId, false);
    }

    private void oddCseqs(String callId, String a, String b) {
        for (int i = 0, n = 2 + random.nextInt(5); i < n; i++) {
            String method = pick(new String[] {"INVITE", "ACK", "BYE", "CANCEL", "PRACK", "UPDATE", "INFO"});
            String branch = random.nextBoolean() ? "z9hG4bK-shared" : branch();
            String cseq = pick(CSEQS);
            boolean forward = random.nextBoolean();
            send(forward ? a : b, forward ? b : a, false,
                    request(method, uri(), callId, branch, cseq, "f1", random.nextBoolean() ? "t1" : null, ""));
            if (random.nextBoolean()) {
                send(forward ? b : a, forward ? a : b, false,
                        response(pick(FINALS), pick(REASONS), method, callId, branch, pick(CSEQS), "f1", "t1"));
            }
        }
    }

    private void inDialogWithoutInvite(String callId, String a, String b) {
        for (String method : new String[] {"BYE", "CANCEL", "ACK", "PRACK", "UPDATE", "NOTIFY"}) {
            if (random.nextBoolean()) {
                String branch = branch();
                send(a, b, false, request(method, uri(), callId, branch, "7", "f1", "t1", ""));
                if (!method.equals("ACK") && random.nextBoolean()) {
                    send(b, a, false, response(pick(new int[] {200, 481, 400}), pick(REASONS), method, callId, branch,
                            "7", "f1", "t1"));
                }
            }
        }
    }

    private void reInviteAndFriends() {
        String callId = newCallId();
        call(callId, false);
        String a = lastSent().dst();
        String b = lastSent().src();
        for (int i = 0, n = 1 + random.nextInt(5); i < n; i++) {
            String method = pick(new String[] {"INVITE", "PRACK", "UPDATE", "INFO", "OPTIONS"});
            String branch = branch();
            String cseq = Integer.toString(2 + i);
            boolean forward = random.nextBoolean();
            String body = method.equals("INVITE") || method.equals("UPDATE") ? sdp() : "";
            String[] extra = method.equals("PRACK") ? new String[] {"RAck: 1 " + pick(CSEQS) + " INVITE"}
                    : new String[0];
            send(forward ? a : b, forward ? b : a, false,
                    request(method, uri(), callId, branch, cseq, "f1", "t1", body, extra));
            int status = pick(new int[] {200, 491, 488, 500, 481});
            send(forward ? b : a, forward ? a : b, false,
                    response(status, pick(REASONS), method, callId, branch, cseq, "f1", "t1", status == 200 ? body
                            : ""));
            if (method.equals("INVITE")) {
                send(forward ? a : b, forward ? b : a, false, request("ACK", uri(), callId, branch(), cseq, "f1", "t1",
                        ""));
            }
        }
    }

    private void refer() {
        String callId = newCallId();
        call(callId, false);
        String a = lastSent().src();
        String b = lastSent().dst();
        String target = callIds.isEmpty() ? "nobody" : pick(callIds);
        String referTo = pick(new String[] {"<sip:204@10.0.0.7>", "garbage", "", "<sip:+15551230000@x?Replaces="
                + target + "%3Bto-tag%3Dt1%3Bfrom-tag%3Df1>", "<>", "<sip:" + "9".repeat(300) + "@[::1]>",
            "<sip:a@b?Replaces=;;;>"});
        String branch = branch();
        send(a, b, false, request("REFER", uri(), callId, branch, "9", "f1", "t1", "", "Refer-To: " + referTo,
                "Referred-By: <sip:x@y>"));
        send(b, a, false, response(pick(new int[] {202, 200, 403, 603}), pick(REASONS), "REFER", callId, branch, "9",
                "f1", "t1"));
        String replacing = newCallId();
        String c = host();
        String invite = branch();
        send(c, other(c), false, request("INVITE", uri(), replacing, invite, "1", "f2", null, sdp(),
                "Replaces: " + pick(new String[] {callId + ";to-tag=t1;from-tag=f1", target, ";to-tag=",
                    replacing + ";to-tag=t1;from-tag=f2"}), "Referred-By: <sip:x@y>"));
        send(other(c), c, false, response(pick(FINALS), pick(REASONS), "INVITE", replacing, invite, "1", "f2", "t2"));
        send(b, a, false, request("NOTIFY", uri(), callId, branch(), "10", "t1", "f1", "SIP/2.0 200 OK\r\n",
                "Event: refer", "Subscription-State: terminated"));
    }

    private void registerStorm() {
        String callId = random.nextBoolean() ? newCallId() : "reg-storm";
        String a = host();
        String b = other(a);
        for (int i = 0, n = 5 + random.nextInt(30); i < n; i++) {
            String branch = random.nextInt(4) == 0 ? "z9hG4bK-reg" : branch();
            String cseq = Integer.toString(random.nextInt(4) == 0 ? 1 : i + 1);
            send(a, b, random.nextInt(5) == 0, request("REGISTER", "sip:" + pick(URI_HOSTS), callId, branch, cseq,
                    "r" + random.nextInt(3), null, "", "Expires: " + pick(new String[] {"0", "3600", "-5", "x"}),
                    i % 2 == 1 ? "Authorization: Digest username=\"u\", nonce=\"n\"" : "X-No: 1"));
            if (random.nextInt(4) > 0) {
                send(b, a, false, response(pick(new int[] {401, 200, 403, 423, 100}), pick(REASONS), "REGISTER",
                        callId, branch, cseq, "r0", "s" + random.nextInt(2)));
            }
            now += random.nextInt(2_000) * 1000L;
        }
    }

    private void redirect(String callId, String a, String b) {
        String branch = branch();
        send(a, b, false, request("INVITE", uri(), callId, branch, "1", "f1", null, sdp()));
        send(b, a, false, response(pick(new int[] {301, 302, 305, 380}), "Moved", "INVITE", callId, branch, "1", "f1",
                "t1", "", "Contact: " + pick(new String[] {"<sip:+15551230000@192.0.2.99:5080>", "*", "garbage",
                    "<sip:" + callId + "@" + b + ">"})));
        send(a, b, false, request("ACK", uri(), callId, branch, "1", "f1", "t1", ""));
        String c = host();
        call(random.nextBoolean() ? callId : newCallId(), false);
        send(a, c, false, request("INVITE", uri(), callId, branch(), "2", "f1", null, sdp()));
    }

    private void challengeLoop(String callId, String a, String b) {
        int status = random.nextBoolean() ? 401 : 407;
        for (int i = 1, n = 2 + random.nextInt(6); i <= n; i++) {
            String branch = branch();
            String cseq = Integer.toString(random.nextBoolean() ? i : 1);
            send(a, b, false, request("INVITE", uri(), callId, branch, cseq, "f1", null, sdp(),
                    i > 1 ? (status == 401 ? "Authorization" : "Proxy-Authorization") + ": Digest nonce=\"" + i + "\""
                            : "X-First: 1"));
            send(b, a, false, response(i == n && random.nextBoolean() ? 200 : status, pick(REASONS), "INVITE", callId,
                    branch, cseq, "f1", "t" + i));
            send(a, b, false, request("ACK", uri(), callId, branch, cseq, "f1", "t" + i, ""));
        }
    }

    private void forkedAnswers(String callId, String a, String b) {
        String c = other(b);
        String branch = branch();
        send(a, b, false, request("INVITE", uri(), callId, branch, "1", "f1", null, sdp()));
        send(b, c, false, request("INVITE", uri(), callId, branch + ".1", "1", "f1", null, sdp()));
        send(b, other(c), false, request("INVITE", uri(), callId, branch + ".2", "1", "f1", null, sdp()));
        send(c, b, false, response(180, "Ringing", "INVITE", callId, branch + ".1", "1", "f1", "ta"));
        send(other(c), b, false, response(200, "OK", "INVITE", callId, branch + ".2", "1", "f1", "tb", sdp()));
        send(c, b, false, response(200, "OK", "INVITE", callId, branch + ".1", "1", "f1", "ta", sdp()));
        send(b, a, false, response(200, "OK", "INVITE", callId, branch, "1", "f1", "ta", sdp()));
        send(b, a, false, response(200, "OK", "INVITE", callId, branch, "1", "f1", "tb", sdp()));
        send(a, b, false, request("ACK", uri(), callId, branch(), "1", "f1", "ta", ""));
        send(a, b, false, request("BYE", uri(), callId, branch(), "2", "f1", "tb", ""));
    }

    private void thirdHostAnswers(String callId, String a, String b) {
        String c = other(b);
        String branch = branch();
        send(a, b, false, request("INVITE", uri(), callId, branch, "1", "f1", null, sdp()));
        send(c, a, false, response(pick(FINALS), pick(REASONS), "INVITE", callId, branch, "1", "f1", "t3"));
        send(c, b, false, response(200, "OK", "INVITE", callId, branch, "1", "f1", "t3"));
        send(a, c, false, request("ACK", uri(), callId, branch, "1", "f1", "t3", ""));
    }

    private void sharedBranches() {
        String branch = "z9hG4bK-" + random.nextInt(3);
        for (int i = 0, n = 2 + random.nextInt(4); i < n; i++) {
            String callId = random.nextBoolean() ? newCallId() : "shared-branch";
            String a = host();
            String method = pick(new String[] {"INVITE", "OPTIONS", "BYE", "REGISTER"});
            send(a, other(a), false, request(method, uri(), callId, branch, "1", "f" + i, null, ""));
            send(other(a), a, false, response(pick(FINALS), pick(REASONS), method, callId, branch, "1", "f" + i, "t"));
        }
    }

    private void correlatedLegs() {
        String first = newCallId();
        String second = newCallId();
        String[] names = {"X-CID", "Session-ID", "P-Charging-Vector", "X-Call-Sid", "X-Twilio-CallSid",
            "X-call_leg_id", "P-Asserted-Call-ID"};
        for (String callId : new String[] {first, second, first}) {
            String name = pick(names);
            String key = pick(new String[] {first, second, callId, "unknown-" + random.nextInt(5),
                "0123456789abcdef0123456789abcdef", "00000000000000000000000000000000", ""});
            String value = name.equals("P-Charging-Vector") ? "icid-value=" + key + ";orig-ioi=x" : key;
            String a = host();
            String b = other(a);
            String branch = branch();
            send(a, b, false, request("INVITE", uri(), callId, branch, Integer.toString(cseq(callId)), "f1", null,
                    sdp(), name + ": " + value, "User-Agent: " + pick(new String[] {"drachtio", "FreeSWITCH",
                        "Asterisk PBX", "kamailio", "LiveKit"})));
            send(b, a, false, response(pick(FINALS), pick(REASONS), "INVITE", callId, branch, "1", "f1", "t1"));
            now += random.nextInt(100) * 1000L;
        }
    }

    private void twiceInOneSegment(String callId, String a, String b) {
        String branch = branch();
        String invite = request("INVITE", uri(), callId, branch, "1", "f1", null, sdp());
        send(a, b, true, invite + invite);
        String ok = response(200, "OK", "INVITE", callId, branch, "1", "f1", "t1", sdp());
        send(b, a, true, ok + ok + "\r\n\r\n");
        send(a, b, true, request("ACK", uri(), callId, branch(), "1", "f1", "t1", ""));
    }

    private void oddSdp(String callId, String a, String b) {
        String branch = branch();
        String body = pick(new String[] {"v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n",
            sdpWith("IN IP4 10.0.0.1", "m=audio 0 RTP/AVP 0"), sdpWith("IN IP4 0.0.0.0", "m=audio 4000 RTP/AVP 0"),
            sdpWith("IN IP6 2001:db8::5", "m=audio 4000 RTP/AVP 0 101"), sdpWith("IN IP4 x", "m=audio x RTP/AVP"),
            sdpWith("", "m=video 5000 RTP/AVP 96\r\nm=audio 65536 RTP/AVP 0"), "garbage\r\n", "v=0\r\nm=\r\nc=\r\n",
            sdpWith("IN IP4 10.0.0.1", "m=audio 4000 RTP/AVP 0\r\na=sendonly\r\na=rtpmap:0 PCMU/0")});
        send(a, b, false, request("INVITE", uri(), callId, branch, "1", "f1", null, body));
        send(b, a, false, response(200, "OK", "INVITE", callId, branch, "1", "f1", "t1", pick(new String[] {body, sdp(),
            ""})));
        send(a, b, false, request("ACK", uri(), callId, branch(), "1", "f1", "t1", random.nextBoolean() ? body : ""));
    }

    private void emptyCallId() {
        String a = host();
        String b = other(a);
        String branch = branch();
        String callId = pick(new String[] {"", " ", "\t"});
        send(a, b, false, request("INVITE", uri(), callId, branch, "1", "f1", null, sdp()));
        send(b, a, false, response(pick(FINALS), pick(REASONS), "INVITE", callId, branch, "1", "f1", "t1"));
        send(a, b, false, request("BYE", uri(), callId, branch(), "2", "f1", "t1", ""));
    }

    private void longHeaders() {
        String callId = random.nextBoolean() ? newCallId() : "long-" + "c".repeat(2000);
        String a = host();
        String b = other(a);
        String branch = branch();
        String big = "x".repeat(1000 + random.nextInt(20_000));
        send(a, b, random.nextBoolean(), request("INVITE", "sip:" + "1".repeat(500) + "@" + pick(URI_HOSTS), callId,
                branch, "1", "f" + big.substring(0, 300), null, sdp(), "User-Agent: " + big, "X-CID: " + big,
                "Subject: " + big, "Session-ID: " + big));
        send(b, a, false, response(pick(FINALS), big.substring(0, 500), "INVITE", callId, branch, "1",
                "f" + big.substring(0, 300), "t1", "", "Reason: Q.850;cause=" + big));
    }

    private void liveKitLooking() {
        String callId = newCallId();
        String a = host();
        String lk = pick(new String[] {"161.115.180.10:5060", "[2001:db8::1]:5060", "192.0.2.99:5080"});
        String uri = "sip:" + pick(NUMBERS) + "@" + pick(URI_HOSTS) + pick(new String[] {"", ";transport=tcp"});
        String branch = branch();
        String tag = "SCL_" + random.nextInt(1000);
        send(a, lk, false, request("INVITE", uri, callId, branch, "1", "f1", null, sdp(),
                "X-CID: " + pick(callIds.isEmpty() ? List.of("none") : callIds)));
        send(lk, a, false, response(100, "Processing", "INVITE", callId, branch, "1", "f1", null));
        if (random.nextBoolean()) {
            send(lk, a, false, response(407, "Proxy Authentication Required", "INVITE", callId, branch, "1", "f1", tag,
                    "", "Proxy-Authenticate: Digest realm=\"livekit\", nonce=\"n\""));
            send(a, lk, false, request("ACK", uri, callId, branch, "1", "f1", tag, ""));
            branch = branch();
            send(a, lk, false, request("INVITE", uri, callId, branch, "2", "f1", null, sdp(),
                    "Proxy-Authorization: Digest username=\"jambonz\", realm=\"livekit\""));
        }
        int status = pick(new int[] {486, 503, 200, 404, 480, 500, 603});
        send(lk, a, false, response(status, pick(new String[] {"Try again later", "Busy Here", "no trunk found",
            "Flood", "OK", "twirp error unknown: no response from servers"}), "INVITE", callId, branch,
                random.nextBoolean() ? "2" : "1", "f1", tag, status == 200 ? sdp() : ""));
        send(a, lk, false, request("ACK", uri, callId, branch, "2", "f1", tag, ""));
    }

    private void missingTags(String callId, String a, String b) {
        String branch = branch();
        String[] fromTags = {null, "", "f1;tag=f2", "f1"};
        String fromTag = pick(fromTags);
        send(a, b, false, request("INVITE", uri(), callId, branch, "1", fromTag, null, sdp()));
        send(b, a, false, response(200, "OK", "INVITE", callId, branch, "1", fromTag, pick(fromTags), sdp()));
        send(a, b, false, request("BYE", uri(), callId, branch(), "2", pick(fromTags), pick(fromTags), ""));
        send(b, a, false, response(200, "OK", "BYE", callId, branch, "2", pick(fromTags), pick(fromTags)));
    }

    private void cancelled(String callId, String a, String b) {
        String branch = branch();
        send(a, b, false, request("INVITE", uri(), callId, branch, "1", "f1", null, sdp()));
        send(a, b, false, request("CANCEL", uri(), callId, random.nextBoolean() ? branch : branch(), "1", "f1", null,
                ""));
        send(b, a, false, response(200, "OK", "CANCEL", callId, branch, "1", "f1", "t1"));
        send(b, a, false, response(pick(new int[] {487, 200}), pick(REASONS), "INVITE", callId, branch, "1", "f1",
                "t1"));
        send(a, b, false, request("ACK", uri(), callId, branch, "1", "f1", "t1", ""));
    }

    private void b2buaChain() {
        String carrier = "203.0.113.5:5060";
        String sbc = "10.0.0.7:5060";
        String lk = "161.115.180.10:5060";
        String inbound = newCallId();
        String outbound = random.nextInt(4) == 0 ? inbound : newCallId();
        String uri = "sip:+4991874350352@" + pick(URI_HOSTS);
        String b1 = branch();
        String b2 = branch();
        send(carrier, sbc, false, request("INVITE", uri, inbound, b1, "1", "c1", null, sdp()));
        send(sbc, carrier, false, response(100, "Trying", "INVITE", inbound, b1, "1", "c1", null));
        send(sbc, lk, random.nextBoolean(), request("INVITE", uri, outbound, b2, "1", "s1", null, sdp(),
                "X-CID: " + pick(new String[] {inbound, outbound, "unknown"})));
        send(lk, sbc, false, response(pick(FINALS), pick(REASONS), "INVITE", outbound, b2, "1", "s1", "SCL_1"));
        send(sbc, lk, false, request("ACK", uri, outbound, b2, "1", "s1", "SCL_1", ""));
        send(sbc, carrier, false, response(pick(FINALS), pick(REASONS), "INVITE", inbound, b1, "1", "c1", "x1"));
        send(carrier, sbc, false, request("ACK", uri, inbound, b1, "1", "c1", "x1", ""));
    }

    // ---- disorder: merged captures and responses seen before their requests ----

    private void disorder() {
        sent.sort((x, y) -> Long.compare(x.micros(), y.micros()));
        for (int i = 0, n = sent.size() / 10; i < n; i++) {
            int at = random.nextInt(sent.size());
            Sent m = sent.get(at);
            switch (random.nextInt(3)) {
                case 0 -> sent.set(at, new Sent(m.micros() - random.nextInt(30_000_000), m.src(), m.dst(), m.tcp(),
                        m.text()));
                case 1 -> {
                    if (at + 1 < sent.size()) {
                        sent.set(at, sent.get(at + 1));
                        sent.set(at + 1, m);
                    }
                }
                default -> sent.add(random.nextInt(sent.size()), m);
            }
        }
    }

    // ---- texts ----

    private void send(String src, String dst, boolean tcp, String text) {
        now += random.nextInt(300) * 1000L;
        boolean v6 = src.startsWith("[");
        String to = v6 == dst.startsWith("[") ? dst : v6 ? "[2001:db8::2]:5060" : "192.0.2.98:5060";
        sent.add(new Sent(now, src, to, tcp, text));
    }

    private Sent lastSent() {
        return sent.get(sent.size() - 1);
    }

    private static String request(String method, String uri, String callId, String branch, String cseq,
                                  String fromTag, String toTag, String body, String... extra) {
        return method + " " + uri + " SIP/2.0\r\n" + headers(callId, branch, cseq, method, fromTag, toTag, body, extra);
    }

    private static String response(int status, String reason, String method, String callId, String branch,
                                   String cseq, String fromTag, String toTag, String body, String... extra) {
        return "SIP/2.0 " + status + " " + reason + "\r\n"
                + headers(callId, branch, cseq, method, fromTag, toTag, body, extra);
    }

    private static String response(int status, String reason, String method, String callId, String branch,
                                   String cseq, String fromTag, String toTag) {
        return response(status, reason, method, callId, branch, cseq, fromTag, toTag, "");
    }

    private static String headers(String callId, String branch, String cseq, String method, String fromTag,
                                  String toTag, String body, String... extra) {
        StringBuilder b = new StringBuilder();
        b.append("Via: SIP/2.0/UDP 10.9.9.9:5060;branch=").append(branch).append("\r\n");
        b.append("From: <sip:+4930123456@carrier.example>").append(fromTag == null ? "" : ";tag=" + fromTag)
                .append("\r\n");
        b.append("To: <sip:+4991874350352@callee.example>").append(toTag == null ? "" : ";tag=" + toTag).append("\r\n");
        b.append("Call-ID: ").append(callId).append("\r\n");
        b.append("CSeq: ").append(cseq).append(' ').append(method).append("\r\n");
        b.append("Contact: <sip:10.9.9.9:5060>\r\n");
        for (String line : extra) {
            b.append(line).append("\r\n");
        }
        if (!body.isEmpty()) {
            b.append("Content-Type: ").append(body.startsWith("SIP/") ? "message/sipfrag" : "application/sdp")
                    .append("\r\n");
        }
        b.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
        return b.toString();
    }

    private String sdp() {
        return sdpWith("IN IP4 10.0.0." + (1 + random.nextInt(9)), "m=audio " + (4000 + 2 * random.nextInt(100))
                + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000");
    }

    private static String sdpWith(String connection, String media) {
        return "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\n" + (connection.isEmpty() ? "" : "c=" + connection + "\r\n")
                + "t=0 0\r\n" + media + "\r\n";
    }

    private String newCallId() {
        String id = "c" + callIds.size() + "-" + random.nextInt(1_000_000) + (random.nextBoolean() ? "@10.0.0.7" : "");
        callIds.add(id);
        return id;
    }

    private int cseq(String callId) {
        return nextCseq.merge(callId, 1, Integer::sum);
    }

    private String branch() {
        return "z9hG4bK" + Integer.toHexString(random.nextInt());
    }

    private String host() {
        return HOSTS[random.nextInt(HOSTS.length)];
    }

    private String other(String host) {
        String h = host();
        return h.equals(host) ? HOSTS[(indexOf(host) + 1) % HOSTS.length] : h;
    }

    private static int indexOf(String host) {
        for (int i = 0; i < HOSTS.length; i++) {
            if (HOSTS[i].equals(host)) {
                return i;
            }
        }
        return 0;
    }

    private String uri() {
        return "sip:" + pick(NUMBERS) + "@" + pick(URI_HOSTS);
    }

    private <T> T pick(T[] options) {
        return options[random.nextInt(options.length)];
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private int pick(int[] options) {
        return options[random.nextInt(options.length)];
    }
}
