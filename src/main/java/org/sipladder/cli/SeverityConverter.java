package org.sipladder.cli;

import java.util.Locale;
import org.sipladder.diagnose.Severity;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --fail-on error|warning|info}, in any case. */
final class SeverityConverter implements ITypeConverter<Severity> {

    @Override
    public Severity convert(String value) {
        try {
            return Severity.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("unknown severity \"" + value + "\": use error, warning or info");
        }
    }
}
