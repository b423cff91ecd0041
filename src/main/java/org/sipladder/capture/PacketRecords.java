package org.sipladder.capture;

import java.io.IOException;

/** The packet records of one capture file format, read in file order. */
interface PacketRecords {

    /** The link type of a record that is not a packet (a capture tool's own records): a frame, not decoded. */
    int NOT_A_PACKET = -1;
    /** Link types from here on are NetMon network types without a pcap number, this plus theirs: not decoded. */
    int NETMON_MEDIUM = 0x10000;
    /** Link types from here on are snoop datalink types without a pcap number, this plus theirs: not decoded. */
    int SNOOP_DATALINK = 0x20000;

    /** How a message names {@code linkType}: its pcap number, or the NetMon or snoop number it stands for. */
    static String linkTypeName(int linkType) {
        if (linkType >= SNOOP_DATALINK) {
            return "snoop datalink type " + (linkType - SNOOP_DATALINK);
        }
        if (linkType >= NETMON_MEDIUM) {
            return "NetMon network type " + (linkType - NETMON_MEDIUM);
        }
        return "link type " + linkType;
    }

    /**
     * Reads records until one packet has been handed to {@code sink}.
     *
     * @return false at the clean end of the file
     * @throws DamagedCaptureException when the next record is cut short or its header is impossible
     */
    boolean next(RecordSink sink) throws IOException, DamagedCaptureException;

    /** Receives one packet record; the bytes are only valid during the call. */
    interface RecordSink {
        void packet(int linkType, long timestampMicros, byte[] array, int offset, int length);
    }
}
