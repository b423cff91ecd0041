package org.sipladder.capture;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Capture file formats other than pcap and pcapng, told by their first four bytes: NetMon and snoop files are read
 * ({@link NetmonRecords}, {@link SnoopRecords}); refusing one of the others names it and says how to convert it
 * (Wireshark reads them all). Recognising another is one entry here.
 */
enum ForeignCaptureFormat {
    NETMON_1("RTSS", "Microsoft Network Monitor 1.x"),
    NETMON_2("GMBU", "Microsoft Network Monitor 2.x"),
    SNOOP("snoo", "Sun snoop"),
    NETXRAY("XCP\0", "NetXRay / Windows Sniffer"),
    SNIFFER("TRSN", "Network General Sniffer"),
    OBSERVER("Obse", "Network Instruments Observer");

    private final int magic;
    private final String description;

    ForeignCaptureFormat(String magic, String description) {
        this.magic = Wire.int32(magic.getBytes(StandardCharsets.ISO_8859_1), 0);
        this.description = description;
    }

    /** The format whose files start with these four bytes (read big-endian), or null. */
    static ForeignCaptureFormat byMagic(int firstFourBytes) {
        for (ForeignCaptureFormat f : values()) {
            if (f.magic == firstFourBytes) {
                return f;
            }
        }
        return null;
    }

    /**
     * Why {@code file}, whose first bytes name no format at all and do not read as ERF records, is refused. Some
     * capture formats have no magic number, so the conversion is offered for the case where Wireshark opens the file.
     */
    static String unknownRefusal(Object file) {
        return file + ": not a pcap, pcapng or ERF capture file; if Wireshark opens it (another capture format), "
                + "convert it with Wireshark's editcap (" + editcap(file) + ") or File > Save As, then open that";
    }

    private static String editcap(Object file) {
        return "editcap -F pcapng '" + file + "' converted.pcapng";
    }

    /** Why {@code file} is refused and how to get a capture that opens. */
    String refusal(Object file) {
        return file + ": a " + description + " capture, not pcap, pcapng or ERF; " + conversion(file);
    }

    /** The format's name, as in "Microsoft Network Monitor 2.x". */
    String description() {
        return description;
    }

    /** How to get a capture of {@code file} that opens. */
    String conversion(Object file) {
        return "convert it with Wireshark's editcap (" + editcap(file) + ") or Wireshark's File > Save As, then open "
                + "that";
    }

    /** Takes the format's file header of {@code length} bytes that starts {@code source}; its offset. */
    int header(Object file, ByteSource source, int length) throws IOException, CaptureException {
        int at;
        try {
            at = source.take(length);
        } catch (EOFException e) {
            at = -1;
        }
        if (at < 0) {
            throw new CaptureException(file + ": " + description + " file header is cut short");
        }
        return at;
    }

    /** Why {@code file}, of a {@code version} of the format that is not read, is refused. */
    CaptureException unreadVersion(Object file, String version) {
        return new CaptureException(file + ": " + description + " version " + version + " is not read; "
                + conversion(file));
    }

    /** True for the formats {@link NetmonRecords} reads. */
    boolean isNetmon() {
        return this == NETMON_1 || this == NETMON_2;
    }
}
