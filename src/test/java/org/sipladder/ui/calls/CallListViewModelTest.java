package org.sipladder.ui.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.capture.Endpoint;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowBuilder;
import org.sipladder.ladder.ApproximateTextMeasure;
import org.sipladder.sip.SipMessage;
import org.sipladder.ui.Flows;
import org.sipladder.ui.ladder.LadderViewModel;

class CallListViewModelTest {

    private final CallListViewModel viewModel = new CallListViewModel();
    private final CallFlow answered = Flows.call("answered-1", "+4930111", "4991874000111", 200, "OK");
    private final CallFlow busy = Flows.call("busy-2", "+4930222", "4940555", 486, "Busy Here");
    private final CallFlow failed = Flows.call("failed-3", "+4930333", "4989777", 503, "Service Unavailable");

    @Test
    void snapshotsAppendNewCallsAndReplaceGrownOnesKeepingTheSelection() {
        viewModel.update(Flows.summaries(answered));
        viewModel.selectedRowProperty().set(viewModel.rows().get(0));
        CallFlow answeredLater = Flows.grown(answered);

        viewModel.update(Flows.summaries(answeredLater, busy));

        assertEquals(List.of("answered-1", "busy-2"), viewModel.rows().stream().map(CallRow::id).toList());
        assertSame(answeredLater, viewModel.selectedRowProperty().get().flow());
    }

    @Test
    void aCallNoLongerInTheSnapshotLeavesTheListAndItsSelection() {
        // a live view past its limit of calls drops the oldest from its snapshots: the list drops them too
        viewModel.update(Flows.summaries(answered, busy));
        viewModel.selectedRowProperty().set(viewModel.rows().get(0));

        viewModel.update(Flows.summaries(busy, failed));

        assertEquals(List.of("busy-2", "failed-3"), viewModel.rows().stream().map(CallRow::id).toList());
        assertEquals(List.of("busy-2", "failed-3"), viewModel.visibleRows().stream().map(CallRow::id).toList());
        assertNull(viewModel.selectedRowProperty().get());
    }

    @Test
    void aDialogWithAnEmptyCallIdIsARowNamedSoWhoseLadderShowsItsMessages() {
        Endpoint a = Flows.CARRIER;
        Endpoint b = Flows.SBC;
        String invite = "INVITE sip:u@b SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=z9hG4bKe1\r\nFrom: <sip:a@a>;tag=e1\r\n"
                + "To: <sip:b@b>\r\nCall-ID: \r\nCSeq: 1 INVITE\r\n\r\n";
        String ok = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP a;branch=z9hG4bKe1\r\nFrom: <sip:a@a>;tag=e1\r\n"
                + "To: <sip:b@b>;tag=y1\r\nCall-ID: \r\nCSeq: 1 INVITE\r\n\r\n";
        String bye = "BYE sip:a@a SIP/2.0\r\nVia: SIP/2.0/UDP b;branch=z9hG4bKeb\r\nFrom: <sip:b@b>;tag=y1\r\n"
                + "To: <sip:a@a>;tag=e1\r\nCall-ID: \r\nCSeq: 1 BYE\r\n\r\n";
        List<SipMessage> messages = List.of(Flows.message(1, a, b, invite, null), Flows.message(2, b, a, ok, null),
                Flows.message(3, b, a, bye, null));
        List<CallFlow> flows = new FlowBuilder().build(messages);

        viewModel.update(Flows.summaries(flows));

        assertEquals(List.of("(empty Call-ID #1)"), viewModel.rows().stream().map(CallRow::callId).toList());
        assertEquals("200 OK", viewModel.rows().get(0).statusText());
        viewModel.filterTextProperty().set("callid:empty");
        assertEquals(1, viewModel.rows().size());
        LadderViewModel ladder = new LadderViewModel(new ApproximateTextMeasure());
        ladder.setFlow(viewModel.rows().get(0).flow());
        assertEquals(3, ladder.layoutProperty().get().rowCount());
        assertEquals(2, ladder.layoutProperty().get().columns().size());
    }

