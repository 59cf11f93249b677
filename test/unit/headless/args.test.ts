import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../game-demo/headless/args.js';
import { parseBotsArgs } from '../../../game-demo/headless/bots-args.js';
import { parseHostArgs } from '../../../game-demo/headless/host-args.js';
import { parseLoadArgs } from '../../../game-demo/headless/load-args.js';

describe('headless flags', () => {
  it('gives the host the engine defaults and the local broker', () => {
    expect(parseHostArgs([])).toEqual({
      help: false,
      json: false,
      broker: 'http://127.0.0.1:9000',
      iceServers: undefined,
      tunables: { tickRate: 60, snapshotRate: 30, snapshotReliability: 'unreliable', maxPlayers: 8 },
      statsEvery: 5,
    });
  });

  it('reads the host flags of the issue, and ICE servers as JSON', () => {
    const options = parseHostArgs(['--tick-rate', '60', '--max-players', '16', '--broker', 'http://10.0.0.2:9100/', '--ice-servers', '[{"urls":"stun:10.0.0.2:3478"}]']);
    expect(options.tunables).toMatchObject({ tickRate: 60, maxPlayers: 16 });
    expect(options.broker).toBe('http://10.0.0.2:9100');
    expect(options.iceServers).toEqual([{ urls: 'stun:10.0.0.2:3478' }]);
  });

  it('names the flag in every refusal', () => {
    const refusal = (parse: () => unknown) => {
      try {
        parse();
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refusal(() => parseHostArgs(['--tick-rate', '61abc']))).toMatch(/--tick-rate must be an integer/);
    expect(refusal(() => parseHostArgs(['--tick-rate', '200']))).toMatch(/--tick-rate must be an integer from 20 to 120/);
    expect(refusal(() => parseHostArgs(['--tick-rate', '60', '--snapshot-rate', '7']))).toMatch(/--snapshot-rate must divide --tick-rate 60/);
    expect(refusal(() => parseHostArgs(['--max-players', '65']))).toMatch(/--max-players/);
    expect(refusal(() => parseHostArgs(['--broker', 'ftp://x']))).toMatch(/--broker must use http/);
    expect(refusal(() => parseHostArgs(['--ice-servers', '[{]']))).toMatch(/--ice-servers is not valid JSON/);
    expect(refusal(() => parseHostArgs(['--tickrate', '60']))).toMatch(/--tickrate/);
    expect(refusal(() => parseBotsArgs([]))).toMatch(/--code is required/);
    expect(refusal(() => parseBotsArgs(['--code', 'K7QX2M', '--count', '0']))).toMatch(/--count must be an integer from 1 to 64/);
    expect(refusal(() => parseBotsArgs(['--code', 'K7QX2M', '--behaviour', 'angry']))).toMatch(/--behaviour must be one of mixed, wander, chase/);
    expect(refusal(() => parseLoadArgs(['--counts', '4,x']))).toMatch(/--counts must be integers/);
  });

  it('reads the bots flags of the issue', () => {
    expect(parseBotsArgs(['--code', ' k7qx2m ', '--count', '8'])).toMatchObject({ code: 'K7QX2M', count: 8, behaviour: 'mixed', namePrefix: 'bot', reportEvery: 5 });
  });

  it('sorts and dedupes the load test lists', () => {
    expect(parseLoadArgs(['--counts', '16,4,4', '--rates', '60'])).toMatchObject({ counts: [4, 16], rates: [60], seconds: 10 });
  });
});
