package org.sipladder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoftwareRenderingTest {

    private static final String LINUX = "Linux";

    @TempDir
    Path dev;

    private interface C extends Library {
        String getenv(String name);
    }

    private Path devWith(String... names) throws IOException {
        for (String name : names) {
            Files.createFile(dev.resolve(name));
        }
        return dev;
    }

    @Test
    void aLinuxMachineWithoutGpuDevicesGoesStraightToSoftware() throws IOException {
        assertTrue(SoftwareRendering.chosenFor(LINUX, new Properties(), devWith("null", "tty0", "fb0", "shm")));
    }

    @Test
    void anyGpuDeviceLeavesThePipelineToJavaFx() throws IOException {
        Files.createDirectory(dev.resolve("dri"));
        assertFalse(SoftwareRendering.chosenFor(LINUX, new Properties(), devWith("null")), "Mesa's DRM drivers");
        Files.delete(dev.resolve("dri"));
        for (String gpu : new String[] {"nvidia0", "dxg", "mali0", "galcore", "kgsl-3d0"}) {
            Files.createFile(dev.resolve(gpu));
            assertFalse(SoftwareRendering.chosenFor(LINUX, new Properties(), dev), gpu);
            Files.delete(dev.resolve(gpu));
        }
        assertTrue(SoftwareRendering.chosenFor(LINUX, new Properties(), dev));
    }

    @Test
    void aPipelineTheUserChoseIsKept() throws IOException {
        devWith("null");
        Properties order = new Properties();
        order.setProperty("prism.order", "es2,sw");
        assertFalse(SoftwareRendering.chosenFor(LINUX, order, dev));
        Properties forced = new Properties();
        forced.setProperty("prism.forceGPU", "true");
        assertFalse(SoftwareRendering.chosenFor(LINUX, forced, dev));
    }

    @Test
    void otherSystemsAndUnreadableDevicesChangeNothing() throws IOException {
        devWith("null");
        assertFalse(SoftwareRendering.chosenFor("Mac OS X", new Properties(), dev));
        assertFalse(SoftwareRendering.chosenFor("Windows 11", new Properties(), dev));
        assertFalse(SoftwareRendering.chosenFor(LINUX, new Properties(), dev.resolve("missing")));
    }

    @Test
    void softwareIsChosenWithoutTheRegionCacheUnlessTheUserSaidOtherwise() {
        Properties chosen = new Properties();
        SoftwareRendering.chooseSoftware(chosen);
        assertEquals("sw", chosen.getProperty("prism.order"));
        // the SW pipeline keeps its region cache as an int[] texture in the Java heap: 30 MB of big_sip's peak
        assertEquals("true", chosen.getProperty("prism.disableRegionCaching"));
        Properties cached = new Properties();
        cached.setProperty("prism.disableRegionCaching", "false");
        SoftwareRendering.chooseSoftware(cached);
        assertEquals("false", cached.getProperty("prism.disableRegionCaching"));
    }

    @Test
    void theEnvironmentVariableReachesTheProcessAndAUsersValueWins() {
        assumeTrue(Platform.isLinux(), "glibc's environment");
        C c = Native.load(Platform.C_LIBRARY_NAME, C.class);
        String name = "SIPLADDER_SOFTWARE_RENDERING_TEST_" + ProcessHandle.current().pid();

        assertTrue(SoftwareRendering.setEnvironment(name, "disable"));
        assertEquals("disable", c.getenv(name));
        assertTrue(SoftwareRendering.setEnvironment(name, "other"));
        assertEquals("disable", c.getenv(name), "set before: kept");
    }
}
