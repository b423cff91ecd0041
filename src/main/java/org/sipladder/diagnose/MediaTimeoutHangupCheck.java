package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Role;
import org.sipladder.livekit.CallMedia;
import org.sipladder.media.RtpStream;
import org.sipladder.media.SdpAnnouncement;
import org.sipladder.sip.SipMessage;

/**
 * MEDIA_TIMEOUT_HANGUP: a party hangs up after the answer at its media timeout while no RTP reached it. LiveKit
 * ends a call with BYE when no RTP arrives within 30 s of its start ({@code media_timeout_initial}) or for 15 s
 * later ({@code media_timeout}, or the call's trunk's or rule's media.media_timeout); other servers have similar timers (FreeSWITCH {@code media_timeout}, rtpengine's
 * timeout). The call was answered but failed, and this is why.
 */
final class MediaTimeoutHangupCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.MEDIA_TIMEOUT_HANGUP;
    static final double INITIAL_SECONDS = 30;
    static final double LATER_SECONDS = 15;
    /** How far the BYE may be from the timeout: timers start a little after the 200 OK and BYEs take a moment. */
    static final double SLACK_SECONDS = 5;
    /**
     * How much earlier than its timeout LiveKit's BYE may show: none, as its timer never fires early (media_port.go
     * timeoutLoop: 30 s from the accept, or 15 s from the last RTP packet it read) and the capture sees the 200 OK
     * and the RTP no later than LiveKit does; this much for capture time stamps and a first 200 OK lost before the
     * capture point and sent again (RFC 3261 T1).
     */
    static final double LIVEKIT_EARLY_SECONDS = 0.5;
    /** How soon a B2BUA passes a BYE from one leg on to its other leg (Jambonz: tens of milliseconds). */
    static final long RELAY_MICROS = 2_000_000;
    /** How far from the last RTP a hold offer may be and still be why it stopped: the holder stops at its 200 OK. */
    static final long HOLD_SLACK_MICROS = 2_000_000;
    /**
     * The shortest silence before LiveKit's BYE read as a media_timeout set shorter than its 15 s on the call's trunk
     * or rule, none of which the analyzer knows: sooner, the BYE is the hang-up itself with the media winding down.
     */
    static final double SHORTEST_GUESSED_SECONDS = 2;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        // a capture without RTP (a SIP-only capture filter) cannot show the media, but LiveKit's BYE at its initial
        // media timeout still tells (livekit-inbound-routing.md, section 8): only calls with such a BYE are looked at
        boolean noRtp = context.media().rtpPackets() == 0;
        for (CallFlow flow : context.flows()) {
            if (noRtp && !liveKitSentBye(flow)) {
                continue;
            }
            List<MediaLeg> legs = context.mediaLegs(flow);
            for (MediaLeg leg : legs) {
                Finding f = noRtp ? liveKitTimeoutWithoutRtp(leg)
                        : check(leg, legs, media(context, leg), context.hasConfig());
                // a trunk's max_call_duration that ends when a media timer would: the limit's, told once
                if (f != null && !MaxCallDurationCheck.claims(context, leg.bye)) {
                    findings.add(f);
                }
            }
        }
        return findings;
    }

    /** The party of the answered {@code leg} that sent its BYE after the answer, or null. */
    static MediaParty hanger(MediaLeg leg) {
        if (!leg.answered() || leg.bye == null || leg.bye.frame() < leg.answer.frame()) {
            return null;
        }
        return leg.caller.is(leg.bye.src()) ? leg.caller : leg.callee.is(leg.bye.src()) ? leg.callee : null;
    }

    /**
     * The media config of the LiveKit call {@code leg} is (its simulated routing's), or null: a trunk's or rule's
     * media_timeout replaces LiveKit's later 15 s (livekit/sip newMediaConfig; the initial 30 s is the server's).
     */
    private static CallMedia media(DiagnosisContext context, MediaLeg leg) {
        for (LiveKitRouting r : context.simulatedRoutings()) {
            if (r.outcome().media() != null && r.transaction().request().callId().equals(leg.leg.callId())) {
                return r.outcome().media();
            }
        }
        return null;
    }

    /** {@code configLoaded}: a LiveKit config is loaded, so {@code media} null means no routing of this leg's. */
    private static Finding check(MediaLeg leg, List<MediaLeg> legs, CallMedia media, boolean configLoaded) {
        MediaParty hanger = leg.captureRtpPackets == 0 ? null : hanger(leg);
        if (hanger == null) {
            return null;
        }
        long byeMicros = leg.bye.timestampMicros();
        long answerMicros = leg.answer.timestampMicros();
        long lastToward = lastReaching(leg, hanger);
        double sinceAnswer = (byeMicros - answerMicros) / 1e6;
        double sinceRtp = lastToward < 0 ? sinceAnswer : (byeMicros - lastToward) / 1e6;
        // other servers' timers are "about" their values; LiveKit's never fires before its own
        boolean liveKit = hanger.isLiveKit(hanger.sdpAt(leg.bye.frame()));
        boolean initial = lastToward < answerMicros && sinceAnswer <= INITIAL_SECONDS + SLACK_SECONDS
                && sinceAnswer >= INITIAL_SECONDS - (liveKit ? LIVEKIT_EARLY_SECONDS : SLACK_SECONDS);
        CallMedia timeoutSet = liveKit && media != null && media.timeoutBy() != null ? media : null;
        double laterSeconds = timeoutSet != null ? timeoutSet.laterTimeoutMicros() / 1e6 : LATER_SECONDS;
        boolean fits = lastToward >= answerMicros && sinceRtp <= laterSeconds + SLACK_SECONDS
                && sinceRtp >= laterSeconds - (liveKit ? LIVEKIT_EARLY_SECONDS : 2);
        // LiveKit's timer never fires early and counts a trunk's or rule's media_timeout in place of 15 s: a BYE
        // after a clearly shorter silence, where no known trunk or rule sets one, is probably such a timeout. Clearly:
        // a capture taken before packets were lost on their way saw RTP that LiveKit never got, so its 15 s may
        // have started seconds before the last packet seen
        Guess guess = liveKit && timeoutSet == null && !fits && lastToward >= answerMicros
                && sinceRtp >= SHORTEST_GUESSED_SECONDS && sinceRtp <= LATER_SECONDS - SLACK_SECONDS
                ? new Guess(sinceRtp, configLoaded && media != null, configLoaded) : null;
        boolean later = fits || guess != null;
        // RTP that stopped as its sender hung up (its BYE refused or lost, so the dialog went on) was no media failure
        if (!initial && !later || passedOn(leg) || later && leg.hungUpAt(leg.other(hanger), lastToward)) {
            return null;
        }
        SdpAnnouncement hold = later ? holdAt(leg, leg.other(hanger), lastToward) : null;
        // a media relay's RTP stops when what it passes on stopped on its other leg: the cause is there
        UpstreamStop upstream = later && hold == null
                ? UpstreamStop.of(legs, leg, leg.other(hanger), lastToward, leg.bye.frame()) : null;
        return finding(legs, leg, hanger, initial, sinceAnswer, sinceRtp, hold, upstream, later ? timeoutSet : null,
                guess);
    }

    /**
     * LiveKit's BYE after a silence shorter than its 15 s, where no known trunk or rule sets media_timeout: probably
     * a media_timeout of about {@code seconds} that the analyzer cannot see.
     *
     * @param seconds  how long no RTP had reached LiveKit at its BYE
     * @param noneSet  true when the loaded config sets no media_timeout for the call's trunk or rule (so the server's
     *                 own setting or a config changed since the capture)
     * @param loaded   true when a LiveKit config is loaded, though it may not show this call's trunk or rule
     */
    record Guess(double seconds, boolean noneSet, boolean loaded) {

        String titleTail() {
            return String.format(Locale.ROOT, ", probably a media_timeout of about %.0f s", seconds);
        }

        /** Why LiveKit hung up so soon, as far as the capture and the config tell. */
        String why() {
            String timeout = String.format(Locale.ROOT, "a media_timeout of about %.0f s", seconds);
            String where = noneSet
                    ? "The loaded config sets no media.media_timeout on this call's trunk or dispatch rule, so it is "
                    + "probably " + timeout + " set elsewhere: the server's own media_timeout (self-hosted LiveKit "
                    + "SIP's config.yaml, the default for every call) or a trunk or rule changed since the capture."
                    : "This is probably " + timeout + " set on the trunk or dispatch rule of this call "
                    + "(media.media_timeout, counted in place of the 15 s: livekit/sip newMediaConfig), or the "
                    + "server's own media_timeout (self-hosted config.yaml); " + (loaded ? "the loaded config does "
                    + "not show this call's trunk or rule to confirm it." : "no LiveKit config loaded to confirm.");
            return "LiveKit's timer never fires early, and by default it waits 15 s after the last RTP packet "
                    + "(livekit/sip media_port.go timeoutLoop). " + where + " LiveKit also hangs up when the agent or "
                    + "the room ends the call (the agent hanging up after its own inactivity timeout, the room "
                    + "deleted), which the capture shows the same way. ";
        }

        /** What to check to confirm it. */
        String step() {
            return noneSet ? "Check the media_timeout in LiveKit SIP's server config (self-hosted config.yaml) and "
                    + "whether the trunk or dispatch rule changed since the capture; if LiveKit should wait longer, "
                    + "raise it (or set media.media_timeout on the trunk or rule)."
                    : loaded ? "Check the media.media_timeout of the trunk and dispatch rule that took this call in "
                    + "the project it went to (lk sip inbound list --json, lk sip dispatch list --json), and the "
                    + "server's own media_timeout; raise it if calls should survive longer silences."
                    : Findings.loadConfigStep("to confirm which trunk or dispatch rule sets this media_timeout; "
                    + "raise it if calls should survive longer silences (or clear it for LiveKit's 15 s)");
        }
    }

    /** Micros of the last RTP that reached {@code hanger} of {@code leg} up to its BYE, or -1 for none. */
    private static long lastReaching(MediaLeg leg, MediaParty hanger) {
        long byeMicros = leg.bye.timestampMicros();
        long lastToward = -1;
        for (RtpStream s : leg.toward(hanger)) {
            // RTP sent to a port or address the hanger did not announce never reached it: LiveKit listens on its
            // SDP port only, so it does not stop the timer (behind a 1:1 NAT its own address is that port's too)
            boolean reached = hanger.sdp().isEmpty() || leg.reaches(hanger, s.key().dst());
            // a stream that ran up to the BYE, even in its very microsecond, or on past it, reached it until then
            if (reached && s.firstMicros() <= byeMicros) {
                lastToward = Math.max(lastToward, Math.min(s.lastMicros(), byeMicros));
            }
        }
        return lastToward;
    }

    /**
     * Where the RTP toward the party that hung up {@code leg} stopped first, on the other leg of the media relay that
     * fed it ({@link UpstreamStop}), held there or not; null when it did not stop there, or nobody hung up.
     */
    static UpstreamStop upstream(List<MediaLeg> legs, MediaLeg leg) {
        MediaParty hanger = hanger(leg);
        long lastToward = hanger == null ? -1 : lastReaching(leg, hanger);
        return lastToward < leg.answer.timestampMicros() ? null
                : UpstreamStop.of(legs, leg, leg.other(hanger), lastToward, leg.bye.frame());
    }

    /**
     * The hold the hanger's peer offered (a re-INVITE or UPDATE not sendrecv) when its RTP toward the hanger
     * stopped, within {@link #HOLD_SLACK_MICROS} of the last packet, and still in force at the BYE: a holder sends no
     * RTP, so the silence was asked for, and the hanger's timer did not know (LiveKit takes no hold from a
     * re-INVITE). Null otherwise.
     */
    private static SdpAnnouncement holdAt(MediaLeg leg, MediaParty peer, long lastToward) {
        SdpAnnouncement a = peer.sdpAt(leg.bye.frame());
        boolean hold = a != null && a.isRequest() && a.frame() > leg.answer.frame() && a.port() != 0
                && !(a.sends() && a.receives());
        return hold && Math.abs(a.micros() - lastToward) <= HOLD_SLACK_MICROS ? a : null;
    }

    /**
     * True when the leg's BYE passes on a BYE its sender got on another leg of the call just before: a B2BUA ending
     * its other leg because the far end hung up (at that end's media timeout, judged on that end's leg), not a
     * timeout of its own.
     */
    private static boolean passedOn(MediaLeg leg) {
        SipMessage bye = leg.bye;
        List<FlowMessage> messages = leg.flow.messages();
        for (int i = 0; i < messages.size(); i++) {
            SipMessage m = messages.get(i).message();
            long before = bye.timestampMicros() - m.timestampMicros();
            if ("BYE".equals(m.method()) && before >= 0 && before <= RELAY_MICROS
                    && m.dst().address().equals(bye.src().address()) && !m.callId().equals(bye.callId())) {
                return true;
            }
        }
        return false;
    }

    /** True when a LiveKit hop of {@code flow} sent a BYE: the legs of other calls need not be looked at. */
    private static boolean liveKitSentBye(CallFlow flow) {
        List<FlowMessage> messages = flow.messages();
        for (int i = 0; i < messages.size(); i++) {
            SipMessage m = messages.get(i).message();
            if ("BYE".equals(m.method()) && flow.hasHop(m.src(), Role.LIVEKIT)) {
                return true;
            }
        }
        return false;
    }

    /**
     * In a capture without any RTP: LiveKit hung up the answered leg {@link #INITIAL_SECONDS} after the answer, as
     * its media_timeout_initial does when no RTP arrives. The capture cannot show whether RTP flowed (its filter may
     * have left RTP out), so the finding says what would confirm it; its later 15 s timeout cannot be told at all.
     */
    private static Finding liveKitTimeoutWithoutRtp(MediaLeg leg) {
        MediaParty hanger = hanger(leg);
        if (hanger == null || !leg.flow.hasHop(leg.bye.src(), Role.LIVEKIT)) {
            return null;
        }
        double sinceAnswer = (leg.bye.timestampMicros() - leg.answer.timestampMicros()) / 1e6;
        if (sinceAnswer > INITIAL_SECONDS + SLACK_SECONDS || sinceAnswer < INITIAL_SECONDS - LIVEKIT_EARLY_SECONDS) {
            return null;
        }
        MediaParty peer = leg.other(hanger);
        SdpAnnouncement hangerSdp = hanger.sdpAt(leg.bye.frame());
        SdpAnnouncement peerSdp = peer.sdpAt(leg.bye.frame());
        String hangerName = hanger.name(hangerSdp);
        List<String> facts = new ArrayList<>();
        List<Long> frames = new ArrayList<>(List.of(leg.answer.frame(), leg.bye.frame()));
        facts.add(String.format(Locale.ROOT, "Answered at frame %d; %s sent BYE at frame %d, %.1f s later: "
                + "LiveKit's media_timeout_initial is 30 s", leg.answer.frame(), hangerName, leg.bye.frame(), sinceAnswer));
        facts.add("The capture holds no RTP at all (a capture filter on SIP only?): it cannot show whether RTP "
                + "reached " + hangerName);
        if (peerSdp != null) {
            frames.add(peerSdp.frame());
            facts.add(MediaLeg.sdpFact(peerSdp));
        }
        List<String> steps = new ArrayList<>(MediaReasons.fixesForNoRtpTo(leg, hanger, peer, hangerSdp, peerSdp));
        steps.add("Capture the RTP too (no 'port 5060' filter; the UDP ports of both SDPs) to confirm where the "
                + "media stops.");
        return new Finding(CODE, CODE.severity(), CODE.title(hangerName, ""),
                "The call was answered, and " + hangerName + " hung up " + String.format(Locale.ROOT, "%.1f", sinceAnswer)
                        + " s later: LiveKit ends a call with BYE when no RTP arrives within 30 s of its start "
                        + "(media_timeout_initial), so this is most likely a media failure, not a normal hang-up. This "
                        + "capture has no RTP to show it; a hang-up by the agent itself at that moment is the other "
                        + "possibility.",
                leg.leg.callId(), leg.flow.id(), false, Findings.evidence(frames, List.of(), facts),
                Findings.fix(steps, List.of(), null));
    }

    /** {@code timeoutSet}: the media config whose media_timeout LiveKit's later timer counted, or null for 15 s. */
    private static Finding finding(List<MediaLeg> legs, MediaLeg leg, MediaParty hanger, boolean initial, double sinceAnswer,
                                   double sinceRtp, SdpAnnouncement hold, UpstreamStop upstream,
                                   CallMedia timeoutSet, Guess guess) {
        MediaParty peer = leg.other(hanger);
        SdpAnnouncement hangerSdp = hanger.sdpAt(leg.bye.frame());
        SdpAnnouncement peerSdp = peer.sdpAt(leg.bye.frame());
        String hangerName = hanger.name(hangerSdp);
        String peerName = peer.name(peerSdp);
        List<String> facts = new ArrayList<>();
        List<Long> frames = new ArrayList<>(List.of(leg.answer.frame(), leg.bye.frame()));
        // by endpoint where both parties share an address (hanger.is): the caller on the callee's host did not answer
        facts.add(hanger.is(leg.answer.src())
                ? String.format(Locale.ROOT, "%s answered at frame %d and sent BYE at frame %d, %.1f s later",
                        hangerName, leg.answer.frame(), leg.bye.frame(), sinceAnswer)
                : String.format(Locale.ROOT, "%s answered at frame %d; %s sent BYE at frame %d, %.1f s later",
                        peerName, leg.answer.frame(), hangerName, leg.bye.frame(), sinceAnswer));
        facts.add(initial ? "No RTP reached " + hangerName + " after the answer"
                : String.format(Locale.ROOT, "The last RTP toward %s was %.1f s before the BYE",
                        hangerName, sinceRtp));
        if (timeoutSet != null) {
            facts.add(capitalized(timeoutSet.describeTimeout()) + ": LiveKit's later media timeout for this call");
        }
        long packets = MediaLeg.packets(leg.toward(peer));
        facts.add("RTP from " + hangerName + ": " + packets + (packets == 1 ? " packet" : " packets"));
        boolean liveKit = hanger.isLiveKit(hangerSdp);
        // a relay that got the audio on its other leg and passed none on: its relay is to check, not a firewall
        RelayedSilence relayed = hold == null && upstream == null
                ? new RelayedSilence(legs, leg, hanger, peerName, hangerName) : null;
        boolean relayHeard = relayed != null && relayed.heardButSentNone();
        String why = hold != null ? heldWhy(liveKit, hangerName, peerName, hold, facts, frames)
                : upstream != null ? upstream.why(hangerName, peerName, facts, frames)
                : MediaReasons.whyNoRtpReached(leg, hanger, peer, hangerSdp, peerSdp, facts, frames)
                + (relayHeard ? relayed.around(facts, frames) : "");
        boolean held = hold != null || upstream != null && upstream.hold() != null;
        String timer = guess != null ? String.format(Locale.ROOT, "what looks like a media timeout of about %.0f s "
                + "(LiveKit's default is 15 s)", guess.seconds())
                : hanger.isLiveKit(hangerSdp)
                ? (initial ? "LiveKit's media_timeout_initial (30 s without RTP after the call starts)"
                        : "LiveKit's media_timeout (" + CallMedia.seconds(timeoutSet != null
                        ? timeoutSet.laterTimeoutMicros() : CallMedia.DEFAULT_TIMEOUT_MICROS) + " without RTP)")
                : (initial ? "a media timeout of about 30 s" : "a media timeout of about 15 s");
        // at the later timeout RTP did reach it, until it stopped: the title says for how long none did
        String explanation = "The call was answered, but " + hangerName + " hung up at " + timer + " because "
                + (initial ? "no RTP reached it" : "RTP stopped reaching it") + (held
                ? " while the call was on hold: not a normal hang-up, and no network fault. "
                : ": a media failure, not a normal hang-up. ") + (guess != null ? guess.why() : "") + why;
        List<String> steps = hold != null ? heldSteps(liveKit, hangerName)
                : upstream != null ? upstream.steps(liveKit, hangerName, peerName)
                : relayHeard ? relayed.fixes(MediaReasons.fixesForNoRtpTo(leg, hanger, peer, hangerSdp, peerSdp,
                !relayed.relayWithheld()))
                : MediaReasons.fixesForNoRtpTo(leg, hanger, peer, hangerSdp, peerSdp);
        if (guess != null) {
            steps = new ArrayList<>(steps);
            steps.add(guess.step());
        }
        String lately = initial ? "" : String.format(Locale.ROOT, " for the last %.0f s", sinceRtp)
                + (hold != null ? ", the call on hold (" + LiveKitHold.holdName(hold) + ")"
                : upstream != null ? upstream.titleTail() : "") + (guess != null ? guess.titleTail() : "");
        // the reasons may cite the answer's SDP again: each frame once (a hold's title says why none came)
        return new Finding(CODE, CODE.severity(), CODE.title(hangerName, lately), explanation, leg.leg.callId(),
                leg.flow.id(), false, Findings.evidence(frames.stream().distinct().toList(), List.of(), facts),
                Findings.fix(steps, List.of(), null));
    }

    /**
     * Why RTP stopped reaching the hanger when its peer put the call on hold as it stopped ({@link #holdAt}); adds the
     * hold's fact and frame.
     */
    private static String heldWhy(boolean liveKit, String hangerName, String peerName, SdpAnnouncement hold,
                                  List<String> facts, List<Long> frames) {
        frames.add(hold.frame());
        facts.add("Hold: " + MediaLeg.sdpFact(hold));
        String request = "INVITE".equals(hold.method()) ? "re-INVITE" : hold.method();
        return peerName + " put the call on hold with " + LiveKitHold.holdName(hold) + " (" + request + ", frame "
                + hold.frame() + ") as its RTP stopped: a holder sends no RTP. " + (liveKit ? LiveKitHold.KEEP_ALIVE
                + (LiveKitHold.UNSPECIFIED.equals(hold.address()) ? " (and it ignores a c=0.0.0.0 address: "
                + "media_port.go UpdateRemote)" : "")
                + ", so its media timeout kept counting and ended the held call." : hangerName + "'s media timeout "
                + "kept counting through the hold and ended the held call.");
    }

    /** What keeps a held call up when the hanger's media timeout does not know about holds. */
    private static List<String> heldSteps(boolean liveKit, String hangerName) {
        return liveKit ? LiveKitHold.STEPS : List.of("Keep held calls up at " + hangerName + ": have the holder "
                + "send music on hold (or comfort noise) while holding, or give " + hangerName + " a media timeout for "
                + "held calls longer than the holds (FreeSWITCH: media_hold_timeout).");
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
