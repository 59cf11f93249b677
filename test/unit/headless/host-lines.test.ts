/** The dedicated host's `lobby` line: at first, and again when the broker gave the lobby a new code. */
import { describe, expect, it } from 'vitest';
import { describeHostLine, type HostLobbyLine } from '../../../game-demo/headless/host-lines.js';

const LOBBY: HostLobbyLine = {
  event: 'lobby',
  code: 'ABC234',
  broker: 'http://127.0.0.1:9000',
  joinLink: 'http://127.0.0.1:9000/?join=ABC234',
  tickRate: 60,
  snapshotRate: 30,
  snapshotReliability: 'unreliable',
  maxPlayers: 8,
};

describe('the lobby line', () => {
  it('names the code and how to join', () => {
    const text = describeHostLine(LOBBY);
    expect(text).toContain('lobby ABC234 is open on http://127.0.0.1:9000');
    expect(text).toContain('npm run bots -- --code ABC234');
    expect(text).not.toContain('new code');
  });

  it('says which code a new one replaces', () => {
    const text = describeHostLine({ ...LOBBY, code: 'XYZ789', joinLink: 'http://127.0.0.1:9000/?join=XYZ789', previous: 'ABC234' });
    expect(text.split('\n')).toEqual([
      'tickwire host: the broker gave the lobby a new code; ABC234 leads nowhere now',
      expect.stringContaining('lobby XYZ789 is open'),
      expect.stringContaining('join at http://127.0.0.1:9000/?join=XYZ789, or: npm run bots -- --code XYZ789'),
    ]);
  });
});
