package org.sipladder.ui.inspector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sipladder.flow.AddressScope;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.sip.RawSipText;
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
    /** Credential headers, in the order their absence is listed, each with the status that asks for it (RFC 3261 22). */
    private static final Map<String, Integer> CREDENTIALS = credentials();

    private final TimeFormat timeFormat;
    private final ClipboardService clipboard;
    private final UnaryOperator<SipMessage> fullParse;
    private final ObjectProperty<FlowMessage> message = new SimpleObjectProperty<>(this, "message");
    private final ObjectProperty<MergedCapture> merged = new SimpleObjectProperty<>(this, "merged");
    private final ObservableList<HeaderRow> headers = FXCollections.observableArrayList();
    private final ObservableList<SdpRow> sdp = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper rawText = new ReadOnlyStringWrapper(this, "rawText", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ObjectProperty<CallFlow> call = new SimpleObjectProperty<>(this, "call");
    private final ReadOnlyObjectWrapper<TextMatch> match = new ReadOnlyObjectWrapper<>(this, "match");
    private final ReadOnlyStringWrapper findStatus = new ReadOnlyStringWrapper(this, "findStatus", "");
    private Consumer<FlowMessage> selectMessage = m -> { };

    /**
     * @param fullParse re-checks one message with the full SIP parser: captures are loaded with a fast scan,
     *                  and whether a message is malformed only matters once someone looks at it
     */
    private static Map<String, Integer> credentials() {
        Map<String, Integer> byName = new LinkedHashMap<>();
        byName.put("Authorization", 401);
        byName.put("Proxy-Authorization", 407);
        return Collections.unmodifiableMap(byName);
    }

    public InspectorViewModel(TimeFormat timeFormat, ClipboardService clipboard, UnaryOperator<SipMessage> fullParse) {
        this.timeFormat = timeFormat;
        this.clipboard = clipboard;
        this.fullParse = fullParse;
        message.addListener((obs, old, now) -> show(now));
        merged.addListener((obs, old, now) -> show(message.get()));
        // whether a request was challenged is read from its call, which may be set after the message
        call.addListener((obs, old, now) -> show(message.get()));
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

    /** What the full parser found wrong with the message shown ("Malformed: ..."), empty when nothing. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The call of the message shown: Find goes on into its other messages. */
    public ObjectProperty<CallFlow> callProperty() {
        return call;
    }

    /** How Find shows a message of the call other than the one shown (the window selects it everywhere). */
    public void setMessageSelector(Consumer<FlowMessage> selector) {
        selectMessage = selector;
    }

    /** The text Find found last, as a range of {@link #rawTextProperty()} with CRLF counted as one character. */
    public ReadOnlyObjectProperty<TextMatch> matchProperty() {
        return match.getReadOnlyProperty();
    }

    /** "not found in this call", or empty. */
    public ReadOnlyStringProperty findStatusProperty() {
        return findStatus.getReadOnlyProperty();
    }

    /**
     * Finds {@code needle} (ignoring case) after {@code from} in the message shown, then in the call's later
     * messages and round again from its first; a match in another message shows that message.
     */
    public void findNext(String needle, int from) {
        if (needle == null || needle.isEmpty()) {
            match.set(null);
            findStatus.set("");
            return;
        }
        int here = indexOf(shown(rawText.get()), needle, Math.max(0, from));
        if (here >= 0) {
            found(here, needle);
            return;
        }
        List<FlowMessage> messages = call.get() == null ? List.of() : call.get().messages();
        int current = messages.indexOf(message.get());
        for (int step = 1; step <= messages.size(); step++) {
            FlowMessage candidate = messages.get(Math.floorMod(current + step, messages.size()));
            if (indexOf(RawSipText.redact(rawOf(candidate)), needle, 0) >= 0) {
                selectMessage.accept(candidate);
                int at = indexOf(shown(rawText.get()), needle, 0);
                if (at >= 0) {
                    found(at, needle);
                    return;
                }
            }
        }
        match.set(null);
        findStatus.set("\u201c" + needle + "\u201d is not in this call");
    }

    private void found(int at, String needle) {
        match.set(new TextMatch(at, at + needle.length()));
        findStatus.set("");
    }

    /** The raw text as a text area shows it, which counts a CRLF line end as one character. */
    private static String shown(String raw) {
        return raw.replace("\r\n", "\n");
    }

    private static String rawOf(FlowMessage m) {
        return m.message().raw() == null ? "" : m.message().raw();
    }

    private static int indexOf(String haystack, String needle, int from) {
        for (int i = from; i <= haystack.length() - needle.length(); i++) {
            if (haystack.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }

    /** Puts a header's value on the clipboard. */
    public void copyValue(HeaderRow row) {
        if (row != null) {
            clipboard.copy(row.value());
        }
    }

    /** Puts a header as it would be written, "Name: value", on the clipboard. */
    public void copyLine(HeaderRow row) {
        if (row != null) {
            clipboard.copy(row.name() + ": " + row.value());
        }
    }

    public void copyRawMessage() {
        if (!rawText.get().isEmpty()) {
            clipboard.copy(rawText.get());
        }
    }

    /** How the inspector judges a message with the full parser; the window judges a shown call's messages alike. */
    public UnaryOperator<SipMessage> fullParse() {
        return fullParse;
    }

    private void show(FlowMessage flowMessage) {
        match.set(null);
        findStatus.set("");
        if (flowMessage == null) {
            headers.clear();
            sdp.clear();
            rawText.set("");
            summary.set("");
            problem.set("");
            return;
        }
        SipMessage m = fullParse.apply(flowMessage.message());
        headers.setAll(headerRows(m, challengedFor(flowMessage)));
        sdp.setAll(sdpRows(m));
        rawText.set(RawSipText.redact(m.raw() == null ? "" : m.raw()));
        summary.set(summaryOf(flowMessage, m));
        problem.set(m.malformed() ? "Malformed: " + m.malformedReason() : "");
    }

    private String summaryOf(FlowMessage fm, SipMessage m) {
        StringBuilder s = new StringBuilder("Frame ").append(m.frame()).append(" · ")
                .append(timeFormat.timeOfDay(m.timestampMicros())).append(" · ")
                .append(m.src()).append(" → ").append(m.dst()).append(' ').append(m.transport());
        if (fm.retransmission()) {
            s.append(" · retransmission");
        }
        if (m.malformed()) {
            // the reason has a line of its own (problemProperty): this one gives way to the controls beside it
            s.append(" · malformed");
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

    /**
     * The credential headers a 401 or 407 answering {@code request} in its call asked for: where their absence
     * matters. LiveKit, for one, challenges an INVITE with 407 and reads Proxy-Authorization only.
     */
    private Set<String> challengedFor(FlowMessage request) {
        CallFlow flow = call.get();
        if (flow == null || !request.message().isRequest()) {
            return Set.of();
        }
        Set<String> asked = new LinkedHashSet<>();
        for (FlowMessage m : flow.messages()) {
            if (!m.message().isRequest() && m.legIndex() == request.legIndex()
                    && m.transactionKey().equals(request.transactionKey())) {
                CREDENTIALS.forEach((name, status) -> {
                    if (m.message().status() == status) {
                        asked.add(name);
                    }
                });
            }
        }
        return asked;
    }

    /**
     * The important headers first, then the rest as sent. Credentials show as present or absent, never their value:
     * present ones with the important headers, then the absent ones {@code challenged} names (a request nobody
     * challenged lacks nothing).
     */
    static List<HeaderRow> headerRows(SipMessage m, Set<String> challenged) {
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
        for (SipHeader h : m.headers()) {
            credentialName(h.name()).ifPresent(name -> rows.add(new HeaderRow(name, "present", true)));
        }
        for (String name : CREDENTIALS.keySet()) {
            if (challenged.contains(name) && m.header(name) == null) {
                rows.add(new HeaderRow(name, "absent", true));
            }
        }
        for (String value : m.headers("Reason")) {
            rows.add(new HeaderRow("Reason", value, true));
        }
        for (SipHeader h : m.headers()) {
            boolean shown = h.name().equalsIgnoreCase("reason") || credentialName(h.name()).isPresent()
                    || IMPORTANT.stream().anyMatch(n -> n.equalsIgnoreCase(h.name()));
            if (!shown) {
                rows.add(new HeaderRow(h.name(), h.value(), false));
            }
        }
        return rows;
    }

    private static Optional<String> credentialName(String header) {
        return CREDENTIALS.keySet().stream().filter(n -> n.equalsIgnoreCase(header)).findFirst();
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
