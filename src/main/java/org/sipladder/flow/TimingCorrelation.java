package org.sipladder.flow;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.sipladder.sip.SipMessage;

/**
 * Joins a B2BUA's outgoing leg to its incoming leg when no header names the other: the B-leg INVITE is sent
 * by the host that received the A-leg INVITE, at most 5 s later, and both called numbers end in the same 8 digits
 * (of several such A-legs, those still waiting for their B-leg first, the oldest, from the B-leg's calling user
 * first; when none waits, the newest from the caller, else the newest).
 * Where a called number is shorter (a PBX extension or user name, which a PBX maps to another: 1018 to test18),
 * the B-leg INVITE must instead come from the same calling user as the A-leg's, and that A-leg must be the only INVITE
 * from this caller the host received in those 5 s. An SBC with an address on each side is joined when its B-leg's
 * Call-ID names the address that received the A-leg, its From tag keeps the A-leg's behind a prefix, or it carries the
 * A-leg's SDP origin (a B2BUA passing the caller's SDP on); once such a join showed its two addresses, its later
 * B-legs are looked for at both ({@link B2buaSides}). Either way
 * the A-leg must still be going when the B-leg starts, and its INVITE must not have come from the B-leg INVITE's own
 * address and port.
 */
final class TimingCorrelation {

    static final long WINDOW_MICROS = 5_000_000L;
    static final int MATCHING_DIGITS = 8;
    /** The place value of the first of the {@link #MATCHING_DIGITS} last digits. */
    private static final int HIGHEST_PLACE = (int) Math.pow(10, MATCHING_DIGITS - 1);
    /** The decimal digits as constant pieces of a sentence. */
    private static final String[] DIGITS = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    /** INVITEs older than this are forgotten; far beyond the window, so slightly out-of-order captures still match. */
    private static final long MEMORY_MICROS = 60_000_000L;
    /** The shortest kept From tag that joins legs ({@link #joinByKeptFromTag}): six characters, 24 bits or more. */
    static final int KEPT_TAG_MIN = 6;
    /** The most A-legs with matching called numbers {@link #closestMatch} looks at for the B-leg's caller. */
    private static final int CALLER_LOOKS = 16;

    /**
     * An INVITE that opened a leg: its leg, time, arrival number, called number's digits and their last
     * {@link #MATCHING_DIGITS} as {@link #lastDigitsOf} gives them ({@link #SHORT_NUMBER} when fewer).
     */
    record Received(LegState leg, long micros, int seq, String digits, String from, int tail) {

        Received(LegState leg, long micros, int seq, String digits, String from) {
            this(leg, micros, seq, digits, from, digits.length() >= MATCHING_DIGITS ? lastDigitsOf(digits) : SHORT_NUMBER);
        }

        /**
         * Whether the called number ends in {@code suffix}, whose {@link #lastDigitsOf} is {@code suffixTail}: as two
         * numbers when that is one. Each B-leg's INVITE asks this of every INVITE its B2BUA received in the window
         * before (100 at 20 calls a second), where comparing the strings was 3 % of a large capture's read.
         */
        boolean endsIn(String suffix, int suffixTail) {
            return suffixTail >= 0 ? tail == suffixTail : digits.endsWith(suffix);
        }
    }

    /** {@link Received#tail} of a called number shorter than {@link #MATCHING_DIGITS}: equal to no number's digits. */
    private static final int SHORT_NUMBER = -2;

    /**
     * Why a B-leg was joined to an A-leg, made into text only when read: a large capture joins fifty thousand legs
     * while it is read, and a diagnosis rarely reads why.
     */
    private record Join(long inviteFrame, String callId, String sender, long delayMicros, long receivedFrame,
                        String receivedCallId, int lastDigits, String unusualDigits)
            implements Supplier<String>, SentenceList.Source {

        /**
         * The join; of the called number's {@code digits}, the last {@link #MATCHING_DIGITS} are kept as a number
         * when they are ASCII (not a string for each of 50,000 joins), else as they are.
         */
        static Join of(long inviteFrame, String callId, String sender, long delayMicros, long receivedFrame,
                       String receivedCallId, String digits) {
            int value = lastDigitsOf(digits);
            return new Join(inviteFrame, callId, sender, delayMicros, receivedFrame, receivedCallId, value,
                    value < 0 ? suffixOf(digits) : null);
        }

        @Override
        public String get() {
            return SentenceList.text(this);
        }

        @Override
        public void pieces(Sentences.Pieces pieces) throws IOException {
            pieces.constant("The INVITE in frame ");
            pieces.number(inviteFrame);
            pieces.constant(" (Call-ID ");
            pieces.value(callId);
            pieces.constant(") was sent by ");
            pieces.value(sender);
            pieces.constant(" ");
            milliseconds(pieces, delayMicros);
            pieces.constant(" s after that host received the INVITE in frame ");
            pieces.number(receivedFrame);
            pieces.constant(" (Call-ID ");
            pieces.value(receivedCallId);
            pieces.constant("), and both called numbers end in ");
            if (unusualDigits != null) {
                pieces.value(unusualDigits);
            } else {
                // the kept number with its leading zeros
                for (int bound = HIGHEST_PLACE; bound > 1 && lastDigits < bound; bound /= 10) {
                    pieces.constant(DIGITS[0]);
                }
                pieces.number(lastDigits);
            }
            pieces.constant(".");
        }
    }

