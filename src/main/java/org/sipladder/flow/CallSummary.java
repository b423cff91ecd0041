package org.sipladder.flow;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.sipladder.sip.SipMessage;

/**
 * What a call list shows of a call and what {@link CallQuery} filters on, the values precomputed so sorting and
 * filtering never re-derive them; the desktop app's call list and the command line both use it.
 *
 * <p>A summary either holds its flow ({@link #of(CallFlow)}) or only knows how to assemble it again
 * ({@link LiveFlows#summaries}): the desktop app lists 50,000 calls of a large capture by their summaries and
 * assembles a call when it is shown, so memory grows with the messages read, not with assembled calls.
 */
public final class CallSummary {

    /** A time not known (no answer, no final response). */
    private static final long NONE = Long.MIN_VALUE;

    private final String id;
    private final String callId;
    private final String method;
    private final long startMicros;
    /** The A-leg's From and To header values as sent (the messages' own strings): the users are cut out when shown. */
    private final String fromHeader;
    private final String toHeader;
    private final int legs;
    private final int hops;
    private final int messages;
    private final int finalStatus;
    /** The final response's reason phrase as sent (the message's own string), or null; see {@link #statusText}. */
    private final String finalReason;
    private final boolean answered;
    private final boolean failed;
    /** {@link #NONE} when unknown: not a boxed Long for each of 50,000 calls. */
    private final long postDialDelayMicros;
    private final long durationMicros;
    private final Supplier<CallFlow> flow;
    /** The summary a {@link #withFlowOnce} copy was made of, which keeps what the copy works out; null otherwise. */
    private final CallSummary original;
    /**
     * The request methods and statuses of the call's messages, its legs' From, To, request URI and Call-ID and its
     * hops' addresses, worked out the first time a filter asks and kept: a filter's {@code method:}, {@code status:},
     * {@code from:}, {@code to:}, {@code callid:} and {@code ip:} terms then need no assembly (1.3-2.4 s on 50,000
     * calls at each change of the filter). The strings are the messages' own: only the arrays are kept.
     */
    private volatile FilterValues filterValues;

    private CallSummary(CallFlow flow, Supplier<CallFlow> assembly) {
        Leg leg = flow.aLeg();
        this.id = flow.id();
        this.callId = leg.callId();
        this.method = leg.method() == null ? "" : leg.method();
        this.startMicros = flow.startMicros();
        this.fromHeader = leg.from();
        this.toHeader = leg.to();
        this.legs = flow.legs().size();
        this.hops = flow.hops().size();
        this.messages = flow.messages().size();
        Leg outcome = flow.outcome();
        this.finalStatus = outcome.finalStatus();
        this.answered = outcome.hasFinalResponse();
        this.finalReason = outcome.finalReason();
        this.failed = flow.failedForGood();
        Timings timings = flow.timings();
        this.postDialDelayMicros = timings == null ? NONE : unboxed(timings.postDialDelayMicros());
        this.durationMicros = timings == null ? NONE : unboxed(timings.durationMicros());
        this.flow = assembly;
        this.original = null;
    }

    private CallSummary(CallSummary values, Supplier<CallFlow> assembly) {
        this.id = values.id;
        this.callId = values.callId;
        this.method = values.method;
        this.startMicros = values.startMicros;
        this.fromHeader = values.fromHeader;
        this.toHeader = values.toHeader;
        this.legs = values.legs;
        this.hops = values.hops;
        this.messages = values.messages;
        this.finalStatus = values.finalStatus;
        this.answered = values.answered;
        this.finalReason = values.finalReason;
        this.failed = values.failed;
        this.postDialDelayMicros = values.postDialDelayMicros;
        this.durationMicros = values.durationMicros;
        this.flow = assembly;
        this.original = values.original != null ? values.original : values;
    }

    private static String shownReason(String reason) {
        return reason == null ? "" : reason;
    }

    private static long unboxed(Long micros) {
        return micros == null ? NONE : micros;
    }

    private static Long boxed(long micros) {
        return micros == NONE ? null : micros;
    }

    /** Summarises {@code flow} and holds it. */
    public static CallSummary of(CallFlow flow) {
        return new CallSummary(flow, () -> flow);
    }

