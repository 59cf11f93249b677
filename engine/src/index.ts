/**
 * tickwire: host-authoritative netcode for browser games over WebRTC.
 * This is the public surface; everything a game needs is exported from here, and nothing else.
 *
 * @module tickwire
 */

// Hosting and joining in one call each.
export { hostGame } from './game/host-game.js';
export type { HostGameOptions, HostedGame } from './game/host-game.js';
export type { LobbyEvents } from './transport/transport.js';
export { joinGame } from './game/join-game.js';
export type { JoinGameOptions } from './game/join-game.js';

// Public lobbies: listed by their hosts, browsed and quick-joined by players.
export { checkPublicLobby, publishLobby } from './game/public-lobby.js';
export type { PublicListing, PublicLobbyOptions } from './game/public-lobby.js';
export type { PublicListingEvents } from './game/listing-keeper.js';
export { listLobbies, quickJoin } from './transport/peerjs/lobby-listing.js';
export type { LobbyListQuery, LobbyPage, OpenLobby, PublicLobby } from './transport/peerjs/lobby-listing.js';

// The game: its schema, its simulation, its messages.
export { field, validateSchema } from './protocol/schema.js';
export type {
  AngleField,
  BoolField,
  EntityOf,
  EntitySchema,
  EntitySchemas,
  EntityTypeOf,
  EnumField,
  FieldType,
  FixedField,
  FieldValue,
  FieldValues,
  GameSchema,
  InputOf,
  IntField,
  QuatField,
  Quaternion,
  ValueOf,
  ValuesOf,
} from './protocol/schema.js';
export type { AnySimulation, PlayerId, Simulation, StepContext } from './session/simulation.js';
export { message } from './session/message-declaration.js';
export type { MessageName, MessageOf, MessageType, MessageTypes, NoMessages, PayloadCheck, PayloadOf } from './session/message-declaration.js';
export type { DeliveryMode } from './session/delivery-mode.js';

// The sessions.
export { Host, createHost } from './session/host/host.js';
export type { HostOptions } from './session/host/host-options.js';
export type {
  BandwidthBudget,
  EntityPriority,
  InterestHostOptions,
  InterestOptions,
  RelevanceFilter,
  SpatialInterest,
  WorldPoint,
} from './session/host/interest/interest-options.js';
export type { HostStats } from './session/host/host-stats.js';
export type { RateLimit } from './session/host/rate-limits.js';
export type { BackpressureLimits } from './session/host/backpressure.js';
export { Client, createClient } from './session/client/client.js';
export type { ClientOptions } from './session/client/client-options.js';
export type { ClientStats } from './session/client/client-stats.js';
export type { GameView } from './session/typed-view.js';
export type { EntityView } from './session/entity-fields.js';
export type { PlayerInfo } from './session/player-info.js';
export type { InputCounts, PlayerInputCounts } from './session/host/input-counts.js';
export type { ClientTunables, HostTunables, SnapshotReliability, ValueCheckOptions, ValueChecks } from './session/options.js';
export type { ClientEvents, GameCallback, GameErrorEvent, HostEvents, StoppedEvent } from './session/session-events.js';

// Host migration: the game outlives its host.
export type { GameHost } from './session/game-host.js';
export type { Succession } from './session/migration/succession.js';
export type { TakeOver } from './session/migration/take-over.js';
export type { CheckpointListing, CheckpointSeat } from './session/migration/checkpoint.js';

// Voice chat: the players talk peer to peer, each voice quieter with distance in the game.
export { startVoice, VoiceChat } from './voice/voice-chat.js';
export type { VoiceEvents, VoiceOptions, VoicePeer } from './voice/voice-chat.js';
export { VoicePort } from './voice/voice-port.js';
export type { VoicePlayerId, VoicePortEvents, VoicePortOptions } from './voice/voice-port.js';
export { playVoice, VoiceAudio } from './voice/voice-audio.js';
export type { VoiceGains } from './voice/voice-audio.js';
export { VoiceProximity } from './voice/voice-proximity.js';
export type { VoicePosition, VoiceSpeaker } from './voice/voice-proximity.js';
export { proximityGain } from './voice/proximity-gain.js';
export type { ProximityFalloff } from './voice/proximity-gain.js';
export { voiceConfiguration } from './voice/voice-configuration.js';
export type { VoiceIceOptions } from './voice/voice-configuration.js';
export { MAX_VOICE_PLAYERS } from './voice/voice-roles.js';
export type { SpeakingOptions } from './voice/speaking.js';
export type { VoiceLinkStats } from './voice/voice-stats.js';
export type { VoiceLinkState, VoiceMeshCounts } from './voice/voice-mesh.js';
export type { VoiceRelayStats } from './voice/voice-relay.js';
export type { VoiceSignal } from './protocol/parse-voice.js';

// Errors, clocks and events.
export { NetError, isNetError } from './core/net-error.js';
export type { NetErrorCode } from './core/net-error.js';
export { ManualClock, systemClock } from './core/clock.js';
export type { CancelTimer, Clock } from './core/clock.js';
export { WorkerClock, workerClock } from './core/worker-clock.js';
export type { TimerSource, WorkerClockOptions } from './core/worker-clock.js';
export type { WakeEvents, WakePort, WakePortFactory } from './core/timer-worker.js';
export { Emitter } from './core/emitter.js';
export type { EmitterOptions, Listener, Unsubscribe } from './core/emitter.js';

// Transports: PeerJS over WebRTC, and loopback for tests and single player.
export * from './transport/index.js';
