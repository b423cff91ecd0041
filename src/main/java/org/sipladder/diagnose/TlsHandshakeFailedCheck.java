package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sipladder.Counted;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.Unreachable;

/**
 * SIP_TLS_HANDSHAKE_FAILED: TLS connections to a SIP port (5061, or the port of an outbound trunk's address) whose
 * handshake failed in a way the capture proves without keys: a fatal alert sent in the clear (named, RFC 8446 6,
 * RFC 5246 7.2), the server closing or resetting right after the ClientHello, answering it with bytes that are not
 * TLS (a plain SIP port), or saying nothing at all until the client gave up or the capture ended (a port that takes
 * plain TCP only, a firewall that passes the TCP handshake and drops what follows). No SIP can pass on such a
 * connection. LiveKit dialling a trunk with transport TLS (sip
 * {@code pkg/sip/client.go} {@code setUriTransport}) makes the handshake inside the INVITE's client transaction; its
 * failure is the error of the first write: Go's crypto/tls returns an alert received as a {@code *net.OpError}
 * ("remote error: tls: ..."), a reset as one too, a close as EOF and its own certificate check as a
 * CertificateVerificationError; {@code pkg/sip/errors.go} {@code classifyInviteError} ends the first two as
 * "network-error" (SIP_TRUNK_FAILURE) and the others as "invite-failed" (UNKNOWN_REASON), both made FailedPrecondition
 * by {@code outbound.go} {@code connectSIP}'s {@code afterInvite}: the call has no SIP status.
 */
