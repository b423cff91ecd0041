package org.sipladder.ui.findings;

import java.nio.file.Path;
import java.util.List;
import org.sipladder.livekit.ApiSettings;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.LiveKitConfigException;

/** A LiveKit config source for tests that load no config: every load fails. */
final class NoConfigSource implements LiveKitConfigSource {

    @Override
    public LiveKitConfig loadFiles(List<Path> files) throws LiveKitConfigException {
        throw new LiveKitConfigException("not in this test");
    }

    @Override
    public LiveKitConfig fetch(ApiSettings settings) throws LiveKitConfigException {
        throw new LiveKitConfigException("not in this test");
    }
}
