package org.sipladder.sip;

/**
 * One header line as sent, with its name expanded from compact form ({@code i} becomes {@code Call-ID}).
 *
 * @param name  the full header name in its canonical spelling
 * @param value the value exactly as sent, folded lines joined with one space
 * @param raw   the header line exactly as sent, without the trailing CRLF
 */
public record SipHeader(String name, String value, String raw) {
}
