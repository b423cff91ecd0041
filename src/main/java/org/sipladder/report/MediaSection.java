package org.sipladder.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.FindingCode;
import org.sipladder.media.CaptureMedia;
import org.sipladder.media.ReceiverReports;
import org.sipladder.media.RtpStatistics;
import org.sipladder.media.RtpStream;

/** A call's media in the report: its RTP streams with their figures, and what the media findings say about them. */
final class MediaSection {

    private final PageFlow page;
    private final CaptureMedia media;

    /** {@code media}: the capture's media, for what each stream's receiver reported about it in RTCP. */
    MediaSection(PageFlow page, CaptureMedia media) {
        this.page = page;
        this.media = media;
    }

    /** True for a finding about the RTP itself: the MEDIA_ codes of the catalogue. */
    static boolean isMedia(FindingCode code) {
        return code != null && code.name().startsWith("MEDIA_");
    }

    /**
     * @param streams  the call's streams (addresses not yet redacted)
     * @param findings the call's findings, already redacted; the media ones (MEDIA_*) are listed
     */
    void write(List<RtpStream> streams, List<Finding> findings, FlowRedactor redactor) {
        page.heading("Media", 2);
        if (streams.isEmpty()) {
            page.paragraph("No RTP of this call is in the capture.", page.small);
        } else {
            List<List<String>> rows = new ArrayList<>();
            List<String> jumps = new ArrayList<>();
            for (RtpStream s : streams) {
                RtpStatistics st = s.stats();
                String ssrc = String.format(Locale.ROOT, "0x%08X", s.key().ssrc());
                if (st.clockJumps() > 0) {
                    jumps.add(String.format(Locale.ROOT, "%s %.1f / %.1f", ssrc, st.meanJitterWithoutJumpsMs(),
                            st.maxJitterWithoutJumpsMs()));
                }
                rows.add(List.of(redactor.text(s.key().src() + " \u2192 " + s.key().dst()),
                        ssrc, s.codecOrType(),
                        Long.toString(st.packets()),
                        st.lossText(" %"),
                        String.format(Locale.ROOT, "%.1f / %.1f%s", st.meanJitterMs(), st.maxJitterMs(),
                                st.clockJumps() > 0 ? " *" : ""),
                        String.format(Locale.ROOT, "%.1f", st.maxDeltaMs()),
                        Double.isNaN(s.mos()) ? "" : String.format(Locale.ROOT, "%.2f", s.mos()),
                        s.dtmf()));
            }
            page.table(new Table(List.of("Source \u2192 destination", "SSRC", "Codec", "Packets", "Lost",
                    "Jitter ms mean / max", "Max \u0394 ms", "MOS", "DTMF"),
                    List.of(2.6, 1.2, 0.8, 1.0, 1.5, 1.2, 0.8, 0.7, 0.8), rows,
                    List.of(true, true, false, false, false, false, false, false, true)));
            page.paragraph("Figures as Wireshark's RTP stream analysis computes them (RFC 3550 jitter), but Lost counts "
                    + "the packets that never came (RFC 3550 A.1, between sequence restarts), the gaps of sequence "
                    + "numbers they fell in (one of 60 ms or more is heard as a dropout) and names duplicates, "
                    + "which Wireshark takes off the loss; MOS is the ITU-T G.107 E-model estimate from codec, loss "
                    + "and jitter, a jump of the sender's RTP clock (a hold) left out of the jitter.", page.small);
            if (!jumps.isEmpty()) {
                // the findings judge the jitter without the jump: a clean stream's seconds of jitter, unexplained,
                // would contradict "No media finding"
                page.paragraph("* Wireshark's jitter includes a jump of the sender's RTP clock (a hold, a re-INVITE), "
                        + "no jitter a listener hears; without it, the jitter the findings judge, mean / max ms: "
                        + String.join("; ", jumps) + ".", page.small);
            }
            receiverReports(streams, redactor);
        }
        List<String> notes = findings.stream().filter(f -> isMedia(f.code()))
                .map(f -> f.code() + ": " + f.title()).toList();
        if (!notes.isEmpty()) {
            page.gap(2);
            page.bullets(notes, page.body);
        } else if (!streams.isEmpty()) {
            page.paragraph("No media finding: RTP flowed as the SDP announced it.", page.small);
        }
        page.gap(6);
    }

    /**
     * What each stream's receiver reported in RTCP, in a table of its own beside ours (the streams table has no room
     * left): as the streams command's RTCP LOST, RTCP JITTER and RTT columns, with the reporter and the largest RTT.
     */
    private void receiverReports(List<RtpStream> streams, FlowRedactor redactor) {
        List<List<String>> rows = new ArrayList<>();
        for (RtpStream s : streams) {
            ReceiverReports r = media.receiverReports(s);
            if (r.isEmpty()) {
                continue;
            }
            rows.add(List.of(redactor.text(s.key().src() + " \u2192 " + s.key().dst()),
                    String.format(Locale.ROOT, "0x%08X", s.key().ssrc()), redactor.text(r.reporter().toString()),
                    Integer.toString(r.count()),
                    r.lostText(" %"),
                    Double.isNaN(r.maxJitterMs()) ? "" : String.format(Locale.ROOT, "%.1f", r.maxJitterMs()),
                    Double.isNaN(r.meanRttMs()) ? "" : String.format(Locale.ROOT, "%.1f / %.1f", r.meanRttMs(),
                            r.maxRttMs())));
        }
        if (rows.isEmpty()) {
            return;
        }
        page.gap(2);
        page.table(new Table(List.of("Source \u2192 destination", "SSRC", "Reported by", "Reports", "RTCP lost",
                "RTCP jitter ms max", "RTT ms mean / max"), List.of(2.2, 1.3, 2.0, 0.9, 1.3, 1.0, 1.0), rows,
                List.of(true, true, true, false, false, false, false)));
        page.paragraph("What each stream's receiver reported in RTCP (RFC 3550 6.4.1): packets lost in all with the "
                + "largest fraction lost of a report (a negative count, marked duplicates, means more packets came than "
                + "were sent), the largest interarrival jitter, and the round trip from the capture point to the "
                + "reporter and back (LSR and DLSR). Loss or jitter the receiver reports and the capture does not show "
                + "happened after the capture point.", page.small);
    }
}
