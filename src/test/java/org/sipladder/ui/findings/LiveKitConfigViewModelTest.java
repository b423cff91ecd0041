package org.sipladder.ui.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import livekit.LivekitSip.CreateSIPParticipantRequest;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import livekit.LivekitSip.SIPOutboundTrunkInfo;
import org.junit.jupiter.api.Test;
import org.sipladder.livekit.ApiSettings;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.LiveKitConfigException;
import org.sipladder.livekit.ParticipantRequest;
import org.sipladder.livekit.TrunkRow;
import org.sipladder.ui.FakeDialogs;
import org.sipladder.ui.prefs.InMemoryPreferenceStore;
import org.sipladder.ui.prefs.UserPreferences;
import org.sipladder.ui.task.CurrentThreadTaskExecutor;

class LiveKitConfigViewModelTest {

    private static final SIPInboundTrunkInfo AUTH_TRUNK = SIPInboundTrunkInfo.newBuilder().setSipTrunkId("ST_GjeZjGQjrsvC")
            .setName("Jambonz Inbound").addNumbers("+4991874350352").setAuthUsername("jambonz")
            .setAuthPassword("s3cret-pw").build();
    private static final SIPDispatchRuleInfo RULE = SIPDispatchRuleInfo.newBuilder().setSipDispatchRuleId("SDR_HyMhj4T8greh")
            .addTrunkIds("ST_keiPmt6sJhJh").build();

    private static final SIPOutboundTrunkInfo OUTBOUND_TRUNK = SIPOutboundTrunkInfo.newBuilder().setSipTrunkId("ST_out")
            .setAddress("sip.provider.example").addNumbers("+15105550100").setAuthUsername("lk-out")
            .setAuthPassword("out-pw").putHeaders("X-Token", "tok-123").build();

    private final FakeDialogs dialogs = new FakeDialogs();
    private final InMemoryPreferenceStore store = new InMemoryPreferenceStore();
    private final List<ApiSettings> fetched = new ArrayList<>();
    private LiveKitConfigException failure;

    private final LiveKitConfigSource source = new LiveKitConfigSource() {
        @Override
        public LiveKitConfig loadFiles(List<Path> files) throws LiveKitConfigException {
            if (failure != null) {
                throw failure;
            }
            if (files.get(0).toString().contains("outbound")) {
                return LiveKitConfig.outbound(List.of(OUTBOUND_TRUNK), List.of(files.get(0).toString()));
            }
            if (files.get(0).toString().contains("participant")) {
                return LiveKitConfig.empty().merge(new LiveKitConfig(List.of(), List.of(), List.of(files.get(0).toString()),
                        Map.of(), List.of(), false, false, Map.of(), null, List.of(), List.of(new ParticipantRequest(
                                CreateSIPParticipantRequest.newBuilder().setSipTrunkId("ST_out").setSipCallTo("+4930123456")
                                        .setRoomName("r").build(), files.get(0) + ", line 1", ""))));
            }
            boolean trunks = files.get(0).toString().contains("trunks");
            return new LiveKitConfig(trunks ? List.of(AUTH_TRUNK) : List.of(), trunks ? List.of() : List.of(RULE),
                    files.stream().map(Path::toString).toList());
        }

        @Override
        public LiveKitConfig fetch(ApiSettings settings) throws LiveKitConfigException {
            fetched.add(settings);
            if (failure != null) {
                throw failure;
            }
            return new LiveKitConfig(List.of(AUTH_TRUNK), List.of(RULE), List.of(settings.url()));
        }
    };

    private LiveKitConfigViewModel viewModel(Map<String, String> env) {
        return new LiveKitConfigViewModel(source, new CurrentThreadTaskExecutor(), dialogs, new UserPreferences(store), env);
    }

    @Test
    void filesAddUpAndThePasswordIsOnlySetOrNotSet() {
        LiveKitConfigViewModel vm = viewModel(Map.of());
        vm.loadFiles(List.of(Path.of("/tmp/inbound-trunks.json")));
        vm.loadFiles(List.of(Path.of("/tmp/dispatch-rules.json")));

        assertEquals(1, vm.trunks().size());
        assertEquals(1, vm.rules().size());
        ConfigLine<TrunkRow> trunk = vm.trunks().get(0);
        assertEquals("set", trunk.row().authPassword());
        assertFalse(trunk.toString().contains("s3cret-pw"));
        assertEquals("ST_GjeZjGQjrsvC", trunk.id());
        assertEquals("1 inbound trunk, 1 dispatch rule from inbound-trunks.json, dispatch-rules.json",
                vm.summaryProperty().get());
        assertEquals(List.of("ST_keiPmt6sJhJh"), vm.rules().get(0).row().trunkIds());
    }

    /** A file's warning (a value of a newer LiveKit) shows in the status line, naming the file as the list does. */
    @Test
    void aConfigWarningShowsInTheStatusLine() {
        LiveKitConfigViewModel vm = viewModel(Map.of());
        vm.show(new org.sipladder.livekit.LiveKitConfig(List.of(), List.of(), List.of("/tmp/future.json"), Map.of(),
                List.of(), false, true, Map.of(), null, List.of("/tmp/future.json: warning: a value this version of "
                + "SIP Ladder does not know (from a newer LiveKit?): trunk ST_a mediaEncryption \"X\"; the diagnosis "
                + "does not judge what it sets")));

        assertEquals("0 inbound trunks, 0 dispatch rules from future.json. future.json: warning: a value this version "
                + "of SIP Ladder does not know (from a newer LiveKit?): trunk ST_a mediaEncryption \"X\"; the "
                + "diagnosis does not judge what it sets", vm.summaryProperty().get());
    }

