package org.sipladder.packaging;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The shaded jar keeps the licence files of the libraries it contains and lists them all with their licences. */
class ShadedJarLicencesIT {

    private static final Path SHADED_JAR = Path.of("target", "sipladder.jar");

    @Test
    void eachLibrarysLicenceAndNoticeIsKeptUnderItsOwnName() throws IOException {
        try (JarFile jar = new JarFile(SHADED_JAR.toFile())) {
            for (String entry : List.of("META-INF/licenses/pdfbox-jar/META-INF/LICENSE", "META-INF/licenses/pdfbox-jar/META-INF/NOTICE",
                    "META-INF/licenses/fontbox-jar/META-INF/NOTICE", "META-INF/licenses/jackson-core-jar/META-INF/NOTICE",
                    "META-INF/licenses/guava-jar/META-INF/LICENSE", "META-INF/licenses/jna-jar/META-INF/LICENSE",
                    "META-INF/licenses/commons-logging-jar/META-INF/NOTICE.txt")) {
                assertTrue(jar.getEntry(entry) != null, entry);
            }
        }
    }

    @Test
    void noLicenceFolderIsEmptyInEitherJar() throws IOException {
        for (Path path : List.of(SHADED_JAR, Path.of("target", "sipladder-0.1.0.jar"))) {
            try (JarFile jar = new JarFile(path.toFile())) {
                List<String> names = jar.stream().map(java.util.jar.JarEntry::getName).toList();
                for (String folder : names.stream().filter(n -> n.startsWith("META-INF/licenses/") && n.endsWith("/")
                        && n.length() > "META-INF/licenses/".length()).toList()) {
                    assertTrue(names.stream().anyMatch(n -> n.startsWith(folder) && !n.endsWith("/")),
                            path + ": " + folder + " holds no licence file");
                }
            }
        }
    }

    @Test
    void theThirdPartyListNamesEveryRunTimeLibraryAndItsLicence() throws IOException {
        try (JarFile jar = new JarFile(SHADED_JAR.toFile())) {
            String list = new String(jar.getInputStream(jar.getEntry("THIRD-PARTY.txt")).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(list.contains("(Apache-2.0) Apache PDFBox (org.apache.pdfbox:pdfbox:"), list);
            assertTrue(list.contains("org.pcap4j:pcap4j-core:"), list);
            assertTrue(!list.contains("junit"), "test libraries are not shipped");
        }
    }
}
