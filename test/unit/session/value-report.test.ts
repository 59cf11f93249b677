import { describe, expect, it, vi } from 'vitest';
import { isNetError } from '../../../engine/src/core/net-error.js';
import { field, type FieldValues } from '../../../engine/src/protocol/schema.js';
import type { SnapshotEntity } from '../../../engine/src/protocol/snapshot.js';
import type { ValueCheckOptions } from '../../../engine/src/session/options.js';
import { ValueReport } from '../../../engine/src/session/value-report.js';
import { thrownBy } from '../../support/thrown-by.js';

const x = field.fixed(0.01, -1000, 1000);

function ship(id: number, values: FieldValues): SnapshotEntity {
  return { id, type: 'ship', values };
}

describe('ValueReport', () => {
  it('says the first of each entity type, field and kind, names the value and the range, and counts them all', () => {
    const warnings: string[] = [];
    const report = new ValueReport({ warn: (m) => warnings.push(m) });
    report.entity(ship(3, { x: Number.NaN }), 'x', x, 'not_finite');
    report.entity(ship(4, { x: Infinity }), 'x', x, 'not_finite');
    report.entity(ship(3, { x: 5000 }), 'x', x, 'out_of_range');
    report.entity(ship(3, {}), 'y', x, 'missing');
    report.entity({ id: 9, type: 'rock', values: { x: Number.NaN } }, 'x', x, 'not_finite');
    report.entity({ id: 2, type: 'flag', values: { team: 'green' } }, 'team', field.enum(['red', 'blue']), 'unknown_enum');
    expect(warnings).toEqual([
      'tickwire: entity "ship" 3 field "x" = NaN, not a finite number; sent as 0 (range -1000..1000). Further NaN or infinite values of ship.x are counted in stats().valueProblems, not logged.',
      'tickwire: entity "ship" 3 field "x" = 5000, out of range; sent as 1000 (range -1000..1000). Further out-of-range values of ship.x are counted in stats().valueProblems, not logged.',
      'tickwire: entity "ship" 3 field "y" is missing; sent as 0 (range -1000..1000). Further missing values of ship.y are counted in stats().valueProblems, not logged.',
      'tickwire: entity "rock" 9 field "x" = NaN, not a finite number; sent as 0 (range -1000..1000). Further NaN or infinite values of rock.x are counted in stats().valueProblems, not logged.',
      'tickwire: entity "flag" 2 field "team" = "green", not one of "red", "blue"; sent as "red". Further unknown values of flag.team are counted in stats().valueProblems, not logged.',
    ]);
    expect(report.count).toBe(6);
  });

  it('keeps inputs apart from entities', () => {
    const warnings: string[] = [];
    const report = new ValueReport({ warn: (m) => warnings.push(m) });
    report.input('fire', field.bool(), 1, 'wrong_type');
    report.input('fire', field.bool(), 2, 'wrong_type');
    report.entity({ id: 0, type: 'input', values: { fire: 1 } }, 'fire', field.bool(), 'wrong_type');
    expect(warnings).toEqual([
      'tickwire: input field "fire" = 1, not a boolean; sent as true. Further wrong-type values of input.fire are counted in stats().valueProblems, not logged.',
      'tickwire: entity "input" 0 field "fire" = 1, not a boolean; sent as true. Further wrong-type values of input.fire are counted in stats().valueProblems, not logged.',
    ]);
    expect(report.count).toBe(3);
  });

  it("throws NetError('invalid_value') for every one with validate: 'throw'", () => {
    const warnings: string[] = [];
    const report = new ValueReport({ validate: 'throw', warn: (m) => warnings.push(m) });
    for (let i = 0; i < 2; i++) {
      const error = thrownBy(() => report.input('dx', field.fixed(0.01, -1, 1), 2, 'out_of_range'));
      expect(isNetError(error, 'invalid_value')).toBe(true);
      expect((error as Error).message).toBe(`input field "dx" = 2, out of range; it would be sent as 1 (range -1..1) (validate: 'throw')`);
    }
    expect(warnings).toEqual([]);
    expect(report.count).toBe(2);
  });

  it("only counts with validate: 'off'", () => {
    const warnings: string[] = [];
    const report = new ValueReport({ validate: 'off', warn: (m) => warnings.push(m) });
    report.entity(ship(1, { x: Number.NaN }), 'x', x, 'not_finite');
    report.input('dx', x, Number.NaN, 'not_finite');
    expect(warnings).toEqual([]);
    expect(report.count).toBe(2);
  });

  it('says it on console.warn when no sink is given', () => {
    const said = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      new ValueReport({}).input('dx', x, Number.NaN, 'not_finite');
      expect(said).toHaveBeenCalledTimes(1);
      expect(said.mock.calls[0]![0]).toContain('input field "dx" = NaN');
    } finally {
      said.mockRestore();
    }
  });

  it("refuses a bad validate or warn with NetError('invalid_option') naming it", () => {
    const bad: [ValueCheckOptions, string][] = [
      [{ validate: 'loud' as unknown as 'warn' }, 'validate'],
      [{ warn: 'console' as unknown as () => void }, 'warn'],
    ];
    for (const [options, name] of bad) {
      const error = thrownBy(() => new ValueReport(options));
      expect(isNetError(error, 'invalid_option')).toBe(true);
      expect((error as Error).message.startsWith(`${name} must be`)).toBe(true);
    }
  });
});
