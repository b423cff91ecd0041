package org.sipladder.report;

import java.util.List;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.livekit.CallLimits;
import org.sipladder.livekit.OutboundTrunkRow;
import org.sipladder.livekit.SecretScrubber;
import org.sipladder.livekit.ConfigView;
import org.sipladder.livekit.LiveKitConfig;

/**
 * The LiveKit trunks (inbound, and outbound when loaded) and dispatch rules the diagnosis used, as tables; a trunk's password is
 * shown only as "set" or "not set", and numbers and addresses go through the report's redaction.
 */
final class LiveKitAppendix {

    private final PageFlow page;
    private final Redaction redaction;

    LiveKitAppendix(PageFlow page, Redaction redaction) {
        this.page = page;
        this.redaction = redaction;
    }

    void write(LiveKitConfig config) {
        if (config.isEmpty()) {
            return;
        }
        page.heading("LiveKit configuration", 2);
        page.paragraph("Read from " + String.join(", ", config.sources().stream().map(LiveKitAppendix::source)
                .map(redaction::apply).toList()) + ".", page.small);
        page.gap(4);
        page.heading("Inbound trunks", 3);
        page.table(new Table(List.of("Trunk", "Numbers", "Allowed addresses", "Allowed callers", "Authentication",
                "Time limits"), List.of(2.8, 1.7, 1.3, 1.2, 1.6, 1.4), config.trunks().stream().map(this::trunkRow).toList(),
                List.of(false, true, true, true, false, false)));
        page.heading("Dispatch rules", 3);
        page.table(new Table(List.of("Rule", "Kind and room", "Trunks", "Callers", "Agents"),
                List.of(2.8, 1.9, 1.7, 0.8, 1.9), config.rules().stream().map(r -> ruleRow(config, r)).toList(),
                List.of(false, false, true, true, false)));
        if (!config.outboundTrunks().isEmpty()) {
            SecretScrubber secrets = SecretScrubber.of(config);
            page.heading("Outbound trunks", 3);
            page.table(new Table(List.of("Outbound trunk", "Address", "Numbers", "Authentication"),
                    List.of(2.8, 2.2, 1.7, 1.6), config.outboundTrunks().stream().map(t -> OutboundTrunkRow.of(t, secrets))
                    .map(this::outboundRow).toList(), List.of(false, true, true, false)));
        }
    }

    private List<String> outboundRow(OutboundTrunkRow t) {
        String auth = t.authUsername().isEmpty() && t.authPassword().equals("not set") ? "none"
                : "user \"" + redaction.apply(t.authUsername()) + "\"\npassword " + t.authPassword();
        return List.of(label(t.id(), t.name()), redaction.apply(t.address()) + "\n" + t.transport(),
                list(t.numbers(), "none"), auth);
    }

    private List<String> trunkRow(SIPInboundTrunkInfo t) {
        String auth = t.getAuthUsername().isEmpty() && t.getAuthPassword().isEmpty() ? "none"
                : "user \"" + redaction.apply(t.getAuthUsername()) + "\"\npassword " + ConfigView.authPassword(t);
        return List.of(label(t.getSipTrunkId(), t.getName()), list(t.getNumbersList(), "any (default trunk)"),
                list(t.getAllowedAddressesList(), "any"), list(t.getAllowedNumbersList(), "any"), auth, limits(t));
    }

    /** The ringing timeout and maximum call duration in effect, as LiveKit applies them. */
    private static String limits(SIPInboundTrunkInfo t) {
        CallLimits limits = CallLimits.of(t);
        return "ringing " + limits.ringingCell() + "\nmax call " + limits.maxCallCell();
    }

    private List<String> ruleRow(LiveKitConfig config, SIPDispatchRuleInfo r) {
        String room = ConfigView.roomOrPrefix(r);
        String kind = ConfigView.kind(r) + (room.isEmpty() ? "" : ", room " + (ConfigView.kind(r).equals("direct")
                ? "\"" + room + "\"" : "prefix \"" + room + "\"")) + (ConfigView.pin(r).isEmpty() ? "" : ", PIN set");
        List<String> numbers = config.calledNumbersOf(r);
        String trunks = list(r.getTrunkIdsList(), "any trunk") + (numbers.isEmpty() ? "" : "\ncalled: " + list(numbers, ""));
        return List.of(label(r.getSipDispatchRuleId(), r.getName()), kind, trunks,
                list(r.getInboundNumbersList(), "any"), list(ConfigView.agentNames(r), "none"));
    }

    /** A file's name (its folder says nothing to the reader and may name a person), or a URL as given. */
    private static String source(String source) {
        if (source.contains("://")) {
            return source;
        }
        int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
        return source.substring(slash + 1);
    }

    private String label(String id, String name) {
        return name.isEmpty() ? id : id + "\n" + redaction.apply(name);
    }

    private String list(List<String> values, String whenEmpty) {
        return values.isEmpty() ? whenEmpty : String.join("\n", redaction.apply(values));
    }
}
