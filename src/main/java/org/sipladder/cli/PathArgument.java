package org.sipladder.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A CAPTURE or LiveKit config FILE argument: a file, or {@code -} for standard input, as {@code tshark -r -} takes
 * it; standard input and other streams that cannot be read twice (a named pipe, {@code <(zcat day.pcap.gz)},
 * {@code <(lk sip inbound list --json)}) are first copied to a temporary file ({@code .../sipladder-NNN/stdin}),
 * deleted when the program ends: the capture read goes back to messages' bytes, and a config file is read twice (its
 * nesting checked, then parsed). Messages name a copy as the user did ({@link #shown}): "standard input" or the
 * pipe's path, never the temporary file.
 */
final class PathArgument implements ITypeConverter<Path> {

    /** What messages call a copy of standard input. */
    static final String STANDARD_INPUT = "standard input";

    /** What the help says of {@code -}. */
    static final String STDIN = "; - reads standard input";

    /**
     * Every copy made in this program, by its path as text, with what to call it instead (the program ends when the
     * command does, and a command makes at most a few).
     */
    private static final Map<String, String> SHOWN = new ConcurrentHashMap<>();

    /** The copies this converter made (picocli makes one per command line), by argument: a stream is read once. */
    private final Map<String, Path> copies = new ConcurrentHashMap<>();

    private final InputStream stdin;
    /** True when standard input is a terminal (and so is standard output): {@code -} would wait for typing. */
    private final boolean stdinTerminal;
    /** Whether standard input was closed when the program started (asked only when {@code -} is given). */
    private final BooleanSupplier stdinClosed;

    PathArgument() {
        this(System.in, System.console() != null, StandardInput::closedAtStart);
    }

    PathArgument(InputStream stdin) {
        this(stdin, false);
    }

    PathArgument(InputStream stdin, boolean stdinTerminal) {
        this(stdin, stdinTerminal, () -> false);
    }

    PathArgument(InputStream stdin, boolean stdinTerminal, BooleanSupplier stdinClosed) {
        this.stdin = stdin;
        this.stdinTerminal = stdinTerminal;
        this.stdinClosed = stdinClosed;
    }

    @Override
    public Path convert(String value) {
        // a stream is read once: a second conversion of the same argument (picocli converts a command's variable
        // list of CAPTURE arguments more than once) gets the first's copy
        Path copy = copies.get(value);
        if (copy != null) {
            return copy;
        }
        if (value.equals("-")) {
            if (stdinTerminal) {
                throw new TypeConversionException("- reads standard input, which is this terminal: pipe a capture (or "
                        + "a config) in (tcpdump -w - ... | sipladder COMMAND -) or give the file");
            }
            if (stdinClosed.getAsBoolean()) {
                throw new TypeConversionException("- reads standard input, which is closed: pipe a capture (or a "
                        + "config) in (tcpdump -w - ... | sipladder COMMAND -) or give the file");
            }
            copy = spooled(stdin, STANDARD_INPUT, "stdin");
        } else {
            Path path = Path.of(value);
            if (!copied(path)) {
                return path;
            }
            try (InputStream in = Files.newInputStream(path)) {
                copy = spooled(in, value, "pipe-" + path.getFileName());
            } catch (IOException e) {
                throw new TypeConversionException(value + ": cannot be read (" + e.getMessage() + ")");
            }
        }
        copies.put(value, copy);
        return copy;
    }

    /** What to call {@code path} in a message: as the user named it when it is a copy, else the path itself. */
    static String shown(Path path) {
        String text = String.valueOf(path);
        return SHOWN.getOrDefault(text, text);
    }

    /** The name of {@code path} for a title: what the user named a copy, else the file's name. */
    static String shownName(Path path) {
        String copy = SHOWN.get(String.valueOf(path));
        return copy != null ? copy : String.valueOf(path.getFileName());
    }

    /**
     * {@code text} (a message) with each copy's path replaced by what the user named: "standard input" for
     * {@code -}, and {@code -} where the path is quoted as a command's argument (editcap, tshark and the like read
     * standard input from {@code -}); a pipe's path as given.
     */
    static String shown(String text) {
        if (text == null || SHOWN.isEmpty() || text.indexOf(File.separatorChar) < 0) {
            return text;
        }
        String shown = text;
        for (Map.Entry<String, String> copy : SHOWN.entrySet()) {
            if (shown.contains(copy.getKey())) {
                boolean stdin = copy.getValue().equals(STANDARD_INPUT);
                shown = shown.replace("'" + copy.getKey() + "'", stdin ? "-" : "'" + copy.getValue() + "'")
                        .replace(copy.getKey(), copy.getValue());
            }
        }
        return shown;
    }

    /**
     * True when the capture {@code path} names is copied first: a named pipe (also {@code /dev/stdin} or
     * {@code /dev/fd/N} on a pipe) or a socket; not a file, a folder or a device such as /dev/null (an empty capture).
     */
    static boolean copied(Path path) {
        try {
            // one look-up for the files nearly every capture is; only what is neither file nor folder is looked at again
            if (!Files.readAttributes(path, BasicFileAttributes.class).isOther()) {
                return false;
            }
            Object type = Files.getAttribute(path, "unix:mode");
            int format = (Integer) type & 0170000;
            return format == 0010000 || format == 0140000;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return false;
        }
    }

    /** {@code in} copied to a file named {@code name} in a folder of its own, both deleted when the program ends. */
    private static Path spooled(InputStream in, String what, String name) {
        Path copy = null;
        try {
            Path folder = Files.createTempDirectory("sipladder-");
            folder.toFile().deleteOnExit();
            copy = folder.resolve(name);
            // (deleted in the reverse order: the file, then its folder)
            copy.toFile().deleteOnExit();
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            SHOWN.put(copy.toString(), what);
            return copy;
        } catch (IOException e) {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException ignored) {
                    // deleted at exit
                }
            }
            throw new TypeConversionException(what + ": cannot be copied to a temporary file (" + e.getMessage() + ")");
        }
    }
}
