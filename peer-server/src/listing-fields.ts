/**
 * Reading the public list's requests: a listing's fields from a host, a page's query, a quick
 * join's mode. Each reader returns the checked value or a problem that names the field and what it
 * must be, for a 400. A lobby name is shown to anyone who lists lobbies, so it is normalised here,
 * once, as the engine normalises player names: no lone surrogates, NFC, no controls, format or other
 * invisible characters (whitespace becomes a space), runs of whitespace made one, ends trimmed.
 */
import { MAX_LISTING_NAME, MAX_LISTING_SEATS, MAX_PAGE_LIMIT, isRank, type ListingFields, type PageQuery } from './lobby-listings.js';

/** A value, or why the request cannot have it. */
export type Read<T> = { readonly value: T } | { readonly problem: string };

/** Lobbies on a page when the query does not say. */
export const DEFAULT_PAGE_LIMIT = 20;

const MODE_PATTERN = /^[a-z0-9][a-z0-9._-]{0,31}$/;
const MODE_RULE = '1 to 32 of a-z 0-9 . _ - (starting with a letter or digit)';
/** Longer than any name that could normalise to `MAX_LISTING_NAME` code points and still be honest. */
const MAX_RAW_NAME = 4 * MAX_LISTING_NAME;

const NOT_TEXT = /[\p{Cs}\uFFFD]/gu;
const INVISIBLE = /(?![\u200C\u200D\p{White_Space}\p{Variation_Selector}])[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
const WHITESPACE = /\p{White_Space}+/gu;

/** A lobby name as lists show it; empty when nothing visible is left. */
export function normaliseLobbyName(raw: string): string {
  return raw.replace(NOT_TEXT, '').normalize('NFC').replace(INVISIBLE, '').replace(WHITESPACE, ' ').trim();
}

function readName(value: unknown): Read<string> {
  if (typeof value !== 'string') return { problem: '"name" must be a string' };
  if (value.length > MAX_RAW_NAME) return { problem: `"name" must be at most ${MAX_LISTING_NAME} characters` };
  const name = normaliseLobbyName(value);
  if (name === '') return { problem: '"name" must have a visible character' };
  if ([...name].length > MAX_LISTING_NAME) return { problem: `"name" must be at most ${MAX_LISTING_NAME} characters` };
  return { value: name };
}

/** A game mode, from a body or a query. */
export function readMode(value: unknown): Read<string> {
  if (typeof value !== 'string' || !MODE_PATTERN.test(value)) return { problem: `"mode" must be ${MODE_RULE}` };
  return { value };
}

function readCount(value: unknown, key: string, min: number, max: number): Read<number> {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    return { problem: `"${key}" must be an integer from ${min} to ${max}` };
  }
  return { value };
}

/** The listing fields of a body already known to be an object. */
export function readListingFields(body: Record<string, unknown>): Read<ListingFields> {
  const name = readName(body.name);
  if ('problem' in name) return name;
  const mode = readMode(body.mode);
  if ('problem' in mode) return mode;
  const seats = readCount(body.seats, 'seats', 1, MAX_LISTING_SEATS);
  if ('problem' in seats) return seats;
  const players = readCount(body.players, 'players', 0, seats.value);
  if ('problem' in players) return { problem: `${players.problem} (the lobby's seats)` };
  return { value: { name: name.value, mode: mode.value, players: players.value, seats: seats.value } };
}

/** One query parameter: absent, or given once as text. */
function queryText(query: Record<string, unknown>, key: string): Read<string | undefined> {
  const value = query[key];
  if (value === undefined || typeof value === 'string') return { value };
  return { problem: `"${key}" must be given at most once, as plain text` };
}

/** `GET /api/lobbies?mode=&cursor=&limit=`: a `limit` above the most a page holds is cut to it. */
export function readPageQuery(query: Record<string, unknown>): Read<PageQuery> {
  const [mode, cursor, limit] = [queryText(query, 'mode'), queryText(query, 'cursor'), queryText(query, 'limit')];
  if ('problem' in mode) return mode;
  if ('problem' in cursor) return cursor;
  if ('problem' in limit) return limit;
  const checkedMode = mode.value === undefined ? { value: undefined } : readMode(mode.value);
  if ('problem' in checkedMode) return checkedMode;
  if (cursor.value !== undefined && !isRank(cursor.value)) return { problem: '"cursor" must be the "next" of an earlier page' };
  let pageLimit = DEFAULT_PAGE_LIMIT;
  if (limit.value !== undefined) {
    if (!/^\d{1,9}$/.test(limit.value) || Number(limit.value) < 1) return { problem: `"limit" must be a whole number of at least 1 (a page holds at most ${MAX_PAGE_LIMIT})` };
    pageLimit = Math.min(MAX_PAGE_LIMIT, Number(limit.value));
  }
  return { value: { mode: checkedMode.value, after: cursor.value, limit: pageLimit } };
}

/** `POST /api/quick-join`'s body: `{}` for any mode, or `{"mode"}`. */
export function readQuickJoin(body: unknown): Read<string | undefined> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { problem: 'the body must be a JSON object' };
  const { mode } = body as Record<string, unknown>;
  return mode === undefined ? { value: undefined } : readMode(mode);
}
