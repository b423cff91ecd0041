package org.sipladder.livekit;

import java.util.List;
import livekit.LivekitSip.SIPInboundTrunkInfo;

/**
 * One inbound trunk as a table shows it; the password appears only as "set" or "not set".
 *
 * @param id               sip_trunk_id
 * @param name             name ("" when none)
 * @param numbers          numbers the trunk accepts calls to (empty: a default trunk)
 * @param allowedAddresses allowed_addresses as configured
 * @param allowedNumbers   allowed_numbers (callers) as configured
 * @param authUsername     auth_username ("" when none)
 * @param authPassword     "set" or "not set"
 * @param ringingTimeout   e.g. "30 s", or "default (3 min)"
 * @param maxCallDuration  e.g. "1 h", or "default (24 h)"
 * @param media            its media config ({@link MediaConfig#describe()}), or "default"
 */
public record TrunkRow(String id, String name, List<String> numbers, List<String> allowedAddresses,
                       List<String> allowedNumbers, String authUsername, String authPassword, String ringingTimeout,
                       String maxCallDuration, String media) {

    public TrunkRow {
        numbers = List.copyOf(numbers);
        allowedAddresses = List.copyOf(allowedAddresses);
        allowedNumbers = List.copyOf(allowedNumbers);
    }

    /**
     * The row for a trunk of this configuration, every text passed through {@code secrets} (a name or user name may
     * be a password).
     */
    public static TrunkRow of(SIPInboundTrunkInfo trunk, LiveKitConfig config, SecretScrubber secrets) {
        CallLimits limits = CallLimits.of(trunk);
        return new TrunkRow(secrets.scrub(trunk.getSipTrunkId()), secrets.scrub(trunk.getName()),
                secrets.scrub(trunk.getNumbersList()), secrets.scrub(trunk.getAllowedAddressesList()),
                secrets.scrub(trunk.getAllowedNumbersList()), secrets.scrub(trunk.getAuthUsername()),
                ConfigView.authPassword(trunk), limits.ringingCell(), limits.maxCallCell(),
                secrets.scrub(ConfigView.mediaCell(config.media().ofTrunk(trunk))));
    }

    /** True for a trunk without numbers, which takes calls no other trunk lists. */
    public boolean isDefault() {
        return numbers.isEmpty();
    }
}