    private final Map<String, RecentInvites> invitesByReceiver = new HashMap<>();
    /**
     * INVITEs with SDP of the last {@link #WINDOW_MICROS} by their called number's last {@link #MATCHING_DIGITS}
     * digits, for {@link #joinByCarriedOrigin}; numbers no longer called are swept out every {@link #OFFER_SWEEP}.
     */
    private final Map<String, RecentInvites> offersByNumber = new HashMap<>();
    private static final int OFFER_SWEEP = 4096;
    private int offersSinceSweep;
    /** The SDP origin by which the last {@link #closestMatch} picked its A-leg, or null when it did not. */
    private SdpOrigin pickedOrigin;
    /**
     * INVITEs that opened a leg whose call had no leg sent to their sender when they came, by sender, for
     * {@link #WINDOW_MICROS}: B-legs that may have been captured before their A-legs. A B2BUA's B-legs that join their
     * A-legs as they come are not kept.
     */
    private final Map<String, RecentInvites> unfedBySender = new HashMap<>();
    /** The two addresses of each B2BUA that a join across them showed. */
    private final B2buaSides sides = new B2buaSides();
    /** Joins that were a guess among equals, set right by the responses passed back. */
    private final RelayedResponses relays = new RelayedResponses();
    /**
     * How many A-legs fitted as well as the one the last {@link #closestMatch} picked (it included), and which way:
     * {@link #WAITING_FROM_CALLER} and on; 1 when the pick was told by something (the only one, its SDP origin).
     */
    private int pickedTies;
    private int pickedTier;
    private static final int WAITING_FROM_CALLER = 0;
    private static final int WAITING = 1;
    private static final int IDLE_FROM_CALLER = 2;
    private static final int IDLE = 3;

    /** Looks at a response of {@code leg}, which may set a guessed join right ({@link RelayedResponses}). */
    void onResponse(LegState leg, SipMessage response, FlowGroups groups) {
        relays.onResponse(leg, response, groups);
    }

    /** Called once per leg, with the leg's first dialog-opening INVITE, which has arrival number {@code seq}. */
    void onInitialInvite(LegState leg, SipMessage invite, int seq, FlowGroups groups) {
        String digits = SipFields.calledDigits(invite);
        RecentInvites received = invitesByReceiver.get(invite.src().address());
        if (received != null && !groups.hasOtherLegs(leg)) {
            Received a = digits.length() >= MATCHING_DIGITS ? closestMatch(received, invite, digits, leg, groups) : null;
            if (a != null && pickedOrigin != null) {
                groups.join(a.leg(), leg, new OriginJoin(invite.frame(), invite.callId(), invite.src().address(),
                        invite.timestampMicros() - a.micros(), a.leg().store().get(a.seq()).frame(), a.leg().callId(),
                        suffixOf(digits), pickedOrigin.text()));
            } else if (a != null && pickedTies > 1) {
                groups.join(a.leg(), leg, relays.guess(a.leg(), leg, invite.src().address(),
                        tier(received, invite, digits, leg, groups), lastDigitsOf(digits), invite.timestampMicros()));
            } else if (a != null) {
                groups.joinTimed(a.leg(), leg, a.seq(), seq, lastDigitsOf(digits));
            } else {
                Received c = onlyCallFromTheSameCaller(received, invite, digits, leg);
                if (c != null) {
                    groups.join(c.leg(), leg, new CallerJoin(invite.frame(), invite.callId(), invite.src().address(),
                            invite.timestampMicros() - c.micros(), c.leg().store().get(c.seq()).frame(),
                            c.leg().callId(), callingUser(invite.header("From"))));
                }
            }
        }
        if (digits.length() >= MATCHING_DIGITS && !groups.hasOtherLegs(leg)) {
            joinAtOtherSide(leg, invite, digits, groups);
        }
        if (digits.length() >= MATCHING_DIGITS && !groups.hasOtherLegs(leg)) {
            joinAcrossAddresses(leg, invite, digits, groups);
        }
        if (!groups.hasOtherLegs(leg)) {
            joinByKeptFromTag(leg, invite, groups);
        }
        if (!groups.hasOtherLegs(leg) && digits.length() >= MATCHING_DIGITS && invite.hasSdp()) {
            joinByCarriedOrigin(leg, invite, digits, groups);
        }
        if (!groups.hasOtherLegs(leg)) {
            joinEarlyBLeg(leg, invite, digits, groups);
        }
        if (!groups.hasLegSentTo(leg, invite.src().address())) {
            rememberUnfed(leg, invite, seq, digits);
        }
        Received opened = new Received(leg, invite.timestampMicros(), seq, digits, invite.header("From"));
        if (digits.length() >= MATCHING_DIGITS && invite.hasSdp()) {
            rememberOffer(opened);
        }
        RecentInvites atDestination = invitesByReceiver.computeIfAbsent(invite.dst().address(), k -> new RecentInvites(16));
        atDestination.addLast(opened);
        atDestination.dropOlderThan(invite.timestampMicros() - MEMORY_MICROS);
    }

