package org.sipladder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class StartupTrainingTest {

    @Test
    void diagnosesTheDemoAndLoadsOurClassesAndTheListedOnes() throws Exception {
        StartupTraining.Result result = StartupTraining.train();

        assertTrue(result.findings() > 0, "the demo has findings");
        assertTrue(result.classesLoaded() > StartupTraining.listedClasses().size(), "our own classes too");
    }

    @Test
    void everyListedClassStillExists() throws Exception {
        // The list is of a Linux start-up (GTK glass, X11 prism): other systems lack some of its classes.
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"));
        StartupTraining.Result result = StartupTraining.train();

        assertEquals(List.of(), result.missing(),
                "JavaFX, ControlsFX or the JDK changed: regenerate the list with scripts/cds-classlist.sh");
    }

    @Test
    void theListLeavesOurOwnClassesToTheTraining() throws Exception {
        List<String> listed = StartupTraining.listedClasses();

        assertTrue(listed.size() > 1000, "a real start-up's classes: " + listed.size());
        assertTrue(listed.stream().noneMatch(c -> c.startsWith("org.sipladder.")),
                "our classes are loaded from the jar, so renaming one never makes the list stale");
        assertTrue(listed.contains("javafx.scene.control.TableView"));
    }

    @Test
    void reportsWhatItDidInOneLine() {
        StringWriter out = new StringWriter();

        int status = StartupTraining.run(new PrintWriter(out), new PrintWriter(new StringWriter()));

        assertEquals(0, status);
        assertTrue(out.toString().startsWith("start-up training: demo diagnosed ("), out.toString());
        assertEquals(1, out.toString().lines().count(), out.toString());
    }
}