    /** Summarises {@code flow} without holding it: {@code assembly} makes the call again when it is asked for. */
    static CallSummary of(CallFlow flow, Supplier<CallFlow> assembly) {
        return new CallSummary(flow, assembly);
    }

    /**
     * The call: held, or assembled again on each call (see the class comment), so a caller that looks at a call
     * several times keeps the flow it got rather than asking again.
     */
    public CallFlow flow() {
        return flow.get();
    }

    /** This summary with its flow assembled at most once: for looking at it several times in a row (a filter). */
    CallSummary withFlowOnce() {
        Supplier<CallFlow> source = flow;
        CallFlow[] made = new CallFlow[1];
        return new CallSummary(this, () -> made[0] != null ? made[0] : (made[0] = source.get()));
    }

    /**
     * The flows of {@code calls}, each assembled when read and not kept: for a pass over every call of a large
     * capture (diagnosis, report, saving) in constant memory. Reading an element twice assembles it twice.
     */
    public static List<CallFlow> flows(List<CallSummary> calls) {
        return new Flows(List.copyOf(calls));
    }

    /** True when both describe the call as far as a list shows it (a newer summary of a call that did not grow). */
    public boolean sameValues(CallSummary other) {
        return id.equals(other.id) && messages == other.messages && legs == other.legs && hops == other.hops
                && finalStatus == other.finalStatus && answered == other.answered
                && shownReason(finalReason).equals(shownReason(other.finalReason));
    }

    /** Stable id of the call (the A-leg Call-ID). */
    public String id() {
        return id;
    }

    /** Call-ID of the first leg, the one the caller sent. */
    public String callId() {
        return callId;
    }

    /**
     * The method that opened the call's first leg, as `calls` names it ({@link Leg#method}: INVITE when the leg holds
     * one, even after a REGISTER on the same Call-ID; else REGISTER, OPTIONS...), or empty when nothing tells.
     */
    public String method() {
        return method;
    }

    /** Time of its first message. */
    public long startMicros() {
        return startMicros;
    }

    /**
     * Calling number or user (A-leg From), cut out of the header each time: a list shows a few rows at once, and a
     * string kept for each of 50,000 calls took 2.8 MB (and as much again for {@link #to}).
     */
    public String from() {
        return SipAddresses.user(fromHeader);
    }

    /** Called number or user (A-leg To), cut out of the header each time as {@link #from} is. */
    public String to() {
        return SipAddresses.user(toHeader);
    }

    /** Number of legs. */
    public int legs() {
        return legs;
    }

    /** Number of hops. */
    public int hops() {
        return hops;
    }

    /** Number of messages of all legs. */
    public int messages() {
        return messages;
    }

    /** Final status the caller saw, 0 when none. */
    public int finalStatus() {
        return finalStatus;
    }

    /** "503 Service Unavailable", or "no final response". */
    public String statusText() {
        // made when asked (the rows shown, a sort) rather than kept: one string for each of 50,000 calls
        if (!answered) {
            return "no final response";
        }
        return finalReason == null || finalReason.isEmpty() ? Integer.toString(finalStatus)
                : finalStatus + " " + finalReason;
    }

    /** As {@link CallFlow#failedForGood}, as the diagnosis counts failed calls. */
    public boolean failed() {
        return failed;
    }

    /** INVITE to first ringing, or null. */
    public Long postDialDelayMicros() {
        return boxed(postDialDelayMicros);
    }

    /** Answer to hang-up, or null. */
    public Long durationMicros() {
        return boxed(durationMicros);
    }

    /** True when a request of the call has this method (in any case). */
    boolean hasRequest(String method) {
        for (String m : filterValues().methods) {
            if (m.equalsIgnoreCase(method)) {
                return true;
            }
        }
        return false;
    }

    /** True when a message of the call has a status {@code test} accepts (a request's status is 0). */
    boolean hasStatus(IntPredicate test) {
        for (int status : filterValues().statuses) {
            if (test.test(status)) {
                return true;
            }
        }
        return false;
    }

