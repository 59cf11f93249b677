/**
 * Bounds that validation enforces on every message, so a peer cannot make another allocate or loop
 * without limit. Sizes of whole messages are bounded earlier, by the channel, before decoding.
 */

/** The longest player name, in UTF-16 code units. */
export const MAX_PLAYER_NAME_LENGTH = 32;
/** The longest reason code in `refuse` and `playerLeft` (e.g. `version_mismatch`). */
export const MAX_REASON_LENGTH = 32;
/** The longest human-readable message in `refuse`. */
export const MAX_REFUSE_MESSAGE_LENGTH = 200;
/** The most ticks of input one `input` message carries (the newest plus redundant repeats). */
export const MAX_INPUTS_PER_MESSAGE = 16;
/** The most ticks an input's view may lie behind the input's own tick (about 8.5 s at 120 Hz). */
export const MAX_VIEW_AGE = 1023;
/** The most parts one snapshot may be split into. */
export const MAX_SNAPSHOT_PARTS = 64;
/** The most entity records, and separately the most removed ids, in one snapshot part. */
export const MAX_ENTITIES_PER_PART = 16384;
/**
 * The largest entity id: ids are 32-bit, so a game whose ids only grow (a new one for every
 * projectile) need not recycle them; they travel as gaps, so a large id costs no more than a small one.
 */
export const MAX_ENTITY_ID = 0xffffffff;
/** The largest player id: ids are 16-bit. */
export const MAX_PLAYER_ID = 0xffff;
/** The largest tick: ticks are 32-bit and do not wrap (2.2 years at 60 Hz). */
export const MAX_TICK = 0xffffffff;
/** The largest game message type: types are 8-bit. */
export const MAX_GAME_MESSAGE_TYPE = 0xff;
/** How deeply arrays and objects may nest in a game message payload. */
export const MAX_PAYLOAD_DEPTH = 16;
/** The highest tick or snapshot rate a `welcome` may announce, in Hz. */
export const MAX_RATE_HZ = 1000;
/** Extra trailing fields a `hello` may carry, so a newer client still gets a `version_mismatch`. */
export const MAX_HELLO_EXTRA_FIELDS = 4;
/** The longest game version a `hello` carries (the game's own `version` option). */
export const MAX_GAME_VERSION_LENGTH = 64;
/** The longest seat token in `hello` and `welcome`. */
export const MAX_RESUME_TOKEN_LENGTH = 64;
/** The longest seat-keeping window a `welcome` may announce, in ms (one hour). */
export const MAX_RESUME_WINDOW_MS = 3_600_000;
/** The default size limit of one snapshot part: one SCTP packet on an unreliable channel. */
export const DEFAULT_SNAPSHOT_PART_BYTES = 1150;
/** A tick field that holds no tick: no snapshot acked yet, no input received yet, no baseline. */
export const NO_TICK = -1;
/** A player id field that names no player: a host that only serves has no player of its own. */
export const NO_PLAYER = -1;
/** Players named in a `heirs` message. */
export const MAX_HEIRS = 8;
/** Bytes of a checkpoint in one `checkpoint` message: a control message stays under 64 KiB. */
export const CHECKPOINT_CHUNK_BYTES = 60_000;
/** Chunks of one checkpoint: at most about 3.8 MB in all. */
export const MAX_CHECKPOINT_PARTS = 64;
