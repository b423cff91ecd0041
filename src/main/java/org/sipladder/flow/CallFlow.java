package org.sipladder.flow;

import java.util.List;
import org.sipladder.capture.Endpoint;

/**
 * One call as the user thinks of it: one or more legs (B2BUA dialogs) joined, across all hops.
 *
 * @param id           stable id of the flow (the A-leg Call-ID)
 * @param legs         legs, A-leg first
 * @param hops         hosts in column order (the first INVITE's path first)
 * @param messages     all messages of all legs in capture order
 * @param joinEvidence why the legs were joined, one sentence per join
 * @param timings      timings of the caller's last attempt ({@link #outcome})
 */
public record CallFlow(String id, List<Leg> legs, List<Hop> hops, List<FlowMessage> messages,
                       List<String> joinEvidence, Timings timings) {

    /** The sentences of {@link #joinEvidence} that say their join is a guess among calls that fitted equally. */
    public List<String> guessedJoins() {
        return joinEvidence.stream().filter(e -> e.endsWith(RelayedResponses.GUESS)).toList();
    }

    public Leg aLeg() {
        return legs.get(0);
    }

    /**
     * The leg that decided what the caller got: the A-leg, or where the caller tried again under a new Call-ID, its
     * last retry ({@link Leg#retryOf}).
     */
    public Leg outcome() {
        Leg leg = legs.get(0);
        // legs are in start order: a retry comes after the attempt it retries
        for (int i = 1; i < legs.size(); i++) {
            if (legs.get(i).retryOf() == leg.index()) {
                leg = legs.get(i);
            }
        }
        return leg;
    }

    /** The final status the caller saw ({@link #outcome}), 0 when none. */
    public int finalStatus() {
        return outcome().finalStatus();
    }

    /** True when the caller's call failed: its last attempt ({@link #outcome}) did. */
    public boolean failed() {
        return outcome().failed();
    }

    /**
     * True when the call failed for good: {@link #failed}, except a registration refused and renewed later under
     * another Call-ID ({@link Leg#renewal}), which lapsed for a while, and a call from a scanner ({@link #scanner}),
     * a probe whose refusal is the right answer. Counts, the call list and primary causes use it.
     */
    public boolean failedForGood() {
        return failed() && outcome().renewal() == null && scanner() == null;
    }

    /**
     * The hop of role {@link Role#SCANNER} that sent the call's first request (a scan, not a call), or null: a call's
     * caller is the sender of its first request, and no scanner answers another's.
     */
    public Hop scanner() {
        // most calls have no scanner hop: their messages are not looked at
        boolean any = false;
        for (int i = 0; i < hops.size() && !any; i++) {
            any = hops.get(i).role() == Role.SCANNER;
        }
        if (!any) {
            return null;
        }
        for (FlowMessage m : messages) {
            if (m.message().isRequest()) {
                for (Hop h : hops) {
                    if (h.role() == Role.SCANNER && h.holds(m.message().src())) {
                        return h;
                    }
                }
                return null;
            }
        }
        return null;
    }

    /**
     * True when the call's first INVITE came from a hop known as LiveKit (its SCL_ From tag says so): a call LiveKit
     * placed, whose caller is LiveKit itself.
     */
    public boolean placedByLiveKit() {
        for (FlowMessage m : messages()) {
            if (m.message().isRequest() && "INVITE".equals(m.message().method())) {
                return hasHop(m.message().src(), Role.LIVEKIT);
            }
        }
        return false;
    }

    /**
     * True when messages from or to {@code endpoint} are those of a hop of this call with {@code role} (a loop: a call
     * has a handful of hops).
     */
    public boolean hasHop(Endpoint endpoint, Role role) {
        for (int i = 0; i < hops.size(); i++) {
            Hop h = hops.get(i);
            if (h.role() == role && h.holds(endpoint)) {
                return true;
            }
        }
        return false;
    }

    /** True when the call has an INVITE transaction; sngrep's default list shows only such calls. */
    public boolean hasInvite() {
        return messages.stream().anyMatch(m -> "INVITE".equals(m.message().cseqMethod()));
    }

    /**
     * True when the call's messages have no Call-ID header at all ({@link UnnamedDialogs}): its requests and responses
     * name no dialog, so nothing can be paired by one.
     */
    public boolean withoutCallId() {
        return UnnamedDialogs.isMissing(legs.get(0).callId());
    }

    /**
     * The frames of the call's retransmissions (messages that repeat one sent before) in capture order, read without
     * making the call's message list when it is not made yet: the command line's call list asks this of every call and
     * reads no message, and making the lists of a large capture's 50,000 calls was 0.5 % of its run. The array is
     * the caller's (when empty, one shared by all).
     */
    public long[] retransmissionFrames() {
        if (messages instanceof CallFlowAssembly.FlowMessages lazy) {
            return lazy.retransmissionFrames();
        }
        return CallFlowAssembly.retransmissionFrames(messages);
    }

    public long startMicros() {
        if (messages.isEmpty()) {
            return 0;
        }
        // an assembled call's messages are made when first read: its start is known without them
        return messages instanceof CallFlowAssembly.FlowMessages lazy ? lazy.firstMicros()
                : messages.get(0).message().timestampMicros();
    }
}
