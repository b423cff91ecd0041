package org.sipladder.ui.findings;

import java.nio.file.Path;
import java.util.List;
import org.sipladder.livekit.ApiSettings;
import org.sipladder.livekit.ConfigFileLoader;
import org.sipladder.livekit.LiveKitApiSource;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.LiveKitConfigException;

/** Reads LiveKit config with the livekit package: JSON files, or the API through the LiveKit server SDK. */
public final class SdkLiveKitConfigSource implements LiveKitConfigSource {

    @Override
    public LiveKitConfig loadFiles(List<Path> files) throws LiveKitConfigException {
        return new ConfigFileLoader().loadAll(files);
    }

    @Override
    public LiveKitConfig fetch(ApiSettings settings) throws LiveKitConfigException {
        return new LiveKitApiSource(settings).fetch();
    }
}
