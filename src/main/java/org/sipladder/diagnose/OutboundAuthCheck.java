package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import livekit.LivekitSip.SIPOutboundTrunkInfo;
import org.sipladder.Counted;
import org.sipladder.livekit.OutboundDigest;
import org.sipladder.sip.SipMessage;
import org.sipladder.sip.SipUriEquivalence;

/**
 * LK_OUTBOUND_AUTH_LOOP and LK_OUTBOUND_AUTH_MISSING: the provider (or Jambonz) challenged the INVITE LiveKit sent
 * and never accepted it. LiveKit answers a 401 with Authorization and a 407 with Proxy-Authorization, computed from
 * the outbound trunk's {@code auth_username}/{@code auth_password} with the challenge's To URI as digest uri, and
 * gives up after five INVITEs ({@code ErrAuthMaxRetry}); without both credentials it does not answer at all
 * ({@code ErrAuthMissingCreds}), nor when the challenge has no WWW-/Proxy-Authenticate header ({@code
 * ErrAuthNoHeader}). Source: sip {@code pkg/sip/outbound.go} {@code sipOutbound.Invite} (the {@code authLoop});
 * the error texts are in {@code pkg/sip/protocol.go}; {@code pkg/sip/errors.go} {@code classifyInviteError} reports
 * all three as "auth-failed" (USER_REJECTED) and a last 401/407 as "auth-required".
 */
final class OutboundAuthCheck implements FindingRule {

    static final FindingCode LOOP = FindingCode.LK_OUTBOUND_AUTH_LOOP;
    static final FindingCode MISSING = FindingCode.LK_OUTBOUND_AUTH_MISSING;

