package org.sipladder.flow;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Supplier;
import org.sipladder.capture.Transport;
import org.sipladder.sip.SipMessage;

/**
 * Call flows built up while a capture is being read: add messages in capture order and take summaries of the
 * calls at any time (from any thread), or assemble every call once for a pass over them all.
 */
public final class LiveFlows {

    /** Time, then frame: written out, as a chain of comparator lambdas is slow before the JIT's last tier. */
    private static final Comparator<Starting> START_ORDER = (a, b) -> a.micros() != b.micros()
            ? Long.compare(a.micros(), b.micros()) : Long.compare(a.frame(), b.frame());

    /** Calls put in start order per call of {@link #starts}. */
    private static final int PIECE = 64;

    private final FlowGroups groups = new FlowGroups();
    /** Placing further messages: the legs by Call-ID and the correlations' memory; null once reading is done. */
    private LegTable legs = new LegTable();
    private HeaderCorrelation headerCorrelation = new HeaderCorrelation();
    private SessionKeyCorrelation sessionKeyCorrelation = new SessionKeyCorrelation();
    private TransferCorrelation transferCorrelation = new TransferCorrelation();
    private TimingCorrelation timingCorrelation = new TimingCorrelation();
    private RetryCorrelation retryCorrelation = new RetryCorrelation();
    private RegistrationRenewals registrationRenewals = new RegistrationRenewals();
    /** The legs of messages without a Call-ID value; null once reading is done, as {@link #legs}. */
    private UnnamedDialogs unnamed = new UnnamedDialogs();
    private final MessageStore store = new MessageStore();
    /** The roles the agents of this capture point to, looked up once each. */
    private final AgentRoles agentRoles = new AgentRoles();

    /**
     * Adds the next message in capture order. A message without a Call-ID value names no dialog: it goes to a call of
     * its own ({@link UnnamedDialogs}) that no correlation joins to another.
     */
    public synchronized void add(SipMessage message) {
        if (legs == null) {
            throw new IllegalStateException("the capture was read to its end: no messages can be added");
        }
        if (message.transport() == Transport.ICMP) {
            return; // a copy an ICMP error quoted back: listed, part of no dialog (the error itself is media's)
        }
        String callId = message.callId();
        if (callId == null || callId.isEmpty()) {
            addUnnamed(message);
            return;
        }
        LegState leg = legs.get(callId);
        boolean newLeg = leg == null;
        if (newLeg) {
            leg = new LegState(callId, store);
            legs.add(leg);
            groups.addLeg(leg);
        }
        boolean hadInvite = leg.hasInitialInvite();
        int seq = store.add(message);
        leg.add(seq, message);
        groups.touch(leg);
        if (newLeg) {
            headerCorrelation.onNewLeg(leg, groups);
        }
        headerCorrelation.onMessage(leg, message, legs, groups);
        transferCorrelation.onMessage(leg, message, groups);
        if (!hadInvite && leg.hasInitialInvite()) {
            // a header's word before the timing's guess: a leg joined by it is not timed to another call
            sessionKeyCorrelation.onInitialInvite(leg, message, groups);
            transferCorrelation.onInitialInvite(leg, message, groups);
            timingCorrelation.onInitialInvite(leg, message, seq, groups);
            retryCorrelation.onInitialInvite(leg, message, seq, groups);
        } else if (hadInvite) {
            retryCorrelation.onMessage(leg, message);
            if (!message.isRequest()) {
                timingCorrelation.onResponse(leg, message, groups);
            }
        } else {
            registrationRenewals.onMessage(leg, message, seq);
        }
        // found now, while the call's legs were just looked at (see Group.start)
        leg.group.start();
    }

    /** Adds {@code message}, which has no Call-ID value, to the call of its dialog among such messages. */
    private void addUnnamed(SipMessage message) {
        LegState leg = unnamed.legOf(message, store);
        if (leg.size() == 0) {
            groups.addLeg(leg);
        }
        leg.add(store.add(message), message);
        groups.touch(leg);
        leg.group.start();
    }

    /**
     * No message will be added any more (the capture was read to its end): drops what only placing further messages
     * needs, the legs by Call-ID, the Call-IDs that correlation headers named, the session keys, the recent REFERs and
     * the recent INVITEs by receiver and sender (big_sip.pcap's 50,000 calls: about 10 MB, kept until now while the app
     * diagnoses). Summaries, assembly and the calls are unchanged; {@link #add} is refused from now on.
     */
    public synchronized void readingDone() {
        legs = null;
        headerCorrelation = null;
        sessionKeyCorrelation = null;
        transferCorrelation = null;
        timingCorrelation = null;
        retryCorrelation = null;
        registrationRenewals = null;
        unnamed = null;
    }

    /** Whether messages can still be added: {@link #readingDone} was not called. */
    synchronized boolean reading() {
        return legs != null;
    }

    /**
     * The calls so far, in start order, as summaries that do not hold their calls: each assembles its call again
     * when asked for ({@link CallSummary#flow}, from any thread, also while messages are still being added). A
     * snapshot summarises only the calls that changed since the last one; the others keep their summary object.
     */
    public synchronized List<CallSummary> summaries() {
        Starting[] ordered = startOrder();
        List<CallSummary> calls = new ArrayList<>(ordered.length);
        for (Starting s : ordered) {
            FlowGroups.Group g = s.group();
            if (g.dirty || g.summary == null) {
                LegState first = g.firstLeg();
                g.summary = CallSummary.of(g.assemble(agentRoles),
                        () -> assembleCallOf(first));
                g.dirty = false;
            }
            calls.add(g.summary);
        }
        return List.copyOf(calls);
    }

