package org.sipladder;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the one-way data flow of docs/architecture: capture, source, sip, flow, livekit, diagnose, ladder, report, ui, cli. */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.sipladder");

    private static void noAccess(String from, String... to) {
        noClasses().that().resideInAPackage("org.sipladder." + from + "..")
                .should().dependOnClassesThat().resideInAnyPackage(to)
                .allowEmptyShould(true)
                .check(MAIN);
    }

    @Test
    void captureKnowsNothingAbove() {
        noAccess("capture", "org.sipladder.sip..", "org.sipladder.flow..", "org.sipladder.livekit..",
                "org.sipladder.diagnose..", "org.sipladder.ladder..", "org.sipladder.report..",
                "org.sipladder.ui..", "org.sipladder.cli..", "javafx..");
    }

    @Test
    void sipKnowsNothingAbove() {
        noAccess("sip", "org.sipladder.flow..", "org.sipladder.livekit..", "org.sipladder.diagnose..",
                "org.sipladder.ladder..", "org.sipladder.report..", "org.sipladder.ui..", "org.sipladder.cli..",
                "javafx..");
    }

    @Test
    void flowKnowsNothingAbove() {
        noAccess("flow", "org.sipladder.livekit..", "org.sipladder.diagnose..", "org.sipladder.ladder..",
                "org.sipladder.report..", "org.sipladder.ui..", "org.sipladder.cli..", "javafx..",
                "org.apache.pdfbox..");
    }

    @Test
    void livekitKnowsNoCapturesOrUi() {
        noAccess("livekit", "org.sipladder.capture..", "org.sipladder.diagnose..", "org.sipladder.ladder..",
                "org.sipladder.report..", "org.sipladder.ui..", "org.sipladder.cli..", "javafx..");
    }

    @Test
    void mediaKnowsOnlyCaptureAndSip() {
        noAccess("media", "org.sipladder.flow..", "org.sipladder.livekit..", "org.sipladder.diagnose..",
                "org.sipladder.ladder..", "org.sipladder.report..", "org.sipladder.ui..", "org.sipladder.cli..",
                "javafx..", "org.apache.pdfbox..");
    }

    @Test
    void diagnoseKnowsNoUiOrPdf() {
        noAccess("diagnose", "org.sipladder.ladder..", "org.sipladder.report..", "org.sipladder.ui..",
                "org.sipladder.cli..", "javafx..", "org.apache.pdfbox..");
    }

    @Test
    void ladderIsPlainGeometry() {
        noAccess("ladder", "org.sipladder.report..", "org.sipladder.ui..", "org.sipladder.cli..", "javafx..",
                "org.apache.pdfbox..", "org.sipladder.livekit..");
    }

    @Test
    void reportKnowsNoJavaFx() {
        noAccess("report", "org.sipladder.ui..", "org.sipladder.cli..", "javafx..");
    }

    @Test
    void sourceKnowsNoSipSemanticsOrUi() {
        noAccess("source", "org.sipladder.sip..", "org.sipladder.flow..", "org.sipladder.livekit..",
                "org.sipladder.diagnose..", "org.sipladder.ladder..", "org.sipladder.report..", "org.sipladder.ui..",
                "org.sipladder.cli..", "javafx..");
    }

    @Test
    void cliKnowsNoJavaFx() {
        noAccess("cli", "org.sipladder.ui..", "javafx..");
    }
}
