package org.sipladder.cli;

import java.io.Console;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.sipladder.source.homer.HomerClient;
import org.sipladder.source.homer.HomerException;
import org.sipladder.source.homer.HomerLogin;
import org.sipladder.source.homer.HomerServer;
import org.sipladder.source.homer.TimeRange;
import picocli.CommandLine.Option;

/** Where Homer is, who signs in and the time range searched: the options every {@code homer} command shares. */
final class HomerAccess {

    static final String PASSWORD_VARIABLE = "HOMER_PASSWORD";
    static final String TOKEN_VARIABLE = "HOMER_TOKEN";

    @Option(names = "--url", required = true, paramLabel = "URL", description = "Homer's web address, e.g. "
            + "http://homer.example.com:9080 (the Homer 7 API lives under URL/api/v3)")
    String url;

    @Option(names = "--user", paramLabel = "USER", description = "Homer user; the password comes from "
            + PASSWORD_VARIABLE + " or is asked for. Without --user, the API token in " + TOKEN_VARIABLE + " is used")
    String user;

    @Option(names = "--from", paramLabel = "TIME", converter = InstantConverter.class,
            description = "start of the time range (default: 24 hours before --to): " + InstantConverter.DESCRIPTION)
    Instant from;

    @Option(names = "--to", paramLabel = "TIME", converter = InstantConverter.class,
            description = "end of the time range (default: now)")
    Instant to;

    @Option(names = "--timeout", paramLabel = "S", description = "seconds to wait for Homer (default: 20)")
    int timeoutSeconds = (int) HomerServer.DEFAULT_TIMEOUT.toSeconds();

    TimeRange range() throws UserError {
        Instant end = to != null ? to : Instant.now();
        Instant start = from != null ? from : end.minus(Duration.ofHours(24));
        if (!end.isAfter(start)) {
            throw new UserError("--to (" + end + ") must come after --from (" + start + ")");
        }
        return new TimeRange(start, end);
    }

    /** A client for the server, signed in with the password or token from {@code environment} (or the console). */
    HomerClient client(Map<String, String> environment) throws UserError {
        HomerServer server;
        try {
            server = HomerServer.at(url).withTimeout(Duration.ofSeconds(Math.max(1, timeoutSeconds)));
        } catch (HomerException e) {
            throw new UserError("--url: " + e.getMessage());
        }
        return new HomerClient(server, login(environment));
    }

    private HomerLogin login(Map<String, String> environment) throws UserError {
        if (user == null) {
            String token = environment.get(TOKEN_VARIABLE);
            if (token == null || token.isBlank()) {
                throw new UserError("homer: give --user USER (password in " + PASSWORD_VARIABLE + " or asked for), "
                        + "or set " + TOKEN_VARIABLE + " to a Homer API token");
            }
            return HomerLogin.apiToken(token.strip());
        }
        String password = environment.get(PASSWORD_VARIABLE);
        if (password == null) {
            Console console = System.console();
            if (console == null) {
                throw new UserError("homer: set " + PASSWORD_VARIABLE + " to the password of " + user
                        + " (there is no terminal to ask for it)");
            }
            char[] typed = console.readPassword("Homer password for %s: ", user);
            if (typed == null) {
                throw new UserError("homer: no password given for " + user);
            }
            password = new String(typed);
            java.util.Arrays.fill(typed, ' ');
        }
        return HomerLogin.user(user, password);
    }
}
