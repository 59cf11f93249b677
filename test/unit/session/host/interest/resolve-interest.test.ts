/** The interest, bandwidth and priority options: defaults, conversions, and clear refusals. */
import { describe, expect, it } from 'vitest';
import { field, validateSchema } from '../../../../../engine/src/protocol/schema.js';
import { largestFullRecord, MAX_SNAPSHOT_OVERHEAD, resolveInterest } from '../../../../../engine/src/session/host/interest/resolve-interest.js';

const schema = validateSchema({
  entities: { dot: { x: field.fixed(1, 0, 1000), y: field.fixed(1, 0, 1000) } },
  input: { go: field.bool() },
});

describe('resolveInterest', () => {
  it('is undefined with none of the options: the whole world, shared, as before', () => {
    expect(resolveInterest({}, schema, 30)).toBeUndefined();
  });

  it('fills in the cell size, takes a rule as it is, and turns kbps into bytes per snapshot', () => {
    expect(resolveInterest({ interest: { radius: 500 } }, schema, 30)?.spatial).toMatchObject({ radius: 500, cellSize: 500 });
    expect(resolveInterest({ interest: { radius: 500, cellSize: 125 } }, schema, 30)?.spatial?.cellSize).toBe(125);
    const rule = () => true;
    expect(resolveInterest({ interest: rule }, schema, 30)?.filter).toBe(rule);
    expect(resolveInterest({ bandwidth: { kbps: 64 } }, schema, 30)?.budgetBytes).toBe(266);
    expect(resolveInterest({ bandwidth: { kbps: 64 } }, schema, 20)?.budgetBytes).toBe(400);
    expect(resolveInterest({ bandwidth: { bytesPerSnapshot: 300 } }, schema, 30)?.budgetBytes).toBe(300);
  });

  it('refuses bad values, naming the option and what it must be', () => {
    const refuse = (options: Parameters<typeof resolveInterest>[0], message: RegExp) =>
      expect(() => resolveInterest(options, schema, 30)).toThrow(expect.objectContaining({ code: 'invalid_option', message: expect.stringMatching(message) }));
    refuse({ interest: { radius: 0 } }, /^interest\.radius must be a finite number above 0, got 0/);
    refuse({ interest: { radius: Number.NaN } }, /interest\.radius .* got NaN/);
    refuse({ interest: { radius: 10, cellSize: -1 } }, /^interest\.cellSize must be/);
    refuse({ interest: 'near' as never }, /^interest must be \{ radius \} or a function/);
    refuse({ interest: { radius: 10, position: 3 as never } }, /^interest\.position must be a function, got number/);
    refuse({ bandwidth: { kbps: -5 } }, /^bandwidth\.kbps must be a finite number above 0, got -5/);
    refuse({ bandwidth: { kbps: 5, bytesPerSnapshot: 100 } as never }, /^bandwidth must have exactly one of kbps and bytesPerSnapshot/);
    refuse({ bandwidth: {} as never }, /^bandwidth must have exactly one/);
    refuse({ bandwidth: { bytesPerSnapshot: 300.5 } }, /whole number of bytes/);
    refuse({ priority: () => 1 }, /^priority ranks updates under a bandwidth budget: set bandwidth too/);
  });

  it('refuses a budget that cannot hold the header and the largest full record, naming the least that works', () => {
    const least = MAX_SNAPSHOT_OVERHEAD + largestFullRecord(schema);
    expect(least).toBe(25 + 5 + 1 + 10);
    expect(resolveInterest({ bandwidth: { bytesPerSnapshot: least } }, schema, 30)?.budgetBytes).toBe(least);
    expect(() => resolveInterest({ bandwidth: { bytesPerSnapshot: least - 1 } }, schema, 30)).toThrow(`give at least ${least} bytes per snapshot`);
    expect(() => resolveInterest({ bandwidth: { kbps: 1 } }, schema, 60)).toThrow(/bandwidth\.kbps 1 gives 2 bytes per snapshot at 60 snapshots\/s/);
  });
});
