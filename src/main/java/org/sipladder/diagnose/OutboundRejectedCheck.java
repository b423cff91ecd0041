package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import livekit.LivekitSip.SIPOutboundTrunkInfo;
import org.sipladder.livekit.CallMedia;
import org.sipladder.livekit.ParticipantRequest;
import org.sipladder.sip.Sdp;
import org.sipladder.sip.SdpMedia;
import org.sipladder.sip.SipMessage;

/**
 * LK_OUTBOUND_FROM_REJECTED, LK_OUTBOUND_NUMBER_REJECTED and LK_OUTBOUND_PROVIDER_REJECTED: a call LiveKit placed
 * ended with an error status. The finding reads the status where the failure started: on LiveKit's own leg, or on the
 * leg Jambonz (or another B2BUA) sent on toward the carrier, whose failure came back to LiveKit relayed or translated.
 * LiveKit hands the status it got to the agent (CreateSIPParticipant fails with it, the call's
 * {@code call_status_code}) and buckets it: 403 "forbidden", 404 "not-found", 480 "unavailable", 486 "busy",
 * 488 "not-acceptable", other 4xx "client-error-N", 5xx "upstream-server-error-N", 6xx "global-decline-N". Source:
 * sip {@code pkg/sip/outbound.go} {@code sipOutbound.Invite} (non-2xx, non-auth answers end the call; for
 * 400/404/480/488/486 the body or X-Twilio-Error becomes the status text) and {@code outboundCall.sipSignal}
 * ({@code info.CallStatusCode = e}); {@code pkg/sip/errors.go} {@code classifyInviteError}. An INVITE LiveKit
 * cancelled is the exception: {@code sipResponse} returns {@code ErrSIPRequestTimeout} as soon as it sends the CANCEL,
 * so the 487 that follows is never the call's status. An answer that blames the provider account rather than the call
 * (a Twilio carrier block, a CPS or concurrent call limit: {@link ProviderRefusal}) is named as such, with the term
 * LiveKit gives it, whatever its status.
 */
final class OutboundRejectedCheck implements FindingRule {

