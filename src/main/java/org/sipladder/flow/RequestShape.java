package org.sipladder.flow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sipladder.sip.HeaderNames;
import org.sipladder.sip.SipMessage;

/**
 * Whether two INVITEs ask for the same thing: their Request-URI, headers and body apart from what every new call
 * changes (Call-ID, tags, branch, CSeq, Via, Contact, routing, lengths, dates) and from the SDP's origin line and media
 * ports. A retry after 415, 488, 420 or 422 changes the offer or a header, as the answer asks; a load generator's
 * next call, refused like the one before, does not.
 */
final class RequestShape {

    /** Header names (full, lower case: compact ones are expanded first) whose values differ from call to call. */
    private static final Set<String> PER_CALL = Set.of("via", "call-id", "from", "to", "cseq", "contact",
            "content-length", "max-forwards", "date", "timestamp", "route", "record-route", "authorization",
            "proxy-authorization");

    private RequestShape() {
    }

    /** True when both messages' shapes are known and equal; false when they differ or either cannot be read back. */
    static boolean same(SipMessage a, SipMessage b) {
        List<String> first = shape(a);
        return first != null && first.equals(shape(b));
    }

    /** The message's lines that say what it asks for, normalized; null when its bytes cannot be read back. */
    static List<String> shape(SipMessage m) {
        byte[] wire;
        try {
            wire = m.wireBytes();
        } catch (IOException e) {
            return null;
        }
        if (wire == null) {
            return null;
        }
        String text = new String(wire, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r?\n", -1);
        List<String> shape = new ArrayList<>(lines.length);
        boolean body = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i == 0) {
                shape.add(line.trim());
            } else if (!body && line.isEmpty()) {
                body = true;
                shape.add("");
            } else if (!body) {
                int colon = line.indexOf(':');
                String name = colon > 0 ? HeaderNames.expand(line.substring(0, colon).trim()).toLowerCase(Locale.ROOT)
                        : "";
                if (!PER_CALL.contains(name) && !line.startsWith(" ") && !line.startsWith("\t")) {
                    shape.add(name + ":" + line.substring(colon + 1).trim());
                }
            } else if (line.startsWith("m=")) {
                // the port is the sender's choice per call; the media, transport and formats are the offer
                String[] words = line.split(" ");
                StringBuilder media = new StringBuilder(words[0]);
                for (int w = 2; w < words.length; w++) {
                    media.append(' ').append(words[w]);
                }
                shape.add(media.toString());
            } else if (!line.startsWith("o=") && !line.isEmpty()) {
                shape.add(line);
            }
        }
        return shape;
    }
}