    /** The calls so far in start order, each assembled now; the flows keep none of them. */
    public synchronized List<CallFlow> snapshot() {
        List<CallFlow> flows = new ArrayList<>(groups.all().size());
        for (Supplier<CallFlow> call : assemblyInStartOrder()) {
            flows.add(call.get());
        }
        return List.copyOf(flows);
    }

    /** The call {@code leg} is part of now (it may have been joined with others since it was summarised). */
    private synchronized CallFlow assembleCallOf(LegState leg) {
        FlowGroups.Group g = leg.group;
        return g.assemble(agentRoles);
    }

    /**
     * The calls so far in start order, each assembled when the iteration reaches it and not kept: for reading a
     * large capture once (the command line), where holding every assembled call at once would double the memory.
     * Adding messages while iterating is not supported.
     */
    public synchronized Iterable<CallFlow> inStartOrder() {
        return assembledWhenAsked();
    }

    /**
     * As {@link #inStartOrder}, as one task per call that assembles it, so that several threads can share the
     * work (assembling distinct calls at once is safe once no more messages are added).
     */
    public synchronized List<Supplier<CallFlow>> assemblyInStartOrder() {
        // a task is made when asked for: a list of 50,000 of them kept through the output was 1.2 MB
        return new Tasks(startOrder(), agentRoles);
    }

    /**
     * The calls so far in start order as a list that assembles a call each time one is asked for and keeps none: for
     * passes over every call of a large capture that need not hold them all at once (the PDF report's, as the desktop
     * app's list assembles a call when it is shown). Safe to read from several threads once no more messages are added.
     */
    public synchronized List<CallFlow> assembledWhenAsked() {
        return new Assembled(assemblyInStartOrder());
    }

    /** See {@link #assembledWhenAsked}. */
    private static final class Assembled extends AbstractList<CallFlow> implements RandomAccess {
        private final List<Supplier<CallFlow>> tasks;

        Assembled(List<Supplier<CallFlow>> tasks) {
            this.tasks = tasks;
        }

        @Override
        public CallFlow get(int index) {
            return tasks.get(index).get();
        }

        @Override
        public int size() {
            return tasks.size();
        }
    }

    /** One task per call, each made when asked for; safe to read from several threads. */
    private static final class Tasks extends AbstractList<Supplier<CallFlow>> implements RandomAccess {
        private final Starting[] calls;
        private final AgentRoles agentRoles;

        Tasks(Starting[] calls, AgentRoles agentRoles) {
            this.calls = calls;
            this.agentRoles = agentRoles;
        }

        @Override
        public Supplier<CallFlow> get(int index) {
            return new Assembly(calls[index].group(), agentRoles);
        }

        @Override
        public int size() {
            return calls.length;
        }
    }

    /**
     * The task assembling one call: a class of its own, as a capturing lambda made per call went through a method
     * handle's slow allocation path before the JIT's last tier.
     */
    private record Assembly(FlowGroups.Group group, AgentRoles agentRoles) implements Supplier<CallFlow> {
        @Override
        public CallFlow get() {
            return group.assemble(agentRoles);
        }
    }

    /** The calls by the time, then frame, of their first message. */
    private Starting[] startOrder() {
        List<FlowGroups.Group> all = groups.all();
        Starting[] ordered = new Starting[all.size()];
        // a loop run once over 50,000 calls is interpreted to its end (too few turns for the JIT to replace it), as
        // is the sort's pass over a run that long: the keys are taken in pieces by a method that is compiled after
        // a few calls, which also tells whether the calls are in order already (nearly always: they were made in
        // capture order)
        boolean sorted = true;
        for (int from = 0; from < ordered.length; from += PIECE) {
            sorted &= starts(all, ordered, from, Math.min(ordered.length, from + PIECE));
        }
        if (!sorted) {
            Arrays.sort(ordered, START_ORDER);
        }
        return ordered;
    }

    /** Fills {@code ordered[from, to)}; true when they follow each other and {@code ordered[from - 1]} in order. */
    private static boolean starts(List<FlowGroups.Group> all, Starting[] ordered, int from, int to) {
        boolean sorted = true;
        for (int i = from; i < to; i++) {
            ordered[i] = Starting.of(all.get(i));
            if (i > 0 && START_ORDER.compare(ordered[i - 1], ordered[i]) > 0) {
                sorted = false;
            }
        }
        return sorted;
    }

    /** A call's sort key: the time and frame of its first message. */
    private record Starting(long micros, long frame, FlowGroups.Group group) {
        static Starting of(FlowGroups.Group g) {
            SipMessage m = g.start();
            return new Starting(m.timestampMicros(), m.frame(), g);
        }
    }

    /** Number of calls so far (legs joined into one call count once). */
    public synchronized int callCount() {
        return groups.size();
    }

    /** Number of messages added so far. */
    public synchronized long messageCount() {
        return store.size();
    }
}
