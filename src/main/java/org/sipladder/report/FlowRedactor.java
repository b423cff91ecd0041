package org.sipladder.report;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.sipladder.capture.Endpoint;
import org.sipladder.diagnose.Evidence;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.Fix;
import org.sipladder.flow.CallFlow;
import org.sipladder.ladder.LadderStream;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Hop;
import org.sipladder.flow.Leg;
import org.sipladder.sip.Sdp;
import org.sipladder.sip.SdpMedia;
import org.sipladder.sip.SipHeader;
import org.sipladder.sip.SipMessage;

/**
 * Applies a {@link Redaction} to call flows and findings before anything is laid out, so the ladder,
 * the tables and the message texts are all built from the same redacted values. Ids are redacted
 * too (Call-IDs often carry an address), consistently, so findings still find their flow.
 */
final class FlowRedactor {

    private final Redaction redaction;

    FlowRedactor(Redaction redaction) {
        this.redaction = redaction;
    }

    CallFlow flow(CallFlow flow) {
        if (!redaction.active()) {
            return flow;
        }
        return new CallFlow(text(flow.id()), flow.legs().stream().map(this::leg).toList(),
                flow.hops().stream().map(this::hop).toList(),
                flow.messages().stream().map(this::flowMessage).toList(),
                redaction.apply(flow.joinEvidence()), flow.timings());
    }

    Finding finding(Finding f) {
        if (!redaction.active()) {
            return f;
        }
        Evidence e = f.evidence();
        Fix x = f.fix();
        return new Finding(f.code(), f.severity(), text(f.title()), text(f.explanation()), text(f.callId()), text(f.flowId()),
                f.primary(), new Evidence(e.frames(), redaction.apply(e.configIds()), redaction.apply(e.facts())),
                x == null ? null : new Fix(redaction.apply(x.steps()), redaction.apply(x.commands()), text(x.json())));
    }

    String text(String s) {
        return redaction.apply(s);
    }

    /** Media streams for the ladder with their hosts and texts redacted like the flow's. */
    List<LadderStream> streams(List<LadderStream> streams) {
        if (!redaction.active()) {
            return streams;
        }
        return streams.stream().map(s -> new LadderStream(s.id(), redaction.host(s.fromAddress()),
                redaction.host(s.toAddress()), s.firstMicros(), s.lastMicros(), text(s.label()), text(s.detail()),
                redaction.apply(s.warnings()), s.fromPort(), s.toPort())).toList();
    }

    private Leg leg(Leg l) {
        return new Leg(l.index(), text(l.callId()), text(l.from()), text(l.to()), text(l.requestUri()), l.firstFrame(),
                l.lastFrame(), l.finalStatus(), l.finalReason(), l.messageCount(), l.setupCaptured(),
                l.method());
    }

    private Hop hop(Hop h) {
        return new Hop(redaction.host(h.address()), h.role(), text(h.name()), redaction.apply(h.evidence()), h.ports());
    }

    private FlowMessage flowMessage(FlowMessage m) {
        return new FlowMessage(message(m.message()), m.legIndex(), m.retransmission(), m.transactionKey());
    }

    SipMessage message(SipMessage m) {
        List<SipHeader> headers = m.headers().stream()
                .map(h -> new SipHeader(h.name(), text(h.value()), text(h.raw()))).toList();
        byte[] body = m.body() == null ? null : text(new String(m.body(), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        return new SipMessage(m.frame(), m.timestampMicros(), endpoint(m.src()), endpoint(m.dst()), m.transport(),
                m.method(), text(m.requestUri()), m.status(), m.reason(), headers, body, sdp(m.sdp()), text(m.raw()),
                m.malformed(), text(m.malformedReason()));
    }

    private Endpoint endpoint(Endpoint e) {
        return e == null ? null : new Endpoint(redaction.host(e.address()), e.port());
    }

    private Sdp sdp(Sdp sdp) {
        if (sdp == null) {
            return null;
        }
        return new Sdp(text(sdp.origin()), text(sdp.connection()), sdp.media().stream()
                .map(md -> new SdpMedia(md.type(), md.port(), md.protocol(), md.codecs(), text(md.connection()),
                        md.direction(), md.crypto())).toList());
    }
}
