package org.sipladder.diagnose;

import java.util.List;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.livekit.LiveKitConfig;

/** Last line of defence: no trunk password may leave the engine in any text of any finding. */
final class SecretScrubber {

    static final String MASK = "(secret not shown)";

    private final List<String> secrets;

    SecretScrubber(LiveKitConfig config) {
        this.secrets = config.trunks().stream().map(SIPInboundTrunkInfo::getAuthPassword).filter(p -> !p.isEmpty()).toList();
    }

    Finding scrub(Finding f) {
        if (secrets.isEmpty()) {
            return f;
        }
        Evidence e = f.evidence();
        Fix x = f.fix();
        return new Finding(f.code(), f.severity(), s(f.title()), s(f.explanation()), f.callId(), f.flowId(), f.primary(),
                new Evidence(e.frames(), all(e.configIds()), all(e.facts())),
                new Fix(all(x.steps()), all(x.commands()), s(x.json())));
    }

    private List<String> all(List<String> values) {
        return values.stream().map(this::s).toList();
    }

    private String s(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        return result;
    }
}