    /**
     * A B-leg captured before the A-leg it continues: two captures merged with clocks apart, or a B2BUA host whose clock
     * runs behind the carrier side's, show the INVITE the host sent before the one it received. An INVITE its receiver
     * sent at most {@link #WINDOW_MICROS} before {@code invite} (an A-leg that joined nothing), whose call has no leg
     * sent to that host yet (it may have joined the legs it fed), to a called number ending in the same
     * {@link #MATCHING_DIGITS} digits, is its B-leg: the oldest such, from the same calling user first (a B2BUA serves
     * its calls in the order they came).
     */
    private void joinEarlyBLeg(LegState leg, SipMessage invite, String digits, FlowGroups groups) {
        RecentInvites sent = digits.length() >= MATCHING_DIGITS ? unfedBySender.get(invite.dst().address()) : null;
        if (sent == null) {
            return;
        }
        long now = invite.timestampMicros();
        String host = invite.dst().address();
        String suffix = suffixOf(digits);
        int tail = lastDigitsOf(digits);
        String from = invite.header("From");
        Received oldest = null;
        Received fromCaller = null;
        for (int i = 0; i < sent.size() && fromCaller == null; i++) {
            Received r = sent.get(i);
            long ahead = now - r.micros();
            if (ahead < 0 || ahead > WINDOW_MICROS || r.leg().group == leg.group || !r.endsIn(suffix, tail)
                    || r.leg().store().get(r.seq()).src().equals(invite.src()) || groups.hasLegSentTo(r.leg(), host)) {
                continue;
            }
            oldest = oldest == null ? r : oldest;
            fromCaller = sameUser(r.from(), from) ? r : null;
        }
        Received b = fromCaller != null ? fromCaller : oldest;
        if (b != null) {
            SipMessage early = b.leg().store().get(b.seq());
            groups.join(leg, b.leg(), new EarlyJoin(early.frame(), early.callId(), early.src().address(),
                    now - b.micros(), invite.frame(), invite.callId(), suffix));
        }
    }

    /**
     * A B2BUA with an address on each side that passes the caller's SDP on: its B-leg, sent from another address than
     * the one that received the A-leg, carries the A-leg's SDP origin (RFC 4566 5.2: user, session id and address name
     * one session). The one INVITE with SDP received elsewhere in the {@link #WINDOW_MICROS} before, to a called number
     * ending in the same digits, still going, not sent by or to {@code invite}'s receiver, whose origin {@code invite}
     * carries, is its A-leg. An origin naming {@code invite}'s own sender, a loopback or unspecified address (a test
     * tool's fixed line) was not passed on, and one on several such INVITEs tells nothing: neither joins. At most
     * {@link RetryCorrelation#WALK_LIMIT} INVITEs are walked: a flood to one number through one host (a scanner sends
     * thousands a second) made every INVITE walk all of the window's, each skipped as sent to the same host.
     */
    private void joinByCarriedOrigin(LegState leg, SipMessage invite, String digits, FlowGroups groups) {
        String suffix = suffixOf(digits);
        RecentInvites offers = offersByNumber.get(suffix);
        if (offers == null) {
            return;
        }
        int tail = lastDigitsOf(digits);
        String sender = invite.src().address();
        String receiver = invite.dst().address();
        SdpOrigin origin = null;
        Received found = null;
        int looked = 0;
        int walked = 0;
        for (Window w = new Window(offers, invite, leg, tail); w.next() && looked < CALLER_LOOKS
                && walked++ < RetryCorrelation.WALK_LIMIT; ) {
            Received a = w.current;
            SipMessage aInvite = a.leg().store().get(a.seq());
            String aReceiver = aInvite.dst().address();
            if (aReceiver.equals(sender) || aReceiver.equals(receiver) || aInvite.src().address().equals(receiver)
                    || !a.endsIn(suffix, tail) || !mayLeadTo(a, invite)) {
                continue; // the same host's A-legs were looked at already; a call to or from the receiver is no A-leg
            }
            if (origin == null) {
                origin = SdpOrigin.of(invite);
                if (origin == null || !origin.passedOnBy(sender)) {
                    return;
                }
            }
            looked++;
            if (origin.sameSession(SdpOrigin.of(aInvite))) {
                if (found != null) {
                    return;
                }
                found = a;
            }
        }
        if (found != null) {
            SipMessage aInvite = found.leg().store().get(found.seq());
            sides.learn(invite, aInvite.dst().address());
            groups.join(found.leg(), leg, new CarriedOriginJoin(invite.frame(), invite.callId(), sender,
                    aInvite.dst().address(), invite.timestampMicros() - found.micros(), aInvite.frame(),
                    found.leg().callId(), suffix, origin.text()));
        }
    }

