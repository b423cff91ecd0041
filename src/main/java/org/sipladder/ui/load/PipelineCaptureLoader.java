package org.sipladder.ui.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.sipladder.Limits;
import org.sipladder.OutputFile;
import org.sipladder.capture.CaptureException;
import org.sipladder.capture.CaptureSummary;
import org.sipladder.capture.MediaListener;
import org.sipladder.flow.CallSummary;
import org.sipladder.flow.LiveCallWindow;
import org.sipladder.flow.LiveFlows;
import org.sipladder.media.MediaCollector;
import org.sipladder.sip.ParsingListener;
import org.sipladder.sip.SipMessage;
import org.sipladder.sip.SipParser;
import org.sipladder.source.CaptureFiles;
import org.sipladder.source.ClockOffsets;
import org.sipladder.source.LiveCaptureException;
import org.sipladder.source.LiveFeed;
import org.sipladder.source.MergedCapture;
import org.sipladder.source.MergedReader;

/**
 * Reads a capture with the real pipeline (capture reader, fast SIP scan, live call flows) and hands the
 * calls found so far to the observer every {@link LoadObserver#SNAPSHOT_INTERVAL_MILLIS}. With the system
 * property {@code sipladder.loadTrace=true} it prints on stderr when the first calls went to the observer and
 * when loading ended, in milliseconds from the start of the load (scripts/measure-load.sh reads them).
 */
public final class PipelineCaptureLoader implements CaptureLoader {

    /** Snapshots are at least this many times their own cost apart. */
    private static final long SNAPSHOT_COST_FACTOR = 10;

    /**
     * From this many SIP messages on, the heap is compacted once when the read ends ({@link #compaction}). The app's
     * JVM promotes what is alive at each young collection (the launcher's MaxTenuringThreshold=0, best for the
     * command line), so a long read leaves in the old generation what was in flight at each of them: the payload
     * blocks, the call list's snapshots, calls being summarised. December 2026, 352 MB capture (675,000 messages,
     * 50,000 calls), app with the diagnosis done: peak RSS 393-413 MB without, 376-395 MB with (one full collection,
     * about 0.3 s, before the calls are shown). A smaller capture holds less of it than the collection would cost.
     */
    static final long COMPACT_FROM_MESSAGES = 200_000;

    private final LongSupplier nanoClock;
    /** Run once after a large read, before its calls go to the app: a full collection ({@link System#gc}). */
    private final Runnable compaction;
    private final long compactFromMessages;

    public PipelineCaptureLoader() {
        this(System::nanoTime);
    }

    /** With a clock of our own, so tests can force a snapshot after every message. */
    public PipelineCaptureLoader(LongSupplier nanoClock) {
        this(nanoClock, System::gc, COMPACT_FROM_MESSAGES);
    }

    /** With the compaction after a read of at least {@code compactFromMessages} messages given (for tests). */
    PipelineCaptureLoader(LongSupplier nanoClock, Runnable compaction, long compactFromMessages) {
        this.nanoClock = nanoClock;
        this.compaction = compaction;
        this.compactFromMessages = compactFromMessages;
    }

    @Override
    public LoadedCapture load(Path capture, LoadObserver observer) throws CaptureLoadException {
        return load(CaptureFiles.of(capture), false, observer);
    }

