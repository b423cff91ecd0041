package org.sipladder.ui.inspector;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sipladder.flow.FlowMessage;
import org.sipladder.sip.Sdp;
import org.sipladder.sip.SdpMedia;
import org.sipladder.sip.SipHeader;
import org.sipladder.sip.SipMessage;
import org.sipladder.source.MergedCapture;
import org.sipladder.ui.calls.TimeFormat;
import org.sipladder.ui.dialog.ClipboardService;

/** The message inspector: headers that matter first, SDP media, raw text, frame and time of one message. */
public final class InspectorViewModel {

    private static final List<String> IMPORTANT = List.of("From", "To", "Call-ID", "CSeq", "Via", "Contact", "X-CID");
    private static final Set<String> CREDENTIALS = Set.of("proxy-authorization", "authorization");

    private final TimeFormat timeFormat;
    private final ClipboardService clipboard;
    private final UnaryOperator<SipMessage> fullParse;
    private final ObjectProperty<FlowMessage> message = new SimpleObjectProperty<>(this, "message");
    private final ObjectProperty<MergedCapture> merged = new SimpleObjectProperty<>(this, "merged");
    private final ObservableList<HeaderRow> headers = FXCollections.observableArrayList();
    private final ObservableList<SdpRow> sdp = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper rawText = new ReadOnlyStringWrapper(this, "rawText", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");

    /**
     * @param fullParse re-checks one message with the full SIP parser: captures are loaded with a fast scan,
     *                  and whether a message is malformed only matters once someone looks at it
     */
    public InspectorViewModel(TimeFormat timeFormat, ClipboardService clipboard, UnaryOperator<SipMessage> fullParse) {
        this.timeFormat = timeFormat;
        this.clipboard = clipboard;
        this.fullParse = fullParse;
        message.addListener((obs, old, now) -> show(now));
        merged.addListener((obs, old, now) -> show(message.get()));
    }

    /** The capture read from several files that the messages come from (null for one file): where each was seen. */
    public ObjectProperty<MergedCapture> mergedProperty() {
        return merged;
    }

    public ObjectProperty<FlowMessage> messageProperty() {
        return message;
    }

    public ObservableList<HeaderRow> headers() {
        return headers;
    }

    public ObservableList<SdpRow> sdp() {
        return sdp;
    }

    /** The message as sent, with credentials hidden. */
    public ReadOnlyStringProperty rawTextProperty() {
        return rawText.getReadOnlyProperty();
    }

    /** "Frame 12 · 10:02:03.123456 · 89.184.187.124:5060 → 172.20.11.236:5060 UDP". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public void copyRawMessage() {
        if (!rawText.get().isEmpty()) {
            clipboard.copy(rawText.get());
        }
    }

    private void show(FlowMessage flowMessage) {
        if (flowMessage == null) {
            headers.clear();
            sdp.clear();
            rawText.set("");
            summary.set("");
            return;
        }
        SipMessage m = fullParse.apply(flowMessage.message());
        headers.setAll(headerRows(m));
        sdp.setAll(sdpRows(m));
        rawText.set(RawSipText.redact(m.raw() == null ? "" : m.raw()));
        summary.set(summaryOf(flowMessage, m));
    }

    private String summaryOf(FlowMessage fm, SipMessage m) {
        StringBuilder s = new StringBuilder("Frame ").append(m.frame()).append(" · ")
                .append(timeFormat.timeOfDay(m.timestampMicros())).append(" · ")
                .append(m.src()).append(" → ").append(m.dst()).append(' ').append(m.transport());
        if (fm.retransmission()) {
            s.append(" · retransmission");
        }
        if (m.malformed()) {
            s.append(" · malformed: ").append(m.malformedReason());
        }
        MergedCapture from = merged.get();
        if (from != null && !from.seen(m.frame()).isEmpty()) {
            // the same message at each observation point, each by its own capture's clock
            s.append(" · seen at ").append(from.seen(m.frame()).stream().map(o -> from.files().files().get(o.file())
                    .getFileName() + " frame " + o.frame() + " " + timeFormat.timeOfDay(o.micros()) + " " + o.src()
                    + " → " + o.dst()).collect(Collectors.joining("; ")));
        }
        return s.toString();
    }

    static List<HeaderRow> headerRows(SipMessage m) {
        List<HeaderRow> rows = new ArrayList<>();
        if (m.isRequest()) {
            rows.add(new HeaderRow("Request-URI", m.requestUri(), true));
        } else {
            rows.add(new HeaderRow("Status", m.label(), true));
        }
        for (String name : IMPORTANT) {
            for (String value : m.headers(name)) {
                rows.add(new HeaderRow(name, value, true));
            }
        }
        rows.add(new HeaderRow("Proxy-Authorization", m.header("Proxy-Authorization") == null ? "absent" : "present", true));
        for (String value : m.headers("Reason")) {
            rows.add(new HeaderRow("Reason", value, true));
        }
        for (SipHeader h : m.headers()) {
            String lower = h.name().toLowerCase(Locale.ROOT);
            boolean shown = lower.equals("reason") || lower.equals("proxy-authorization")
                    || IMPORTANT.stream().anyMatch(n -> n.equalsIgnoreCase(h.name()));
            if (!shown) {
                rows.add(new HeaderRow(h.name(), CREDENTIALS.contains(lower) ? "present" : h.value(), false));
            }
        }
        return rows;
    }

    static List<SdpRow> sdpRows(SipMessage m) {
        Sdp body = m.sdp();
        if (body == null) {
            return List.of();
        }
        boolean peerPublic = !AddressScope.isPrivate(m.dst().address());
        List<SdpRow> rows = new ArrayList<>();
        for (SdpMedia media : body.media()) {
            String address = media.connection() != null ? media.connection() : body.connection();
            String warning = peerPublic && AddressScope.isPrivate(address)
                    ? "private address " + address + " sent to public peer " + m.dst().address()
                    : "";
            rows.add(new SdpRow(media.type() + " " + media.port() + " " + media.protocol(),
                    String.join(", ", media.codecs()), address == null ? "" : address,
                    media.direction() == null ? "sendrecv" : media.direction(), warning));
        }
        return rows;
    }
}
