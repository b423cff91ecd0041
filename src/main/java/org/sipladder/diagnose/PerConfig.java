package org.sipladder.diagnose;

import java.util.function.Function;
import org.sipladder.livekit.LiveKitConfig;

/**
 * A value worked out from a LiveKit config alone (the groups of conflicting trunks, the trunk a fix adds numbers to),
 * kept for the last config asked about: with a config loaded, tens of thousands of calls' findings ask the same
 * question of it, and a config is immutable. The diagnosing threads share it; a lost update only works the value out
 * again. The value must be immutable.
 */
final class PerConfig<T> {

    private record Entry<T>(LiveKitConfig config, T value) {
    }

    private final Function<LiveKitConfig, T> make;
    private volatile Entry<T> last;

    PerConfig(Function<LiveKitConfig, T> make) {
        this.make = make;
    }

    T of(LiveKitConfig config) {
        Entry<T> entry = last;
        if (entry == null || entry.config() != config) {
            entry = new Entry<>(config, make.apply(config));
            last = entry;
        }
        return entry.value();
    }
}
