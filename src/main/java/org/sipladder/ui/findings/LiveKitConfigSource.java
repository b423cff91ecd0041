package org.sipladder.ui.findings;

import java.nio.file.Path;
import java.util.List;
import org.sipladder.livekit.ApiSettings;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.LiveKitConfigException;

/** Where LiveKit trunks and dispatch rules come from: {@code lk ... --json} files or a project's API. */
public interface LiveKitConfigSource {

    LiveKitConfig loadFiles(List<Path> files) throws LiveKitConfigException;

    LiveKitConfig fetch(ApiSettings settings) throws LiveKitConfigException;
}
