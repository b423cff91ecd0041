package org.sipladder.ui.main;

import java.nio.file.Path;

/**
 * A capture to open and how to present it.
 *
 * @param path        where to read it
 * @param displayName what the title bar shows
 * @param remember    whether it belongs in the recent-files list (not for the bundled demo's temp copy)
 */
public record CaptureSource(Path path, String displayName, boolean remember) {

    public static CaptureSource file(Path path) {
        Path name = path.getFileName();
        return new CaptureSource(path, name == null ? path.toString() : name.toString(), true);
    }
}