    /** True when a leg's From value contains {@code lowerNeedle} (any case). */
    boolean anyLegFrom(String lowerNeedle) {
        return anyLegText(lowerNeedle, FilterValues.FROM, -1);
    }

    /** True when a leg's To value or request URI contains {@code lowerNeedle} (any case). */
    boolean anyLegTo(String lowerNeedle) {
        return anyLegText(lowerNeedle, FilterValues.TO, FilterValues.REQUEST_URI);
    }

    /** True when a leg's Call-ID contains {@code lowerNeedle} (any case). */
    boolean anyLegCallId(String lowerNeedle) {
        return anyLegText(lowerNeedle, FilterValues.CALL_ID, -1);
    }

    /** True when a hop's address contains {@code lowerNeedle} (any case). */
    boolean anyHopAddress(String lowerNeedle) {
        for (String address : filterValues().hopAddresses) {
            if (CallQuery.contains(address, lowerNeedle)) {
                return true;
            }
        }
        return false;
    }

    private boolean anyLegText(String lowerNeedle, int field, int otherField) {
        String[] texts = filterValues().legTexts;
        for (int i = 0; i < texts.length; i += FilterValues.FIELDS) {
            if (CallQuery.contains(texts[i + field], lowerNeedle)
                    || otherField >= 0 && CallQuery.contains(texts[i + otherField], lowerNeedle)) {
                return true;
            }
        }
        return false;
    }

    private FilterValues filterValues() {
        CallSummary owner = original != null ? original : this;
        FilterValues known = owner.filterValues;
        if (known == null) {
            known = FilterValues.of(flow());
            owner.filterValues = known;
        }
        return known;
    }

    /**
     * What a filter's field terms read of a call: its distinct request methods and message statuses, its legs'
     * texts and its hops' addresses.
     */
    private static final class FilterValues {
        static final int FROM = 0;
        static final int TO = 1;
        static final int REQUEST_URI = 2;
        static final int CALL_ID = 3;
        static final int FIELDS = 4;

        private final String[] methods;
        private final int[] statuses;
        /** For each leg in order: From, To, request URI, Call-ID (each may be null). */
        private final String[] legTexts;
        private final String[] hopAddresses;

        private FilterValues(String[] methods, int[] statuses, String[] legTexts, String[] hopAddresses) {
            this.methods = methods;
            this.statuses = statuses;
            this.legTexts = legTexts;
            this.hopAddresses = hopAddresses;
        }

        static FilterValues of(CallFlow flow) {
            List<String> methods = new ArrayList<>(4);
            int[] statuses = new int[4];
            int count = 0;
            for (FlowMessage fm : flow.messages()) {
                SipMessage m = fm.message();
                if (m.isRequest() && !methods.contains(m.method())) {
                    methods.add(m.method());
                }
                int status = m.status();
                boolean seen = false;
                for (int i = 0; i < count && !seen; i++) {
                    seen = statuses[i] == status;
                }
                if (!seen) {
                    if (count == statuses.length) {
                        statuses = Arrays.copyOf(statuses, count * 2);
                    }
                    statuses[count++] = status;
                }
            }
            List<Leg> legs = flow.legs();
            String[] legTexts = new String[legs.size() * FIELDS];
            for (int i = 0; i < legs.size(); i++) {
                Leg leg = legs.get(i);
                legTexts[i * FIELDS + FROM] = leg.from();
                legTexts[i * FIELDS + TO] = leg.to();
                legTexts[i * FIELDS + REQUEST_URI] = leg.requestUri();
                legTexts[i * FIELDS + CALL_ID] = leg.callId();
            }
            String[] hopAddresses = flow.hops().stream().map(Hop::address).toArray(String[]::new);
            return new FilterValues(methods.toArray(String[]::new), Arrays.copyOf(statuses, count), legTexts,
                    hopAddresses);
        }
    }

    /** See {@link #flows}. */
    private static final class Flows extends AbstractList<CallFlow> implements RandomAccess {
        private final List<CallSummary> calls;

        Flows(List<CallSummary> calls) {
            this.calls = calls;
        }

        @Override
        public CallFlow get(int index) {
            return calls.get(index).flow();
        }

        @Override
        public int size() {
            return calls.size();
        }
    }
}
