/**
 * The small pure pieces of voice: the speaking indicator, the fall-off with distance and the
 * helper that applies it (with overrides), and the figures read from a `getStats()` report.
 */
import { describe, expect, it } from 'vitest';
import { proximityGain, checkFalloff } from '../../../engine/src/voice/proximity-gain.js';
import { SpeakingDetector } from '../../../engine/src/voice/speaking.js';
import { VoiceProximity } from '../../../engine/src/voice/voice-proximity.js';
import { readVoiceStats } from '../../../engine/src/voice/voice-stats.js';

describe('the speaking indicator', () => {
  it('turns on at once and off only after the level stays low for the hold', () => {
    const d = new SpeakingDetector({ onLevel: 0.1, offLevel: 0.05, holdMs: 500 });
    expect(d.update(0.01, 0)).toBe(false);
    expect(d.update(0.2, 100)).toBe(true);
    // Between the two levels: still speaking, and the hold has not started.
    expect(d.update(0.07, 200)).toBe(true);
    expect(d.update(0.01, 300)).toBe(true);
    expect(d.update(0.01, 700)).toBe(true);
    expect(d.update(0.01, 800)).toBe(false);
    expect(d.level).toBe(0.01);
  });

  it('restarts the hold when the voice comes back, and takes nonsense as silence', () => {
    const d = new SpeakingDetector({ holdMs: 100 });
    d.update(0.5, 0);
    d.update(0, 50);
    d.update(0.5, 120);
    expect(d.update(0, 200)).toBe(true);
    expect(d.update(Number.NaN, 301)).toBe(false);
    expect(d.level).toBe(0);
    d.update(2, 400);
    expect(d.level).toBe(1);
    d.reset();
    expect(d.speaking).toBe(false);
  });
});

describe('the fall-off with distance', () => {
  const falloff = { fullDistance: 100, silentDistance: 500 };

  it('is full near, silent far, and falls steadily between', () => {
    expect(proximityGain(0, falloff)).toBe(1);
    expect(proximityGain(100, falloff)).toBe(1);
    expect(proximityGain(300, falloff)).toBeCloseTo(0.25);
    expect(proximityGain(500, falloff)).toBe(0);
    expect(proximityGain(10_000, falloff)).toBe(0);
    let last = 1;
    for (let d = 100; d <= 500; d += 10) {
      const g = proximityGain(d, falloff);
      expect(g).toBeLessThanOrEqual(last);
      last = g;
    }
  });

  it('keeps a floor, and takes NaN as far', () => {
    expect(proximityGain(900, { ...falloff, floor: 0.1 })).toBe(0.1);
    expect(proximityGain(300, { ...falloff, floor: 0.2 })).toBeCloseTo(0.2 + 0.8 * 0.25);
    expect(proximityGain(Number.NaN, falloff)).toBe(0);
  });

  it('refuses a fall-off that makes no sense, naming it', () => {
    expect(() => checkFalloff({ fullDistance: 100, silentDistance: 100 })).toThrow(/silentDistance/);
    expect(() => checkFalloff({ fullDistance: -1, silentDistance: 100 })).toThrow(/fullDistance/);
    expect(() => checkFalloff({ fullDistance: 0, silentDistance: 100, floor: 2 })).toThrow(/floor/);
  });
});

describe('proximity voice', () => {
  function setup() {
    const set: [number, number][] = [];
    const proximity = new VoiceProximity({ setGain: (playerId, gain) => set.push([playerId, gain]) }, { fullDistance: 100, silentDistance: 500 });
    return { set, proximity };
  }

  it("sets each speaker's gain from its distance, and only when it changes", () => {
    const { set, proximity } = setup();
    proximity.update({ x: 0, y: 0 }, [
      { playerId: 1, x: 50, y: 0 },
      { playerId: 2, x: 0, y: 300 },
      { playerId: 3, x: 400, y: 300 },
    ]);
    expect(set).toEqual([
      [1, 1],
      [2, expect.closeTo(0.25)],
      [3, 0],
    ]);
    proximity.update({ x: 0, y: 0 }, [{ playerId: 1, x: 60, y: 0 }]);
    expect(set).toHaveLength(3);
    proximity.update({ x: 0, y: 0, z: 0 }, [{ playerId: 1, x: 0, y: 0, z: 300 }]);
    expect(proximity.gain(1)).toBeCloseTo(0.25);
  });

  it('lets the game fix a gain whatever the distance, and give it back', () => {
    const { set, proximity } = setup();
    proximity.override(2, 0.8);
    proximity.update({ x: 0, y: 0 }, [{ playerId: 2, x: 1000, y: 0 }]);
    expect(proximity.gain(2)).toBe(0.8);
    expect(set).toEqual([[2, 0.8]]);
    proximity.override(2, undefined);
    proximity.update({ x: 0, y: 0 }, [{ playerId: 2, x: 1000, y: 0 }]);
    expect(proximity.gain(2)).toBe(0);
  });

  it('plays every voice at full volume while this player has no place in the world', () => {
    const { proximity } = setup();
    proximity.update(undefined, [{ playerId: 4, x: 9999, y: 0 }]);
    expect(proximity.gain(4)).toBe(1);
  });
});

describe('voice link figures', () => {
  it('reads audio packets, levels, the jitter buffer and the round trip from a report', () => {
    const stats = readVoiceStats([
      { id: 'IT', type: 'inbound-rtp', kind: 'audio', packetsReceived: 500, bytesReceived: 40_000, headerBytesReceived: 6000, packetsLost: 2, audioLevel: 0.3, totalAudioEnergy: 1.5, jitterBufferDelay: 12, jitterBufferEmittedCount: 240_000, jitter: 0.002 },
      { id: 'OT', type: 'outbound-rtp', kind: 'audio', packetsSent: 490, bytesSent: 39_000, headerBytesSent: 5880 },
      { id: 'S', type: 'media-source', kind: 'audio', audioLevel: 0.2 },
      { id: 'T', type: 'transport', selectedCandidatePairId: 'CP' },
      { id: 'CP', type: 'candidate-pair', currentRoundTripTime: 0.004, localCandidateId: 'L', remoteCandidateId: 'R' },
      { id: 'L', type: 'local-candidate', candidateType: 'relay' },
      { id: 'R', type: 'remote-candidate', candidateType: 'relay' },
      { id: 'IV', type: 'inbound-rtp', kind: 'video', packetsReceived: 99 },
    ]);
    expect(stats).toEqual({
      packetsReceived: 500,
      bytesReceived: 46_000,
      packetsLost: 2,
      packetsSent: 490,
      bytesSent: 44_880,
      audioLevel: 0.3,
      totalAudioEnergy: 1.5,
      sourceLevel: 0.2,
      jitterBufferDelayMs: 0.05,
      jitterBufferTotalMs: 12_000,
      jitterBufferSamples: 240_000,
      jitterMs: 2,
      rttMs: 4,
      localCandidate: 'relay',
      remoteCandidate: 'relay',
    });
  });

  it('gives zeros and nothing made up for an empty report', () => {
    expect(readVoiceStats([])).toMatchObject({ packetsReceived: 0, audioLevel: 0, jitterBufferDelayMs: undefined, rttMs: undefined, localCandidate: undefined });
  });
});
