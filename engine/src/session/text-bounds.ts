/**
 * Text cut to what a message may carry. The wire bounds strings in UTF-16 units, and a cut inside
 * a surrogate pair would leave half a character, so every cut here falls between code points.
 */

/** `text` cut between code points to at most `max` UTF-16 units: what a client may send as its name. */
export function cutToUnits(text: string, max: number): string {
  return boundText(text, Number.MAX_SAFE_INTEGER, max);
}

/** The longest start of `text` within both `maxCodePoints` code points and `maxUnits` UTF-16 units. */
export function boundText(text: string, maxCodePoints: number, maxUnits: number): string {
  let out = '';
  let count = 0;
  for (const char of text) {
    if (count === maxCodePoints || out.length + char.length > maxUnits) break;
    out += char;
    count++;
  }
  return out;
}
