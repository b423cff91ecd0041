package org.sipladder.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A mistyped command line told in two lines on stderr, as git tells one: picocli's error, then the option or command
 * the user probably meant, or where the options are listed. picocli's own handler prints the whole usage text after
 * the error, a screenful in which the error scrolls away.
 */
public final class UsageErrors implements CommandLine.IParameterExceptionHandler {

    /** At most this many names are offered in one "Did you mean" line. */
    private static final int MOST_OFFERED = 3;
    /** picocli's name for a bad positional argument ("positional parameter at index 0..* (CAPTURE)"), and its label. */
    private static final Pattern POSITIONAL = Pattern.compile(
            "^Invalid value for positional parameter at index \\S+ \\(([^)]+)\\): ");

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cli = ex.getCommandLine();
        PrintWriter err = cli.getErr();
        ex = typoFirst(ex, cli);
        err.println(POSITIONAL.matcher(ex.getMessage()).replaceFirst("Invalid value for $1: "));
        err.println(hint(ex, cli.getCommandSpec()));
        err.flush();
        return SipLadderCommand.USER_ERROR;
    }

    /**
     * An unknown option, when the command line has one, in place of {@code ex}: picocli checks for missing arguments
     * before unknown ones, and "Missing required parameter: 'CAPTURE'" for {@code calls --jsno x.pcap}... hides the
     * slip that the user must fix first.
     */
    private static CommandLine.ParameterException typoFirst(CommandLine.ParameterException ex, CommandLine cli) {
        if (ex instanceof CommandLine.UnmatchedArgumentException) {
            return ex;
        }
        for (String arg : cli.getUnmatchedArguments()) {
            if (arg.startsWith("-") && arg.length() > 1) {
                return new CommandLine.UnmatchedArgumentException(cli, List.of(arg));
            }
        }
        return ex;
    }

    /** The line after the error: the near names, when the error is a word close to an option or command. */
    static String hint(CommandLine.ParameterException ex, CommandSpec spec) {
        String what = spec.subcommands().isEmpty() ? "options" : "commands";
        String help = spec.qualifiedName(" ");
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String typed = unmatched.getUnmatched().get(0);
            if (typed.startsWith("-")) {
                return hint(typed, optionNames(spec), "", help, what);
            }
            // a subcommand is offered as typed after the program's name: "homer search"
            return hint(typed, new ArrayList<>(spec.subcommands().keySet()), help.replaceFirst("^\\S+ ?", ""), help,
                    what);
        }
        return tryHelp(help, what);
    }

    /**
     * The line after an error about the word {@code typed}: "Did you mean" the {@code names} near it (each after
     * {@code prefix}), else "Try 'HELP --help' for the WHAT.".
     */
    public static String hint(String typed, List<String> names, String prefix, String help, String what) {
        List<String> near = nearest(typed.startsWith("-") ? optionPart(typed) : typed, names);
        if (near.isEmpty()) {
            return tryHelp(help, what);
        }
        List<String> shown = near.stream().map(n -> prefix.isEmpty() ? n : prefix + " " + n).toList();
        return "Did you mean " + String.join(" or ", shown) + "?";
    }

    private static String tryHelp(String help, String what) {
        return "Try '" + help + " --help' for the " + what + ".";
    }

    /** {@code --name=value} without its value. */
    private static String optionPart(String typed) {
        int equals = typed.indexOf('=');
        return equals < 0 ? typed : typed.substring(0, equals);
    }

    private static List<String> optionNames(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (!option.hidden()) {
                names.addAll(List.of(option.names()));
            }
        }
        return names;
    }

    /**
     * The names nearest to {@code typed} (fewest edits, case ignored, dashes aside), when near enough to be a slip:
     * one edit in a name shorter than six letters, two in a longer one, none in a one-letter option.
     */
    static List<String> nearest(String typed, List<String> names) {
        String word = stripDashes(typed).toLowerCase(Locale.ROOT);
        int allowed = word.length() <= 1 ? 0 : word.length() < 6 ? 1 : 2;
        int best = allowed + 1;
        List<String> near = new ArrayList<>();
        for (String name : names) {
            int d = distance(word, stripDashes(name).toLowerCase(Locale.ROOT));
            if (d < best) {
                best = d;
                near.clear();
            }
            if (d <= allowed && d == best && near.size() < MOST_OFFERED) {
                near.add(name);
            }
        }
        return near;
    }

    private static String stripDashes(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '-') {
            i++;
        }
        return s.substring(i);
    }

    /** Edits (insert, delete, replace, swap of neighbours) from {@code a} to {@code b}: optimal string alignment. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
