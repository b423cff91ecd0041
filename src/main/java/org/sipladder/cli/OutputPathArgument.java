package org.sipladder.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code -o} FILE of {@code save} and {@code report}: a file, or {@code -} for standard output (as {@code -} is
 * standard input for a CAPTURE), written into as {@code /dev/stdout} is ({@link org.sipladder.OutputFile}).
 */
final class OutputPathArgument implements ITypeConverter<Path> {

    /** What the help says of {@code -}. */
    static final String STDOUT = "; - writes to standard output";

    private static final Path STANDARD_OUTPUT = Path.of("/dev/stdout");

    @Override
    public Path convert(String value) {
        if ("-".equals(value)) {
            if (!Files.exists(STANDARD_OUTPUT)) {
                throw new TypeConversionException("- (standard output) needs /dev/stdout, which this system does "
                        + "not have: give a file name");
            }
            return STANDARD_OUTPUT;
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new TypeConversionException("\"" + value + "\" is not a file name here: " + e.getReason());
        }
    }
}
