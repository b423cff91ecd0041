package org.sipladder;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * House rules the compiler cannot hold: no global mutable state (a cache belongs to the session object that
 * needs it), and product knowledge in tables (B2BUA names and headers only in the B2BUA profile table).
 */
class StaticStateTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.sipladder");

    @Test
    void staticFieldsAreFinal() {
        fields().that().areStatic().and().areDeclaredInClassesThat().resideInAPackage("org.sipladder..")
                .and().haveNameNotMatching("\\$.*|serialVersionUID")
                .should().beFinal().allowEmptyShould(true).check(MAIN);
    }

    /**
     * Below the UI (whose classes need the JavaFX toolkit to load), no static field holds a collection that can
     * change: a cache belongs to the session object that needs it (a parser's ScanSession, a capture's LiveFlows).
     */
    @Test
    void noStaticMutableCollectionsOutsideTheNamedPlaces() throws Exception {
        Set<String> found = new TreeSet<>();
        for (JavaClass c : MAIN) {
            if (c.getPackageName().startsWith("org.sipladder.ui") || c.getPackageName().startsWith("org.sipladder.cli")
                    || c.getName().equals("org.sipladder.Launcher")) {
                continue;
            }
            Class<?> type = Class.forName(c.getName(), true, getClass().getClassLoader());
            for (Field f : type.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && !f.isSynthetic() && !f.getType().isPrimitive()) {
                    f.setAccessible(true);
                    Object value = f.get(null);
                    if (mutable(value)) {
                        found.add(c.getName() + "." + f.getName());
                    }
                }
            }
        }
        assertEquals(Set.of(), found, "static mutable collections: make them instance state of their session object");
    }

    private static boolean mutable(Object value) {
        if (!(value instanceof Map<?, ?>) && !(value instanceof Collection<?>)) {
            return false;
        }
        String name = value.getClass().getName();
        return !name.startsWith("java.util.ImmutableCollections") && !name.startsWith("java.util.Collections$Unmodifiable")
                && !name.startsWith("java.util.Collections$Empty") && !name.startsWith("java.util.Collections$Singleton")
                && !name.equals("java.util.Arrays$ArrayList") && !(value instanceof Enum<?>);
    }

    /** Header names and product words of B2BUA families appear in sip and flow only in B2buaProfile. */
    @Test
    void sipAndFlowKnowB2buaFamiliesOnlyThroughTheProfileTable() throws IOException {
        Pattern literal = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
        Pattern names = Pattern.compile("drachtio|jambonz|x-cid|x-call-sid|x-account-sid|freeswitch|asterisk|kamailio"
                + "|opensips|twilio|telnyx|vonage");
        List<String> found = new ArrayList<>();
        for (String pkg : List.of("sip", "flow")) {
            try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/sipladder", pkg))) {
                for (Path file : files.filter(p -> p.toString().endsWith(".java")
                        && !p.getFileName().toString().equals("B2buaProfile.java")).toList()) {
                    for (String line : Files.readAllLines(file)) {
                        String code = line.strip();
                        if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
                            continue;
                        }
                        Matcher m = literal.matcher(line);
                        while (m.find()) {
                            if (names.matcher(m.group(1).toLowerCase(Locale.ROOT)).find()
                                    && !isRoleName(m.group(1))) {
                                found.add(file.getFileName() + ": " + m.group());
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found, "put B2BUA knowledge in org.sipladder.sip.B2buaProfile");
    }

    /** The hop roles (flow.Role) and the sentences naming them are the UI's words, not B2BUA knowledge. */
    private static boolean isRoleName(String text) {
        return text.equals("Jambonz") || text.equals("No carrier, Jambonz or LiveKit clue in this call.");
    }
}
