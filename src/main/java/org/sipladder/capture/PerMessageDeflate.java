package org.sipladder.capture;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What the server's answer to a WebSocket upgrade says of RFC 7692 permessage-deflate (its
 * {@code Sec-WebSocket-Extensions} header): whether the extension was agreed, and which sides then start each
 * message with a fresh compression context (RFC 7692 7.1.1). The window sizes need no reading: an inflater with the
 * largest window reads data compressed with any smaller one.
 *
 * @param agreed                   the answer accepts permessage-deflate: a message whose first frame has RSV1 set is
 *                                 compressed
 * @param serverNoContextTakeover  the server compresses each message on its own
 * @param clientNoContextTakeover  the client compresses each message on its own
 */
record PerMessageDeflate(boolean agreed, boolean serverNoContextTakeover, boolean clientNoContextTakeover) {

    /** An answer that agrees no compression. */
    static final PerMessageDeflate REFUSED = new PerMessageDeflate(false, false, false);

    private static final String EXTENSIONS = "sec-websocket-extensions";

    /** The agreement in the server's answer whose header block is {@code a[from, to)}. */
    static PerMessageDeflate inAnswer(byte[] a, int from, int to) {
        // once per WebSocket connection whose handshake was captured: read as text, for clarity over speed
        String[] lines = new String(a, from, to - from, StandardCharsets.ISO_8859_1).split("\r?\n");
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0 || !line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(EXTENSIONS)) {
                continue;
            }
            // a list of extensions, each a name and its parameters after semicolons (RFC 6455 9.1)
            for (String extension : line.substring(colon + 1).split(",")) {
                String[] parts = extension.split(";");
                if (parts[0].trim().equalsIgnoreCase("permessage-deflate")) {
                    return new PerMessageDeflate(true, has(parts, "server_no_context_takeover"),
                            has(parts, "client_no_context_takeover"));
                }
            }
        }
        return REFUSED;
    }

    /** Whether the side that sends a direction ({@code server} or client) starts each message afresh. */
    boolean noContextTakeover(boolean server) {
        return server ? serverNoContextTakeover : clientNoContextTakeover;
    }

    private static boolean has(String[] parameters, String name) {
        for (int i = 1; i < parameters.length; i++) {
            String p = parameters[i];
            int eq = p.indexOf('=');
            if ((eq < 0 ? p : p.substring(0, eq)).trim().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
