package org.sipladder.cli;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A point in time given as an ISO-8601 instant ({@code 2026-12-02T15:00:00Z}, an offset allowed) or epoch seconds. */
final class InstantConverter implements ITypeConverter<Instant> {

    static final String DESCRIPTION = "ISO-8601 instant (2026-12-02T15:00:00Z, or with an offset such as +01:00) "
            + "or epoch seconds";

    @Override
    public Instant convert(String value) {
        String text = value.strip();
        if (text.matches("\\d+(\\.\\d+)?")) {
            BigDecimal seconds = new BigDecimal(text);
            return Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a time: give an " + DESCRIPTION);
        }
    }
}
