/**
 * LiveKit inbound SIP configuration and routing: trunks and dispatch rules as the SDK's protobuf types, loaded
 * from {@code lk ... --json} files ({@link org.sipladder.livekit.ConfigFileLoader}) or the LiveKit API
 * ({@link org.sipladder.livekit.LiveKitApiSource}), and {@link org.sipladder.livekit.RoutingSimulator}, which
 * predicts what LiveKit does with an INVITE as {@code docs/livekit-inbound-routing.md} describes.
 *
 * <p>Decisions the routing notes leave open, and what this package does:
 * <ul>
 *   <li>Cloud or self-hosted: {@link org.sipladder.livekit.RoutingOptions#forLiveKitHost(String)} decides from the
 *       host the INVITE was sent to (or the user states it); without one the simulator assumes LiveKit Cloud and says
 *       so. No trunk matched is never an error: Cloud answers 404 No trunk found, the open-source server goes
 *       on to the wildcard dispatch rules.</li>
 *   <li>Room names of individual and callee rules follow LiveKit's open-source code
 *       ({@code prefix_caller_<random>}, {@code prefix_called[_<random>]}) and are flagged as such.</li>
 *   <li>A rule without agents is predicted to ring until the ringing timeout and end with 486 Rejected; an agent
 *       running without an agent name would join anyway, which configuration cannot show.</li>
 *   <li>Digest credentials are recomputed from the trunk password (never shown) and the challenge LiveKit stored
 *       for the Call-ID, its latest 407 in the capture ({@link org.sipladder.livekit.InboundInvite#challenge()}), as
 *       LiveKit does; where the capture does not show that 407, from the credentials' own realm and nonce.</li>
 *   <li>The SDK's dispatch rule type has no {@code numbers} field; JSON files keep it in
 *       {@link org.sipladder.livekit.LiveKitConfig#ruleNumbers()}, and rules from the API with unknown fields are
 *       flagged in the reasoning.</li>
 * </ul>
 * This package knows nothing of captures or the UI.
 */
package org.sipladder.livekit;
