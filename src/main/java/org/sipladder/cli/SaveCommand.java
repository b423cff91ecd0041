package org.sipladder.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.sipladder.capture.CaptureException;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.CallFrames;
import org.sipladder.flow.LiveFlows;
import org.sipladder.media.MediaCollector;
import org.sipladder.media.MediaSelection;
import org.sipladder.media.MediaSelection;
import org.sipladder.sip.SipParser;
import org.sipladder.source.CallSaver;
import org.sipladder.source.CaptureFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code save CAPTURE... --call ID... -o OUT}: the packets of chosen calls as a new pcap or pcapng file. */
@Command(name = "save", mixinStandardHelpOptions = true,
        description = "Save chosen calls (every leg, with their RTP/RTCP) as pcap or pcapng: the packets as captured, "
                + "with their times. The format follows OUT's name: .pcap for pcap, anything else pcapng.")
final class SaveCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CaptureInputs inputs;

    @Option(names = "--call", paramLabel = "ID", arity = "1..*", required = true,
            description = "Call-ID of any leg of a call to save (as `calls` lists them); repeatable")
    private List<String> callIds = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true, description = "file to write")
    private Path output;

    @Override
    public Integer call() throws CaptureException, UserError {
        LiveFlows flows = new LiveFlows();
        MediaCollector media = new MediaCollector();
        CaptureFiles files = new CaptureMessages(SipParser.Depth.SCAN, spec.commandLine().getErr(), media)
                .read(inputs, flows::add).files();
        List<CallFlow> chosen = CallChoice.byCallId(flows.snapshot(), callIds);
        Set<Long> frames = CallFrames.sip(chosen);
        MediaSelection rtp = media.result().selection(CallFrames.callIds(chosen));
        CallSaver.Saved saved = new CallSaver().save(files, frames, rtp::contains, output,
                CallSaver.Format.forFile(output));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%d packets of %d call%s written to %s%n", saved.packets(), chosen.size(),
                chosen.size() == 1 ? "" : "s", saved.file());
        out.flush();
        return 0;
    }
}