    /** Keeps {@code invite}, an INVITE with SDP, by its called number's last digits for {@link #joinByCarriedOrigin}. */
    private void rememberOffer(Received invite) {
        long now = invite.micros();
        String suffix = suffixOf(invite.digits());
        RecentInvites offers = offersByNumber.computeIfAbsent(suffix, k -> new RecentInvites(2));
        offers.addLast(invite);
        offers.dropOlderThan(now - WINDOW_MICROS);
        if (++offersSinceSweep >= OFFER_SWEEP) {
            // numbers called once are let go: a capture of many calls to many numbers keeps only the last seconds'
            offersSinceSweep = 0;
            offersByNumber.values().removeIf(d -> d.lastMicros() < now - WINDOW_MICROS);
        }
    }

    /** Why a B-leg sent from another address than its A-leg's receiver was joined by the SDP origin it carries. */
    private record CarriedOriginJoin(long inviteFrame, String callId, String sender, String receiver, long delayMicros,
                                     long receivedFrame, String receivedCallId, String digits, String origin)
            implements Supplier<String> {
        @Override
        public String get() {
            return "The INVITE in frame " + inviteFrame + " (Call-ID " + callId + ") was sent by " + sender + " "
                    + milliseconds(delayMicros) + " s after " + receiver + " received the INVITE in frame "
                    + receivedFrame + " (Call-ID " + receivedCallId + "), both called numbers end in " + digits
                    + ", and it carries that INVITE's SDP origin (o=" + origin + "): one B2BUA with an address on each"
                    + " side, passing the caller's SDP on.";
        }
    }

    /** Keeps {@code invite}, whose call has no leg sent to its sender, as a B-leg a later A-leg may continue into. */
    private void rememberUnfed(LegState leg, SipMessage invite, int seq, String digits) {
        long now = invite.timestampMicros();
        RecentInvites bySender = unfedBySender.computeIfAbsent(invite.src().address(), k -> new RecentInvites(16));
        bySender.addLast(new Received(leg, now, seq, digits, invite.header("From")));
        bySender.dropOlderThan(now - WINDOW_MICROS);
    }

    /** Why a B-leg was joined to the one of several A-legs whose SDP origin it carries. */
    private record OriginJoin(long inviteFrame, String callId, String sender, long delayMicros, long receivedFrame,
                              String receivedCallId, String digits, String origin) implements Supplier<String> {
        @Override
        public String get() {
            return "The INVITE in frame " + inviteFrame + " (Call-ID " + callId + ") was sent by " + sender + " "
                    + milliseconds(delayMicros) + " s after that host received the INVITE in frame " + receivedFrame
                    + " (Call-ID " + receivedCallId + "), both called numbers end in " + digits + ", and it carries that"
                    + " INVITE's SDP origin (o=" + origin + ").";
        }
    }

    /** Why a B-leg captured before its A-leg was joined to it. */
    private record EarlyJoin(long inviteFrame, String callId, String sender, long aheadMicros, long receivedFrame,
                             String receivedCallId, String digits) implements Supplier<String> {
        @Override
        public String get() {
            return "The INVITE in frame " + inviteFrame + " (Call-ID " + callId + ") was sent by " + sender + " "
                    + milliseconds(aheadMicros) + " s before that host received the INVITE in frame " + receivedFrame
                    + " (Call-ID " + receivedCallId + "), and both called numbers end in " + digits + ": a B-leg cannot"
                    + " leave before its A-leg arrives, so the clocks the two were captured by differ.";
        }
    }

    /**
     * A B2BUA whose two addresses an earlier join showed ({@link B2buaSides}) is one host for the timing join: an INVITE
     * it sends from one address is looked for among the INVITEs its other received, as its sender's own would be.
     */
    private void joinAtOtherSide(LegState leg, SipMessage invite, String digits, FlowGroups groups) {
        for (B2buaSides.Shown side : sides.receiversFor(invite.src().address())) {
            RecentInvites atSide = invitesByReceiver.get(side.receiver());
            Received a = atSide == null ? null : closestMatch(atSide, invite, digits, leg, groups);
            if (a != null) {
                groups.join(a.leg(), leg, new SideJoin(invite.frame(), invite.callId(), invite.src().address(),
                        side.receiver(), invite.timestampMicros() - a.micros(), a.leg().store().get(a.seq()).frame(),
                        a.leg().callId(), suffixOf(digits), side.frame(),
                        side.callId()));
                return;
            }
        }
    }

    /** Why a B-leg was joined to an A-leg that another address of its B2BUA received. */
    private record SideJoin(long inviteFrame, String callId, String sender, String receiver, long delayMicros,
                            long receivedFrame, String receivedCallId, String digits, long shownFrame,
                            String shownCallId) implements Supplier<String> {
        @Override
        public String get() {
            return "The INVITE in frame " + inviteFrame + " (Call-ID " + callId + ") was sent by " + sender + " "
                    + milliseconds(delayMicros) + " s after " + receiver + " received the INVITE in frame "
                    + receivedFrame + " (Call-ID " + receivedCallId + "), and both called numbers end in " + digits
                    + ": the two addresses are one B2BUA, as the join of the INVITE in frame " + shownFrame
                    + " (Call-ID " + shownCallId + ") showed.";
        }
    }