    @Test
    void outboundTrunksGetTheirOwnRowsWithThePasswordOnlySetAndHeaderNamesOnly() {
        LiveKitConfigViewModel vm = viewModel(Map.of());
        vm.loadFiles(List.of(Path.of("/tmp/inbound-trunks.json")));
        vm.loadFiles(List.of(Path.of("/tmp/outbound-trunks.json")));
        vm.setCallsByConfigId(Map.of("ST_out", List.of("out-1")));

        assertEquals(1, vm.trunks().size());
        assertEquals(1, vm.outboundTrunks().size());
        var row = vm.outboundTrunks().get(0);
        assertEquals("ST_out", row.id());
        assertEquals("set", row.row().authPassword());
        assertEquals(List.of("X-Token"), row.row().headerNames());
        assertEquals(List.of("out-1"), row.calls());
        assertFalse(row.toString().contains("out-pw") || row.toString().contains("tok-123"), row.toString());
        assertTrue(vm.summaryProperty().get().contains("1 outbound trunk"), vm.summaryProperty().get());
    }

    @Test
    void createSipParticipantRequestsLoadedBesideTheTrunksAreCountedInTheSummary() {
        LiveKitConfigViewModel vm = viewModel(Map.of());
        vm.loadFiles(List.of(Path.of("/tmp/outbound-trunks.json")));
        vm.loadFiles(List.of(Path.of("/tmp/participant.json")));

        assertTrue(vm.summaryProperty().get().contains("1 outbound trunk, 1 CreateSIPParticipant request from"),
                vm.summaryProperty().get());
    }

    @Test
    void callsByConfigIdFillTheCallsColumns() {
        LiveKitConfigViewModel vm = viewModel(Map.of());
        vm.loadFiles(List.of(Path.of("/tmp/inbound-trunks.json")));
        vm.setCallsByConfigId(Map.of("ST_GjeZjGQjrsvC", List.of("call-1", "call-2")));
        assertEquals(List.of("call-1", "call-2"), vm.trunks().get(0).calls());
    }

    @Test
    void aBadFileGivesOneErrorNamingItAndKeepsTheOldConfig() {
        LiveKitConfigViewModel vm = viewModel(Map.of());
        vm.loadFiles(List.of(Path.of("/tmp/inbound-trunks.json")));
        failure = new LiveKitConfigException("/tmp/bad.json line 3 column 5: not JSON");
        vm.loadFiles(List.of(Path.of("/tmp/bad.json")));
        assertEquals(List.of("Cannot load the LiveKit config: /tmp/bad.json line 3 column 5: not JSON"), dialogs.errors);
        assertEquals(1, vm.trunks().size());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void connectIsPrefilledFromTheEnvironmentAndNeverStoresTheSecret() {
        LiveKitConfigViewModel vm = viewModel(Map.of("LIVEKIT_URL", "wss://p.livekit.cloud",
                "LIVEKIT_API_KEY", "APIabc", "LIVEKIT_API_SECRET", "topsecret"));
        dialogs.connections.push(Optional.of(new ApiSettings("wss://p.livekit.cloud", "APIabc", "topsecret", null)));

        vm.connect();

        ApiSettings prefill = dialogs.connectionPrefills.get(0);
        assertEquals("wss://p.livekit.cloud", prefill.url());
        assertEquals("topsecret", prefill.apiSecret());
        assertEquals(1, fetched.size());
        assertEquals(2, vm.trunks().size() + vm.rules().size());
        for (String key : store.keys("")) {
            assertFalse(store.get(key).contains("topsecret"), key);
        }
        assertEquals(Optional.of("APIabc"), new UserPreferences(store).liveKitApiKey());
    }

    @Test
    void connectPrefillsUrlAndKeyFromLastTimeButNotASecret() {
        new UserPreferences(store).saveLiveKitConnection("https://old.livekit.cloud", "APIold");
        LiveKitConfigViewModel vm = viewModel(Map.of());
        vm.connect();
        assertEquals("https://old.livekit.cloud", dialogs.connectionPrefills.get(0).url());
        assertEquals("", dialogs.connectionPrefills.get(0).apiSecret());
        assertTrue(fetched.isEmpty());
    }

    @Test
    void incompleteSettingsOrAnUnreachableProjectGiveOneClearError() {
        LiveKitConfigViewModel vm = viewModel(Map.of());
        dialogs.connections.push(Optional.of(new ApiSettings("wss://p.livekit.cloud", "", "", null)));
        vm.connect();
        assertTrue(fetched.isEmpty());
        assertEquals(1, dialogs.errors.size());

        failure = new LiveKitConfigException("wss://p.livekit.cloud: unauthorized (401): check the API key and secret");
        dialogs.connections.push(Optional.of(new ApiSettings("wss://p.livekit.cloud", "k", "wrong", null)));
        vm.connect();
        assertEquals("Cannot read the LiveKit project at wss://p.livekit.cloud: "
                + "wss://p.livekit.cloud: unauthorized (401): check the API key and secret", dialogs.errors.get(1));
        assertFalse(dialogs.errors.get(1).contains("wrong"));
    }
}
