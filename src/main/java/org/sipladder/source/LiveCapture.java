package org.sipladder.source;

import java.io.Closeable;
import java.io.IOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapAddress;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;
import org.sipladder.capture.CaptureListener;
import org.sipladder.capture.PacketFeed;
import org.sipladder.capture.PacketWriter;

/**
 * Captures packets from a network interface through libpcap (pcap4j) and decodes each as the file reader decodes
 * a record; the packets can be written to a file as they arrive. Without libpcap, or without the right to
 * capture, every entry point throws {@link LiveCaptureException} saying what to install or grant.
 */
public final class LiveCapture implements Closeable {

    /**
     * The default capture filter: the usual SIP ports (UDP, TCP, TLS), the UDP ports RTP lives on (Jambonz, LiveKit,
     * FreeSWITCH, Asterisk all use ranges above 10000) and IP fragments, which carry the rest of a large INVITE.
     */
    public static final String DEFAULT_FILTER = "port 5060 or port 5061 or port 5062 or port 5080 or port 5081"
            + " or (udp and portrange 10000-65535) or (ip[6:2] & 0x1fff != 0) or (ip6 and ip6[6] == 44)";

    private static final int SNAPLEN = 262_144;
    private static final int POLL_MILLIS = 100;

    /** An interface that can be captured on. */
    public record Interface(String name, String description, List<String> addresses, boolean loopback, boolean up) {

        /** "eth0 (10.0.0.5, fe80::1)" */
        public String label() {
            return name + (addresses.isEmpty() ? "" : " (" + String.join(", ", addresses) + ")")
                    + (description == null || description.isBlank() ? "" : " " + description);
        }
    }

    private final PcapHandle handle;
    private final PacketFeed feed;
    private final PacketWriter writer;
    private final int linkType;
    private volatile boolean stopped;
    private long packets;

    private LiveCapture(PcapHandle handle, CaptureListener listener, PacketWriter writer) {
        this.handle = handle;
        this.feed = new PacketFeed(listener);
        this.writer = writer;
        this.linkType = handle.getDlt().value();
    }

    /** The interfaces libpcap can capture on, with their addresses. */
    public static List<Interface> interfaces() throws LiveCaptureException {
        PcapLibrary.configure();
        try {
            List<Interface> all = new ArrayList<>();
            for (PcapNetworkInterface nif : Pcaps.findAllDevs()) {
                List<String> addresses = new ArrayList<>();
                for (PcapAddress a : nif.getAddresses()) {
                    if (a.getAddress() != null) {
                        addresses.add(a.getAddress().getHostAddress());
                    }
                }
                all.add(new Interface(nif.getName(), nif.getDescription(), addresses, nif.isLoopBack(), nif.isUp()));
            }
            return all;
        } catch (PcapNativeException e) {
            throw LiveCaptureException.of(e, null);
        } catch (LinkageError e) {
            throw LiveCaptureException.noLibpcap(e);
        }
    }

    /**
     * Opens {@code interfaceName} with the BPF filter {@code filter} (null: {@link #DEFAULT_FILTER}); the packets
     * go to {@code listener} (and {@code writer}, when not null) once {@link #run} is called.
     */
    public static LiveCapture open(String interfaceName, String filter, CaptureListener listener, PacketWriter writer)
            throws LiveCaptureException {
        PcapLibrary.configure();
        PcapHandle handle = null;
        try {
            handle = new PcapHandle.Builder(interfaceName).snaplen(SNAPLEN)
                    .promiscuousMode(PcapNetworkInterface.PromiscuousMode.PROMISCUOUS).timeoutMillis(POLL_MILLIS)
                    .immediateMode(true).build();
            String bpf = filter == null || filter.isBlank() ? DEFAULT_FILTER : filter;
            try {
                handle.setFilter(bpf, BpfProgram.BpfCompileMode.OPTIMIZE);
            } catch (PcapNativeException e) {
                throw new LiveCaptureException("capture filter \"" + bpf + "\" is not valid: " + e.getMessage()
                        + " (it uses tcpdump's syntax, e.g. \"udp port 5060\")");
            }
            return new LiveCapture(handle, listener, writer);
        } catch (PcapNativeException e) {
            close(handle);
            throw LiveCaptureException.of(e, interfaceName);
        } catch (NotOpenException e) {
            close(handle);
            throw new LiveCaptureException(interfaceName + ": closed while opening");
        } catch (LinkageError e) {
            throw LiveCaptureException.noLibpcap(e);
        } catch (LiveCaptureException | RuntimeException e) {
            close(handle);
            throw e;
        }
    }

    /** The link type of the interface's frames. */
    public int linkType() {
        return linkType;
    }

    /** Packets captured so far. */
    public synchronized long packets() {
        return packets;
    }

    /** Captures until {@link #stop} or until {@code cancelled} says so; decoding happens on this thread. */
    public void run(BooleanSupplier cancelled) throws IOException {
        try {
            while (!stopped && !cancelled.getAsBoolean()) {
                byte[] frame = handle.getNextRawPacket();
                if (frame == null) {
                    continue; // the poll timed out: look at stop and cancel again
                }
                Timestamp at = handle.getTimestamp();
                long micros = at.getTime() / 1000 * 1_000_000 + at.getNanos() / 1000;
                synchronized (this) {
                    packets++;
                    if (writer != null) {
                        writer.write(linkType, micros, frame, 0, frame.length);
                    }
                    feed.frame(linkType, micros, frame, 0, frame.length);
                }
            }
            feed.finish();
            if (writer != null) {
                writer.flush();
            }
        } catch (NotOpenException e) {
            // closed by stop(): the capture is over
        } finally {
            close(handle);
        }
    }

    /** Asks {@link #run} to end at its next poll (within a tenth of a second). */
    public void stop() {
        stopped = true;
    }

    @Override
    public void close() {
        stop();
    }

    private static void close(PcapHandle handle) {
        if (handle != null && handle.isOpen()) {
            handle.close();
        }
    }
}
