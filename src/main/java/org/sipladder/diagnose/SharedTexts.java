package org.sipladder.diagnose;

import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.concurrent.ConcurrentHashMap;
import org.sipladder.livekit.InboundInvite;
import org.sipladder.livekit.StatusLine;

/**
 * Findings with their texts, and lists of texts, shared with equal ones seen before: findings of one kind repeat
 * their title, explanation and fix word for word, call after call; their evidence frames are kept as numbers, not
 * as a list of boxed ones (a large capture's findings name 460,000 frames). For one diagnosis, on the threads that
 * share it.
 */
final class SharedTexts {

    /** Each text, list of texts, list of statuses and fix seen, by itself (a text never equals a list or a fix). */
    private final Map<Object, Object> seen = new ConcurrentHashMap<>();

    /** {@code f} with shared texts; equal to it. */
    Finding of(Finding f) {
        Evidence e = f.evidence();
        Fix x = f.fix();
        return new Finding(f.code(), f.severity(), text(f.title()), text(f.explanation()), f.callId(), f.flowId(),
                f.primary(), e == null ? null : new Evidence(Frames.of(e.frames()), texts(e.configIds()), texts(e.facts())),
                x == null ? null : shared(new Fix(texts(x.steps()), texts(x.commands()), text(x.json()))));
    }

    /**
     * {@code r} detached from its call ({@link LiveKitRouting#detached}) with the texts that repeat from call to call
     * shared: the calling number, the hosts and addresses of its INVITE and the list of statuses the capture shows
     * (big_sip.pcap's 48,500 routings held 140,000 statuses of a few kinds, and 50,000 copies of one calling number);
     * its summary is kept as it was given (LiveKit's replay of a rejection adds to it; null stays made when asked),
     * one object per distinct text (most are the same verdict's, call after call); equal to {@code r.detached()}.
     */
    @SuppressWarnings("unchecked")
    LiveKitRouting of(LiveKitRouting r) {
        LiveKitRouting detached = r.detached();
        InboundInvite i = detached.invite();
        InboundInvite invite = i == null ? null : new InboundInvite(i.callId(), i.calledNumber(), text(i.callingNumber()),
                text(i.fromHost()), text(i.sourceIp()), text(i.proxyAuthorization()),
                i.calledNumber() != null && i.calledNumber().equals(i.requestUriUser()) ? i.calledNumber()
                        : i.requestUriUser(), i.challengeStored(), i.challenge(), i.sourceBehindNat(),
                        i.natAddressUnlisted());
        List<StatusLine> observed = detached.observed() == null ? null
                : (List<StatusLine>) seen.computeIfAbsent(detached.observed(), k -> k);
        return new LiveKitRouting(detached.transaction(), invite, detached.outcome(), observed,
                detached.consistency(), text(detached.givenSummary()), detached.replayOf());
    }

    /** One fix object per distinct fix: findings of a kind suggest the same fix call after call (110,000 on big_sip). */
    private Fix shared(Fix fix) {
        return (Fix) seen.computeIfAbsent(fix, k -> k);
    }

    private String text(String s) {
        return s == null ? null : (String) seen.computeIfAbsent(s, k -> k);
    }

    @SuppressWarnings("unchecked")
    private List<String> texts(List<String> list) {
        if (list == null) {
            return null;
        }
        Object shared = seen.get(list);
        if (shared == null) {
            List<String> made = list.stream().map(this::text).toList();
            Object before = seen.putIfAbsent(made, made);
            shared = before == null ? made : before;
        }
        return (List<String>) shared;
    }

    /**
     * Frame numbers as an unmodifiable list over an {@code int[]} of unsigned 32-bit numbers, as the index keeps them
     * (a capture's frames are counted from 1 up to the pcap limits); a list with a larger number is kept as it is.
     */
    private static final class Frames extends AbstractList<Long> implements RandomAccess {
        private static final long LARGEST = 0xFFFF_FFFFL;

        private final int[] frames;

        private Frames(int[] frames) {
            this.frames = frames;
        }

        static List<Long> of(List<Long> frames) {
            if (frames == null || frames.isEmpty()) {
                return frames;
            }
            int[] numbers = new int[frames.size()];
            for (int i = 0; i < numbers.length; i++) {
                long frame = frames.get(i);
                if (frame < 0 || frame > LARGEST) {
                    return List.copyOf(frames);
                }
                numbers[i] = (int) frame;
            }
            return new Frames(numbers);
        }

        @Override
        public Long get(int index) {
            return Integer.toUnsignedLong(frames[index]);
        }

        @Override
        public int size() {
            return frames.length;
        }
    }
}
