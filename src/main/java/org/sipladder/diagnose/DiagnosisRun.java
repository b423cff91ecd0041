package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.SecretScrubber;
import org.sipladder.media.CaptureMedia;
import org.sipladder.sip.ReadAhead;
import org.sipladder.sip.ReadBackBuffer;

/**
 * One diagnosis of a capture, call by call: each call is diagnosed on its own ({@link #diagnose}, from any thread,
 * as soon as the call is assembled), its result handed back in start order ({@link #accept}), and the config's
 * own findings come last ({@link #configFindings}). Every rule runs over one call before the next call is looked
 * at, so a call's messages are read back from the capture once, and nothing of a call is kept once its findings are
 * out: memory does not grow with the number of calls.
 *
 * <p>The findings are exactly those of diagnosing all calls at once ({@link DiagnosisEngine#diagnose}): rules look
 * at one call at a time anyway; what config checks learn from the calls ({@link CallsSeen}) is gathered in
 * {@link #accept}.
 */
public final class DiagnosisRun {

    /** Calls a thread of {@link #diagnoseAll} takes at a time. */
    static final int BATCH = 16;

    /** Within a call (and among config findings): primary first, then severity, then code, stable otherwise. */
    /**
     * Primary causes first, then by severity and code name: written out, as a chain of comparing and thenComparing
     * makes each comparison several calls that the quick JIT makes through dispatch stubs (key getters, compareTo).
     */
    static final Comparator<Finding> WITHIN_CALL = DiagnosisRun::withinCall;

    private static int withinCall(Finding a, Finding b) {
        if (a.primary() != b.primary()) {
            return a.primary() ? -1 : 1;
        }
        int bySeverity = a.severity().compareTo(b.severity());
        return bySeverity != 0 ? bySeverity : a.code().name().compareTo(b.code().name());
    }

    private final List<FindingRule> rules;
    /** {@link #rules} as an array, walked for every call: a List's size and get are interface calls. */
    private final FindingRule[] ruleArray;
    /** What the rules that find nothing give, as List.of() is one object. */
    private static final List<Finding> NO_FINDINGS = List.of();
    private final LiveKitConfig config;
    private final LiveKitRoutings routings;
    private final CaptureMedia media;
    private final SecretScrubber scrubber;
    /**
     * The stretches of the capture file the diagnosing threads read messages back through: they take the calls in
     * start order, so their messages are read back in about file order, the threads' near each other (see
     * {@link ReadAhead}).
     */
    private final ReadAhead readAhead = new ReadAhead();
    /** Each diagnosing thread's buffer for the read-backs of the call it is on (cleared after each call). */
    private final ThreadLocal<ReadBackBuffer> readBackBuffers = ThreadLocal.withInitial(ReadBackBuffer::new);
    private final AddressScopes scopes = new AddressScopes();
    private final PrivateAddressTexts privateAddressTexts = new PrivateAddressTexts();
    private final ConfigTexts configTexts;
    private final Set<String> callKeys = new HashSet<>();
    /**
     * {@link DiagnosisEngine#key} of call findings that name config objects, by code and ids: made once each rather
     * than per finding (most calls of a capture name the same trunks), and one string each, whose hash the set of
     * {@link #accept} then has. Bounded by the config's objects; {@link #KEYS_KEPT} at most.
     */
    private final ConcurrentHashMap<KeyOf, String> configKeys = new ConcurrentHashMap<>();
    private static final int KEYS_KEPT = 4096;
    private final Set<String> rulesTakingCalls = new HashSet<>();
    private long calls;
    /** An accepted call reached LiveKit ({@link LiveKitLeg#reached}). */
    private boolean liveKitReached;
    /** Accepted calls that could have gone on to LiveKit, with no leg to it in the capture ({@link LiveKitLeg#missing}). */
    private long liveKitMissing;
    /** The first of those whose called number a loaded trunk lists ({@link LiveKitLeg#claimed}), or null. */
    private String liveKitClaimed;

    DiagnosisRun(List<FindingRule> rules, LiveKitConfig config, DiagnosisSettings settings, CaptureMedia media) {
        this.rules = rules;
        this.ruleArray = rules.toArray(new FindingRule[0]);
        this.config = config;
        this.routings = new LiveKitRoutings(config, settings);
        this.media = media;
        this.scrubber = SecretScrubber.of(config);
        this.configTexts = new ConfigTexts(config);
    }

    /**
     * The findings about one call (primary cause marked, severities moderated, secrets scrubbed, in the order they
     * are listed) and the simulation of each INVITE of it that reached LiveKit. Safe to call from several threads.
     */
    public CallDiagnosis diagnose(CallFlow flow) {
        ReadBackBuffer buffer = readBackBuffers.get();
        try {
            return diagnose(flow, new CallMemo(readAhead, buffer, scopes, privateAddressTexts, configTexts));
        } finally {
            buffer.clear(); // the call's read-backs go with it
        }
    }

