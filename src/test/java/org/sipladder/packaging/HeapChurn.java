package org.sipladder.packaging;

import java.util.ArrayList;
import java.util.List;

/**
 * A load that needs the old generation to grow while each full collection frees a little, as loading and then
 * diagnosing a large capture does: it keeps {@code args[0]} MB and makes objects that outlive a young
 * collection and then die. Run by {@link LauncherOptionsTest} in a JVM of its own.
 */
public final class HeapChurn {

    private HeapChurn() {
    }

    public static void main(String[] args) {
        int megabytes = Integer.parseInt(args[0]);
        List<byte[]> kept = new ArrayList<>();
        byte[][] ring = new byte[256][];
        for (int i = 0; i < megabytes * 16; i++) {
            kept.add(new byte[64 * 1024]);
            for (int j = 0; j < 20; j++) {
                ring[(i * 20 + j) & 255] = new byte[64 * 1024];
            }
        }
        System.out.println(kept.size() / 16 + " MB kept, " + ring.length + " in the ring");
    }
}
