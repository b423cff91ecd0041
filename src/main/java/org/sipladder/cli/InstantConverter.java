package org.sipladder.cli;

import java.time.Instant;
import org.sipladder.source.homer.HomerTimes;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A point in time given as an ISO-8601 instant ({@code 2026-12-02T15:00:00Z}, an offset allowed) or epoch seconds. */
final class InstantConverter implements ITypeConverter<Instant> {

    static final String DESCRIPTION = HomerTimes.FORMATS;

    @Override
    public Instant convert(String value) {
        try {
            return HomerTimes.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
