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
    void theThirdPartyListNamesEveryRunTimeLibraryAndItsLicence() throws IOException {
        try (JarFile jar = new JarFile(SHADED_JAR.toFile())) {
            String list = new String(jar.getInputStream(jar.getEntry("THIRD-PARTY.txt")).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(list.contains("(Apache-2.0) Apache PDFBox (org.apache.pdfbox:pdfbox:"), list);
            assertTrue(list.contains("org.pcap4j:pcap4j-core:"), list);
            assertTrue(!list.contains("junit"), "test libraries are not shipped");
        }
    }
}
