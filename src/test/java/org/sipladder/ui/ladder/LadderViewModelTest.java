package org.sipladder.ui.ladder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Hop;
import org.sipladder.flow.HopAliases;
import org.sipladder.flow.FlowMessage;
import org.sipladder.ladder.ApproximateTextMeasure;
import org.sipladder.ladder.TestFlows;

/** The ladder's state and actions, without a screen. */
class LadderViewModelTest {

    private final LadderViewModel model = new LadderViewModel(new ApproximateTextMeasure());
    private final CallFlow flow = TestFlows.seed();

    @Test
    void selectionMovesWithinTheRowsAndOpensTheSelectedMessage() {
        List<FlowMessage> opened = new ArrayList<>();
        model.setOnOpenMessage(opened::add);
        model.setFlow(flow);
        model.moveSelection(-1);
        assertEquals(0, model.selectedRowProperty().get());
        model.moveSelection(3);
        assertSame(flow.messages().get(3), model.selectedMessageProperty().get());
        model.moveSelection(1_000);
        assertEquals(flow.messages().size() - 1, model.selectedRowProperty().get());
        model.open();
        assertEquals(List.of(flow.messages().get(flow.messages().size() - 1)), opened);

        model.setFlow(null);
        assertNull(model.selectedMessageProperty().get());
        assertNull(model.layoutProperty().get());
    }

    @Test
    void aJoinThatIsAGuessIsSaidAboveTheLadderAndAToldOneIsNot() {
        String guess = "The INVITE in frame 63 (Call-ID b-36) was sent by 10.0.0.2 0.173 s after that host received"
                + " the INVITE in frame 24 (Call-ID a-32), and both called numbers end in 25550199; 15 other calls fit"
                + " as well, and no response passed back from one leg to the other tells which this leg continues:"
                + " joined in the order the host received them, a guess.";
        String told = "Jambonz's X-CID header of the INVITE in frame 4 names the Call-ID of frame 1.";
        model.setFlow(withJoins(flow, List.of(told, guess)));
        assertEquals("1 leg joined by a guess: other calls fitted as well and no response told which. Hover for why.",
                model.joinNoteProperty().get());
        assertEquals(guess, model.joinGuessesProperty().get());
        model.setFlow(withJoins(flow, List.of(guess, told, guess)));
        assertTrue(model.joinNoteProperty().get().startsWith("2 legs joined by a guess: "));
        assertEquals(guess + "\n\n" + guess, model.joinGuessesProperty().get());

        model.setFlow(withJoins(flow, List.of(told)));
        assertEquals("", model.joinNoteProperty().get());
        assertEquals("", model.joinGuessesProperty().get());
        model.setFlow(null);
        assertEquals("", model.joinNoteProperty().get());
    }

    private static CallFlow withJoins(CallFlow f, List<String> joins) {
        return new CallFlow(f.id(), f.legs(), f.hops(), f.messages(), joins, f.timings());
    }

    @Test
    void markedFramesBecomeRowsAndFollowANewCall() {
        model.setFlow(flow);
        long frame = flow.messages().get(5).message().frame();
        model.highlightFrames(Set.of(frame));
        assertEquals(Set.of(5), model.highlightedRowsProperty().get().stream().boxed().collect(
                java.util.stream.Collectors.toSet()));
        model.setFlow(TestFlows.dialog(3));
        assertTrue(model.highlightedRowsProperty().get().stream().allMatch(r -> r < 3));
    }

    @Test
    void renamingAsksTheShellAndTheAliasedCallShowsTheNewName() {
        List<Hop> renames = new ArrayList<>();
        model.setOnRenameHop(renames::add);
        model.setFlow(flow);
        Hop hop = model.layoutProperty().get().column(0).hop();

        model.rename(hop);
        assertEquals(List.of(hop), renames);
        model.setFlow(HopAliases.none().with(hop.address(), "Schmidtkom").apply(flow));
        assertEquals("Schmidtkom", model.layoutProperty().get().column(0).title().text());
    }

    @Test
    void zoomStaysWithinItsLimitsAndFitsAWidth() {
        model.setFlow(flow);
        model.zoomProperty().set(10);
        assertEquals(LadderViewModel.MAX_ZOOM, model.zoomProperty().get());
        model.zoomToFit(model.layoutProperty().get().width() / 2);
        assertEquals(0.5, model.zoomProperty().get(), 1e-9);
        model.actualSize();
        assertEquals(1.0, model.zoomProperty().get());
        model.zoomProperty().set(0.01);
        assertEquals(LadderViewModel.MIN_ZOOM, model.zoomProperty().get());
    }

    @Test
    void copyAsTextHandsOverTheTextExportOnlyWithACall() {
        List<String> copied = new ArrayList<>();
        model.setOnCopyText(copied::add);
        model.copyAsText();
        assertEquals(List.of(), copied);
        model.setFlow(flow);
        model.copyAsText();
        assertEquals(List.of(model.asText()), copied);
        assertTrue(copied.get(0).contains("503 Try again later"));
    }
}
