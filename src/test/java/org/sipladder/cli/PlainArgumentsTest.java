package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipladder.testkit.Captures;
import picocli.CommandLine;

/**
 * The plain argument forms bound without picocli ({@link PlainArguments}) bind what picocli binds, and whatever else
 * is left to picocli.
 */
class PlainArgumentsTest {

    @TempDir
    Path dir;

    private static final PrintWriter SINK = new PrintWriter(new StringWriter());

    /** Forms bound without picocli, each written as one string split at spaces. */
    @ParameterizedTest
    @ValueSource(strings = {
        "messages a.pcap",
        "messages --json a.pcap b.pcap",
        "calls a.pcap",
        "calls a.pcap --json",
        "calls --json a.pcap b.pcapng.gz",
        "calls a.pcap --alias 10.0.0.1=SBC --alias=10.0.0.2=PBX --json",
        "calls --alias= a.pcap",
        "calls a=b.pcap",
        "streams a.pcap",
        "streams a.pcap --json --series --call abc@host",
        "streams --call=abc a.pcap b.pcap",
        "diagnose a.pcap --json",
        "diagnose a.pcap --json --livekit-config in.json --livekit-config=rules.json",
        "diagnose --livekit-url https://x.livekit.cloud a.pcap",
        "diagnose a.pcap --livekit-deployment self-hosted",
        "diagnose a.pcap --livekit-deployment=Cloud --json",
    })
    void aPlainFormBindsWhatPicocliBinds(String line) throws Exception {
        String[] args = line.split(" ");
        ConsoleCommand plain = PlainArguments.bind(args);
        assertNotNull(plain, line);
        CommandLine cli = SipLadderCommand.commandLine(SINK, SINK, args[0]);
        Object parsed = cli.parseArgs(args).subcommand().commandSpec().userObject();
        assertEquals(plain.getClass(), parsed.getClass());
        assertEquals(bound(parsed), bound(plain), line);
    }

    /** Forms left to picocli: help and version, other options, repeats, values like options, files of arguments. */
    @ParameterizedTest
    @ValueSource(strings = {
        "calls",
        "calls --json",
        "calls a.pcap -h",
        "calls --help",
        "calls a.pcap --version",
        "calls a.pcap --json --json",
        "calls a.pcap --json=true",
        "calls a.pcap --offset 1.5 b.pcap",
        "calls a.pcap --alias",
        "calls a.pcap --alias --json",
        "calls a.pcap --alias -x=y",
        "calls a.pcap --Json",
        "calls a.pcap -",
        "calls -- a.pcap",
        "calls @args.txt",
        "calls a.pcap --alias @x",
        "calls a.pcap --call x",
        "streams a.pcap --call x --call y",
        "streams a.pcap --series=false",
        "diagnose",
        "diagnose --livekit-config in.json",
        "diagnose a.pcap --livekit-deployment moon",
        "diagnose a.pcap --livekit-url u --livekit-url v",
        "diagnose a.pcap --offset 2 b.pcap",
        "messages a.pcap --alias x=y",
        "messages a.pcap --offset 1 b.pcap",
        "report a.pcap",
        "a.pcap",
    })
    void anyOtherFormIsLeftToPicocli(String line) {
        assertNull(PlainArguments.bind(line.split(" ")), line);
    }

    @Test
    void aPathTheFileSystemCannotNameIsLeftToPicocli() {
        assertNull(PlainArguments.bind(new String[] {"calls", "a\0b.pcap"}));
        assertNull(PlainArguments.bind(new String[] {"diagnose", "a.pcap", "--livekit-config", "c\0.json"}));
    }

    /** What the user sees is the same either way: the output of a good run, the one line of a failed one. */
    @Test
    void bothWaysPrintTheSameAndExitTheSame() {
        Path capture = Captures.pcap()
                .udp(CallsCommandTest.T, CallsCommandTest.CARRIER, CallsCommandTest.JAMBONZ, CallsCommandTest.message(
                        "INVITE sip:91874350352@sip.jambonz.cloud SIP/2.0", "A-1", "z9hG4bKa", "1 INVITE", null, ""))
                .udp(CallsCommandTest.T + 2_000, CallsCommandTest.JAMBONZ, CallsCommandTest.CARRIER,
                        CallsCommandTest.message("SIP/2.0 503 Try again later", "A-1", "z9hG4bKa", "1 INVITE", "t", ""))
                .write(dir.resolve("call.pcap"));
        String missing = dir.resolve("missing.pcap").toString();
        List<String[]> runs = List.of(
                new String[] {"messages", capture.toString(), "--json"},
                new String[] {"messages", capture.toString()},
                new String[] {"calls", capture.toString(), "--json"},
                new String[] {"calls", capture.toString()},
                new String[] {"calls", capture.toString(), "--alias", "172.20.11.236=SBC", "--json"},
                new String[] {"calls", capture.toString(), "--alias", "nonsense"},
                new String[] {"streams", capture.toString(), "--json"},
                new String[] {"diagnose", capture.toString(), "--json"},
                new String[] {"diagnose", capture.toString()},
                new String[] {"calls", missing, "--json"},
                new String[] {"diagnose", missing});
        for (String[] args : runs) {
            assertNotNull(PlainArguments.bind(args), String.join(" ", args));
            StringWriter plainOut = new StringWriter();
            StringWriter plainErr = new StringWriter();
            int plain = SipLadderCommand.execute(args, new PrintWriter(plainOut), new PrintWriter(plainErr));
            StringWriter picocliOut = new StringWriter();
            StringWriter picocliErr = new StringWriter();
            int picocli = SipLadderCommand.commandLine(new PrintWriter(picocliOut), new PrintWriter(picocliErr), args[0])
                    .execute(args);
            String what = String.join(" ", args);
            assertEquals(picocli, plain, what);
            assertEquals(picocliOut.toString(), plainOut.toString(), what);
            assertEquals(picocliErr.toString(), plainErr.toString(), what);
        }
        // the failures do fail, in one line
        StringWriter err = new StringWriter();
        assertEquals(SipLadderCommand.USER_ERROR, SipLadderCommand.execute(new String[] {"calls", missing},
                new PrintWriter(new StringWriter()), new PrintWriter(err)));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("missing.pcap"), err.toString());
    }

    /**
     * The values a command was given, by field (the mixins' fields within theirs): collections by their elements,
     * picocli's own objects and the writers left out.
     */
    private static Map<String, Object> bound(Object command) throws IllegalAccessException {
        Map<String, Object> values = new TreeMap<>();
        collect(command, "", values);
        return values;
    }

    private static void collect(Object o, String prefix, Map<String, Object> values) throws IllegalAccessException {
        for (Class<?> c = o.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().getName().startsWith("picocli.")
                        || f.getType() == PrintWriter.class || f.getType() == Map.class) {
                    continue;
                }
                f.setAccessible(true);
                Object v = f.get(o);
                String name = prefix + f.getName();
                if (v != null && v.getClass().getPackageName().equals(PlainArgumentsTest.class.getPackageName())) {
                    collect(v, name + ".", values);
                } else if (v instanceof Collection<?> list) {
                    values.put(name, new ArrayList<>(list));
                } else {
                    values.put(name, v);
                }
            }
        }
    }
}
