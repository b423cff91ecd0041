package org.sipladder.ui;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * On a Linux machine with no GPU device, starts JavaFX on the software pipeline it would end up on anyway, without
 * the two OpenGL probes that load Mesa and LLVM first (about 60 MB resident for the whole run, measured under Xvfb).
 *
 * <p>Without a GPU, Mesa offers only a software rasteriser, which Prism's ES2 pipeline rejects ("System GPU doesn't
 * meet the es2 pipe requirement") before falling back to its SW pipeline; GDK's own OpenGL probe at display open
 * loads the same libraries, and JavaFX never uses GDK's OpenGL. Skipping both needs {@code prism.order=sw} and
 * {@code GDK_GL=disable}; either alone saves nothing, as each probe loads the libraries. Machines with a GPU device
 * and users who chose a pipeline ({@code prism.order}, {@code prism.forceGPU}) or set {@code GDK_GL} are left as
 * they are.
 *
 * <p>On that pipeline Prism's cache of drawn region backgrounds is a texture in the Java heap, as every SW texture
 * is: a permanent 2048x1024 int[] of 8 MB, allocated straight into the old generation; it is left off
 * ({@code prism.disableRegionCaching}, unless the user set it), so regions are drawn each time as they are when a
 * background cannot be cached. big_sip.pcap's load with its diagnosis, interleaved under load 6-10: 431 / 433 MB
 * peak RSS with the cache, 404 / 395 MB without it, the same CPU time (more than the texture's 8 MB; how the rest
 * comes about was not worked out, and peaks move by 15-20 MB between runs at that load).
 */
final class SoftwareRendering {

    /**
     * Device files (names directly under /dev) through which OpenGL reaches a GPU: DRM (Mesa's drivers, virtual
     * GPUs), NVIDIA's driver, WSL2's GPU and ARM SoC drivers.
     */
    private static final List<String> GPU_DEVICE_PREFIXES = List.of("dri", "nvidia", "dxg", "mali", "galcore", "kgsl");

    /** glibc's setenv: Java cannot change its own process environment, which GTK reads when JavaFX starts it. */
    private interface C extends Library {
        int setenv(String name, String value, int overwrite);
    }

    private SoftwareRendering() {
    }

    /**
     * Whether to skip the OpenGL probes: on Linux, when neither {@code prism.order} nor {@code prism.forceGPU} is
     * set in {@code properties} and {@code dev} holds no GPU device (or cannot be listed: then nothing changes).
     */
    static boolean chosenFor(String osName, Properties properties, Path dev) {
        if (!osName.startsWith("Linux") || properties.getProperty("prism.order") != null
                || properties.getProperty("prism.forceGPU") != null) {
            return false;
        }
        try (Stream<Path> devices = Files.list(dev)) {
            return devices.map(device -> device.getFileName().toString())
                    .noneMatch(name -> GPU_DEVICE_PREFIXES.stream().anyMatch(name::startsWith));
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /**
     * Chooses the SW pipeline for this JVM and tells GTK not to probe OpenGL when {@link #chosenFor} says so for
     * this machine; returns whether it did. Must run before JavaFX starts.
     */
    static boolean chooseIfNoGpu() {
        if (!chosenFor(System.getProperty("os.name", ""), System.getProperties(), Path.of("/dev"))) {
            return false;
        }
        chooseSoftware(System.getProperties());
        setEnvironment("GDK_GL", "disable");
        return true;
    }

    /** The SW pipeline, without the region cache unless {@code properties} say whether to have it. */
    static void chooseSoftware(Properties properties) {
        properties.setProperty("prism.order", "sw");
        if (properties.getProperty("prism.disableRegionCaching") == null) {
            properties.setProperty("prism.disableRegionCaching", "true");
        }
    }

    /**
     * Sets a variable of this process's environment unless it is set already (a user's own value wins); false when
     * the C library cannot be reached (then only the pipeline is chosen, which costs nothing either).
     */
    static boolean setEnvironment(String name, String value) {
        try {
            return Native.load(Platform.C_LIBRARY_NAME, C.class).setenv(name, value, 0) == 0;
        } catch (LinkageError e) {
            return false;
        }
    }
}