    static final FindingCode FROM = FindingCode.LK_OUTBOUND_FROM_REJECTED;
    static final FindingCode NUMBER = FindingCode.LK_OUTBOUND_NUMBER_REJECTED;
    static final FindingCode PROVIDER = FindingCode.LK_OUTBOUND_PROVIDER_REJECTED;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (OutboundCall call : OutboundCall.of(context)) {
            SipMessage fin = call.last().finalResponse();
            if (fin == null || fin.status() < 300 || OutboundAuthCheck.challenged(call.last())
                    || OutboundNoResponseCheck.silentHop(call, context.invites(call.flow())) != null) {
                continue;
            }
            List<InviteTransaction> chain = B2buaFailureRelayedCheck.chainTo(context.invites(call.flow()), call.last());
            InviteTransaction origin = chain.get(0);
            int status = origin.finalResponse().status();
            SipMessage toLiveKit = call.last().finalResponse();
            ProviderRefusal seen = ProviderRefusal.of(toLiveKit, call.trunkId());
            ProviderRefusal atOrigin = ProviderRefusal.of(origin.finalResponse(), call.trunkId());
            if ((seen != null || atOrigin != null) && !call.cancelledBefore(toLiveKit)) {
                findings.add(accountRefused(call, chain, atOrigin != null ? atOrigin : seen, seen));
                continue;
            }
            findings.add(switch (status) {
                case 403 -> fromRejected(call, chain);
                case 404, 484, 485, 604 -> numberRejected(call, chain);
                default -> providerRejected(context, call, chain);
            });
        }
        return findings;
    }

    private static Finding fromRejected(OutboundCall call, List<InviteTransaction> chain) {
        InviteTransaction origin = chain.get(0);
        SipMessage refusal = origin.finalResponse();
        String fromAtOrigin = SipAddress.parse(origin.request().header("From")).user();
        List<String> facts = chainFacts(call, chain);
        SIPOutboundTrunkInfo trunk = call.trunk();
        // the trunk lists the From number already (as written, or in E.164 with the same digits): setting it is no fix
        String listed = trunk == null ? null : listedNumber(trunk, call.fromUser());
        if (trunk != null) {
            facts.add("Outbound trunk " + trunk.getSipTrunkId() + " numbers: " + Findings.quoted(trunk.getNumbersList())
                    + (listed == null ? "; the From number " + call.fromUser()
                    + " is not among them (the call gave its own sip_number)"
                    : listed.equals(call.fromUser()) ? "" : "; it lists the From number " + call.fromUser() + " as "
                    + listed + " (the call gave its own sip_number)"));
        }
        if (!fromAtOrigin.equals(call.fromUser())) {
            facts.add(origin.request().src().address() + " sent the carrier From user " + fromAtOrigin
                    + " instead of LiveKit's " + call.fromUser());
        }
        facts.add(format(fromAtOrigin));
        // LiveKit's own INVITE with the credentials a challenge asked for, refused: the provider checked them
        String credentials = OutboundAuthCheck.credentials(origin.request());
        InviteTransaction challenged = chain.size() == 1 && credentials != null ? challengedBefore(call, origin) : null;
        if (challenged != null) {
            facts.add("LiveKit answered the " + challenged.finalResponse().label() + " (frame "
                    + challenged.finalResponse().frame() + ") with credentials in frame " + origin.frame()
                    + ", and the provider refused that INVITE");
            String verdict = OutboundAuthCheck.verdict(trunk, credentials);
            if (verdict != null) {
                facts.add(verdict);
            }
        } else if (credentials != null) {
            facts.add("The refused INVITE carried credentials: the account may also lack the right to call out");
        }
        UnchallengedRefusal unchallenged = UnchallengedRefusal.of(call, chain);
        if (unchallenged != null) {
            facts.add(unchallenged.fact());
        }
        String refuser = refusal.src().address();
        String providers = " answer 403 when the From number is not one they assigned to the account (or not verified "
                + "as caller ID), or is not written the way they expect (E.164 with '+', or national digits). LiveKit "
                + "takes the From number from the call's sip_number or else one of the outbound trunk's numbers, "
                + "and sends it as written (a '+' is added only for hosts ending in twilio.com). It reports "
                + "\"forbidden\" to the agent." + (unchallenged == null ? "" : UnchallengedRefusal.WHY);
        String why = challenged == null
                ? refuser + " refused the call (403 Forbidden) to the caller number " + fromAtOrigin + ": providers" + providers
                : refuser + " refused (403 Forbidden) the INVITE that carried LiveKit's answer to its "
                + challenged.finalResponse().label() + ": it checked the credentials and refused them (the outbound "
                + "trunk's auth_username or auth_password is not what the provider issued, or the credentials are "
                + "for another realm or account, or the account may not call out), or it refuses the caller number "
                + fromAtOrigin + ": providers also" + providers;
        List<String> steps = new ArrayList<>();
        List<String> commands = new ArrayList<>(2);
        if (challenged != null) {
            steps.add("Check outbound trunk " + call.trunkId() + "'s auth_username and auth_password against the "
                    + "credentials the provider issued for this trunk (the SIP digest user, not the account login): a "
                    + "provider that refuses a digest answer often says 403 instead of challenging again.");
            commands.add("lk sip outbound update --id " + call.trunkId() + " --auth-user <provider user> --auth-pass <password>");
        }
        if (listed == null) {
            steps.add("Set outbound trunk " + call.trunkId() + "'s numbers to the number the provider assigned to you, "
                    + "written as the provider expects, and place calls with it (or pass it as sip_number).");
        } else {
            steps.add("Outbound trunk " + call.trunkId() + " already lists the From number" + (listed.equals(call.fromUser())
                    ? "" : " as " + listed + ": place calls with the form the provider expects (sip_number)") + ";"
                    + " check with the provider that it is assigned to the account (or verified as caller ID).");
        }
        if (chain.size() > 1) {
            steps.add("The refusal came from behind " + chain.get(1).finalResponse().src().address() + ": check how it "
                    + "passes the caller number on (with Jambonz: the carrier's E.164 leading '+' and tech prefix settings).");
        }
        if (listed == null) {
            commands.add("lk sip outbound update --id " + call.trunkId() + " --numbers <your number, e.g. +15105550100>");
        }
        if (unchallenged != null) {
            steps.add(unchallenged.step());
            if (unchallenged.command() != null) {
                commands.add(unchallenged.command());
            }
        }
        List<Long> frames = frames(chain);
        if (challenged != null) {
            frames.add(challenged.frame());
            frames.add(challenged.finalResponse().frame());
            frames.sort(null);
        }
        // after a challenge the credentials come first, in the title as in the explanation and the fix
        String title = challenged == null ? FROM.title(refuser, fromAtOrigin)
                : refuser + " refused LiveKit's credentials or the call from " + fromAtOrigin + " (403 Forbidden after a "
                + challenged.finalResponse().status() + " challenge)";
        return Findings.call(call.last(), FROM, title, why,
                Findings.evidence(frames, call.configIds(), facts), Findings.fix(steps, commands, null));
    }

    /**
     * LiveKit's last INVITE of {@code call} before {@code refused} that was answered with a digest challenge (which
     * credentials on {@code refused} answer: LiveKit sends them only to answer one), or null.
     */
    private static InviteTransaction challengedBefore(OutboundCall call, InviteTransaction refused) {
        InviteTransaction found = null;
        for (InviteTransaction tx : call.attempts()) {
            if (tx.request().frame() < refused.request().frame() && OutboundAuthCheck.challenged(tx)) {
                found = tx;
            }
        }
        return found;
    }

    /**
     * The number of {@code trunk} that is the From number {@code fromUser}: written the same, or with the same digits
     * (E.164 with or without its '+', spaces or dashes); null when none.
     */
    static String listedNumber(SIPOutboundTrunkInfo trunk, String fromUser) {
        String from = TrunkMiss.digits(fromUser);
        for (String n : trunk.getNumbersList()) {
            if (n.equals(fromUser) || !from.isEmpty() && TrunkMiss.digits(n).equals(from)) {
                return n;
            }
        }
        return null;
    }

    private static Finding numberRejected(OutboundCall call, List<InviteTransaction> chain) {
        InviteTransaction origin = chain.get(0);
        SipMessage refusal = origin.finalResponse();
        String calledAtOrigin = SipAddress.parse(origin.request().requestUri()).user();
        List<String> facts = chainFacts(call, chain);
        if (!calledAtOrigin.equals(call.calledUser())) {
            facts.add(origin.request().src().address() + " sent the carrier the number " + calledAtOrigin
                    + " for LiveKit's " + call.calledUser());
        }
        facts.add(format(calledAtOrigin));
        String refuser = refusal.src().address();
        String why = refuser + " does not accept the dialled number " + calledAtOrigin + " (" + refusal.label() + "): "
                + "the number is incomplete or not written the way the provider routes it (country code, leading "
                + "'+' or 00, a national 0, a tech prefix). LiveKit puts the dialled number (the call's sip_call_to) "
                + "into the Request-URI and To unchanged; it reports \"" + bucket(call.last().finalResponse().status())
                + "\" to the agent" + (chain.size() > 1 ? " (the " + call.last().finalResponse().status()
                + " it got)" : "") + ".";
        List<String> steps = new ArrayList<>();
        steps.add(e164(calledAtOrigin) ? "The number is in E.164 form already: check that " + calledAtOrigin
                + " is complete and in service, and ask the provider whether it routes this destination or wants "
                + "another form for it (national digits, no '+', a tech prefix)."
                : "Dial the number as the provider expects (usually E.164: '+', country code, no spaces) in the "
                + "call's sip_call_to.");
        if (chain.size() > 1) {
            steps.add("The number went through " + chain.get(1).finalResponse().src().address() + ": check how it "
                    + "rewrites it (with Jambonz: the carrier's E.164 leading '+' and tech prefix settings).");
        }
        steps.add("If the provider routes by host, check outbound trunk " + call.trunkId() + "'s address.");
        return Findings.call(call.last(), NUMBER, NUMBER.title(refuser, calledAtOrigin, refusal.label()), why,
                Findings.evidence(frames(chain), call.configIds(), facts), Findings.fix(steps, List.of(), null));
    }

    private static Finding providerRejected(DiagnosisContext context, OutboundCall call,
                                            List<InviteTransaction> chain) {
        InviteTransaction origin = chain.get(0);
        SipMessage start = origin.finalResponse();
        SipMessage toLiveKit = call.last().finalResponse();
        boolean relayed = chain.size() > 1;
        boolean cancelled = call.cancelledBefore(toLiveKit);
        // a Reason naming the callee's own outcome (no answer, busy) turns a 480 or 404 into a delivered call's result
        String calleeCause = cancelled ? null : Q850.calleeOutcome(context, start);
        boolean callee = cancelled || calleeCause != null || List.of(486, 600, 603).contains(start.status());
        List<String> facts = chainFacts(call, chain);
        if (cancelled) {
            facts.add(call.cancelReason());
            if (start.status() != 487) {
                facts.add(start.src().address() + " answered the cancelled INVITE " + start.label()
                        + " where RFC 3261 asks for 487 Request Terminated: it reports the CANCEL, not a failure of its own");
            }
        }
        for (String name : List.of("Reason", "X-Reason", "Warning", "Retry-After", "X-Twilio-Error")) {
            String value = start.header(name);
            if (value != null) {
                facts.add(name + ": " + value);
            }
        }
        if (start.status() == 401 || start.status() == 407) {
            facts.add("The challenge was between " + start.dst().address() + " and " + start.src().address()
                    + ": those are the B2BUA's credentials for the carrier, not LiveKit's");
        }
        SIPOutboundTrunkInfo trunk = call.trunk();
        // the media config LiveKit built its offer from: the trunk's, with the matched request's merged over it
        ParticipantRequest request = call.request().request();
        CallMedia media = trunk == null && request == null ? null
                : CallMedia.ofOutbound(context.config(), trunk, request);
        if (start.status() == 488 && media != null && media.encryption().required()) {
            facts.add(capitalized(media.encryption().setBy()) + " requires media encryption (SRTP): its "
                    + media.encryption().field() + " is " + media.encryption().value().name());
        }
        String redirect = redirectTarget(toLiveKit);
        if (redirect != null) {
            facts.add(toLiveKit.label() + " to LiveKit names Contact " + toLiveKit.header("Contact"));
        }
        StatusMeaning meaning = CallRejectedCheck.meaning(start.status());
        String origin1 = start.src().address();
        String title = cancelled ? "LiveKit cancelled its call " + (call.cancelLimit() != null
                ? "at " + call.cancelLimit() : "before it was answered") + " ("
                + toLiveKit.label() + ")"
                : redirect != null ? toLiveKit.src().address() + " redirected LiveKit's call to " + redirect
                + " (" + toLiveKit.label() + "), which LiveKit does not follow"
                : relayed ? toLiveKit.label() + " to LiveKit started as " + start.label() + " from " + origin1
                : origin1 + " rejected LiveKit's call: " + start.label();
        String why = (cancelled ? "Nobody answered before LiveKit cancelled the INVITE, at the call's ringing timeout "
                + "(" + call.ringingLimit() + ") or because the call was ended first; LiveKit reports \"no-answer\"."
                : start.status() + " means " + meaning.meaning() + ".")
                + (relayed && !cancelled ? " " + chain.get(chain.size() - 1).finalResponse().src().address()
                + " passed the failure back to LiveKit as " + toLiveKit.label() + ", so look at " + origin1
                + ", where it started." : "")
                + (cancelled ? " LiveKit does not wait for the answer to its CANCEL: CreateSIPParticipant fails "
                + "with \"sip request timed out\" and the call gets no SIP status (the " + toLiveKit.status()
                + " never reaches the agent)."
                : " LiveKit hands " + toLiveKit.status() + " to the agent as the call's SIP status"
                + (toLiveKit.status() >= 500 && toLiveKit.status() < 600 ? " (\"upstream-server-error-"
                + toLiveKit.status() + "\", SIP_TRUNK_FAILURE) and does not retry." : "."))
                + (redirect == null ? "" : " LiveKit does not follow redirects: it ends the call (\"unexpected status "
                + "from INVITE response\") and never dials the Contact.");
        List<String> steps = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        if (redirect != null) {
            steps.add("Point outbound trunk " + call.trunkId() + "'s address at the redirect target " + redirect
                    + ", or have " + toLiveKit.src().address() + " route the call itself instead of redirecting it.");
            commands.add("lk sip outbound update --id " + call.trunkId() + " --address " + redirect);
        } else if (start.status() == 488 && !relayed && !cancelled) {
            steps.addAll(offerRefused(context, origin.request(), call.trunkId(), media));
        } else {
            steps.add(cancelled ? call.ringLonger() : calleeCause != null ? "The callee's network reports "
                    + calleeCause + ": nothing is broken in signalling; call again later."
                    : PeerChecks.check(origin.flow(), start));
        }
        if (start.status() == 488 && (relayed || cancelled) && media != null && media.encryption().required()) {
            // LiveKit's own offer refused: offerRefused named the encryption already
            steps.add("If the provider does not do SRTP, set " + media.encryption().setBy() + "'s "
                    + media.encryption().field() + " to allow or disable.");
        } else if (start.status() >= 500 && start.status() < 600 && !relayed) {
            steps.add("If the provider has another gateway, point outbound trunk " + call.trunkId() + "'s address at it.");
        }
        Finding finding = Findings.call(call.last(), PROVIDER, PROVIDER.title(title), why,
                Findings.evidence(frames(chain), call.configIds(), facts), Findings.fix(steps, commands, null));
        return callee ? finding.withSeverity(Severity.INFO) : finding;
    }

    /**
     * A refusal for a reason of the provider account ({@code refusal}: a carrier block, a CPS or concurrent call limit)
     * rather than of the call; {@code seen} is how LiveKit classifies the answer it got itself (null when that answer
     * no longer says it, e.g. a B2BUA relayed the failure with its own reason phrase).
     */
    private static Finding accountRefused(OutboundCall call, List<InviteTransaction> chain, ProviderRefusal refusal,
                                          ProviderRefusal seen) {
        SipMessage start = chain.get(0).finalResponse();
        SipMessage toLiveKit = call.last().finalResponse();
        List<String> facts = chainFacts(call, chain);
        for (String name : List.of("Reason", "Warning", "Retry-After", "X-Twilio-Error")) {
            String value = start.header(name);
            if (value != null) {
                facts.add(name + ": " + value);
            }
        }
        String refuser = start.src().address();
        String liveKit = seen != null
                ? " LiveKit recognises this answer (sip pkg/sip/errors.go): it ends the call as \"" + seen.term()
                + "\" with disconnect reason " + seen.reason() + ", keeps the error \"" + seen.reportedError(toLiveKit)
                + "\" on the call (SIPCallInfo.error), and CreateSIPParticipant fails with SIP status "
                + toLiveKit.status() + "."
                : " " + toLiveKit.src().address() + " passed it back to LiveKit as " + toLiveKit.label()
                + ", which no longer says so: LiveKit reports \"" + bucket(toLiveKit.status()) + "\" (SIP status "
                + toLiveKit.status() + ").";
        String title = refuser + " refused LiveKit's call: " + refusal.cause() + " (" + start.label() + ")";
        return Findings.call(call.last(), PROVIDER, PROVIDER.title(title), refusal.meaning() + liveKit,
                Findings.evidence(frames(chain), call.configIds(), facts), Findings.fix(refusal.steps(), List.of(), null));
    }

    /**
     * What to check when the provider answered LiveKit's own offer {@code invite} with 488: LiveKit builds the offer
     * from the outbound trunk's media config ({@code media}, null when no trunk is known: its codecs, LiveKit's default
     * set of what its server enables unless media.codecs says otherwise, and its encryption) merged with the
     * CreateSIPParticipant request's media (livekit/protocol rpc/sip.go; sip {@code pkg/sip/client.go} newMediaConfig,
     * {@code pkg/sip/outbound.go} {@code NewOffer(mconf.Codecs, mconf.Encryption)}), so those are what the provider may
     * refuse; telling LiveKit to offer G.711, which it did, would send the reader the wrong way.
     */
    private static List<String> offerRefused(DiagnosisContext context, SipMessage invite, String trunkId,
                                             CallMedia media) {
        Sdp sdp = context.sdp(invite);
        List<String> codecs = sdp == null ? List.of() : NoCommonCodecCheck.audioCodecs(sdp);
        boolean encrypted = false;
        for (SdpMedia m : sdp == null ? List.<SdpMedia>of() : sdp.media()) {
            encrypted |= "audio".equals(m.type()) && (m.srtp() || m.crypto());
        }
        String field = media == null || media.encryption().setBy() == null ? "media_encryption"
                : media.encryption().field();
        String offered = media != null && media.codecsConfigured() && media.configError() == null
                ? "Codecs: LiveKit offers what " + media.describeCodecs() + " gives, " + String.join(", ",
                media.acceptedCodecs()) + " (unless the CreateSIPParticipant request's media lists others), so the "
                + "provider must allow one of them, or the trunk's media.codecs must list one it takes."
                : "Codecs: LiveKit offers those its server enables, so the provider must allow one of them (G.711 "
                + "A-law/u-law on a carrier trunk).";
        List<String> steps = new ArrayList<>(2);
        steps.add("Ask the provider what it refuses in LiveKit's offer (frame " + invite.frame() + ": "
                + (codecs.isEmpty() ? "no audio codec" : String.join(", ", codecs)) + ", "
                + (encrypted ? "SRTP" : "plain RTP") + "). " + offered);
        String asker = media == null || media.encryption().setBy() == null ? "outbound trunk " + trunkId
                : media.encryption().setBy();
        steps.add(encrypted ? "Encryption: LiveKit offered SRTP as " + asker + "'s " + field
                + " asks; a provider without SRTP refuses it: set " + field + " to disable."
                : "Encryption: a provider that requires SRTP refuses a plain RTP offer: if it does, set outbound trunk "
                + trunkId + "'s " + field + " to allow or require.");
        return steps;
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /**
     * Where a redirect LiveKit got points (host, and port when the Contact names one), or null when {@code answer} is
     * no 3xx with a Contact: sip {@code pkg/sip/outbound.go} {@code sipOutbound.Invite} ends the call on any final
     * status other than 200, 401 and 407, so a redirect is never followed.
     */
    private static String redirectTarget(SipMessage answer) {
        String contact = answer.status() >= 300 && answer.status() < 400 ? answer.header("Contact") : null;
        if (contact == null || SipAddress.parse(contact).host().isEmpty()) {
            return null;
        }
        String uri = contact.substring(contact.indexOf('<') + 1);
        int port = OutboundCall.port(uri);
        return SipAddress.parse(contact).host() + (port > 0 ? ":" + port : "");
    }

    /**
     * How LiveKit buckets the final status it got for its INVITE (sip {@code pkg/sip/errors.go}
     * {@code classifyInviteError}): the name it reports the failed call with.
     */
    static String bucket(int status) {
        return switch (status) {
            case 401, 407 -> "auth-required";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 408 -> "request-timeout";
            case 480 -> "unavailable";
            case 486 -> "busy";
            case 488 -> "not-acceptable";
            default -> status >= 600 ? "global-decline-" + status : status >= 500 ? "upstream-server-error-" + status
                    : "client-error-" + status;
        };
    }

    /** The base facts and one line per step of the failure on its way back to LiveKit. */
    private static List<String> chainFacts(OutboundCall call, List<InviteTransaction> chain) {
        List<String> facts = call.baseFacts();
        for (int i = 0; i < chain.size(); i++) {
            SipMessage fin = chain.get(i).finalResponse();
            facts.add((i == 0 ? "It started at " : "then ") + fin.src().address() + ": " + fin.label() + " to "
                    + fin.dst().address() + " (frame " + fin.frame() + ", Call-ID " + chain.get(i).callId() + ")");
        }
        return facts;
    }

    /** True when {@code number} is written in E.164: '+' and 1 to 15 digits, the first not 0. */
    static boolean e164(String number) {
        int n = number.length();
        if (n < 2 || n > 16 || number.charAt(0) != '+' || number.charAt(1) == '0') {
            return false;
        }
        for (int i = 1; i < n; i++) {
            if (number.charAt(i) < '0' || number.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** One sentence on how a number is written, for the evidence. */
    static String format(String number) {
        if (number.startsWith("+")) {
            return "The number " + number + " is in E.164 form (leading '+')";
        }
        if (number.startsWith("00")) {
            return "The number " + number + " starts with the international prefix 00, not '+'";
        }
        if (number.startsWith("0")) {
            return "The number " + number + " is in national form (leading 0, no country code)";
        }
        if (!number.isEmpty() && number.chars().allMatch(Character::isDigit)) {
            return "The number " + number + " has digits only, no leading '+'";
        }
        return "The number \"" + number + "\" is not a plain phone number";
    }

    private static List<Long> frames(List<InviteTransaction> chain) {
        List<Long> frames = new ArrayList<>();
        chain.forEach(tx -> {
            frames.add(tx.frame());
            frames.add(tx.finalResponse().frame());
        });
        return frames;
    }
}
