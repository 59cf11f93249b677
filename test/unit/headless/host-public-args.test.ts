/** The dedicated host's `--public`, `--name` and `--mode`, checked as the engine checks a public lobby. */
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../game-demo/headless/args.js';
import { parseHostArgs } from '../../../game-demo/headless/host-args.js';
import { thrownBy } from '../../support/thrown-by.js';

function refusal(argv: readonly string[]): string {
  const error = thrownBy(() => parseHostArgs(argv));
  expect(error).toBeInstanceOf(UsageError);
  return (error as Error).message;
}

describe('the dedicated host on the public list', () => {
  it('is not listed unless asked, and is listed as an arena named after this machine with --public', () => {
    expect(parseHostArgs([]).publicLobby).toBeUndefined();
    expect(parseHostArgs(['--public']).publicLobby).toEqual({ name: `arena on ${hostname()}`.slice(0, 48), mode: 'arena' });
    expect(parseHostArgs(['--public', '--name', '  Friday night  ', '--mode', 'ctf-2v2']).publicLobby).toEqual({ name: 'Friday night', mode: 'ctf-2v2' });
  });

  it('refuses a name or mode the broker would refuse, naming the flag, and either without --public', () => {
    expect(refusal(['--public', '--name', ' '])).toMatch(/^--name must be 1 to 48 characters/);
    expect(refusal(['--public', '--name', 'x'.repeat(49)])).toMatch(/^--name must be 1 to 48 characters/);
    expect(refusal(['--public', '--mode', 'Free For All'])).toMatch(/^--mode must be 1 to 32 of a-z 0-9/);
    expect(refusal(['--name', 'mine'])).toBe('--name names the public listing: add --public');
    expect(refusal(['--mode', 'arena'])).toBe('--mode names the public listing: add --public');
  });
});
