package org.sipladder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A file the app writes for the user (a report, saved calls, an exported picture or sound): a regular file appears
 * whole or not at all, a symbolic link keeps pointing at the new file, and a device or pipe ({@code /dev/stdout}, a
 * FIFO) is written into, as {@code tshark -w} does, never replaced by a file.
 */
public final class OutputFile {

    /** Writes the content; the stream is closed by {@link OutputFile}. */
    @FunctionalInterface
    public interface Content<E extends Exception> {
        void writeTo(OutputStream out) throws IOException, E;
    }

    /** Why a file cannot be written, in words for the user: "cannot write PATH: REASON". */
    public static final class Failure extends IOException {
        private static final long serialVersionUID = 1L;

        Failure(Path target, String reason, Throwable cause) {
            super("cannot write " + target + ": " + reason, cause);
        }

        /** The one line a command that takes {@code -o} gives for it: "save: cannot write PATH: REASON; choose ...". */
        public String forCommand(String command) {
            return command + ": " + getMessage() + "; choose another -o path";
        }
    }

    // a chain of links longer than the kernel follows (40) is a loop
    private static final int MAX_LINKS = 40;
    private static final int MAX_NAME = 100;

    private final Path target;

    /** The file {@code target} names, relative to the current folder when it is relative. */
    public OutputFile(Path target) {
        this.target = target.toAbsolutePath();
    }

    /**
     * True when the target is an existing device or pipe: the content goes into it, so a line printed on standard
     * output afterwards could land after it (-o /dev/stdout) and belongs on standard error.
     */
    public boolean isStream() {
        return Files.exists(target) && !Files.isRegularFile(target) && !Files.isDirectory(target);
    }

    /** Fails before long work (reading a big capture) when the file plainly cannot be written. */
    public void check() throws Failure {
        if (Files.isDirectory(target)) {
            throw new Failure(target, "it is a folder, not a file", null);
        }
        if (isStream()) {
            if (!Files.isWritable(target)) {
                throw new Failure(target, "permission denied", null);
            }
            return;
        }
        Path file = resolved();
        Path dir = file.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new Failure(target, missingFolder(dir), null);
        }
        if (!Files.isWritable(dir) || (Files.exists(file) && !Files.isWritable(file))) {
            throw new Failure(target, "permission denied", null);
        }
    }

    /**
     * Writes {@code content} to the target: into a device or pipe directly, otherwise to a hidden file beside the
     * (linked-to) file first, moved over it once complete, so a failure leaves the old file, or none, as it was.
     *
     * @throws Failure when the target cannot be written; {@code E} as the content throws it
     */
    public <E extends Exception> void write(Content<E> content) throws Failure, E {
        check();
        if (isStream()) {
            try (OutputStream out = Files.newOutputStream(target)) {
                content.writeTo(out);
            } catch (IOException e) {
                throw failure(e, target.getParent());
            }
            return;
        }
        Path file = resolved();
        Path partial = null;
        try {
            partial = partialBeside(file);
            try (OutputStream out = Files.newOutputStream(partial)) {
                content.writeTo(out);
            }
            moveOver(partial, file);
            partial = null;
        } catch (IOException e) {
            throw failure(e, file.getParent());
        } finally {
            deleteQuietly(partial);
        }
    }

    /** The file a symbolic link (or chain of them) points at, so the link stays; else the target itself. */
    private Path resolved() {
        Path file = target;
        try {
            for (int i = 0; i < MAX_LINKS && Files.isSymbolicLink(file); i++) {
                // relative to the link's own folder (a bare name's folder is the current one: target is absolute)
                file = file.getParent().resolve(Files.readSymbolicLink(file));
            }
            if (Files.exists(file)) {
                return file.toRealPath();
            }
            Path dir = file.getParent();
            return dir != null && Files.isDirectory(dir) ? dir.toRealPath().resolve(file.getFileName()) : file.normalize();
        } catch (IOException e) {
            return file;
        }
    }

    /** A new hidden file in the folder of {@code file}, with the permissions a new file gets (not 0600). */
    private static Path partialBeside(Path file) throws IOException {
        String name = String.valueOf(file.getFileName());
        if (name.length() > MAX_NAME) {
            name = name.substring(0, MAX_NAME);
        }
        Path partial = file.resolveSibling(".sipladder-" + name + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ".part");
        Files.createFile(partial);
        forgetOnExit(partial);
        if (Files.isRegularFile(file)) {
            try {
                // the replaced file keeps the permissions its owner gave it
                Files.setPosixFilePermissions(partial, Files.getPosixFilePermissions(file));
            } catch (UnsupportedOperationException | IOException e) {
                // not a POSIX file system, or not ours to change: the new file's own permissions stand
            }
        }
        return partial;
    }

    /**
     * Has the JVM's shutdown sequence (normal exit, Ctrl+C, SIGTERM) delete the hidden file, as the Homer export does
     * with its own: a write cut short there skips the finally that deletes it. The file moved over the target no
     * longer has this name, so a finished file is never deleted.
     */
    private static void forgetOnExit(Path partial) {
        try {
            partial.toFile().deleteOnExit();
        } catch (IllegalStateException shuttingDown) {
            // written while the JVM shuts down: the finally of write() is all that can delete it
        }
    }

    private static void moveOver(Path partial, Path file) throws IOException {
        try {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The nearest existing ancestor says why: a file where a folder should be, or a folder missing. */
    private static String missingFolder(Path dir) {
        for (Path up = dir; up != null; up = up.getParent()) {
            if (Files.exists(up)) {
                return Files.isDirectory(up) ? "the folder " + dir + " does not exist"
                        : up + " is a file, not a folder";
            }
        }
        return "the folder " + dir + " does not exist";
    }

    private Failure failure(IOException e, Path dir) {
        if (e instanceof Failure f) {
            return f;
        }
        return new Failure(target, reason(e, target, dir), e);
    }

    /**
     * Why writing {@code file} (or a file beside it) failed with {@code e}, in words for the user: "the folder X does
     * not exist", "permission denied", "Read-only file system"... rather than the exception's message, which for the
     * file system's exceptions is only a path.
     */
    public static String reason(IOException e, Path file) {
        Path absolute = file.toAbsolutePath();
        return reason(e, absolute, absolute.getParent());
    }

    private static String reason(IOException e, Path file, Path dir) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (Files.isDirectory(file)) {
            return "it is a folder, not a file";
        }
        if (e instanceof NoSuchFileException && (dir == null || !Files.isDirectory(dir))) {
            return missingFolder(dir);
        }
        if (e instanceof FileSystemException fs) {
            // its message is only a path; without a reason (/proc refuses new files with "no such file") say what
            return fs.getReason() != null ? fs.getReason() : "no new file can be made in " + dir;
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a hidden part file left behind is harmless
            }
        }
    }
}
