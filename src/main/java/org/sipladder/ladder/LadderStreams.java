package org.sipladder.ladder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sipladder.capture.Endpoint;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Hop;
import org.sipladder.media.RtpStatistics;
import org.sipladder.media.RtpStream;
import org.sipladder.media.Trickle;

/**
 * Turns a call's RTP streams into what the ladder draws: label, detail and the warnings that earn a stream its
 * mark (loss above 1 %, jitter above 30 ms, no stream coming back: the thresholds of the media findings, judged
 * on the same figures, so that a mark on the ladder and a finding in the panel go together).
 */
public final class LadderStreams {

    /** Loss above this share of the expected packets is worth a mark (MEDIA_LOSS). */
    public static final double LOSS_PERCENT = 1.0;
    /** Interarrival jitter above this is worth a mark (MEDIA_JITTER). */
    public static final double JITTER_MS = 30.0;

    private LadderStreams() {
    }

    /**
     * One ladder stream per RTP stream of {@code flow}, in the given order, {@code id} being the place in
     * {@code streams}.
     */
    public static List<LadderStream> of(List<RtpStream> streams, CallFlow flow) {
        SharedHostParties parties = SharedHostParties.of(flow);
        List<LadderStream> out = new ArrayList<>(streams.size());
        for (int i = 0; i < streams.size(); i++) {
            RtpStream s = streams.get(i);
            out.add(new LadderStream(i, s.key().src().address(), s.key().dst().address(), s.firstMicros(),
                    s.lastMicros(), label(s, parties), detail(s), warnings(s, streams, parties),
                    s.key().src().port(), s.key().dst().port()));
        }
        return out;
    }

    /**
     * {@link #label(RtpStream)}, naming each end on a shared host that no SDP or SIP port ties to a party ("to
     * 127.0.0.1:7000"): the ladder draws it on the host's first party, and the user sees which port it was.
     */
    static String label(RtpStream s, SharedHostParties parties) {
        String label = label(s);
        Endpoint src = s.key().src();
        Endpoint dst = s.key().dst();
        if (parties.isEmpty()) {
            return label;
        }
        if (parties.shared(src.address()) && parties.ofMedia(src, dst) == null) {
            label += " \u00b7 from " + src;
        }
        if (parties.shared(dst.address()) && parties.ofMedia(dst, src) == null) {
            label += " \u00b7 to " + dst;
        }
        return label;
    }

    /** "RTP PCMU · 1,501 pkts", "RTP PCMU · 1 pkt". */
    static String label(RtpStream s) {
        long packets = s.stats().packets();
        return "RTP " + s.codecOrType() + " \u00b7 " + String.format(Locale.ROOT, "%,d", packets)
                + (packets == 1 ? " pkt" : " pkts");
    }

    /**
     * "10.0.0.1:4000 → 10.0.0.2:5000 · MOS 4.4 · SSRC 0x1234ABCD": the MOS before the SSRC, so that a short arrow,
     * whose detail is cut at its end, keeps the figure of how the stream sounds.
     */
    static String detail(RtpStream s) {
        String text = s.key().src() + " \u2192 " + s.key().dst();
        if (!Double.isNaN(s.mos())) {
            text += String.format(Locale.ROOT, " \u00b7 MOS %.1f", s.mos());
        }
        return text + " \u00b7 SSRC " + String.format(Locale.ROOT, "0x%08X", s.key().ssrc());
    }

    /**
     * What is wrong with a stream between hosts no two parties of the call share, in a few words each; one-way
     * when no stream of {@code callStreams} runs back.
     */
    public static List<String> warnings(RtpStream s, List<RtpStream> callStreams) {
        return warnings(s, callStreams, SharedHostParties.NONE);
    }

    /** The warning of a stream losing more than {@link #LOSS_PERCENT}: "3.2 % lost". */
    public static String lossWarning(RtpStatistics stats) {
        return String.format(Locale.ROOT, "%.1f %% lost", stats.lostPercentInRuns());
    }

    /** What is wrong with a stream, in a few words each; empty when nothing is. */
    private static List<String> warnings(RtpStream s, List<RtpStream> callStreams, SharedHostParties parties) {
        List<String> warnings = new ArrayList<>();
        RtpStatistics stats = s.stats();
        if (stats.lostPercentInRuns() > LOSS_PERCENT) {
            warnings.add(lossWarning(stats));
        }
        // as MEDIA_JITTER: a jump of the sender's RTP clock (a hold) is no jitter a listener hears
        if (stats.maxJitterWithoutJumpsMs() > JITTER_MS) {
            warnings.add(String.format(Locale.ROOT, "jitter %.0f ms", stats.maxJitterWithoutJumpsMs()));
        }
        if (oneWay(s, callStreams, parties)) {
            warnings.add("one-way");
        }
        return warnings;
    }

    /**
     * No other stream of the call runs back between the same two sides, or only a trickle as MEDIA_ONE_WAY counts
     * none ({@link Trickle}): sides being hosts, or where a host is shared by several parties (an SBC and LiveKit on
     * one box, each with RTP to the carrier) the same party of it (a stream between two parties of one host, SIPp's
     * uac and uas on loopback, is not its own way back).
     */
    static boolean oneWay(RtpStream s, List<RtpStream> callStreams, SharedHostParties parties) {
        Endpoint from = s.key().src();
        Endpoint to = s.key().dst();
        List<RtpStream> forth = new ArrayList<>(List.of(s));
        List<RtpStream> back = new ArrayList<>();
        for (RtpStream o : callStreams) {
            Endpoint oFrom = o.key().src();
            Endpoint oTo = o.key().dst();
            if (o == s) {
                continue;
            }
            if (sameSide(oFrom, oTo, to, from, parties) && sameSide(oTo, oFrom, from, to, parties)) {
                back.add(o);
            } else if (sameSide(oFrom, oTo, from, to, parties) && sameSide(oTo, oFrom, to, from, parties)) {
                forth.add(o);
            }
        }
        return back.isEmpty() || Trickle.only(back, forth);
    }

    /**
     * True when stream end {@code a} (its other end {@code aOther}) and {@code b} (other end {@code bOther}) are
     * one side: one host, and one party of it unless a party of either is unknown.
     */
    private static boolean sameSide(Endpoint a, Endpoint aOther, Endpoint b, Endpoint bOther,
                                    SharedHostParties parties) {
        if (!a.address().equals(b.address())) {
            return false;
        }
        Hop p = parties.ofMedia(a, aOther);
        Hop q = p == null ? null : parties.ofMedia(b, bOther);
        return p == null || q == null || p == q;
    }
}
