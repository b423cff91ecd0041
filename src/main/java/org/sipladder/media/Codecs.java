package org.sipladder.media;

import java.util.Locale;

/**
 * What the analysis knows about payload types: the RFC 3551 static types and the clock rates Wireshark's RTP
 * analysis uses (its static and dynamic-name tables, so that jitter agrees with {@code tshark -z rtp,streams}).
 */
final class Codecs {

    /** Names of the static payload types 0-34 (RFC 3551 table 4), null where unassigned. */
    private static final String[] STATIC_NAMES = new String[128];
    /** Clock rates of static payload types as Wireshark's analysis takes them; 0 where it has none. */
    private static final int[] STATIC_RATES = new int[128];

    /** Encoding names of dynamic payload types and their clock rates, as Wireshark looks them up by prefix. */
    private static final String[] DYNAMIC_NAMES = {"AMR", "AMR-WB", "BMPEG", "BT656", "DV", "EVRC", "EVRC0", "EVRC1",
        "EVRCB", "EVRCB0", "EVRCB1", "EVRCWB", "EVRCWB0", "EVRCWB1", "EVS", "G7221", "G726-16", "G726-24", "G726-32",
        "G726-40", "G729D", "G729E", "GSM-EFR", "H263-1998", "H263-2000", "H264", "MP1S", "MP2P", "MP4V-ES",
        "mpa-robust", "opus", "pointer", "raw", "red", "SMV", "SMV0", "t140", "telephone-event"};
    private static final int[] DYNAMIC_RATES = {8000, 16000, 90000, 90000, 90000, 8000, 8000, 8000, 8000, 8000, 8000,
        16000, 16000, 16000, 16000, 16000, 8000, 8000, 8000, 8000, 8000, 8000, 8000, 90000, 90000, 90000, 90000,
        90000, 90000, 90000, 48000, 90000, 90000, 1000, 8000, 8000, 1000, 8000};

    static final int PT_CN = 13;
    static final int PT_CN_OLD = 19;
    /** The first dynamic payload type (RFC 3551 3): from here on only an SDP's a=rtpmap says what a type is. */
    static final int FIRST_DYNAMIC = 96;

    static {
        staticType(0, "PCMU", 8000);
        staticType(1, "1016", 8000);
        staticType(2, "G721", 8000);
        staticType(3, "GSM", 8000);
        staticType(4, "G723", 8000);
        staticType(5, "DVI4", 8000);
        staticType(6, "DVI4", 16000);
        staticType(7, "LPC", 8000);
        staticType(8, "PCMA", 8000);
        staticType(9, "G722", 8000);
        staticType(10, "L16", 44100);
        staticType(11, "L16", 44100);
        staticType(12, "QCELP", 8000);
        staticType(13, "CN", 8000);
        staticType(14, "MPA", 90000);
        staticType(15, "G728", 8000);
        staticType(16, "DVI4", 11025);
        staticType(17, "DVI4", 22050);
        staticType(18, "G729", 8000);
        staticType(19, "CN", 8000);
        staticType(25, "CelB", 90000);
        staticType(26, "JPEG", 90000);
        staticType(28, "nv", 90000);
        staticType(31, "H261", 90000);
        staticType(32, "MPV", 90000);
        staticType(33, "MP2T", 90000);
        staticType(34, "H263", 90000);
    }

    private Codecs() {
    }

    private static void staticType(int pt, String name, int rate) {
        STATIC_NAMES[pt] = name;
        STATIC_RATES[pt] = rate;
    }

    /**
     * An encoding name as the registry spells it ({@code pcma} from an SDP written in lower case shows as
     * {@code PCMA}, as Wireshark shows it; {@code opus} stays {@code opus}); a name the tables lack as written.
     */
    static String registeredName(String encoding) {
        for (String[] table : new String[][] {STATIC_NAMES, DYNAMIC_NAMES}) {
            for (String name : table) {
                if (name != null && name.equalsIgnoreCase(encoding)) {
                    return name;
                }
            }
        }
        return encoding;
    }

    /** The RFC 3551 name of a static payload type, or null. */
    static String staticName(int pt) {
        return pt >= 0 && pt < 128 ? STATIC_NAMES[pt] : null;
    }

    /**
     * The clock rate Wireshark's analysis uses for {@code pt}: the static table below 96; above, the SDP's rate
     * when it gave one, else the rate its table has for the encoding name; 0 when unknown (no jitter then).
     */
    static int analysisRate(int pt, String encoding, int sdpRate) {
        if (pt < FIRST_DYNAMIC) {
            return STATIC_RATES[pt];
        }
        if (encoding == null) {
            return 0;
        }
        if (sdpRate != 0) {
            return sdpRate;
        }
        return dynamicRate(encoding);
    }

    /** Wireshark's table rate for a dynamic encoding name, matched as a prefix, longest table entry last. */
    static int dynamicRate(String encoding) {
        for (int i = DYNAMIC_NAMES.length - 1; i >= 0; i--) {
            String n = DYNAMIC_NAMES[i];
            if (encoding.regionMatches(true, 0, n, 0, n.length())) {
                return DYNAMIC_RATES[i];
            }
        }
        return 0;
    }

    static boolean isTelephoneEvent(String encoding) {
        return encoding != null && encoding.regionMatches(true, 0, "telephone-event", 0, "telephone-event".length());
    }

    static boolean isComfortNoise(int pt, String encoding) {
        return pt == PT_CN || pt == PT_CN_OLD || (encoding != null && encoding.toUpperCase(Locale.ROOT).equals("CN"));
    }
}
