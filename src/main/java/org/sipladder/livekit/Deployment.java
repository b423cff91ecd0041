package org.sipladder.livekit;

import java.util.Locale;

/**
 * Who runs the LiveKit SIP server: LiveKit Cloud and the open-source server answer an INVITE no trunk accepts
 * differently (routing notes, section 2).
 */
public enum Deployment {
    /** LiveKit Cloud: no trunk matched means {@code 404 No trunk found}. */
    CLOUD("cloud", "LiveKit Cloud"),
    /** The open-source server: no trunk matched means the call goes on to wildcard dispatch rules only. */
    SELF_HOSTED("self-hosted", "a self-hosted (open-source) LiveKit SIP server");

    private final String optionName;
    private final String description;

    Deployment(String optionName, String description) {
        this.optionName = optionName;
        this.description = description;
    }

    /** The name on the command line: {@code cloud} or {@code self-hosted}. */
    public String optionName() {
        return optionName;
    }

    /** For sentences: "LiveKit Cloud", "a self-hosted (open-source) LiveKit SIP server". */
    public String description() {
        return description;
    }

    /** The deployment named {@code cloud} or {@code self-hosted} (also {@code selfhosted}, {@code self_hosted}). */
    public static Deployment fromOptionName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (n.equals("selfhosted")) {
            n = SELF_HOSTED.optionName;
        }
        for (Deployment d : values()) {
            if (d.optionName.equals(n)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown LiveKit deployment \"" + name + "\": use cloud or self-hosted");
    }
}
