package org.sipladder.ui.inspector;

/**
 * One media line of an SDP body as the inspector shows it.
 *
 * @param media      "audio 40000 RTP/AVP"
 * @param codecs     "0 PCMU/8000, 8 PCMA/8000"
 * @param connection connection address for this media
 * @param direction  sendrecv, sendonly...
 * @param warning    why the address is suspicious (a private address sent to a public peer), or empty
 */
public record SdpRow(String media, String codecs, String connection, String direction, String warning) {

    public boolean flagged() {
        return !warning.isEmpty();
    }
}
