package org.sipladder.ui.inspector;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The raw message as the inspector shows it: credentials in authorization headers hidden, and cut into
 * styled spans (start line, header names, values, body) for colouring.
 */
public final class RawSipText {

    /** A run of text with the CSS class that colours it. */
    public record Span(String text, String styleClass) {
    }

    private static final Pattern CREDENTIAL_HEADER = Pattern.compile(
            "(?im)^((?:Proxy-)?Authorization[ \\t]*:[ \\t]*)([^\\r\\n]*)");

    private RawSipText() {
    }

    /** Replaces the value of Authorization and Proxy-Authorization headers: a digest is a credential. */
    public static String redact(String raw) {
        Matcher m = CREDENTIAL_HEADER.matcher(raw);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + "(credentials hidden)"));
    }

    /** Splits a (redacted) message into coloured spans; joined again they give back the exact text. */
    public static List<Span> spans(String text) {
        List<Span> spans = new ArrayList<>();
        int bodyStart = bodyStart(text);
        String head = text.substring(0, bodyStart);
        int pos = 0;
        boolean first = true;
        while (pos < head.length()) {
            int eol = head.indexOf('\n', pos);
            int end = eol < 0 ? head.length() : eol + 1;
            String line = head.substring(pos, end);
            if (first) {
                spans.add(new Span(line, "sip-start-line"));
                first = false;
            } else {
                int colon = line.indexOf(':');
                if (colon > 0 && !Character.isWhitespace(line.charAt(0))) {
                    spans.add(new Span(line.substring(0, colon + 1), "sip-header-name"));
                    spans.add(new Span(line.substring(colon + 1), "sip-header-value"));
                } else {
                    spans.add(new Span(line, "sip-header-value"));
                }
            }
            pos = end;
        }
        if (bodyStart < text.length()) {
            spans.add(new Span(text.substring(bodyStart), "sip-body"));
        }
        return spans;
    }

    private static int bodyStart(String text) {
        int crlf = text.indexOf("\r\n\r\n");
        if (crlf >= 0) {
            return crlf + 4;
        }
        int lf = text.indexOf("\n\n");
        return lf >= 0 ? lf + 2 : text.length();
    }
}
