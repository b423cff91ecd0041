package org.sipladder;

/** The application's version as the jar manifest states it, so `--version`, the window and reports agree. */
public final class AppVersion {

    private AppVersion() {
    }

    /** Implementation-Version of the shaded jar, or "dev" when running from compiled classes. */
    public static String current() {
        String version = AppVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
