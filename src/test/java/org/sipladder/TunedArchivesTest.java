package org.sipladder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TunedArchivesTest {

    @TempDir
    Path dir;

    @Test
    void eachTrainedCommandHasItsArchiveBesideTheJarAndALiveKitConfigItsOwn() throws IOException {
        Path jar = Files.write(dir.resolve("sipladder.jar"), new byte[16]);
        assertTrue(name(jar, "calls", "big.pcap", "--json").matches("sipladder-calls-[0-9a-f]{8}\\.jsa"));
        assertTrue(name(jar, "diagnose", "big.pcap", "--livekit-config", "trunks.json", "--json")
                .matches("sipladder-diagnose-livekit-[0-9a-f]{8}\\.jsa"));
        assertTrue(name(jar, "diagnose", "big.pcap", "--livekit-config=trunks.json")
                .matches("sipladder-diagnose-livekit-[0-9a-f]{8}\\.jsa"));
        assertTrue(name(jar, "streams", "big.pcap").matches("sipladder-streams-[0-9a-f]{8}\\.jsa"));
        assertEquals(dir, TunedArchives.archive(jar, new String[] {"calls", "big.pcap"}).getParent());
    }

    @Test
    void aJarRebuiltOrMovedLooksForAnotherArchive() throws IOException {
        Path jar = Files.write(dir.resolve("sipladder.jar"), new byte[16]);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_700_000_000_000L));
        String before = name(jar, "calls", "big.pcap");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_700_000_001_000L));
        assertNotEquals(before, name(jar, "calls", "big.pcap"));
        Path moved = Files.copy(jar, Files.createDirectories(dir.resolve("elsewhere")).resolve("sipladder.jar"),
                java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        assertNotEquals(name(jar, "calls", "big.pcap"), name(moved, "calls", "big.pcap"));
    }

    @Test
    void otherCommandsHaveNone() throws IOException {
        Path jar = Files.write(dir.resolve("sipladder.jar"), new byte[16]);
        assertNull(TunedArchives.archive(jar, new String[] {"report", "big.pcap"}));
        assertNull(TunedArchives.archive(jar, new String[] {"big.pcap"}));
        assertNull(TunedArchives.archive(jar, new String[0]));
        assertNull(TunedArchives.archive(dir.resolve("missing.jar"), new String[] {"calls", "big.pcap"}));
    }

    @Test
    void onlyAnArchiveThisJvmMadeIsMappedAndTheJvmsNotesOnItAreSilenced() throws IOException {
        Path archive = dir.resolve("sipladder-calls-0badcafe.jsa");
        assertEquals(List.of(), TunedArchives.options(archive));
        assertEquals(List.of(), TunedArchives.options(null));
        Files.write(archive, header(System.getProperty("java.vm.version")));
        assertEquals(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"),
                TunedArchives.options(archive));
        Files.write(archive, header("11.0.2+9"));
        assertEquals(List.of(), TunedArchives.options(archive));
        Files.write(archive, new byte[0]);
        assertEquals(List.of(), TunedArchives.options(archive));
    }

    @Test
    void aPathTheOptionWouldSplitInTwoIsNotUsed() throws IOException {
        Path odd = Files.createDirectories(dir.resolve("a" + File.pathSeparator + "b"));
        Path archive = Files.write(odd.resolve("sipladder-calls-0badcafe.jsa"),
                header(System.getProperty("java.vm.version")));
        assertEquals(List.of(), TunedArchives.options(archive));
    }

    private static String name(Path jar, String... args) {
        return TunedArchives.archive(jar, args).getFileName().toString();
    }

    /** The start of an archive as a JVM of that version writes it. */
    private static byte[] header(String vmVersion) {
        byte[] header = new byte[2048];
        byte[] ident = (System.getProperty("java.vm.name") + " (" + vmVersion + ") for linux-amd64 JRE")
                .getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ident, 0, header, 617, ident.length);
        return header;
    }
}
