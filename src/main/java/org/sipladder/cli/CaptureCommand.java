package org.sipladder.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.sipladder.Counted;
import org.sipladder.OutputFile;
import org.sipladder.capture.PacketWriter;
import org.sipladder.source.LiveCapture;
import org.sipladder.source.LiveCaptureException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code capture -i IFACE}: live capture through libpcap, each SIP message printed as it arrives. */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = "Capture SIP (and RTP) live from a network interface through libpcap and print each SIP "
                + "message as it arrives. Needs libpcap and the right to capture (root, or "
                + "setcap cap_net_raw,cap_net_admin=eip on java).")
final class CaptureCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-i", "--interface"}, paramLabel = "IFACE", description = "interface to capture on (--list shows them)")
    private String iface;

    @Option(names = {"-f", "--filter"}, paramLabel = "BPF", description = "capture filter in tcpdump's syntax "
            + "(default: SIP ports 5060-5062, 5080-5081, UDP ports 10000-65535 for RTP, IP fragments)")
    private String filter;

    @Option(names = {"-l", "--list"}, description = "list the interfaces with their addresses and exit")
    private boolean list;

    @Mixin
    private LiveOptions live;

    @Override
    public Integer call() throws UserError, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (list) {
                for (LiveCapture.Interface i : LiveCapture.interfaces()) {
                    out.println(i.label());
                }
                out.flush();
                return 0;
            }
            if (iface == null) {
                throw new UserError("say which interface to capture on with -i IFACE (`sipladder capture --list` "
                        + "lists them)");
            }
            PacketWriter writer = live.openWriter();
            LiveCapture capture;
            try {
                capture = LiveCapture.open(iface, filter, live.printer(out, err), writer);
            } catch (LiveCaptureException e) {
                ListenCommand.closeQuietly(writer);
                throw e;
            }
            err.println("capturing on " + iface + (filter == null ? " (SIP ports and RTP)" : " (" + filter + ")"));
            err.flush();
            AtomicReference<IOException> failure = new AtomicReference<>();
            Thread reading = new Thread(() -> {
                try {
                    capture.run(() -> false);
                } catch (IOException e) {
                    failure.set(e);
                }
            }, "live capture");
            reading.setDaemon(true);
            reading.start();
            live.runUntilDone(() -> {
                capture.stop();
                try {
                    reading.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ListenCommand.closeQuietly(writer);
            });
            live.rethrowOutputFailure();
            if (failure.get() != null) {
                throw new UserError(live.write + ": cannot be written (" + OutputFile.reason(failure.get(), live.write)
                        + ")");
            }
            err.println(Counted.of(capture.packets(), "packet") + " captured"
                    + (live.write == null ? "" : "; written to " + live.write));
            err.flush();
            return 0;
        } catch (LiveCaptureException e) {
            throw new UserError(e.getMessage());
        }
    }
}
