/**
 * netcode: the pure algorithms of layer 4. No timers, no I/O: time comes in as numbers.
 * See README.md for what each file is responsible for.
 */
export { ClockSync } from './clock-sync.js';
export type { ClockSyncOptions, HostClockEstimate } from './clock-sync.js';
export { DEFAULT_LEAD, TickTimeline, targetLeadMs } from './tick-timeline.js';
export type { LeadOptions } from './tick-timeline.js';
export { DilatedClock } from './dilated-clock.js';
export type { DilatedClockOptions } from './dilated-clock.js';
export { TickPacer } from './tick-pacer.js';
export type { TickPacerOptions } from './tick-pacer.js';
export { ClientTickClock } from './client-tick-clock.js';
export type { ClientTickClockOptions } from './client-tick-clock.js';
export { InputBuffer } from './input-buffer.js';
export type { InputBufferOptions, InputBufferStats, InsertResult } from './input-buffer.js';
export { InputHistory } from './input-history.js';
export type { InputHistoryOptions, TickInput } from './input-history.js';
export { SnapshotBuffer } from './snapshot-buffer.js';
export type { BufferSample, SampleMode, SnapshotBufferOptions, TickState } from './snapshot-buffer.js';
export { angleDelta, interpolate, lerp, lerpAngle } from './interpolate.js';
export type { InterpolateOptions, NumericKey } from './interpolate.js';
export { nlerp, quaternionAngle } from './quaternion-blend.js';
export type { Quat } from './quaternion-blend.js';
export { SnapshotArrival } from './snapshot-arrival.js';
export { InterpolationDelay } from './interpolation-delay.js';
export type { InterpolationDelayOptions } from './interpolation-delay.js';
export { InterpolationClock } from './interpolation-clock.js';
export type { InterpolationClockOptions } from './interpolation-clock.js';
export { Reconciler } from './reconciler.js';
export type { InputSource, ReconcileResult, ReconcilerOptions } from './reconciler.js';
export { CorrectionSmoother } from './correction-smoother.js';
export type { CorrectionSmootherOptions } from './correction-smoother.js';
export { StateHistory } from './lag-compensation.js';
export type { RewindSample, StateHistoryOptions } from './lag-compensation.js';
