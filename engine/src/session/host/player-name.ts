/**
 * Player names as the host hands them out. A name comes from a stranger's `hello` and ends up in
 * every player's lobby list and in the dedicated host's log, so the host alone decides it, once,
 * and everything after (events, `players()`, `playerJoined` to the others) carries that result:
 *
 * 1. Lone surrogates and U+FFFD go: neither is text anyone typed (the codec turns a lone surrogate
 *    into U+FFFD on the way), and a lone one would break whatever encodes the name next.
 * 2. NFC, so one name has one spelling.
 * 3. Controls, format characters (bidi overrides and isolates among them) and other default-ignorable
 *    code points go: they can forge or clear a log line, reorder what follows, or make a name look
 *    blank. Whitespace (line breaks and tabs too) becomes a space instead, so words stay apart.
 *    Kept: variation selectors, and the zero-width joiners between two visible characters, which
 *    emoji sequences and several scripts need.
 * 4. Runs of whitespace become one space; the ends are trimmed.
 * 5. At most {@link MAX_NAME_CODE_POINTS} code points, and never more UTF-16 units than `playerJoined`
 *    may carry, cut between code points (a surrogate pair stays whole).
 * 6. Empty after all that: the fallback (`player N`).
 * 7. A name that another player in the lobby already has, ignoring case and compatibility forms, gets
 *    ` (2)`, ` (3)`, ... with the name cut shorter first, so the result keeps within the bound.
 */
import { MAX_PLAYER_NAME_LENGTH } from '../../protocol/message-limits.js';
import { boundText } from '../text-bounds.js';

/** The longest name the host gives a player, in code points. */
export const MAX_NAME_CODE_POINTS = 24;

const NOT_TEXT = /[\p{Cs}\uFFFD]/gu;
const INVISIBLE = /(?![\u200C\u200D\p{White_Space}\p{Variation_Selector}])[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
/** A joiner with nothing visible on one side of it joins nothing, and only hides in the name. */
const STRAY_JOINER = /(?<![\p{L}\p{M}\p{N}\p{P}\p{S}])[\u200C\u200D]|[\u200C\u200D](?![\p{L}\p{M}\p{N}\p{P}\p{S}])/gu;
const WHITESPACE = /\p{White_Space}+/gu;
/** What two names that look alike have in common (the key uniqueness is checked on). */
const UNSEEN_IN_COMPARISON = /[\p{Variation_Selector}\u200C\u200D]/gu;

/** `raw` cleaned and bounded (steps 1 to 5); empty when nothing visible is left. */
export function cleanPlayerName(raw: string): string {
  const visible = raw.replace(NOT_TEXT, '').normalize('NFC').replace(INVISIBLE, '');
  return fit(tidy(visible), 0);
}

/** `name` (already clean) made different from every name in `taken` (step 7). */
export function uniquePlayerName(name: string, taken: Iterable<string>): string {
  const keys = new Set<string>();
  for (const other of taken) keys.add(comparisonKey(other));
  if (!keys.has(comparisonKey(name))) return name;
  // Ends: `taken` is finite, and each round tries a name no earlier round tried.
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${fit(name, suffix.length)}${suffix}`;
    if (!keys.has(comparisonKey(candidate))) return candidate;
  }
}

/** The name the host gives a player who asked for `raw`, with `taken` already in the lobby. */
export function normalisePlayerName(raw: string, fallback: string, taken: Iterable<string>): string {
  return uniquePlayerName(cleanPlayerName(raw) || cleanPlayerName(fallback), taken);
}

/** `name` cut to leave `room` code points (ASCII to come) within both bounds, its end tidied again. */
function fit(name: string, room: number): string {
  return tidy(boundText(name, MAX_NAME_CODE_POINTS - room, MAX_PLAYER_NAME_LENGTH - room));
}

function tidy(text: string): string {
  return text.replace(STRAY_JOINER, '').replace(WHITESPACE, ' ').trim();
}

function comparisonKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(UNSEEN_IN_COMPARISON, '');
}