    /**
     * A B2BUA with an address on each side (an SBC's inside and outside interfaces) sends the B-leg from another
     * address than the one that received the A-leg; many name that receiving address in the B-leg's Call-ID
     * (id@address). Where {@code invite}'s sender received no INVITE itself, the INVITEs received by the Call-ID's
     * address are searched as the sender's would be (called numbers, 5 s, the A-leg still going).
     */
    private void joinAcrossAddresses(LegState leg, SipMessage invite, String digits, FlowGroups groups) {
        String callId = invite.callId();
        int at = callId == null ? -1 : callId.lastIndexOf('@');
        if (at < 0 || at == callId.length() - 1 || names(callId, at + 1, invite.src().address())
                || names(callId, at + 1, invite.dst().address())) {
            return; // most Call-IDs name their sender, or none
        }
        String named = callId.substring(at + 1);
        if (named.length() > 2 && named.charAt(0) == '[' && named.charAt(named.length() - 1) == ']') {
            // an IPv6 host as SIP writes it (RFC 3261 25.1, IPv6reference)
            named = named.substring(1, named.length() - 1);
            if (named.equals(invite.src().address()) || named.equals(invite.dst().address())) {
                return;
            }
        }
        RecentInvites atNamed = invitesByReceiver.get(named);
        Received a = atNamed == null ? null : closestMatch(atNamed, invite, digits, leg, groups);
        if (a != null) {
            sides.learn(invite, named);
            groups.join(a.leg(), leg, new AddressJoin(invite.frame(), callId, invite.src().address(), named,
                    invite.timestampMicros() - a.micros(), a.leg().store().get(a.seq()).frame(), a.leg().callId(),
                    suffixOf(digits)));
        }
    }

    /**
     * Some B2BUAs keep the caller's From tag in their own behind a prefix: an Oracle (Acme Packet) SBC sends its
     * B-leg with From tag {@code SD4909701-00e9d478} for an A-leg tagged {@code 00e9d478}, often from another interface
     * than the one that received the A-leg, with a Call-ID of its own. A tag is random (RFC 3261 asks for 32 bits at
     * least), so an INVITE received anywhere in the 5 s before whose whole From tag is what follows {@code invite}'s
     * first '-' is its A-leg, if still going; tags shorter than {@link #KEPT_TAG_MIN} are not taken as proof.
     */
    private void joinByKeptFromTag(LegState leg, SipMessage invite, FlowGroups groups) {
        String from = invite.header("From");
        if (from == null || from.indexOf('-') < 0) {
            return; // no '-' anywhere, so none in the tag: no tag is made (this runs for every call's first INVITE)
        }
        String tag = SipFields.tag(from);
        int dash = tag == null ? -1 : tag.indexOf('-');
        if (dash < 1 || tag.length() - dash - 1 < KEPT_TAG_MIN) {
            return; // most tags have no prefix: nothing is looked at
        }
        String kept = tag.substring(dash + 1);
        for (Map.Entry<String, RecentInvites> atReceiver : invitesByReceiver.entrySet()) {
            for (Window w = new Window(atReceiver.getValue(), invite, leg); w.next(); ) {
                Received a = w.current;
                if (a.from() != null && kept.equals(SipFields.tag(a.from())) && mayLeadTo(a, invite)) {
                    sides.learn(invite, atReceiver.getKey());
                    groups.join(a.leg(), leg, new TagJoin(invite.frame(), invite.callId(), invite.src().address(),
                            atReceiver.getKey(), invite.timestampMicros() - a.micros(),
                            a.leg().store().get(a.seq()).frame(), a.leg().callId(), tag, kept));
                    return;
                }
            }
        }
    }

    /** Why a B-leg whose From tag keeps the A-leg's was joined to it. */
    private record TagJoin(long inviteFrame, String callId, String sender, String receiver, long delayMicros,
                           long receivedFrame, String receivedCallId, String tag, String kept) implements Supplier<String> {
        @Override
        public String get() {
            return "The INVITE in frame " + inviteFrame + " (Call-ID " + callId + ") was sent by " + sender + " "
                    + milliseconds(delayMicros) + " s after " + receiver + " received the INVITE in frame "
                    + receivedFrame + " (Call-ID " + receivedCallId + "), and its From tag " + tag + " keeps that "
                    + "INVITE's From tag " + kept + " behind a prefix, as an SBC (Oracle/Acme Packet) does for its B-leg.";
        }
    }

    /** Whether {@code callId} from {@code from} on is {@code address} (no string made for the comparison). */
    private static boolean names(String callId, int from, String address) {
        return callId.length() - from == address.length() && callId.regionMatches(from, address, 0, address.length());
    }

