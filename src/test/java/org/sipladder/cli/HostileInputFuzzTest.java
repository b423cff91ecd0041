package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Mutations;
import picocli.CommandLine;

/**
 * Seeded mutations of captures (every link layer and transport the reader knows) and of LiveKit config files, run
 * through the command line as a user would: every run ends with a result or with one line and exit status 2, no
 * exception text, no trunk password in any output, and the heap stays bounded (issue 16). The seed is fixed, so a
 * failure reproduces.
 */
class HostileInputFuzzTest {

    private static final int CAPTURE_ROUNDS = 1000;
    private static final int CONFIG_ROUNDS = 1000;
    private static final long HEAP_BOUND = 768L << 20;
    /** A password field's value long enough not to occur in ordinary text by chance. */
    private static final Pattern PASSWORD_FIELD = Pattern.compile("\"auth_?[pP]assword\"\\s*:\\s*\"([^\"\\\\]{8,})\"");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    /** One command line for every round (picocli resets its options on each run): building one costs more than a run. */
    private final CommandLine cli = SipLadderCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS) // a hang guard; the rounds take 10-60 s
    void mutatedCapturesEndCleanly() throws Exception {
        Random random = new Random(16_2026L);
        List<byte[]> seeds = Mutations.seedCaptures();
        Path file = dir.resolve("fuzz.pcap");
        int messages = 0;
        for (int round = 0; round < CAPTURE_ROUNDS; round++) {
            byte[] input = Mutations.mutate(seeds.get(round % seeds.size()), random);
            Files.write(file, input);
            CliRun run = run("messages", file.toString(), "--json");
            assertClean(run, "capture round " + round);
            messages += run.outLines().size();
            checkHeap(round);
        }
        assertTrue(messages > CAPTURE_ROUNDS / 3, "most mutations leave messages to find: " + messages);
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS) // a hang guard; the rounds take 10-60 s
    void mutatedLiveKitConfigsEndCleanlyAndNeverShowAPassword() throws Exception {
        Random random = new Random(16_2027L);
        String seed = configSeed(List.of("Sekr1t-alpha-771", "Sekr1t-bravo-552", "Sekr1t-charlie-9"));
        Path file = dir.resolve("config.json");
        int loaded = 0;
        for (int round = 0; round < CONFIG_ROUNDS; round++) {
            String input = mutateJson(seed, random);
            Files.writeString(file, input, StandardCharsets.UTF_8);
            CliRun run = round % 2 == 0 ? run("diagnose", "--livekit-config", file.toString(), "--json")
                    : run("diagnose", "--livekit-config", file.toString());
            assertClean(run, "config round " + round);
            loaded += run.exitCode() == 0 ? 1 : 0;
            for (String password : passwordsIn(input)) {
                assertFalse(run.out().contains(password) || run.err().contains(password),
                        "config round " + round + " shows " + password + ":\n" + run.out() + run.err());
            }
            checkHeap(round);
        }
        assertTrue(loaded > CONFIG_ROUNDS / 10, "some mutations stay loadable: " + loaded);
    }

    private CliRun run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    private static void assertClean(CliRun run, String what) {
        assertTrue(run.exitCode() == 0 || run.exitCode() == 2, what + ": exit " + run.exitCode() + "\n" + run.err());
        if (run.exitCode() == 2) {
            assertEquals(1, run.errLines().size(), what + ": " + run.err());
        }
        for (String line : run.errLines()) {
            assertFalse(line.contains("Exception") || line.contains("\tat ") || line.contains("internal error"),
                    what + ": " + line);
        }
    }

    private static void checkHeap(int round) {
        if (round % 200 == 199) {
            Runtime rt = Runtime.getRuntime();
            long used = rt.totalMemory() - rt.freeMemory();
            if (used > HEAP_BOUND) {
                System.gc();
                used = rt.totalMemory() - rt.freeMemory();
            }
            assertTrue(used < HEAP_BOUND, "heap after round " + round + ": " + (used >> 20) + " MB");
        }
    }

    private static String configSeed(List<String> passwords) {
        StringBuilder s = new StringBuilder("{\"items\":[");
        for (int i = 0; i < passwords.size(); i++) {
            s.append("{\"sipTrunkId\":\"ST_").append(i).append("\",\"name\":\"").append(i == 0 ? passwords.get(0)
                    : "trunk " + i).append("\",\"numbers\":[\"+1555000111").append(i % 2).append("\"],")
                    .append("\"authUsername\":\"").append(i == 1 ? passwords.get(1) : "user" + i)
                    .append("\",\"authPassword\":\"").append(passwords.get(i)).append("\"},");
        }
        for (int i = 0; i < 4; i++) {
            s.append("{\"sipDispatchRuleId\":\"SDR_").append(i).append("\",\"rule\":{\"dispatchRuleIndividual\":")
                    .append("{\"roomPrefix\":\"call-\"}},\"trunkIds\":[").append(i < 2 ? "" : "\"ST_0\"").append("]}")
                    .append(i < 3 ? "," : "");
        }
        return s.append("]}").toString();
    }

    /** The passwords of the (mutated) config as the loader reads them: mutations may change or break them. */
    private static List<String> passwordsIn(String json) {
        List<String> found = new ArrayList<>();
        Matcher m = PASSWORD_FIELD.matcher(json);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String mutateJson(String seed, Random r) {
        StringBuilder b = new StringBuilder(seed);
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n && b.length() > 0; i++) {
            int at = r.nextInt(b.length());
            switch (r.nextInt(7)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, "[{\"}],:0-\"\\".charAt(r.nextInt(11)));
                case 2 -> b.insert(at, "[".repeat(1 + r.nextInt(200)));
                case 3 -> {
                    int len = Math.min(b.length() - at, 1 + r.nextInt(40));
                    b.insert(at, b.substring(at, at + len));
                }
                case 4 -> b.replace(0, b.length(), "[" + b + "]");
                case 5 -> b.setLength(at);
                default -> b.insert(at, "\u00e9\u0000\uFFFD".charAt(r.nextInt(3)));
            }
        }
        return b.toString();
    }
}
