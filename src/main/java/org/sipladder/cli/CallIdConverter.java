package org.sipladder.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code --call ID}: a Call-ID has no white space (RFC 3261 25.1, {@code word ["@" word]}), so spaces pasted
 * around one are left out, and an empty or blank one is refused as such rather than looked for.
 */
final class CallIdConverter implements ITypeConverter<String> {

    /** What an empty or blank {@code --call} is told. */
    static final String EMPTY = "the Call-ID is empty; `sipladder calls CAPTURE` lists the Call-IDs";

    @Override
    public String convert(String value) {
        String callId = value.strip();
        if (callId.isEmpty()) {
            throw new TypeConversionException(EMPTY);
        }
        return callId;
    }
}