    @Test
    void theCountNamesRegistrationsAndPingsApartFromCalls() {
        CallFlow register = Flows.dialog("REGISTER", "reg-4", "+4930444", "+4930444", 401, "Unauthorized");
        CallFlow ping = Flows.dialog("OPTIONS", "ping-5", "+4930555", "4940555", 200, "OK");

        viewModel.update(Flows.summaries(answered, busy));
        assertEquals("2 calls", viewModel.countTextProperty().get());

        viewModel.update(Flows.summaries(answered, busy, register, ping));
        assertEquals("2 calls and 2 other dialogs", viewModel.countTextProperty().get());

        // filtered, each kind is counted shown of all: the one REGISTER shown is no call
        viewModel.filterTextProperty().set("method:REGISTER");
        assertEquals("0 of 2 calls and 1 of 2 other dialogs", viewModel.countTextProperty().get());
        viewModel.filterTextProperty().set("status:486");
        assertEquals("1 of 2 calls and 0 of 2 other dialogs", viewModel.countTextProperty().get());
    }

    @Test
    void aSnapshotWhereManyCallsGrewIsOneChangeAndKeepsTheSelection() {
        List<CallFlow> first = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            first.add(Flows.call("c" + i, "1", "2", 200, "OK"));
        }
        viewModel.update(Flows.summaries(first));
        viewModel.selectedRowProperty().set(viewModel.rows().get(7));
        int[] changes = {0};
        viewModel.rows().addListener((javafx.collections.ListChangeListener<CallRow>) c -> changes[0]++);

        viewModel.update(Flows.summaries(first.stream().map(Flows::grown).toList()));

        assertEquals(1, changes[0]);
        assertEquals(200, viewModel.rows().size());
        assertEquals("c7", viewModel.selectedRowProperty().get().id());
        assertEquals(3, viewModel.selectedRowProperty().get().flow().messages().size());
    }

    @Test
    void aFilterThatMatchedNothingWhileTypedSelectsACallOnceItMatchesAgain() {
        viewModel.update(Flows.summaries(answered, busy, failed));
        viewModel.selectedRowProperty().set(viewModel.rows().get(0));

        viewModel.filterTextProperty().set("status:5"); // half typed: no status 5
        assertEquals(List.of(), viewModel.visibleRows());
        assertNull(viewModel.selectedRowProperty().get());

        viewModel.filterTextProperty().set("status:5xx");
        assertEquals("failed-3", viewModel.selectedRowProperty().get().id());
    }

    @Test
    void unchangedCallsAreNotReplaced() {
        viewModel.update(Flows.summaries(answered, busy));
        CallRow first = viewModel.rows().get(0);
        viewModel.update(Flows.summaries(answered, busy));
        assertSame(first, viewModel.rows().get(0));
    }

    @Test
    void filterMatchesNumberCallIdAddressStatusAndHeaderText() {
        viewModel.update(Flows.summaries(answered, busy, failed));
        assertEquals(List.of("busy-2"), visibleFor("4930222"));
        assertEquals(List.of("failed-3"), visibleFor("FAILED-3"));
        assertEquals(List.of("failed-3"), visibleFor("503"));
        assertEquals(List.of("busy-2"), visibleFor("busy here"));
        assertEquals(3, visibleFor("89.184.187.124").size());
        assertEquals(3, visibleFor("testphone").size());
        assertEquals(List.of(), visibleFor("no such thing"));
        assertEquals(3, visibleFor("").size());
    }

    @Test
    void statusClassesFollowTheFinalResponse() {
        viewModel.update(Flows.summaries(answered, busy, failed, Flows.call("ringing-4", "1", "2", 0, null)));
        assertEquals(List.of(StatusClass.SUCCESS, StatusClass.WARNING, StatusClass.FAILURE, StatusClass.NO_FINAL),
                viewModel.rows().stream().map(CallRow::statusClass).toList());
        assertEquals("no final response", viewModel.rows().get(3).statusText());
        assertEquals("486 Busy Here", viewModel.rows().get(1).statusText());
    }

    private List<String> visibleFor(String text) {
        viewModel.filterTextProperty().set(text);
        return viewModel.visibleRows().stream().map(CallRow::id).toList();
    }
}
