package org.sipladder.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.sipladder.capture.CaptureListener;
import org.sipladder.capture.PacketWriter;
import org.sipladder.source.HepListener;
import org.sipladder.source.ListenAddress;
import org.sipladder.source.PayloadRecorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code listen --hep udp:0.0.0.0:9060}: SIP from capture agents over HEP, printed as it arrives. */
@Command(name = "listen", mixinStandardHelpOptions = true,
        description = "Receive SIP from capture agents (heplify, Kamailio, FreeSWITCH, drachtio) over HEP v2/v3, as "
                + "Homer does, and print each message as it arrives, with the agent's addresses and times.")
final class ListenCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--hep", required = true, paramLabel = "udp:HOST:PORT", description = "where to listen: "
            + "udp:0.0.0.0:9060 (HEP v2/v3) or tcp:0.0.0.0:9060 (HEP v3); repeatable")
    private List<String> hep = new ArrayList<>();

    @Mixin
    private LiveOptions live;

    @Override
    public Integer call() throws UserError, InterruptedException {
        List<ListenAddress> addresses = new ArrayList<>();
        for (String h : hep) {
            try {
                addresses.add(ListenAddress.parse(h));
            } catch (IllegalArgumentException e) {
                throw new UserError("--hep " + e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PacketWriter writer = live.openWriter();
        CaptureListener printer = live.printer(out, err);
        CaptureListener listener = writer == null ? printer : new PayloadRecorder(printer, writer);
        HepListener listening;
        try {
            listening = HepListener.start(addresses, listener, notice -> {
                synchronized (err) {
                    err.println(notice);
                    err.flush();
                }
            });
        } catch (IOException e) {
            closeQuietly(writer);
            throw new UserError(e.getMessage());
        }
        err.println("listening for HEP on " + listening.boundAddresses().stream().map(a -> a.getAddress()
                .getHostAddress() + ":" + a.getPort()).collect(Collectors.joining(", ")));
        err.flush();
        live.runUntilDone(() -> {
            listening.close();
            closeQuietly(writer);
        });
        live.rethrowOutputFailure();
        err.println(listening.packets() + " HEP packets received, " + listening.ignored() + " without SIP"
                + (listening.refusedConnections() == 0 ? "" : ", " + listening.refusedConnections()
                + " TCP connections refused") + (listening.droppedConnections() == 0 ? "" : ", "
                + listening.droppedConnections() + " TCP connections closed for what they sent or for silence") + (live.write == null ? "" : "; written to " + live.write));
        err.flush();
        return 0;
    }

    static void closeQuietly(PacketWriter writer) {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException ignored) {
                // the capture is over; a failing close leaves what was flushed
            }
        }
    }
}
