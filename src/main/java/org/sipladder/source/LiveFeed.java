package org.sipladder.source;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.sipladder.capture.CaptureListener;
import org.sipladder.capture.PacketWriter;
import org.sipladder.capture.PcapngWriter;

/**
 * A live source of packets (an interface, a HEP listener) that also writes what it receives to a pcapng file,
 * so that what was seen live can be opened, saved and shared like any capture afterwards.
 */
public interface LiveFeed {

    /** Feeds {@code listener} until {@code cancelled} says stop; the file is complete when this returns. */
    void run(CaptureListener listener, BooleanSupplier cancelled) throws IOException, LiveCaptureException;

    /** The pcapng file written while running. */
    Path file();

    /** "live capture on lo" */
    String describe();

    /** Captures on {@code interfaceName} through libpcap with {@code filter} (null: the default), into {@code file}. */
    static LiveFeed onInterface(String interfaceName, String filter, Path file) {
        return new LiveFeed() {
            @Override
            public void run(CaptureListener listener, BooleanSupplier cancelled) throws IOException,
                    LiveCaptureException {
                try (PacketWriter writer = open(file)) {
                    LiveCapture.open(interfaceName, filter, listener, writer).run(cancelled);
                }
            }

            @Override
            public Path file() {
                return file;
            }

            @Override
            public String describe() {
                return "live capture on " + interfaceName;
            }
        };
    }

    /** Listens for HEP on {@code addresses}, writing the SIP inside (agent's addresses and times) to {@code file}. */
    static LiveFeed hep(List<ListenAddress> addresses, Path file) {
        return new LiveFeed() {
            @Override
            public void run(CaptureListener listener, BooleanSupplier cancelled) throws IOException {
                try (PacketWriter writer = open(file);
                     // the connections dropped or refused are the listener's warnings (the app lists them)
                     HepListener hep = HepListener.start(addresses, new PayloadRecorder(listener, writer),
                             listener::warning)) {
                    while (!cancelled.getAsBoolean()) {
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }
            }

            @Override
            public Path file() {
                return file;
            }

            @Override
            public String describe() {
                return "HEP on " + addresses.stream().map(ListenAddress::toString).collect(Collectors.joining(", "));
            }
        };
    }

    private static PacketWriter open(Path file) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        try {
            return new PcapngWriter(out);
        } catch (IOException e) {
            out.close();
            throw e;
        }
    }
}