    @Override
    public LoadedCapture load(CaptureFiles files, boolean estimateClocks, LoadObserver observer)
            throws CaptureLoadException {
        Path capture = files.files().get(0);
        // The scan keeps every field as sent; the jain-sip judgement waits until the user inspects a message.
        LiveFlows flows = new LiveFlows();
        List<String> warnings = new ArrayList<>();
        long interval = TimeUnit.MILLISECONDS.toNanos(LoadObserver.SNAPSHOT_INTERVAL_MILLIS);
        long started = nanoClock.getAsLong();
        long[] nextSnapshot = {started + interval};
        boolean trace = Boolean.getBoolean("sipladder.loadTrace");
        boolean[] firstCallsShown = {false};
        MediaCollector media = new MediaCollector();
        CaptureSummary summary;
        MergedCapture merged;
        try {
            if (estimateClocks && !files.single()) {
                files = files.withOffsets(new ClockOffsets().estimate(files).correctionsMicros());
            }
            // parsing runs on the reader's thread, flows and snapshots on this one, which also parses when it
            // has time to spare
            merged = new MergedReader().read(files, new ParsingListener(SipParser.Depth.SCAN, media.sharedStrings()) {
                @Override
                public void prepared(SipMessage message) {
                    flows.add(message);
                    long now = nanoClock.getAsLong();
                    if (now >= nextSnapshot[0] || !firstCallsShown[0]) {
                        long cost = System.nanoTime();
                        List<CallSummary> calls = flows.summaries();
                        observer.calls(calls);
                        // A snapshot of tens of thousands of calls, and the call list taking it, cost time that
                        // grows with the calls: space them so that they take at most a tenth of the load.
                        long took = System.nanoTime() - cost;
                        nextSnapshot[0] = now + Math.max(interval, SNAPSHOT_COST_FACTOR * took);
                        if (!calls.isEmpty() && !firstCallsShown[0]) {
                            firstCallsShown[0] = true;
                            if (trace) {
                                System.err.printf("load: first %d calls after %d ms%n", calls.size(),
                                        TimeUnit.NANOSECONDS.toMillis(nanoClock.getAsLong() - started));
                            }
                        }
                    }
                }

                @Override
                public MediaListener media() {
                    return media;
                }

                @Override
                public void warning(String message) {
                    observer.warning(message);
                }

                @Override
                public void progress(long bytesRead, long totalBytes) {
                    observer.progress(bytesRead, totalBytes);
                }

                @Override
                public boolean cancelled() {
                    return observer.cancelled();
                }
            });
            summary = merged.summary();
        } catch (CaptureException e) {
            throw new CaptureLoadException(e.getMessage(), e);
        }
        warnings.addAll(summary.allWarnings());
        flows.readingDone();
        if (flows.messageCount() >= compactFromMessages && !summary.cancelled()) {
            compaction.run();
        }
        List<CallSummary> calls = flows.summaries();
        if (trace) {
            System.err.printf("load: all %d calls, %d messages read after %d ms%n", calls.size(), flows.messageCount(),
                    TimeUnit.NANOSECONDS.toMillis(nanoClock.getAsLong() - started));
        }
        return new LoadedCapture(capture, calls, flows.messageCount(), warnings, summary.cancelled(),
                summary.packets(), summary.firstTimestampMicros(), summary.lastTimestampMicros(),
                files.single() ? null : merged, media.result());
    }

    @Override
    public LoadedCapture loadLive(LiveFeed feed, int callLimit, LoadObserver observer) throws CaptureLoadException {
        LiveCallWindow flows = new LiveCallWindow(callLimit);
        // the result is read back from the file, which knows nothing of what the source warned of while it ran
        List<String> liveWarnings = new ArrayList<>();
        long[] unlisted = {0};
        long interval = TimeUnit.MILLISECONDS.toNanos(LoadObserver.SNAPSHOT_INTERVAL_MILLIS);
        long[] nextSnapshot = {0};
        ParsingListener listener = new ParsingListener(SipParser.Depth.SCAN) {
            @Override
            public void prepared(SipMessage message) {
                flows.add(message);
                long now = nanoClock.getAsLong();
                if (now >= nextSnapshot[0]) {
                    observer.calls(flows.summaries());
                    if (flows.dropped() > 0) {
                        observer.liveCallsDropped(flows.dropped(), callLimit);
                    }
                    nextSnapshot[0] = now + interval;
                }
            }

            @Override
            public void warning(String message) {
                observer.warning(message);
                synchronized (liveWarnings) {
                    if (liveWarnings.size() < Limits.WARNINGS_LISTED) {
                        liveWarnings.add(message);
                    } else {
                        unlisted[0]++;
                    }
                }
            }
        };
        try {
            feed.run(listener, observer::cancelled);
        } catch (IOException e) {
            throw new CaptureLoadException(feed.file() + ": cannot be written (" + OutputFile.reason(e, feed.file())
                    + ")", e);
        } catch (LiveCaptureException e) {
            throw new CaptureLoadException(e.getMessage(), e);
        }
        synchronized (liveWarnings) {
            if (unlisted[0] > 0) {
                liveWarnings.add(unlisted[0] + " more warnings not shown");
            }
            if (flows.dropped() > 0) {
                liveWarnings.add(0, droppedNotice(flows.dropped(), callLimit, feed.file()));
            }
        }
        // read back from the file written, so that frames are the file's and the calls can be saved
        LoadedCapture read = load(feed.file(), new LoadObserver() {
            @Override
            public void progress(long bytesRead, long totalBytes) {
                observer.progress(bytesRead, totalBytes);
            }

            @Override
            public void calls(List<CallSummary> snapshot) {
                observer.calls(snapshot);
            }

            @Override
            public void warning(String message) {
                observer.warning(message);
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        });
        return read.withEarlierWarnings(List.copyOf(liveWarnings));
    }

    /** The one line saying, once the live source stopped, that its view dropped calls and that all were read back. */
    static String droppedNotice(long dropped, int limit, Path file) {
        return String.format(Locale.ROOT, "while live, the view kept at most %,d calls and dropped %,d older ones;"
                + " all of them were read back from %s", limit, dropped, file);
    }
}
