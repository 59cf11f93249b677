/**
 * tickwire: host-authoritative netcode for browser games over WebRTC.
 * This is the public surface; everything a game needs is exported from here.
 */
export { ManualClock, systemClock } from './core/clock.js';
export type { CancelTimer, Clock } from './core/clock.js';
export { WorkerClock, workerClock } from './core/worker-clock.js';
export type { TimerSource, WorkerClockOptions } from './core/worker-clock.js';
export type { WakeEvents, WakePort, WakePortFactory } from './core/timer-worker.js';
export { Emitter } from './core/emitter.js';
export type { EmitterOptions, Listener, Unsubscribe } from './core/emitter.js';
export { NetError, isNetError } from './core/net-error.js';
export type { NetErrorCode } from './core/net-error.js';
export { TickRing } from './core/ring-buffer.js';
export { createRng } from './core/rng.js';
export type { Rng } from './core/rng.js';
export { nextSequence, sequenceDiff, sequenceNewer } from './core/sequence.js';
export * from './transport/index.js';
export { field, validateSchema } from './protocol/schema.js';
export type { EntitySchema, FieldType, FieldValue, FieldValues, GameSchema, Quaternion } from './protocol/schema.js';
export type { SnapshotEntity } from './protocol/snapshot.js';
export { PROTOCOL_VERSION } from './protocol/message-kinds.js';
export { StateHistory } from './netcode/lag-compensation.js';
export type { RewindSample } from './netcode/lag-compensation.js';
export * from './session/index.js';