    /** LiveKit's INVITEs per call before it gives up on authentication ({@code try >= 5} in {@code Invite}). */
    static final int MAX_ATTEMPTS = 5;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (OutboundCall call : OutboundCall.of(context)) {
            InviteTransaction rejected = lastChallengedWithCredentials(call);
            if (rejected != null) {
                findings.add(loop(call, rejected));
            } else if (challenged(call.last()) && credentials(call.last().request()) == null) {
                findings.add(missing(call));
            }
        }
        return findings;
    }

    private static InviteTransaction lastChallengedWithCredentials(OutboundCall call) {
        InviteTransaction found = null;
        for (InviteTransaction tx : call.attempts()) {
            if (challenged(tx) && credentials(tx.request()) != null) {
                found = tx;
            }
        }
        return found;
    }

    /** True when the INVITE was answered with a digest challenge (401, 407), which its sender answers with another. */
    static boolean challenged(InviteTransaction tx) {
        SipMessage fin = tx.finalResponse();
        return fin != null && (fin.status() == 401 || fin.status() == 407);
    }

    /** The request's digest credentials (Authorization or Proxy-Authorization), or null. */
    static String credentials(SipMessage request) {
        String value = request.header("Authorization");
        return value != null ? value : request.header("Proxy-Authorization");
    }

    /** The challenge header of a 401 (WWW-Authenticate) or 407 (Proxy-Authenticate). */
    private static String challengeHeader(SipMessage response) {
        return response.status() == 401 ? "WWW-Authenticate" : "Proxy-Authenticate";
    }

    private static Finding loop(OutboundCall call, InviteTransaction rejected) {
        SipMessage request = rejected.request();
        SipMessage again = rejected.finalResponse();
        Map<String, String> sent = OutboundDigest.params(credentials(request));
        String digestUri = sent == null ? null : sent.get("uri");
        // RFC 3261 19.1.4 equality: a parameter such as transport= in one URI only does not make them differ
        boolean uriMismatch = digestUri != null && !SipUriEquivalence.equivalent(digestUri, request.requestUri());
        List<String> facts = call.baseFacts();
        facts.add(Counted.of(call.attempts().size(), "INVITE") + " from LiveKit with Call-ID " + call.first().callId() + ": "
                + String.join(", ", call.attempts().stream().map(OutboundAuthCheck::outcome).toList()));
        if (sent != null) {
            facts.add("Credentials in frame " + request.frame() + ": username \"" + sent.getOrDefault("username", "")
                    + "\", realm \"" + sent.getOrDefault("realm", "") + "\", uri \"" + digestUri + "\"");
        }
        if (uriMismatch) {
            facts.add("The digest uri \"" + digestUri + "\" is not the Request-URI " + request.requestUri()
                    + ": LiveKit puts the challenge's To URI there, providers usually compute the answer with the "
                    + "Request-URI");
        }
        Map<String, String> challenge = OutboundDigest.params(again.header(challengeHeader(again)));
        if (challenge != null && "true".equalsIgnoreCase(challenge.get("stale"))) {
            facts.add("The new challenge says stale=true: the provider took the nonce as expired, not the password as wrong");
        }
        String verdict = verdict(call.trunk(), credentials(request));
        if (verdict != null) {
            facts.add(verdict);
        }
        if (call.attempts().size() >= MAX_ATTEMPTS) {
            facts.add("LiveKit gave up after " + MAX_ATTEMPTS + " INVITEs: \"max auth retry attempts reached for SIP invite\"");
        }
        String trunk = call.trunkId();
        String title = LOOP.title(uriMismatch ? "LiveKit's digest uri is not the Request-URI"
                : "The provider rejected LiveKit's credentials", again.label(), again.src().address());
        String why = "LiveKit answered the challenge with the outbound trunk's credentials and was challenged again, so "
                + "the provider did not accept the answer and the call failed (LiveKit reports \"auth-failed\" or "
                + "\"auth-required\" to the agent). "
                + (uriMismatch ? "The digest was computed over " + digestUri + " (LiveKit uses the To URI of the "
                + "challenge) while the INVITE went to " + request.requestUri() + "; a provider that checks the uri "
                + "against the Request-URI rejects it whatever the password."
                : "The username or password of outbound trunk " + trunk + " is not what the provider expects, or the "
                + "provider wants them for another realm or account.");
        List<String> steps = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        if (uriMismatch) {
            steps.add("Make the To URI equal to the Request-URI: place the call without a sip_to_header, "
                    + "to_user_override or sip_request_uri of its own, so that both come from the trunk's address "
                    + "and the dialled number; or have the provider accept the To URI as digest uri.");
            steps.add("If the provider expects another host in the Request-URI, change outbound trunk " + trunk
                    + "'s address to it.");
            commands.add("lk sip outbound update --id " + trunk + " --address <host the provider expects>");
        } else {
            steps.add("Set outbound trunk " + trunk + "'s auth_username and auth_password to the credentials the "
                    + "provider issued for this trunk (the SIP digest user, not the account login).");
            commands.add("lk sip outbound update --id " + trunk + " --auth-user <provider user> --auth-pass <password>");
        }
        steps.add("Check at the provider that LiveKit's addresses may use these credentials.");
        return Findings.call(rejected, LOOP, title, why,
                Findings.evidence(frames(call), call.configIds(), facts), Findings.fix(steps, commands, null));
    }

    private static Finding missing(OutboundCall call) {
        SipMessage challenge = call.last().finalResponse();
        boolean noHeader = challenge.header(challengeHeader(challenge)) == null;
        SIPOutboundTrunkInfo trunk = call.trunk();
        boolean trunkHasCredentials = trunk != null && !trunk.getAuthUsername().isEmpty()
                && !trunk.getAuthPassword().isEmpty();
        List<String> facts = call.baseFacts();
        facts.add(challenge.src().address() + " answered " + challenge.label() + " (frame " + challenge.frame()
                + ") and LiveKit sent no INVITE with credentials after it");
        String why;
        List<String> steps = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        if (noHeader) {
            facts.add("The " + challenge.status() + " has no " + challengeHeader(challenge) + " header");
            why = "The provider asked for authentication without saying how (no " + challengeHeader(challenge)
                    + " header), so LiveKit cannot compute an answer and ends the call (\"no auth header in sip "
                    + "invite response\").";
            steps.add("Have the provider (or Jambonz) send a " + challengeHeader(challenge) + " Digest challenge with "
                    + "its " + challenge.status() + ", or authenticate LiveKit by IP address instead.");
        } else if (trunk != null && !trunkHasCredentials) {
            facts.add("Outbound trunk " + trunk.getSipTrunkId() + " has "
                    + (trunk.getAuthUsername().isEmpty() ? "no auth_username" : "auth_username \"" + trunk.getAuthUsername() + "\"")
                    + " and " + (trunk.getAuthPassword().isEmpty() ? "no auth_password" : "an auth_password"));
            why = "The provider wants digest credentials and outbound trunk " + trunk.getSipTrunkId() + " does not "
                    + "have both auth_username and auth_password, so LiveKit does not answer the challenge and ends "
                    + "the call (\"sip server required auth, but no username or password was provided\").";
        } else if (trunkHasCredentials) {
            why = "The provider wants digest credentials and outbound trunk " + trunk.getSipTrunkId() + " has them, yet "
                    + "LiveKit did not answer: the call was placed through another trunk (or a trunk given inline in "
                    + "the CreateSIPParticipant request) without credentials, or the capture ends before the retry.";
        } else {
            why = "The provider wants digest credentials and LiveKit did not answer the challenge: LiveKit answers "
                    + "only when the outbound trunk has both auth_username and auth_password (\"sip server required "
                    + "auth, but no username or password was provided\").";
        }
        if (!noHeader) {
            steps.add("Set auth_username and auth_password on outbound trunk " + call.trunkId() + " to the credentials "
                    + "the provider issued, or have the provider authenticate LiveKit by IP address instead.");
            commands.add("lk sip outbound update --id " + call.trunkId()
                    + " --auth-user <provider user> --auth-pass <password>");
        }
        return Findings.call(call.last(), MISSING, MISSING.title(challenge.status()), why, Findings.evidence(frames(call), call.configIds(), facts), Findings.fix(steps, commands, null));
    }

    /** What recomputing the digest with the trunk's password says, or null when there is nothing to say. */
    static String verdict(SIPOutboundTrunkInfo trunk, String credentials) {
        if (trunk == null) {
            return null;
        }
        return switch (OutboundDigest.check(trunk, credentials, "INVITE")) {
            case TRUNK_CREDENTIALS -> "The digest answer is the one outbound trunk " + trunk.getSipTrunkId()
                    + "'s auth_username and auth_password give: LiveKit sent the trunk's credentials, the provider "
                    + "expects others";
            case OTHER_USERNAME -> "The username is not outbound trunk " + trunk.getSipTrunkId() + "'s auth_username \""
                    + trunk.getAuthUsername() + "\": the call was placed with other credentials";
            case OTHER_PASSWORD -> "The digest answer is not the one outbound trunk " + trunk.getSipTrunkId()
                    + "'s auth_password gives: the call used other credentials, or the password changed since";
            case NOT_CHECKABLE -> null;
        };
    }

    private static String outcome(InviteTransaction tx) {
        SipMessage fin = tx.finalResponse();
        return "CSeq " + tx.request().cseqNumber() + (credentials(tx.request()) == null ? "" : " with credentials")
                + " -> " + (fin == null ? "no final response" : fin.label());
    }

    private static List<Long> frames(OutboundCall call) {
        List<Long> frames = new ArrayList<>();
        call.attempts().forEach(tx -> frames.addAll(Findings.frames(tx)));
        return frames;
    }
}
