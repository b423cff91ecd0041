package org.sipladder.media;

import java.util.Locale;
import org.sipladder.Counted;

/**
 * How a stream's lost packets fell: the gaps in its sequence numbers (each a run of numbers never received) and the
 * longest of them. Loss concealment bridges a lost packet or two; a gap of several packets is heard as a dropout,
 * so the same percentage sounds very different spread out or in a few gaps. Reordered and duplicated packets, a wrap
 * of the numbers at 65535 and a sender's restart of them (RFC 3550 A.1) are no gap.
 *
 * @param gaps           gaps of one or more packets
 * @param packets        packets in all the gaps together
 * @param longestPackets packets in the longest gap, 0 when none
 * @param longestMs      the audio the longest gap held, from the RTP timestamp step per packet; NaN when unknown
 *                       (no clock rate), 0 when no gap
 * @param longestEndSeq  sequence number of the packet that ended the longest gap, -1 when none
 */
public record LossGaps(long gaps, long packets, long longestPackets, double longestMs, int longestEndSeq) {

    /** No gap. */
    public static final LossGaps NONE = new LossGaps(0, 0, 0, 0, -1);

    /** The mean length of a gap in packets, 0 when none: G.107's observed burst length. */
    public double meanPackets() {
        return gaps == 0 ? 0 : (double) packets / gaps;
    }

    // The wording of the gaps for every text that shows them (stream tables, loss findings), built only here.

    /** "10 (200 ms)", or "10" when the duration is unknown. */
    public String longestText() {
        return Double.isNaN(longestMs) ? Counted.grouped(longestPackets)
                : String.format(Locale.ROOT, "%,d (%.0f ms)", longestPackets, longestMs);
    }

    /** The gaps and the longest, for a figure: "1 gap of 10 (200 ms)", "20 gaps of 1", "3 gaps, longest 10 (200 ms)". */
    public String text() {
        return gaps == 1 ? "1 gap of " + longestText()
                : longestPackets == 1 ? Counted.grouped(gaps) + " gaps of 1"
                : Counted.grouped(gaps) + " gaps, longest " + longestText();
    }

    /** "1 gap" or "3 gaps". */
    public String countText() {
        return gaps == 1 ? "1 gap" : gaps + " gaps";
    }

    /** "1 packet" or "10 packets": the longest gap. */
    public String longestPacketsText() {
        return longestPackets == 1 ? "1 packet" : longestPackets + " packets";
    }

    /**
     * The audio the longest gap held, for a sentence: " (200 ms of audio)" after {@code about} ("about " or ""), or ""
     * when the duration is unknown.
     */
    public String longestAudioText(String about) {
        return Double.isNaN(longestMs) ? "" : String.format(Locale.ROOT, " (%s%.0f ms of audio)", about, longestMs);
    }
}
