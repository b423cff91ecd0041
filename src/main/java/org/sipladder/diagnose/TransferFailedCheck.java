package org.sipladder.diagnose;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sipladder.flow.CallFlow;

/**
 * SIP_TRANSFER_FAILED: a REFER (call transfer) that was refused, or whose NOTIFY reports a failed final status in
 * its message/sipfrag body.
 */
final class TransferFailedCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.SIP_TRANSFER_FAILED;
    private static final Pattern SIPFRAG = Pattern.compile("SIP/2\\.0\\s+(\\d{3})([^\\r\\n]*)");

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (CallFlow flow : context.flows()) {
            for (DialogRequests refer : context.dialogRequests(flow, "REFER")) {
                String target = refer.request().header("Refer-To");
                if (refer.finalResponse() != null && refer.finalResponse().status() >= 300) {
                    findings.add(finding(flow, refer, target, "the REFER was answered " + refer.finalResponse().label(),
                            refer.finalResponse().frame()));
                    continue;
                }
                for (DialogRequests notify : context.dialogRequests(flow, "NOTIFY")) {
                    Matcher m = SIPFRAG.matcher(body(notify));
                    if (notify.request().frame() > refer.request().frame()
                            && notify.request().callId().equals(refer.request().callId()) && m.find()
                            && Integer.parseInt(m.group(1)) >= 300) {
                        findings.add(finding(flow, refer, target, "the NOTIFY reports " + m.group(1) + m.group(2).stripTrailing()
                                + " from the transfer target", notify.request().frame()));
                        break;
                    }
                }
            }
        }
        return findings;
    }

    private static String body(DialogRequests notify) {
        byte[] body = notify.request().body();
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    private static Finding finding(CallFlow flow, DialogRequests refer, String target, String outcome, long frame) {
        return DialogRequests.finding(flow, refer.request(), CODE, CODE.title(target, outcome),
                "A REFER asks the other side to call the transfer target; it reports progress in NOTIFY requests whose "
                        + "message/sipfrag body holds the target's status line. A final status of 300 or more there "
                        + "(or a refused REFER) means the caller was not transferred. LiveKit sends REFER for "
                        + "TransferSIPParticipant; the provider or Jambonz must accept it and be able to reach the target.",
                List.of(refer.request().frame(), frame),
                List.of("REFER frame " + refer.request().frame() + " Refer-To " + target, outcome),
                List.of("Check that the provider (or Jambonz) accepts REFER on this trunk and can dial " + target
                                + " (number format, permissions).",
                        "If REFER is not supported, transfer inside the call instead (a new outbound call bridged "
                                + "by the agent)."));
    }
}