    private CallDiagnosis diagnose(CallFlow flow, CallMemo memo) {
        List<CallFlow> one = List.of(flow);
        // a call of thousands of routings (retries on one Call-ID) finds each finding's by frame and Call-ID
        List<LiveKitRouting> routed = IndexedRoutings.of(routings.of(one, memo));
        CallsSeen seen = CallsSeen.of(routed);
        DiagnosisContext context = new DiagnosisContext(one, config, routed, media, seen, false, memo);
        List<Finding> raw = new ArrayList<>();
        // a call of messages without a Call-ID gets only the rules that pair nothing by it (FindingRule.pairsByCallId)
        boolean withoutCallId = flow.withoutCallId();
        // over an array: the quick JIT makes an iterator object for each for-each, and calls a List's size and get
        // through an interface stub, here for each rule of each call
        FindingRule[] all = ruleArray;
        for (int r = 0; r < all.length; r++) {
            FindingRule rule = all[r];
            if (withoutCallId && rule.pairsByCallId()) {
                continue;
            }
            List<Finding> found = rule.findings(context);
            if (found == NO_FINDINGS) {
                continue;
            }
            // the rules give several kinds of list, so a List's size and get here would be calls the quick JIT
            // makes through a dispatch stub; nearly all give an ArrayList, whose are called directly
            ArrayList<Finding> list = found instanceof ArrayList<Finding> a ? a : new ArrayList<>(found);
            for (int i = 0; i < list.size(); i++) {
                Finding f = list.get(i);
                if (f.flowId() != null) {
                    raw.add(f);
                }
            }
        }
        List<Finding> folded = ReplayedDecisions.fold(raw, routed);
        List<Finding> marked = ConsequentFindings.lower(new PrimaryCauses().mark(one, routed,
                CallImpact.moderate(flow, ScannerProbes.lower(flow, ContradictedPredictions.mark(folded, routed,
                        configTexts), memo), media), memo,
                media), routed, config, flow, memo, media);
        List<Finding> out = new ArrayList<>(marked.size());
        for (int i = 0; i < marked.size(); i++) {
            out.add(DiagnosisEngine.scrub(marked.get(i), scrubber));
        }
        out.sort(WITHIN_CALL);
        List<String> keys = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            keys.add(key(raw.get(i)));
        }
        LiveKitRouting[] shown = new LiveKitRouting[routed.size()];
        for (int i = 0; i < shown.length; i++) {
            shown[i] = routed.get(i).scrubbed(scrubber);
        }
        return new CallDiagnosis(flow.id(), out, List.of(shown), PrimaryCauses.failedAfterAnswer(out), keys,
                seen.rulesTakingCalls(), LiveKitLeg.of(flow, routed, memo, config));
    }

    /** {@link DiagnosisEngine#key} of {@code f}, from {@link #configKeys} when it names config objects. */
    private String key(Finding f) {
        List<String> ids = f.evidence().configIds();
        if (ids.isEmpty()) {
            return DiagnosisEngine.key(f);
        }
        String known = configKeys.get(new KeyOf(f.code(), ids));
        if (known == null) {
            known = DiagnosisEngine.key(f);
            if (configKeys.size() < KEYS_KEPT) {
                // a copy the finding's list cannot change, which (unlike List.copyOf) takes a null id as key() does
                configKeys.putIfAbsent(new KeyOf(f.code(), Arrays.asList(ids.toArray(new String[0]))), known);
            }
        }
        return known;
    }

    /** A finding code and the config ids a finding names, in its order (equal lists, equal keys). */
    private record KeyOf(FindingCode code, List<String> ids) {
        @Override
        public int hashCode() {
            // the ordinal, not the enum's identity hash, which the quick JIT asks the VM for
            int h = 1;
            for (int i = 0; i < ids.size(); i++) {
                h = 31 * h + Objects.hashCode(ids.get(i)); // List.hashCode's, by index
            }
            return 31 * code.ordinal() + h;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KeyOf k && k.code == code && sameIds(k.ids, ids);
        }

        /** {@code a.equals(b)} by index: List.equals walks two iterators, slow under the quick JIT. */
        private static boolean sameIds(List<String> a, List<String> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!Objects.equals(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Diagnoses {@code flows} on {@code workers} threads, the caller's among them, which take the calls in start
     * order {@value #BATCH} at a time, as the command line's diagnose does: the calls' messages are read back from
     * the capture in about file order however many threads share the work. Each call's diagnosis goes through
     * {@code kept}, is {@linkplain #accept accepted} and handed to {@code taken} in start order, one at a time, and
     * is held only until the calls before it are done. A failure of one call is thrown once the threads stopped.
     */
    public void diagnoseAll(List<CallFlow> flows, int workers, UnaryOperator<CallDiagnosis> kept,
                            Consumer<CallDiagnosis> taken) {
        InOrder inOrder = new InOrder(flows.size(), taken);
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable work = () -> {
            try {
                for (int start = next.getAndAdd(BATCH); start < flows.size() && failure.get() == null;
                     start = next.getAndAdd(BATCH)) {
                    int end = Math.min(flows.size(), start + BATCH);
                    CallDiagnosis[] batch = new CallDiagnosis[end - start];
                    for (int i = start; i < end; i++) {
                        batch[i - start] = kept.apply(diagnose(flows.get(i)));
                    }
                    inOrder.done(start, batch);
                }
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
            }
        };
        List<Thread> helpers = new ArrayList<>();
        for (int k = 1; k < Math.min(workers, (flows.size() + BATCH - 1) / BATCH); k++) {
            Thread helper = new Thread(work, "diagnosis-" + k);
            helper.setDaemon(true);
            helper.start();
            helpers.add(helper);
        }
        work.run();
        for (Thread helper : helpers) {
            try {
                helper.join();
            } catch (InterruptedException e) {
                failure.compareAndSet(null, new IllegalStateException("interrupted while diagnosing", e));
                Thread.currentThread().interrupt();
            }
        }
        Throwable failed = failure.get();
        if (failed instanceof RuntimeException e) {
            throw e;
        } else if (failed instanceof Error e) {
            throw e;
        }
    }

    /** Takes the result of one call, in start order (one thread). */
    public void accept(CallDiagnosis call) {
        calls++;
        callKeys.addAll(call.echoKeys());
        rulesTakingCalls.addAll(call.rulesTakingCalls());
        LiveKitLeg leg = call.liveKitLeg();
        liveKitReached |= leg.reached();
        if (leg.missing()) {
            liveKitMissing++;
            liveKitClaimed = liveKitClaimed == null ? leg.claimed() : liveKitClaimed;
        }
    }

    /**
     * The findings about the config itself, after every call was accepted: without those the calls already
     * report (the same code about the same config objects), at most warnings when calls were captured and none
     * depended on them, in the order they are listed.
     */
    public List<Finding> configFindings() {
        DiagnosisContext context = new DiagnosisContext(List.of(), config, List.of(), media,
                new CallsSeen(Set.copyOf(rulesTakingCalls)), true);
        List<Finding> raw = new ArrayList<>();
        for (FindingRule rule : rules) {
            for (Finding f : rule.findings(context)) {
                if (f.flowId() == null && !callKeys.contains(DiagnosisEngine.key(f))) {
                    raw.add(f);
                }
            }
        }
        List<Finding> out = new ArrayList<>(raw.size());
        for (Finding f : calls == 0 ? raw : CallImpact.moderateConfig(raw, liveKitReached ? 0 : liveKitMissing,
                liveKitClaimed)) {
            out.add(DiagnosisEngine.scrub(f, scrubber));
        }
        out.sort(WITHIN_CALL);
        return out;
    }

    /** Hands batches of diagnosed calls, done in any order, to {@link #accept} and the taker in start order. */
    private final class InOrder {
        private final CallDiagnosis[][] waiting;
        private final Consumer<CallDiagnosis> taken;
        private int nextBatch;

        InOrder(int calls, Consumer<CallDiagnosis> taken) {
            this.waiting = new CallDiagnosis[(calls + BATCH - 1) / BATCH][];
            this.taken = taken;
        }

        synchronized void done(int start, CallDiagnosis[] batch) {
            waiting[start / BATCH] = batch;
            while (nextBatch < waiting.length && waiting[nextBatch] != null) {
                for (CallDiagnosis call : waiting[nextBatch]) {
                    accept(call);
                    taken.accept(call);
                }
                waiting[nextBatch++] = null;
            }
        }
    }

    /**
     * The diagnosis of one call.
     *
     * @param flowId           the call
     * @param findings         its findings, in the order they are listed
     * @param routings         the LiveKit simulation of its INVITEs that reached LiveKit
     * @param failedAfterAnswer true when it was answered and failed all the same (see {@link Diagnosis#failedAfterAnswer})
     * @param echoKeys         code and config ids of each finding, for leaving out config findings that repeat it
     * @param rulesTakingCalls the dispatch rules this call's INVITEs reached
     */
    public record CallDiagnosis(String flowId, List<Finding> findings, List<LiveKitRouting> routings,
                                boolean failedAfterAnswer, List<String> echoKeys, Set<String> rulesTakingCalls,
                                LiveKitLeg liveKitLeg) {

        /** This call's diagnosis as one of a capture's, its failure after the answer as already worked out. */
        public Diagnosis asDiagnosis() {
            return new Diagnosis(findings, routings, failedAfterAnswer ? Set.of(flowId) : Set.of());
        }
    }
}
