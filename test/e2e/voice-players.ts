/**
 * Driving the demo's voice chat in Chromium: a browser whose microphone is Chromium's fake one (a
 * beeping tone) with the permission granted by its fake prompt, or one whose prompt refuses; the
 * voice button, and the figures each page reads from its voice links' `getStats()`.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import type { VoiceLinkStats } from '../../engine/src/index.js';
import type { VoiceState } from '../../game-demo/src/net/voice-session.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.js';
import { waitFor } from '../support/wait.js';

/** A fake microphone (a tone), and a fake permission prompt that says yes, or none (which refuses). */
export function launchVoiceChromium(permission: 'granted' | 'refused'): Promise<Browser> {
  const media = permission === 'granted' ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] : ['--use-fake-device-for-media-stream'];
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, ...media, '--autoplay-policy=no-user-gesture-required'] });
}

export function voiceState(page: Page): Promise<VoiceState> {
  return page.evaluate(() => window.tickwireVoice.state());
}

/** `page`'s figures for its voice link with `playerId`, once it has one. */
export function voiceStats(page: Page, playerId: number): Promise<VoiceLinkStats | undefined> {
  return page.evaluate((id) => window.tickwireVoice.stats(id), playerId);
}

/** Presses the voice button and waits until voice is on (or, for `expect: 'unavailable'`, refused). */
export async function turnVoiceOn(page: Page, expect: 'on' | 'unavailable' = 'on'): Promise<VoiceState> {
  await page.getByTestId('voice-toggle').click();
  return waitFor(async () => {
    const state = await voiceState(page);
    return state.status === expect ? state : undefined;
  }, `voice to be ${expect}`);
}

/**
 * Waits until `page` hears `from`: audio packets arriving and growing between two readings, with
 * a level above zero at some reading (the fake microphone beeps, with silence between beeps).
 */
export async function hears(page: Page, from: number, timeoutMs = 30_000): Promise<VoiceLinkStats> {
  let first: VoiceLinkStats | undefined;
  let loud = false;
  let last: VoiceLinkStats | undefined;
  try {
    return await waitFor(
    async () => {
      const stats = await voiceStats(page, from);
      last = stats;
      if (!stats || stats.packetsReceived === 0) return undefined;
      loud ||= stats.audioLevel > 0 || stats.totalAudioEnergy > 0;
      first ??= stats;
      return loud && stats.packetsReceived > first.packetsReceived + 10 ? stats : undefined;
    },
    `player ${from}'s voice to be heard`,
    timeoutMs,
    100,
  );
  } catch (error) {
    const state = await voiceState(page).catch(() => undefined);
    throw new Error(`${(error as Error).message}; voice ${JSON.stringify(state)}; link figures ${JSON.stringify(last)}`, { cause: error });
  }
}

/** Waits until no audio packet from `from` has reached `page` for a whole second. */
export async function silent(page: Page, from: number): Promise<number> {
  let last = -1;
  return waitFor(
    async () => {
      const packets = (await voiceStats(page, from))?.packetsReceived ?? 0;
      const still = packets === last;
      last = packets;
      return still ? packets : undefined;
    },
    `player ${from}'s packets to stop`,
    20_000,
    1000,
  );
}

/** The gain `page` plays `from` at. */
export async function gainFor(page: Page, from: number): Promise<number | undefined> {
  return (await voiceState(page)).peers.find((p) => p.playerId === from)?.gain;
}
