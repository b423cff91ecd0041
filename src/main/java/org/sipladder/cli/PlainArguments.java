package org.sipladder.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sipladder.livekit.Deployment;

/**
 * The plain forms of the arguments of the commands that read captures for scripts ({@code messages}, {@code calls},
 * {@code streams}, {@code diagnose}), bound to their command without picocli.
 *
 * <p>picocli builds a command's model by reflection when its command line is made: it reads the annotations (five
 * proxy classes the JDK generates at run time, which no class-data archive of JDK 17 can hold) and sets up some 170
 * classes of its own, 50-70 ms of a core before the first packet is read. That is the twentieth part of
 * {@code calls --json} on a 50,000-call capture and half of a run on a small one, for arguments that are nearly always
 * a capture and a switch or two.
 *
 * <p>A plain form is the command's name, then captures and options of the lists below in any order, each option
 * written {@code --name value} or {@code --name=value} (a switch alone), once, or as often as wanted for those that
 * repeat. Anything else (help, version, {@code --offset}, an unknown or misspelt option, an option given twice, a
 * value that starts with {@code -} or {@code @}, {@code --}, an {@code @}-file, no capture, a path the file system
 * cannot name, a deployment that is neither) is left to picocli, which reads it as it always did and says what is
 * wrong. PlainArgumentsTest checks that every form bound here is bound as picocli binds it.
 */
final class PlainArguments {

    private static final String[] NONE = {};

    private PlainArguments() {
    }

    /** The command {@code args} name, bound; null when they are not a plain form. */
    static ConsoleCommand bind(String[] args) {
        if (args.length < 2) {
            return null;
        }
        return switch (args[0]) {
            case "messages" -> messages(args);
            case "calls" -> calls(args);
            case "streams" -> streams(args);
            case "diagnose" -> diagnose(args);
            default -> null;
        };
    }

    private static ConsoleCommand messages(String[] args) {
        Given given = Given.read(args, new String[] {"--json"}, NONE, NONE);
        return given == null ? null : MessagesCommand.bound(given.captures, given.has("--json"));
    }

    private static ConsoleCommand calls(String[] args) {
        Given given = Given.read(args, new String[] {"--json"}, NONE, new String[] {"--alias"});
        return given == null ? null
                : CallsCommand.bound(given.captures, given.has("--json"), given.all("--alias"));
    }

    private static ConsoleCommand streams(String[] args) {
        Given given = Given.read(args, new String[] {"--json", "--series"}, new String[] {"--call"}, NONE);
        String call = given == null ? null : given.one("--call");
        if (call != null && !call.equals(call.strip()) || "".equals(call)) {
            return null; // picocli's converter (CallIdConverter) strips it or refuses it as empty
        }
        return given == null ? null
                : StreamsCommand.bound(given.captures, given.has("--json"), call, given.has("--series"));
    }

    private static ConsoleCommand diagnose(String[] args) {
        Given given = Given.read(args, new String[] {"--json"}, new String[] {"--livekit-url", "--livekit-deployment"},
                new String[] {"--livekit-config"});
        if (given == null) {
            return null;
        }
        List<Path> configFiles = new ArrayList<>();
        for (String file : given.all("--livekit-config")) {
            Path path = path(file);
            if (path == null || PathArgument.copied(path)) {
                return null; // a pipe is copied to a file by picocli's converter (PathArgument)
            }
            configFiles.add(path);
        }
        Deployment deployment = null;
        String named = given.one("--livekit-deployment");
        if (named != null) {
            try {
                deployment = Deployment.fromOptionName(named);
            } catch (IllegalArgumentException e) {
                return null; // picocli's converter error names the option
            }
        }
        return DiagnoseCommand.bound(given.captures, configFiles, given.one("--livekit-url"), deployment,
                given.has("--json"));
    }

    /** {@code text} as picocli converts it to a path, or null when the file system cannot name it. */
    private static Path path(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** What a plain form gives: its captures, and the options given with their values in order. */
    private static final class Given {
        final List<Path> captures = new ArrayList<>();
        private final List<String> names = new ArrayList<>();
        private final List<String> values = new ArrayList<>();

        /**
         * The plain reading of {@code args} after the command's name, or null: {@code switches} take no value,
         * {@code single} options one value once, {@code repeated} options one value each time.
         */
        static Given read(String[] args, String[] switches, String[] single, String[] repeated) {
            Given given = new Given();
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                if (arg.startsWith("@")) {
                    return null; // picocli reads an @-file's lines as arguments
                }
                if (!arg.startsWith("-")) {
                    Path capture = path(arg);
                    if (capture == null || PathArgument.copied(capture)) {
                        return null; // a pipe is copied to a file by picocli's converter (PathArgument)
                    }
                    given.captures.add(capture);
                    continue;
                }
                int equals = arg.indexOf('=');
                String name = equals < 0 ? arg : arg.substring(0, equals);
                String value;
                if (in(switches, name)) {
                    if (equals >= 0) {
                        return null;
                    }
                    value = "";
                } else if (in(single, name) || in(repeated, name)) {
                    if (equals >= 0) {
                        value = arg.substring(equals + 1);
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        return null;
                    }
                    if (value.startsWith("-") || value.startsWith("@")) {
                        return null;
                    }
                } else {
                    return null;
                }
                if (given.has(name) && !in(repeated, name)) {
                    return null;
                }
                given.names.add(name);
                given.values.add(value);
            }
            return given.captures.isEmpty() ? null : given;
        }

        boolean has(String name) {
            return names.contains(name);
        }

        /** The option's value, or null when it was not given. */
        String one(String name) {
            int i = names.indexOf(name);
            return i < 0 ? null : values.get(i);
        }

        /** The option's values in the order given. */
        List<String> all(String name) {
            List<String> all = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).equals(name)) {
                    all.add(values.get(i));
                }
            }
            return all;
        }

        private static boolean in(String[] names, String name) {
            for (String n : names) {
                if (n.equals(name)) {
                    return true;
                }
            }
            return false;
        }
    }
}