    /** Why a B-leg sent from another address than the A-leg's receiver was joined to it. */
    private record AddressJoin(long inviteFrame, String callId, String sender, String receiver, long delayMicros,
                               long receivedFrame, String receivedCallId, String digits) implements Supplier<String> {
        @Override
        public String get() {
            return "The INVITE in frame " + inviteFrame + " (Call-ID " + callId + ") was sent by " + sender + " "
                    + milliseconds(delayMicros) + " s after " + receiver + ", the address its Call-ID names, received "
                    + "the INVITE in frame " + receivedFrame + " (Call-ID " + receivedCallId + "), and both called "
                    + "numbers end in " + digits + ": one B2BUA with an address on each side.";
        }
    }

    /** The last {@link #MATCHING_DIGITS} digits of a called number of at least that many, as the joins compare them. */
    private static String suffixOf(String digits) {
        return digits.substring(digits.length() - MATCHING_DIGITS);
    }

    /**
     * The last {@link #MATCHING_DIGITS} of a called number's {@code digits} (at least that many) as a number when
     * they are ASCII, else -1.
     */
    static int lastDigitsOf(String digits) {
        int value = 0;
        for (int i = digits.length() - MATCHING_DIGITS; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + c - '0';
        }
        return value;
    }

    /** A timing join of the INVITEs with arrival numbers {@code aInvite} and then {@code bInvite}, packed. */
    static long timed(int aInvite, int bInvite) {
        return (long) aInvite << 32 | Integer.toUnsignedLong(bInvite);
    }

    /**
     * Why a B-leg was joined to an A-leg, for {@code timed} ({@link #timed}) of called numbers ending in
     * {@code lastDigits} ({@link #lastDigitsOf}; when -1 the called number is read again): the INVITEs' other facts
     * are read from the messages in {@code store} (a large capture joins fifty thousand legs, and a record of these
     * facts for each was as many objects more kept through the read).
     */
    static Supplier<String> joinOf(MessageStore store, long timed, int lastDigits) {
        SipMessage received = store.get((int) (timed >>> 32));
        SipMessage invite = store.get((int) timed);
        long delay = invite.timestampMicros() - received.timestampMicros();
        return lastDigits >= 0
                ? new Join(invite.frame(), invite.callId(), invite.src().address(), delay, received.frame(),
                        received.callId(), lastDigits, null)
                : Join.of(invite.frame(), invite.callId(), invite.src().address(), delay, received.frame(),
                        received.callId(), SipFields.calledDigits(invite));
    }

    /**
     * The A-leg of {@code invite} among the INVITEs {@code received} in the window whose called numbers end in the same
     * digits. Where several fit, the one whose SDP origin {@code invite} carries, when only one does: a B2BUA that passes
     * the caller's SDP on names its A-leg so, whatever order it serves its calls in ({@link #pickedOrigin} says so).
     * Else the A-legs still waiting for their B-leg (none of this host's in progress, not answered by it: an IVR may
     * never dial out) come first: a slow B2BUA (a webhook, a database dip) sends the first call's B-leg after the next
     * A-leg arrived, and an A-leg that has its B-leg takes no second one while another waits. Of those the oldest, from
     * the B-leg's calling user first: a B2BUA serves its calls in the order they came (with the newest instead, twenty
     * concurrent calls to one number through a B2BUA that sends one fixed caller ID each got another call's B-leg).
     * Then those answered by the host without a B-leg of its own yet (an IVR dialling out after it answered), the
     * same way: with the newest instead, a second B-leg went to the call that had just taken one while an older one
     * had none. Only when every A-leg has a B-leg in progress (a B2BUA ringing two destinations at once), the newest
     * from the caller, else the newest. Up to {@link #CALLER_LOOKS} A-legs are looked at (a load test calls one number
     * from one caller hundreds of times in the window).
     */
    private Received closestMatch(RecentInvites received, SipMessage invite, String digits, LegState leg,
                                  FlowGroups groups) {
        pickedOrigin = null;
        pickedTies = 1;
        String suffix = suffixOf(digits);
        int tail = lastDigitsOf(digits);
        String from = invite.header("From");
        String host = invite.src().address();
        Received newest = null;
        Received newestFromCaller = null;
        Received oldestWaiting = null;
        Received oldestWaitingFromCaller = null;
        Received oldestIdle = null;
        Received oldestIdleFromCaller = null;
        int looked = 0;
        int[] counts = new int[IDLE + 1];
        for (Window w = new Window(received, invite, leg, tail); w.next() && looked < CALLER_LOOKS; ) {
            Received a = w.current;
            if (a.endsIn(suffix, tail) && mayLeadTo(a, invite)) {
                boolean caller = sameUser(a.from(), from);
                newest = newest == null ? a : newest;
                newestFromCaller = newestFromCaller == null && caller ? a : newestFromCaller;
                // newest first: the last one seen is the oldest
                if (groups.dialsOut(a.leg(), host)) {
                    if (relays.heldByGuess(a.leg()) && !a.leg().answered()) {
                        // its B-leg may be this one: a tie, though not picked while it holds one
                        counts[caller ? WAITING_FROM_CALLER : WAITING]++;
                    }
                    looked++;
                    continue;
                }
                if (!a.leg().answered()) {
                    oldestWaiting = a;
                    oldestWaitingFromCaller = caller ? a : oldestWaitingFromCaller;
                    counts[caller ? WAITING_FROM_CALLER : WAITING]++;
                } else {
                    oldestIdle = a;
                    oldestIdleFromCaller = caller ? a : oldestIdleFromCaller;
                    counts[caller ? IDLE_FROM_CALLER : IDLE]++;
                }
                looked++;
            }
        }
        if (looked > 1) {
            Received carried = originCarried(received, invite, suffix, tail, leg);
            if (carried != null) {
                return carried;
            }
        }
        // the tiers of those from the caller hold theirs only; the others theirs and the caller's
        pickedTier = oldestWaitingFromCaller != null ? WAITING_FROM_CALLER : oldestWaiting != null ? WAITING
                : oldestIdleFromCaller != null ? IDLE_FROM_CALLER : oldestIdle != null ? IDLE : -1;
        pickedTies = pickedTier == WAITING_FROM_CALLER || pickedTier == IDLE_FROM_CALLER ? counts[pickedTier]
                : pickedTier >= 0 ? counts[pickedTier] + counts[pickedTier - 1] : 1;
        return oldestWaitingFromCaller != null ? oldestWaitingFromCaller : oldestWaiting != null ? oldestWaiting
                : oldestIdleFromCaller != null ? oldestIdleFromCaller : oldestIdle != null ? oldestIdle
                : newestFromCaller != null ? newestFromCaller : newest;
    }

