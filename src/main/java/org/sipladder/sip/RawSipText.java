package org.sipladder.sip;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The raw text of a message as shown to people (the inspector, the PDF report): credentials in authorization headers hidden. */
public final class RawSipText {

    private static final Pattern CREDENTIAL_HEADER = Pattern.compile(
            "(?im)^((?:Proxy-)?Authorization[ \\t]*:[ \\t]*)([^\\r\\n]*)");

    private RawSipText() {
    }

    /** Replaces the value of Authorization and Proxy-Authorization headers: a digest is a credential. */
    public static String redact(String raw) {
        Matcher m = CREDENTIAL_HEADER.matcher(raw);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + "(credentials hidden)"));
    }
}
