package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.sipladder.Counted;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Leg;
import org.sipladder.media.CaptureMedia;

/**
 * No false alarms: a finding about something that did not stop a call in the capture is at most a warning, and
 * says so. A config finding no captured call depended on is a risk for other calls; a call-setup finding on a call
 * that succeeded did not stop it, nor did a finding after its answer (a refused BYE, a failed transfer, a re-INVITE
 * glare) that is not one of the failures that fail an answered call ({@link PrimaryCauses#ANSWERED_FAILURES}): the
 * call counts as not failed, so none of its findings is an error. A call succeeded when it was answered and its media
 * did not fail (no MEDIA_TIMEOUT_HANGUP, MEDIA_NO_RTP or MEDIA_ONE_WAY error): an answered call whose audio never
 * flowed keeps its setup and after-answer errors, as they may explain it.
 */
final class CallImpact {

    /** How the capture shows that an answered call did not fail, in the words a lowered finding adds. */
    private enum Success {
        ANSWERED(" This call was answered, so it did not stop it.",
                " This call was answered and nothing after shows it failed, so this did not fail it."),
        ANSWERED_WITH_RTP(" This call was answered and its RTP shows no failure, so it did not stop it.",
                " This call was answered and its RTP shows no failure, so this did not fail it.");

        /** Added to a call-setup finding. */
        final String setup;
        /** Added to a finding about something after the answer. */
        final String afterAnswer;

        Success(String setup, String afterAnswer) {
            this.setup = setup;
            this.afterAnswer = afterAnswer;
        }
    }

    /**
     * Findings about connections that failed before any SIP passed: not a risk for other calls but a failure the capture
     * shows, of something no listed call holds (no message of it was sent).
     */
    private static final Set<FindingCode> NO_SIP_SENT = Collections.unmodifiableSet(EnumSet.of(
            FindingCode.SIP_CONNECTION_REFUSED, FindingCode.SIP_CONNECTION_UNANSWERED,
            FindingCode.SIP_TLS_HANDSHAKE_FAILED));
    private static final String NOT_A_CALL = " No call listed for this capture shows it: no SIP passed over these "
            + "connections, so whatever they were for (a call, a registration, an OPTIONS ping) failed before its first "
            + "message; the calls listed are others, which it did not stop.";

    private CallImpact() {
    }

    /**
     * The findings of one call ({@code flow}: the diagnosis goes call by call) with those that did not stop it lowered
     * to warnings.
     */
    static List<Finding> moderate(CallFlow flow, List<Finding> findings, CaptureMedia media) {
        String id = flow.id();
        // why the call was not stopped, when it was answered and did not fail after the answer
        Success succeeded = null;
        String answeredFailure = null;
        if (flow.finalStatus() >= 200 && flow.finalStatus() < 300) {
            List<Finding> own = new ArrayList<>(findings.size());
            for (int i = 0; i < findings.size(); i++) {
                if (id != null && id.equals(findings.get(i).flowId())) {
                    own.add(findings.get(i));
                }
            }
            answeredFailure = Diagnosis.failureAfterAnswer(own);
            if (answeredFailure == null) {
                succeeded = media.streamsOf(callIds(flow.legs())).isEmpty() ? Success.ANSWERED
                        : Success.ANSWERED_WITH_RTP;
            }
        }
        Finding[] moderated = new Finding[findings.size()];
        for (int i = 0; i < moderated.length; i++) {
            moderated[i] = moderate(findings.get(i), id, succeeded, answeredFailure);
        }
        return List.of(moderated);
    }

    private static List<String> callIds(List<Leg> legs) {
        String[] ids = new String[legs.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = legs.get(i).callId();
        }
        return Arrays.asList(ids);
    }

    /**
     * The config's own findings when calls were captured: none of them stopped a captured call, unless no call reached
     * LiveKit while {@code liveKitMissing} calls could have gone on to it (only the carrier's leg to a B2BUA such as
     * Jambonz is captured): then the capture cannot tell, the errors stay and say so, naming {@code claimed}
     * ({@link LiveKitLeg#claimed}, or null).
     */
    static List<Finding> moderateConfig(List<Finding> configFindings, long liveKitMissing, String claimed) {
        String unseen = liveKitMissing == 0 ? null : " No INVITE to LiveKit is in this capture, though it holds "
                + Counted.of(liveKitMissing, "call") + " that could have gone on to it" + (claimed == null ? ""
                : " (" + claimed + ")") + ": the leg on to LiveKit (from Jambonz or another B2BUA) was not captured, "
                + "so the capture cannot show whether it affected " + (liveKitMissing == 1 ? "that call" : "them")
                + "; capture on the Jambonz -> LiveKit side to see.";
        return configFindings.stream().map(f -> unseen != null && f.flowId() == null && f.severity() == Severity.ERROR
                && !NO_SIP_SENT.contains(f.code()) && f.code() != FindingCode.LK_PARTICIPANT_REQUEST_REFUSED
                ? new Finding(f.code(), f.severity(), f.title(), f.explanation().concat(unseen), f.callId(), f.flowId(),
                f.primary(), f.evidence(), f.fix())
                : moderate(f, null, null, null)).toList();
    }

    /**
     * {@code f} as the findings of call {@code flowId} are moderated: {@code succeeded} is how that call was not
     * stopped (null when it was), {@code answeredFailure} what went wrong when it was answered and failed all the same
     * ({@link Diagnosis#failureAfterAnswer}; null when it did not).
     */
    private static Finding moderate(Finding f, String flowId, Success succeeded, String answeredFailure) {
        if (f.severity() != Severity.ERROR) {
            return f;
        }
        if (f.flowId() == null) {
            // a connection that failed sent no SIP, and a refused request places no call: neither would stop another
            return lowered(f, NO_SIP_SENT.contains(f.code()) ? NOT_A_CALL
                    : f.code() == FindingCode.LK_PARTICIPANT_REQUEST_REFUSED
                    ? " No call in this capture was placed by it: LiveKit refuses it each time it is sent, before any "
                    + "INVITE." : " No call in this capture was affected by it; it would affect other calls.");
        }
        // a failure of an answered call is what judges the call (LiveKit answers a PIN prompt by design: that
        // finding already judges what happened after the answer); a scanner's probe judges the scan, and an answer
        // to it is what makes it an error
        if (!f.flowId().equals(flowId) || PrimaryCauses.ANSWERED_FAILURES.contains(f.code())
                || f.code() == FindingCode.SIP_SCANNER_PROBE) {
            return f;
        }
        if (succeeded != null) {
            return lowered(f, f.code().afterAnswer() ? succeeded.afterAnswer : succeeded.setup);
        }
        if (answeredFailure != null && !f.code().afterAnswer()) {
            return new Finding(f.code(), f.severity(), f.title(), f.explanation().concat(" This call was answered but "
                    + answeredFailure + ", so it did not succeed: this may be part of why."), f.callId(), f.flowId(),
                    f.primary(), f.evidence(), f.fix());
        }
        return f;
    }

    private static Finding lowered(Finding f, String why) {
        // concat: one copy of an explanation of a few hundred characters (a builder grows several times)
        return new Finding(f.code(), Severity.WARNING, f.title(), f.explanation().concat(why), f.callId(), f.flowId(),
                f.primary(), f.evidence(), f.fix());
    }
}
