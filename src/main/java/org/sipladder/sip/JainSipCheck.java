package org.sipladder.sip;

import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.text.ParseException;

/**
 * The full parse with jain-sip-ri, used as the judge of well-formedness: every header it cannot parse
 * (reported through its ParseExceptionListener, which it otherwise drops silently) becomes a problem.
 */
final class JainSipCheck {

    JainSipCheck() {
        QuietStackLogger.install();
    }

    /** Parses {@code wire} and records into {@code problems} whatever jain-sip rejects. */
    void check(byte[] wire, Problems problems) {
        StringMsgParser parser = new StringMsgParser();
        try {
            parser.parseSIPMessage(wire, true, false, (ex, message, headerClass, headerText, messageText) -> {
                if (!parsesWithFullName(headerClass, headerText) && !wellFormedWarning(headerClass, headerText)
                        && !secondsBeyondAnInt(headerClass, headerText)) {
                    problems.add(subject(headerClass, headerText), describe(headerClass, headerText));
                }
            });
        } catch (ParseException e) {
            String reason = firstLine(e.getMessage());
            String subject = reason.toLowerCase(java.util.Locale.ROOT).contains("content length") ? "Content-Length" : "message";
            problems.add(subject, "jain-sip rejected the message: " + reason);
        } catch (RuntimeException e) {
            // jain-sip throws unchecked exceptions on some inputs it cannot make sense of; the message is still kept
            problems.add("message", "jain-sip could not parse the message (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * jain-sip 1.3.0-91 does not know some compact names (it rejects {@code b: <sip:x@y>}, Referred-By):
     * a compact header it reports is parsed again under its full name and only reported if that fails too.
     */
    private static boolean parsesWithFullName(Class<?> headerClass, String headerText) {
        if (headerText == null || isStartLine(headerClass)) {
            return false;
        }
        String text = headerText.trim();
        int colon = text.indexOf(':');
        if (colon != 1) {
            return false;
        }
        try {
            StringMsgParser.parseSIPHeader(HeaderNames.expand(text.substring(0, 1)) + text.substring(1));
            return true;
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }

    /** A Warning that RFC 3261's grammar allows though jain-sip rejects it (an IPv6 warn-agent: {@link WarningValue}). */
    private static boolean wellFormedWarning(Class<?> headerClass, String headerText) {
        if (headerText == null || isStartLine(headerClass) || !"Warning".equals(subject(headerClass, headerText))) {
            return false;
        }
        String text = headerText.trim();
        return WarningValue.wellFormed(text.substring(text.indexOf(':') + 1));
    }

    /**
     * An Expires or Retry-After of 2**31 to 2**32-1 seconds, which RFC 3261 20.19 allows though jain-sip reads an int:
     * the header parses with a small number in its place.
     */
    private static boolean secondsBeyondAnInt(Class<?> headerClass, String headerText) {
        if (headerText == null || isStartLine(headerClass)) {
            return false;
        }
        String subject = subject(headerClass, headerText);
        if (!subject.equalsIgnoreCase("Expires") && !subject.equalsIgnoreCase("Retry-After")) {
            return false;
        }
        String text = headerText.trim();
        String value = text.substring(text.indexOf(':') + 1);
        String digits = ScalarFields.leadingDigits(value);
        if (digits.isEmpty() || ScalarFields.beyond(digits, ScalarFields.SECONDS_MAX)) {
            return false;
        }
        try {
            StringMsgParser.parseSIPHeader(subject + ": 0" + value.substring(value.indexOf(digits) + digits.length()));
            return true;
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }

    private static String subject(Class<?> headerClass, String headerText) {
        if (isStartLine(headerClass)) {
            return "start line";
        }
        String text = headerText == null ? "" : headerText.trim();
        int colon = text.indexOf(':');
        return colon > 0 ? HeaderNames.expand(text.substring(0, colon).trim()) : text;
    }

    private static String describe(Class<?> headerClass, String headerText) {
        String text = headerText == null ? "" : headerText.trim();
        if (isStartLine(headerClass)) {
            return "unparsable start line \"" + text + "\"";
        }
        return "unparsable " + subject(headerClass, headerText) + " header \"" + text + "\"";
    }

    private static boolean isStartLine(Class<?> headerClass) {
        return headerClass == RequestLine.class || headerClass == StatusLine.class;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