    /**
     * The legs of the A-legs that fitted {@code invite} as well as the one the last {@link #closestMatch} picked: that
     * call's window walked again, only where it was a guess.
     */
    private List<LegState> tier(RecentInvites received, SipMessage invite, String digits, LegState leg,
                                FlowGroups groups) {
        String suffix = suffixOf(digits);
        int tail = lastDigitsOf(digits);
        String from = invite.header("From");
        String host = invite.src().address();
        List<LegState> fitting = new ArrayList<>();
        int looked = 0;
        for (Window w = new Window(received, invite, leg, tail); w.next() && looked < CALLER_LOOKS; ) {
            Received a = w.current;
            if (a.endsIn(suffix, tail) && mayLeadTo(a, invite)) {
                looked++;
                boolean held = groups.dialsOut(a.leg(), host);
                if (held && (pickedTier >= IDLE_FROM_CALLER || !relays.heldByGuess(a.leg()))
                        || a.leg().answered() != (pickedTier >= IDLE_FROM_CALLER)) {
                    continue;
                }
                boolean fromCallerOnly = pickedTier == WAITING_FROM_CALLER || pickedTier == IDLE_FROM_CALLER;
                if (!fromCallerOnly || sameUser(a.from(), from)) {
                    fitting.add(a.leg());
                }
            }
        }
        return fitting;
    }

    /**
     * The only A-leg of {@code invite} in the window (called numbers ending in {@code suffix}, still going) whose INVITE
     * has the SDP origin {@code invite} has, or null when none or several have it; {@link #pickedOrigin} is set to it.
     * Read only where several A-legs fit: an SDP is read back from the message's bytes.
     */
    private Received originCarried(RecentInvites received, SipMessage invite, String suffix, int tail,
                                   LegState leg) {
        SdpOrigin origin = invite.hasSdp() ? SdpOrigin.of(invite) : null;
        if (origin == null) {
            return null;
        }
        Received found = null;
        int looked = 0;
        for (Window w = new Window(received, invite, leg, tail); w.next() && looked < CALLER_LOOKS; ) {
            Received a = w.current;
            if (a.endsIn(suffix, tail) && mayLeadTo(a, invite)) {
                looked++;
                SipMessage aInvite = a.leg().store().get(a.seq());
                if (aInvite.hasSdp() && origin.sameSession(SdpOrigin.of(aInvite))) {
                    if (found != null) {
                        return null; // one o= line on several calls (a caller that never changes it): no clue
                    }
                    found = a;
                }
            }
        }
        pickedOrigin = found == null ? null : origin;
        return found;
    }

    /**
     * Whether two From values have the same, not empty, URI user part: compared in place, as this runs for the B-leg
     * INVITE of every call a B2BUA joins by timing.
     */
    static boolean sameUser(String a, String b) {
        long ua = userRange(a);
        long ub = userRange(b);
        int length = (int) ua - (int) (ua >>> 32);
        return ua >= 0 && ub >= 0 && length > 0 && length == (int) ub - (int) (ub >>> 32)
                && a.regionMatches((int) (ua >>> 32), b, (int) (ub >>> 32), length);
    }