final class TlsHandshakeFailedCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.SIP_TLS_HANDSHAKE_FAILED;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        StreamTrunks.failures(context, u -> u.tls() && (u.dst().port() == 5061 || StreamTrunks.sipPort(context, u.dst())),
                        u -> u.src().address() + " " + u.dst() + " " + u.tlsFailure())
                .forEach(same -> findings.add(finding(context, same)));
        return findings;
    }

    private static Finding finding(DiagnosisContext context, List<Unreachable> same) {
        Unreachable first = same.get(0);
        Endpoint dst = first.dst();
        String client = first.src().address();
        String failure = first.tlsFailure();
        // the side, not the address: on one host (loopback) both sides have the same one
        boolean byClient = failure.endsWith(Unreachable.FROM_CLIENT);
        String alert = alertOf(failure);
        List<Long> frames = new ArrayList<>();
        same.forEach(u -> frames.add(u.frame()));
        List<String> facts = new ArrayList<>();
        facts.add(client + " opened " + Counted.of(same.size(), "TLS connection") + " to " + dst + " and sent a "
                + "ClientHello; " + (alert != null ? (byClient ? "the client (" + client : "the server (" + dst.address())
                + ") sent a " + alert + " in the clear" : unanswered(failure) ? "the server (" + dst.address()
                + ") sent nothing in " + waits(same) + " (no ServerHello, no alert, no close)"
                + failure.substring(Unreachable.TLS_UNANSWERED.length()) : failure) + " (first in frame "
                + first.frame() + ")");
        facts.add("No encrypted data followed: the handshake never completed, so no SIP passed on "
                + (same.size() == 1 ? "that connection" : "those connections"));
        StreamTrunks.Dialled dialled = StreamTrunks.dialled(context, dst, false, facts);
        List<String> ids = dialled.ids();
        String id = dialled.id();
        String why = meaning(failure, byClient, client, dst) + " When LiveKit dials an outbound trunk with transport "
                + "TLS, this handshake is part of sending the INVITE: " + liveKitEnd(failure, byClient) + ", and the call "
                + "has no SIP status.";
        List<String> steps = new ArrayList<>();
        steps.add(fixStep(failure, byClient, dst));
        steps.add("If the provider takes SIP over UDP or TCP only, set outbound trunk " + id + "'s transport to match "
                + "(and the port in its address, usually 5060).");
        List<String> commands = List.of("lk sip outbound update --id " + id + " --transport udp");
        String title = CODE.title(client, dst.toString(), shortly(failure, alert, byClient, same));
        return Findings.config(CODE, title, why, Findings.evidence(frames, ids, facts), Findings.fix(steps, commands, null));
    }

    /** True for a server that said nothing after the ClientHello ({@link Unreachable#TLS_UNANSWERED}). */
    private static boolean unanswered(String failure) {
        return failure.startsWith(Unreachable.TLS_UNANSWERED);
    }

    /** How long the clients waited in silence: "20.0 s", or "9.0 to 20.0 s" when the connections differ. */
    private static String waits(List<Unreachable> same) {
        long least = Long.MAX_VALUE;
        long most = 0;
        for (Unreachable u : same) {
            least = Math.min(least, u.waitedMicros());
            most = Math.max(most, u.waitedMicros());
        }
        return least == most ? seconds(most) : String.format(Locale.ROOT, "%.1f to %s", least / 1e6, seconds(most));
    }

    private static String seconds(long micros) {
        return String.format(Locale.ROOT, "%.1f s", micros / 1e6);
    }

    /** How LiveKit ends the call, when it is the client, by the error its TLS stack returns for {@code failure}. */
    private static String liveKitEnd(String failure, boolean byClient) {
        if (unanswered(failure)) {
            return "sipgo's CreateConnection waits in Go's TLS handshake (HandshakeContext), which has no timeout of "
                    + "its own, so against a silent server the INVITE never leaves and the participant stays dialling "
                    + "until a deadline of the request or of LiveKit ends the dial";
        }
        return "it fails before any INVITE leaves, " + endOfFailedDial(failure, byClient)
                + " (CreateSIPParticipant fails with FailedPrecondition)";
    }

    /** How LiveKit ends a dial whose handshake failed, by the error its TLS stack returns for {@code failure}. */
    private static String endOfFailedDial(String failure, boolean byClient) {
        if (failure.startsWith("fatal alert") && byClient) {
            return "its own certificate check failed, an error classifyInviteError knows no kind of: it ends the call "
                    + "as \"invite-failed\" (UNKNOWN_REASON)";
        }
        if (failure.startsWith("fatal alert") || failure.startsWith("reset")) {
            return "the dial fails with a network error (for an alert, \"remote error: tls: ...\"): LiveKit ends the "
                    + "call as \"network-error\" (SIP_TRUNK_FAILURE)";
        }
        return "the dial reads the end of the connection (EOF) or bytes that are no TLS record: LiveKit ends the call "
                + "as \"invite-failed\" (UNKNOWN_REASON)";
    }

    /** "fatal alert NAME (N)" of a failure that is an alert, without who sent it; null for other failures. */
    private static String alertOf(String failure) {
        if (!failure.startsWith("fatal alert")) {
            return null;
        }
        return failure.endsWith(Unreachable.FROM_CLIENT) ? failure.substring(0, failure.length()
                - Unreachable.FROM_CLIENT.length()) : failure.endsWith(Unreachable.FROM_SERVER)
                ? failure.substring(0, failure.length() - Unreachable.FROM_SERVER.length()) : failure;
    }

    private static String shortly(String failure, String alert, boolean byClient, List<Unreachable> same) {
        int times = same.size();
        String what = alert != null ? alert + (byClient ? " from the client" : " from the server")
                : unanswered(failure) ? Unreachable.TLS_UNANSWERED + " in " + waits(same)
                : failure.startsWith("reset") ? "reset after the ClientHello"
                : failure.startsWith("closed") ? "closed after the ClientHello" : "the answer was not TLS";
        return what + (times > 1 ? " (" + Counted.of(times, "time") + ")" : "");
    }

    /** What the failure says about the two sides. */
    private static String meaning(String failure, boolean byClient, String client, Endpoint dst) {
        if (failure.startsWith("fatal alert")) {
            return (byClient ? client + " rejected what " + dst + " sent in the handshake (most often its certificate: "
                    + "a CA the client does not trust, a name that does not match, an expired certificate)"
                    : dst + " refused " + client + "'s handshake (no TLS version or cipher in common, a client "
                    + "certificate it wanted or did not trust, or a name it does not serve)") + ": " + alertOf(failure) + ".";
        }
        if (unanswered(failure)) {
            return dst + " accepted the TCP connection but never answered " + client + "'s ClientHello: no ServerHello, "
                    + "no alert, no close. Nothing there speaks TLS on port " + dst.port() + " (a SIP server that takes "
                    + "plain TCP there waits for a SIP message that never comes; a server that is stuck), a firewall or "
                    + "load balancer passes the TCP handshake and drops what follows, or the server waits for something "
                    + "the hello lacks.";
        }
        if (failure.startsWith("the server answered")) {
            return dst + " answered the ClientHello with bytes that are not TLS: it takes plain SIP (UDP/TCP) on port "
                    + dst.port() + ", not TLS.";
        }
        return dst + " accepted the TCP connection but " + (failure.startsWith("reset") ? "reset" : "closed")
                + " it right after " + client + "'s ClientHello without an answer: it does not take TLS on port "
                + dst.port() + ", or refused the hello (version, ciphers, server name) without saying why.";
    }

    private static String fixStep(String failure, boolean byClient, Endpoint dst) {
        if (unanswered(failure)) {
            return "Check that " + dst + " takes TLS: that a firewall or load balancer lets port " + dst.port()
                    + " through past the TCP handshake (openssl s_client -connect " + dst + " -servername NAME should "
                    + "print the server's certificate at once), that the server listens with TLS on port " + dst.port()
                    + " (a TLS trunk whose address names 5060 sends TLS to a plain SIP port; TLS is usually 5061), and "
                    + "whether it needs a server name (SNI) the hello did not carry: LiveKit sends the host of the "
                    + "trunk's address as the name, and none when that is an IP address.";
        }
        if (failure.startsWith("fatal alert") && byClient) {
            return "Check the certificate " + dst + " presents (openssl s_client -connect " + dst + " -showcerts): "
                    + "it must chain to a public CA and name the host in the trunk's address.";
        }
        if (failure.startsWith("fatal alert")) {
            return "Ask the provider what its TLS port at " + dst.address() + " requires (TLS version, ciphers, a client "
                    + "certificate, the server name) and check with openssl s_client -connect " + dst + ".";
        }
        return "Ask the provider for its TLS port (usually 5061) and set it in the trunk's address, or use the "
                + "transport it takes on " + dst + ".";
    }
}
