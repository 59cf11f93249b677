/**
 * The protocol layer: message kinds and version, the msgpack codec, validation of decoded data
 * into typed messages, quantization, and snapshot deltas and splitting. Imports only `core/`.
 */
export { field, validateSchema, MAX_ENTITY_TYPES, MAX_FIELDS, MAX_QUANTIZED, MAX_QUAT_BITS } from './schema.js';
export type {
  AngleField,
  BoolField,
  EntitySchema,
  EnumField,
  FieldType,
  FieldValue,
  FieldValues,
  FixedField,
  GameSchema,
  IntField,
  QuatField,
  Quaternion,
} from './schema.js';
export { dequantizeQuat, isValidQuat, maxQuatQuantized, quantizeQuat } from './quaternion.js';
export { entityLayout, popcount, schemaLayout } from './schema-layout.js';
export type { EntityLayout, SchemaLayout } from './schema-layout.js';
export {
  dequantizeField,
  dequantizeValues,
  isValidQuantized,
  maxQuantized,
  neutralValue,
  quantizeField,
  quantizeValues,
} from './quantize.js';
export { accept, refuse } from './result.js';
export type { ParseResult } from './result.js';
export { decodeMessage, encodeMessage } from './codec.js';
export { MessageKind, PROTOCOL_VERSION, messageKindName } from './message-kinds.js';
export type { MessageKindCode, MessageKindName } from './message-kinds.js';
export * from './message-limits.js';
export type {
  EntityRecord,
  GameMessage,
  HelloMessage,
  InputMessage,
  Message,
  MessageOf,
  PingMessage,
  PlayerJoinedMessage,
  PlayerLeftMessage,
  PongMessage,
  RefuseMessage,
  SnapshotHeader,
  SnapshotMessage,
  WelcomeMessage,
} from './messages.js';
export { messageToWire, writeMessage } from './encode-message.js';
export { parseMessage, readMessage } from './parse-message.js';
export type { ParseContext } from './parse-message.js';
export { readEntityRecord } from './parse-state.js';
export { isPlainPayload } from './parse-payload.js';
export { dequantizeEntity, quantizeSnapshot } from './snapshot.js';
export type { DequantizedEntity, QuantizedEntity, QuantizedSnapshot, SnapshotEntity } from './snapshot.js';
export { applyDelta, applyDeltaInto, diffSnapshot } from './snapshot-delta.js';
export type { AppliedDelta, SnapshotDelta } from './snapshot-delta.js';
export { planSnapshotParts, splitSnapshot } from './snapshot-split.js';
export { SnapshotAssembler } from './snapshot-assembler.js';
export type { AssembledPart, SnapshotAssemblerOptions } from './snapshot-assembler.js';