    /** Where the user part of a From value's URI starts and ends, packed; -1 when it has none (no '@'). */
    private static long userRange(String value) {
        if (value == null) {
            return -1;
        }
        int lt = value.indexOf('<');
        int start = lt >= 0 ? lt + 1 : 0;
        int at = value.indexOf('@', start);
        int gt = lt >= 0 ? value.indexOf('>', lt) : -1;
        if (at < 0 || gt >= 0 && gt < at) {
            return -1;
        }
        int colon = value.indexOf(':', start);
        start = colon >= 0 && colon < at ? colon + 1 : start;
        while (start < at && value.charAt(start) == ' ') {
            start++;
        }
        int semicolon = value.indexOf(';', start);
        int end = semicolon >= 0 && semicolon < at ? semicolon : at;
        return (long) start << 32 | end;
    }

    /**
     * Whether {@code invite} can be a B2BUA's outgoing leg for the received A-leg {@code a}: not sent from where the
     * A-leg's INVITE came from (one host running both caller and callee, as SIPp on 127.0.0.1, sends its next call from
     * there), and the A-leg still going (not refused, cancelled or hung up before).
     */
    private static boolean mayLeadTo(Received a, SipMessage invite) {
        return !a.leg().store().get(a.seq()).src().equals(invite.src()) && a.leg().mayContinue();
    }

    /**
     * The INVITEs of {@code received} that came at most {@link #WINDOW_MICROS} before {@code invite}, newest first,
     * but for {@code leg}'s own, of every called number or those whose {@link Received#tail} is {@code tail}
     * ({@link #lastDigitsOf}: when -1, every number): {@link #next} moves to the next, {@link #current}.
     */
    private static final class Window {
        private final RecentInvites received;
        private final long micros;
        private final LegState leg;
        private final int tail;
        private int position;
        Received current;

        Window(RecentInvites received, SipMessage invite, LegState leg) {
            this(received, invite, leg, RecentInvites.ANY_NUMBER);
        }

        Window(RecentInvites received, SipMessage invite, LegState leg, int tail) {
            this.received = received;
            this.micros = invite.timestampMicros();
            this.leg = leg;
            this.tail = tail >= 0 ? tail : RecentInvites.ANY_NUMBER;
            this.position = received.size();
        }

        boolean next() {
            position = position < 0 ? -1 : received.newestBefore(position, micros, WINDOW_MICROS, tail, leg);
            current = position < 0 ? null : received.get(position);
            return position >= 0;
        }
    }

    /**
     * The A-leg of a B-leg {@code invite} whose called number, or the A-leg's, is too short for the digits to tell:
     * the one INVITE from the same calling user that the sender received in the {@link #WINDOW_MICROS} before; null
     * when there is none, more than one, or the caller has no user part.
     */
    private static Received onlyCallFromTheSameCaller(RecentInvites received, SipMessage invite, String digits,
                                                      LegState leg) {
        String caller = callingUser(invite.header("From"));
        if (caller == null) {
            return null;
        }
        Received found = null;
        for (Window w = new Window(received, invite, leg); w.next(); ) {
            Received a = w.current;
            if (caller.equals(callingUser(a.from())) && mayLeadTo(a, invite)) {
                if (found != null) {
                    return null; // two calls from this caller: which one this leg continues is not known
                }
                found = a;
            }
        }
        return found != null && (digits.length() < MATCHING_DIGITS || found.digits().length() < MATCHING_DIGITS)
                ? found : null;
    }

    /** The user part of a From value's URI, or null when it has none. */
    static String callingUser(String from) {
        if (from == null || from.indexOf('@') < 0) {
            return null;
        }
        String user = SipAddresses.user(from);
        return user.isEmpty() ? null : user;
    }

    /** Why a B-leg was joined to the A-leg from the same caller. */
    private record CallerJoin(long inviteFrame, String callId, String sender, long delayMicros, long receivedFrame,
                              String receivedCallId, String caller) implements Supplier<String> {
        @Override
        public String get() {
            return "The INVITE in frame " + inviteFrame + " (Call-ID " + callId + ") was sent by " + sender + " "
                    + milliseconds(delayMicros) + " s after that host received the INVITE in frame " + receivedFrame
                    + " (Call-ID " + receivedCallId + "), the only one from caller " + caller
                    + " it received in the 5 s before (a called number too short to compare).";
        }
    }

    /** Microseconds as seconds with three decimals, rounded half up (as {@code %.3f} prints them). */
    static String milliseconds(long micros) {
        return SentenceList.text(pieces -> milliseconds(pieces, micros));
    }

    /** {@link #milliseconds} in pieces: the digits by hand for a delay (not negative), without a BigDecimal. */
    private static void milliseconds(Sentences.Pieces pieces, long micros) throws IOException {
        if (micros < 0 || micros > Long.MAX_VALUE - 500) {
            pieces.value(BigDecimal.valueOf(micros, 6).setScale(3, RoundingMode.HALF_UP).toPlainString());
            return;
        }
        long millis = (micros + 500) / 1000;
        int fraction = (int) (millis % 1000);
        pieces.number(millis / 1000);
        pieces.constant(".");
        pieces.constant(DIGITS[fraction / 100]);
        pieces.constant(DIGITS[fraction / 10 % 10]);
        pieces.constant(DIGITS[fraction % 10]);
    }
}
