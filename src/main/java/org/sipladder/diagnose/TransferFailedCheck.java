package org.sipladder.diagnose;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Role;
import org.sipladder.sip.SipMessage;

/**
 * SIP_TRANSFER_FAILED: a REFER (call transfer) that was refused, or whose NOTIFY reports a failed final status in
 * its message/sipfrag body. A REFER LiveKit sent is judged as LiveKit judges it (livekit/sip pkg/sip/protocol.go,
 * sendRefer and handleReferNotify): the REFER must get 200 or 202; of the NOTIFYs for it, a sipfrag status of 100-199
 * means still trying, exactly 200 means success, and anything else, 202 and the other 2xx included, means the
 * transfer failed; the first that is not 1xx decides. LiveKit waits for that NOTIFY only so long (see
 * {@link #LIVEKIT_WAIT_MICROS}): a REFER accepted but left without a deciding NOTIFY fails too. Other REFERs follow
 * RFC 3515: a final status of 300 or more. Which REFER a NOTIFY reports on is read from its Event id the same two
 * ways: as LiveKit reads it for LiveKit's REFERs ({@link #forRefer}), as RFC 3515 says for the others
 * ({@link #reportsOn}).
 */
final class TransferFailedCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.SIP_TRANSFER_FAILED;
    private static final Pattern SIPFRAG = Pattern.compile("SIP/2\\.0\\s+(\\d{3})([^\\r\\n]*)");

    /**
     * What to do about a REFER the other side refused, by its answer; in a step {@code %1$s} stands for the side that
     * answered and {@code %2$s} for the transfer target. 2xx rows apply to LiveKit's REFERs only (others take any 2xx).
     */
    private static final List<StatusMeaning> REFER_REFUSED = List.of(
            new StatusMeaning(200, 299, "accepted in a form LiveKit does not take", "Have %1$s answer LiveKit's REFER "
                    + "202 Accepted (or 200 OK), and end the transfer with a NOTIFY whose sipfrag is 'SIP/2.0 200 OK' once "
                    + "the target answered: LiveKit counts any other 2xx as a failure."),
            new StatusMeaning(403, 403, "transfers are not allowed", "%1$s does not allow this call to be transferred "
                    + "(403 Forbidden): ask the provider to enable call transfer (SIP REFER) on the trunk or account, "
                    + "for calls to %2$s."),
            new StatusMeaning(405, 405, "REFER is not supported", "%1$s does not take REFER on this trunk: ask the "
                    + "provider (or the Jambonz application) to enable call transfer (SIP REFER)."),
            new StatusMeaning(501, 501, "REFER is not supported", "%1$s does not implement REFER: ask the provider "
                    + "(or the Jambonz application) to enable call transfer (SIP REFER)."),
            new StatusMeaning(481, 481, "the dialog is unknown", "%1$s no longer knows the call (481): the REFER came "
                    + "after the call ended, or went to another address than the dialog's Contact."),
            new StatusMeaning(300, 699, "refused", "Check that %1$s accepts REFER on this trunk and can dial %2$s "
                    + "(number format, permissions)."));

    /** What to do about a transfer the NOTIFY's sipfrag reports failed, by its status; placeholders as above. */
    private static final List<StatusMeaning> TARGET_FAILED = List.of(
            new StatusMeaning(200, 299, "accepted in a form LiveKit does not take", "Have %1$s end the transfer with a "
                    + "NOTIFY whose sipfrag is 'SIP/2.0 200 OK' once the target answered: LiveKit counts 202 or "
                    + "another 2xx as a failure."),
            new StatusMeaning(404, 404, "the target number is unknown", "%1$s could not route %2$s: write the "
                    + "Refer-To target as the provider routes it (E.164 with '+' in a sip: or tel: URI), and check the "
                    + "number is in service."),
            new StatusMeaning(484, 485, "the target number is incomplete or ambiguous", "%1$s could not route %2$s: "
                    + "write the Refer-To target as the provider routes it (E.164 with '+' in a sip: or tel: URI)."),
            new StatusMeaning(604, 604, "the target number does not exist", "%1$s reports that %2$s does not exist "
                    + "anywhere: check the Refer-To target."),
            new StatusMeaning(403, 403, "the provider may not call the target", "%1$s accepted the REFER but may not "
                    + "call %2$s (403 Forbidden): ask the provider to allow transfers to this destination."),
            new StatusMeaning(486, 486, "the target was busy", "The transfer target %2$s was busy: nothing is broken "
                    + "in signalling; transfer again later or elsewhere."),
            new StatusMeaning(600, 603, "the target was busy or declined", "The transfer target %2$s declined: nothing "
                    + "is broken in signalling; transfer again later or elsewhere."),
            new StatusMeaning(300, 699, "the target call failed", "Check that %1$s can dial %2$s (number format, "
                    + "permissions) and, for a 5xx, its route to the target."));

    /** A transfer target that was busy or declined is information: the transfer itself worked as signalled. */
    private static boolean targetsOwnAnswer(int status) {
        return status == 486 || status >= 600 && status <= 603;
    }

    /**
     * How long LiveKit waits for the NOTIFY that decides its transfer: TransferCall (livekit/sip pkg/sip/inbound.go,
     * outbound.go) waits on referDone, which only handleReferNotify fills, under the request's ringing timeout, which
     * TransferSIPParticipant (livekit/livekit pkg/service/sip.go) sets to 30 s unless the agent gives its own. The
     * clock starts with the API call, just before the REFER is sent.
     */
    static final long LIVEKIT_WAIT_MICROS = 30_000_000;

    /** A sipfrag LiveKit's parser cannot read: it answers the NOTIFY with an error and goes on waiting. */
    private static final int UNREADABLE = -1;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (CallFlow flow : context.flows()) {
            for (DialogRequests refer : context.dialogRequests(flow, "REFER")) {
                String target = refer.request().header("Refer-To");
                Finding f = flow.hasHop(refer.request().src(), Role.LIVEKIT)
                        ? liveKitTransfer(context, flow, refer, target) : transfer(context, flow, refer, target);
                if (f != null) {
                    findings.add(f);
                }
            }
        }
        return findings;
    }

    /** A REFER another party sent, as RFC 3515 reads it. */
    private static Finding transfer(DiagnosisContext context, CallFlow flow, DialogRequests refer, String target) {
        SipMessage answer = refer.finalResponse();
        if (answer != null && answer.status() == 405 && flow.hasHop(answer.src(), Role.LIVEKIT)) {
            return refusedByLiveKit(flow, refer, target, answer);
        }
        if (answer != null && answer.status() >= 300) {
            return finding(flow, refer, target, "the REFER was answered " + answer.label(), answer, REFER_REFUSED);
        }
        boolean first = firstOfDialog(context, flow, refer.request());
        for (DialogRequests notify : context.dialogRequests(flow, "NOTIFY")) {
            if (notify.request().frame() <= refer.request().frame()
                    || !notify.request().callId().equals(refer.request().callId())
                    || !reportsOn(notify.request().header("Event"), refer.request(), first)) {
                continue;
            }
            Matcher m = SIPFRAG.matcher(body(notify));
            if (m.find()
                    && Integer.parseInt(m.group(1)) >= 300) {
                return finding(flow, refer, target, "the NOTIFY reports " + m.group(1) + m.group(2).stripTrailing()
                        + " from the transfer target", notify.request(), Integer.parseInt(m.group(1)), TARGET_FAILED);
            }
        }
        return null;
    }

    /** A REFER LiveKit sent (TransferSIPParticipant), as LiveKit reads its answer and the NOTIFYs for it. */
    private static Finding liveKitTransfer(DiagnosisContext context, CallFlow flow, DialogRequests refer, String target) {
        SipMessage answer = refer.finalResponse();
        if (answer != null && answer.status() != 200 && answer.status() != 202) {
            return finding(flow, refer, target, "the REFER was answered " + answer.label() + (answer.status() < 300
                    ? ", and LiveKit takes only 200 or 202 as accepted" : ""), answer, REFER_REFUSED);
        }
        SipMessage request = refer.request();
        long deadline = request.timestampMicros() + LIVEKIT_WAIT_MICROS;
        SipMessage unreadable = null;
        SipMessage trying = null;
        SipMessage late = null;
        for (DialogRequests notify : context.dialogRequests(flow, "NOTIFY")) {
            SipMessage n = notify.request();
            if (n.frame() <= request.frame() || !request.callId().equals(n.callId())
                    || !n.dst().address().equals(request.src().address()) || !forRefer(n.header("Event"), request)) {
                continue;
            }
            if (n.timestampMicros() > deadline) {
                late = late == null ? n : late;
                continue;
            }
            String body = body(notify);
            int status = liveKitStatus(body);
            if (status >= 100 && status < 200) {
                trying = n;
            } else if (status == UNREADABLE) {
                unreadable = unreadable == null ? n : unreadable;
            } else if (status == 200) {
                return null;
            } else if (status < 100 || status >= 200) {
                String line = firstLine(body).substring(8); // after "SIP/2.0 ", which liveKitStatus read
                return finding(flow, refer, target, "the NOTIFY reports " + line + " from the transfer target"
                        + (status < 300 ? ", and LiveKit takes only 'SIP/2.0 200' as success (1xx as still trying), "
                        + "so TransferSIPParticipant fails although the target may have accepted" : ""), n, status,
                        TARGET_FAILED);
            }
        }
        if (unreadable != null) {
            return finding(flow, refer, target, "LiveKit cannot read the NOTIFY's sipfrag \"" + firstLine(body(unreadable))
                    + "\" (it wants 'SIP/2.0 <status> <reason>'): it answers the NOTIFY with an error and keeps "
                    + "waiting for the transfer's outcome", unreadable, 299, TARGET_FAILED);
        }
        return answer == null ? null : unnotified(context, flow, refer, target, trying, late);
    }

    /**
     * A REFER LiveKit sent that was accepted, with no NOTIFY deciding it within {@link #LIVEKIT_WAIT_MICROS}: when the
     * wait runs out, TransferSIPParticipant fails ("refer canceled") and LiveKit keeps the call, so the caller stays
     * with the agent. A call that ends first ends the wait without a failure (TransferCall returns nil on callDone:
     * peers often transfer and hang up without a NOTIFY), so that is no finding; a capture that ends first cannot
     * tell which came first. {@code trying} is the last 1xx NOTIFY in time, {@code late} the first after the wait.
     */
    private static Finding unnotified(DiagnosisContext context, CallFlow flow, DialogRequests refer, String target,
                                      SipMessage trying, SipMessage late) {
        SipMessage request = refer.request();
        SipMessage answer = refer.finalResponse();
        SipMessage bye = null;
        for (DialogRequests b : context.dialogRequests(flow, "BYE")) {
            if (b.request().frame() > request.frame() && b.request().callId().equals(request.callId())) {
                bye = b.request();
                break;
            }
        }
        long deadline = request.timestampMicros() + LIVEKIT_WAIT_MICROS;
        if (bye != null && bye.timestampMicros() <= deadline) {
            return null;
        }
        List<FlowMessage> messages = flow.messages();
        long captureEnd = Math.max(context.media().lastPacketMicros(),
                messages.get(messages.size() - 1).message().timestampMicros());
        boolean cut = bye == null && captureEnd < deadline;
        String peer = answer.src().address();
        List<Long> frames = new ArrayList<>(List.of(request.frame(), answer.frame()));
        List<String> facts = new ArrayList<>(List.of("REFER frame " + request.frame() + " Refer-To " + target,
                peer + " answered " + answer.label() + " (frame " + answer.frame() + ")"));
        if (trying != null) {
            frames.add(trying.frame());
            facts.add("NOTIFY frame " + trying.frame() + " reports only progress ('" + firstLine(body(trying)) + "')");
        }
        facts.add(cut ? String.format(Locale.ROOT, "The capture ends %.1f s after the REFER with no NOTIFY that "
                + "decides the transfer", (captureEnd - request.timestampMicros()) / 1e6)
                : String.format(Locale.ROOT, "No NOTIFY decided the transfer in the %d s LiveKit waits",
                LIVEKIT_WAIT_MICROS / 1_000_000));
        if (late != null) {
            frames.add(late.frame());
            facts.add(String.format(Locale.ROOT, "NOTIFY frame %d came %.1f s after the REFER, after LiveKit stopped "
                    + "waiting", late.frame(), (late.timestampMicros() - request.timestampMicros()) / 1e6));
        }
        if (bye != null) {
            frames.add(bye.frame());
            facts.add(String.format(Locale.ROOT, "The call went on until BYE frame %d from %s, %.1f s after the REFER",
                    bye.frame(), bye.src().address(), (bye.timestampMicros() - request.timestampMicros()) / 1e6));
        }
        String outcome = "the REFER was accepted (" + answer.label() + ") but " + (cut
                ? "the capture ends before any NOTIFY reported the outcome"
                : "no NOTIFY reported the outcome within LiveKit's " + LIVEKIT_WAIT_MICROS / 1_000_000 + " s wait");
        String why = "A REFER's recipient must report the transfer in NOTIFY requests whose message/sipfrag body holds the "
                + "target's status line (RFC 3515 2.4.4). LiveKit's TransferSIPParticipant waits for the NOTIFY with a "
                + "final status (exactly 'SIP/2.0 200' is success) and nothing else ends that wait but the call "
                + "ending; it waits the request's ringing_timeout, 30 s unless the agent sets one. When that runs out "
                + "the API call fails (\"refer canceled\") and LiveKit keeps the call: the caller stays connected to "
                + "the agent, even if " + peer + " did transfer it."
                + (cut ? String.format(Locale.ROOT, " The capture ends %.1f s after the REFER, before that wait ran "
                + "out: it cannot tell whether the call ended first (LiveKit then takes the transfer as done) or the "
                + "wait ran out (the transfer failed).", (captureEnd - request.timestampMicros()) / 1e6) : "");
        List<String> steps = List.of("Have " + peer + " send NOTIFY for LiveKit's REFER, as RFC 3515 requires: "
                        + "Event: refer, Content-Type: message/sipfrag, 'SIP/2.0 100 Trying' at once and the target's "
                        + "final status when it has one ('SIP/2.0 200 OK' once the target answered).",
                "If the target takes longer than 30 s to answer, give a longer ringing_timeout in the agent's "
                        + "TransferSIPParticipant request.");
        Finding f = DialogRequests.finding(flow, request, CODE, CODE.title(target, outcome), why, frames, facts, steps);
        return cut ? f.withSeverity(Severity.WARNING) : f;
    }

    /** The largest number Go's strconv.ParseUint(s, 10, 32) returns, which it also returns for a larger one. */
    private static final long MAX_UINT32 = 0xFFFF_FFFFL;

    /**
     * True when a NOTIFY's Event header reports on LiveKit's {@code refer} as LiveKit reads it (livekit/sip
     * pkg/sip/protocol.go handleNotify, handleReferNotify): the value in lower case is exactly "refer" or
     * "refer;id=DIGITS", and an id of 0 (or none) reports on any REFER, as LiveKit skips a NOTIFY only for a non-zero id
     * other than its REFER's CSeq; the id is read as ParseUint reads it, a number too large becoming 2^32 - 1.
     */
    static boolean forRefer(String event, SipMessage refer) {
        if (event == null) {
            return false;
        }
        String e = event.trim().toLowerCase(Locale.ROOT);
        if (e.equals("refer")) {
            return true;
        }
        if (!e.startsWith("refer;id=") || e.length() == 9) {
            return false;
        }
        long id = 0;
        for (int i = 9; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            id = Math.min(MAX_UINT32, id * 10 + (c - '0'));
        }
        return id == 0 || id == refer.cseqNumber();
    }

    /**
     * True when a NOTIFY's Event header reports on {@code refer} as RFC 3515 2.4.6 has it: the event is "refer" and
     * its id parameter is the REFER's CSeq number; without an id it reports on the first REFER of the dialog
     * ({@code first}), as the NOTIFYs for every later one must carry the id. Names compare in any case, with
     * whitespace around ';' and '=' (RFC 3261 25.1).
     */
    static boolean reportsOn(String event, SipMessage refer, boolean first) {
        if (event == null) {
            return false;
        }
        String[] parts = event.split(";");
        if (!parts[0].trim().equalsIgnoreCase("refer")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0 && parts[i].substring(0, eq).trim().equalsIgnoreCase("id")) {
                String id = parts[i].substring(eq + 1).trim();
                return !id.isEmpty() && id.length() < 19 && id.chars().allMatch(c -> c >= '0' && c <= '9')
                        && Long.parseLong(id) == refer.cseqNumber();
            }
        }
        return first;
    }

    /** True when no REFER of the flow's dialog {@code refer} came before it from the same sender. */
    private static boolean firstOfDialog(DiagnosisContext context, CallFlow flow, SipMessage refer) {
        for (DialogRequests other : context.dialogRequests(flow, "REFER")) {
            SipMessage r = other.request();
            if (r.frame() < refer.frame() && r.callId().equals(refer.callId())
                    && r.src().address().equals(refer.src().address())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The status in a sipfrag as LiveKit's parser reads it (parseNotifyBody: split at the first two spaces, the first
     * part "SIP/2.0" in any case, the second a number), or {@link #UNREADABLE}.
     */
    static int liveKitStatus(String body) {
        int first = body.indexOf(' ');
        if (first < 0 || !body.substring(0, first).equalsIgnoreCase("SIP/2.0")) {
            return UNREADABLE;
        }
        int second = body.indexOf(' ', first + 1);
        String code = second < 0 ? body.substring(first + 1) : body.substring(first + 1, second);
        try {
            return Integer.parseInt(code); // as Go's strconv.Atoi: an optional sign, then digits only
        } catch (NumberFormatException e) {
            return UNREADABLE;
        }
    }

    private static String firstLine(String body) {
        int end = body.indexOf('\n');
        return (end < 0 ? body : body.substring(0, end)).stripTrailing();
    }

    private static String body(DialogRequests notify) {
        return body(notify.request());
    }

    private static String body(SipMessage message) {
        byte[] body = message.body();
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    /**
     * A REFER sent to LiveKit, which has no REFER handler (livekit/sip pkg/sip/server.go: OnNoRoute answers 405): it
     * only sends REFER, for TransferSIPParticipant.
     */
    private static Finding refusedByLiveKit(CallFlow flow, DialogRequests refer, String target, SipMessage answer) {
        String outcome = "LiveKit refused the REFER (" + answer.label() + ")";
        return DialogRequests.finding(flow, refer.request(), CODE, CODE.title(target, outcome),
                "LiveKit SIP takes no REFER: it handles only " + RequestRejectedCheck.LIVEKIT_METHODS + " and answers "
                        + "every other method 405 Method Not Allowed. It sends REFER itself, when the agent calls "
                        + "TransferSIPParticipant, but cannot be asked to transfer by the other side; the call stays "
                        + "where it was.",
                List.of(refer.request().frame(), answer.frame()),
                List.of("REFER frame " + refer.request().frame() + " from " + refer.request().src().address()
                        + " to LiveKit " + answer.src().address() + ", Refer-To " + target, outcome),
                List.of("Transfer from LiveKit's side: have the agent call TransferSIPParticipant (LiveKit then sends "
                                + "the REFER toward the caller's side), or transfer on Jambonz or the SBC, which hold the "
                                + "caller's leg, instead of asking LiveKit to."));
    }

    /** A refused REFER: {@code answer} is the refusal. */
    private static Finding finding(CallFlow flow, DialogRequests refer, String target, String outcome, SipMessage answer,
                                   List<StatusMeaning> table) {
        return finding(flow, refer, target, outcome, answer, answer.status(), table);
    }

    /**
     * A failed transfer: {@code decider} (the REFER's answer or a NOTIFY) reported {@code status}, whose row of
     * {@code table} gives the first fix step.
     */
    private static Finding finding(CallFlow flow, DialogRequests refer, String target, String outcome, SipMessage decider,
                                   int status, List<StatusMeaning> table) {
        String peer = decider.src().address();
        List<String> steps = new ArrayList<>(List.of(String.format(Locale.ROOT, StatusMeaning.of(table, status).check(),
                peer, target)));
        if (table == REFER_REFUSED && (status == 403 || status == 405 || status == 501)) {
            steps.add("If the provider cannot transfer, transfer inside the call instead: the agent dials " + target
                    + " with CreateSIPParticipant into the same room and then leaves the caller with it.");
        }
        Finding finding = DialogRequests.finding(flow, refer.request(), CODE, CODE.title(target, outcome),
                "A REFER asks the other side to call the transfer target; it reports progress in NOTIFY requests whose "
                        + "message/sipfrag body holds the target's status line. A final status of 300 or more there "
                        + "(or a refused REFER) means the caller was not transferred. LiveKit sends REFER for "
                        + "TransferSIPParticipant and is stricter: it takes the REFER as accepted on 200 or 202 only, "
                        + "and the transfer as done only on a sipfrag of exactly 200 (1xx: still trying); any other "
                        + "status, 202 Accepted and other 2xx included, fails the transfer. The provider or Jambonz must "
                        + "accept the REFER and be able to reach the target.",
                List.of(refer.request().frame(), decider.frame()),
                List.of("REFER frame " + refer.request().frame() + " Refer-To " + target, outcome),
                steps);
        return table == TARGET_FAILED && targetsOwnAnswer(status) ? finding.withSeverity(Severity.INFO) : finding;
    }
}
