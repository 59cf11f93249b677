import { describe, expect, it } from 'vitest';
import { LinkAdmission, MAX_OPENING_LINKS, MAX_SIGNAL_REFUSALS } from '../../../engine/src/transport/peerjs/link-admission.js';

const none = { total: 0, opening: 0, sender: 'none' } as const;

describe('LinkAdmission', () => {
  it('caps links held and links still opening', () => {
    const admission = new LinkAdmission(64);
    expect(admission.admits('a', { ...none, total: 63, opening: 15 })).toBe(true);
    expect(admission.admits('a', { ...none, total: 64, opening: 0 })).toBe(false);
    expect(admission.admits('a', { ...none, total: 20, opening: MAX_OPENING_LINKS })).toBe(false);
    expect(new LinkAdmission(8).admits('a', { ...none, total: 8, opening: 0 })).toBe(false);
  });

  it('lets a peer retry its own opening link, but gives a peer that is in no second one', () => {
    const admission = new LinkAdmission(4);
    expect(admission.admits('a', { total: 4, opening: 4, sender: 'opening' })).toBe(true);
    expect(admission.admits('a', { total: 1, opening: 0, sender: 'ready' })).toBe(false);
  });

  it(`bars a sender at its refusal number ${MAX_SIGNAL_REFUSALS + 1}, and only that sender`, () => {
    const admission = new LinkAdmission(64);
    const bars = Array.from({ length: MAX_SIGNAL_REFUSALS + 3 }, () => admission.refuse('a'));
    expect(bars.indexOf(true)).toBe(MAX_SIGNAL_REFUSALS);
    expect(bars.filter(Boolean)).toHaveLength(1);
    expect(admission.barred('a')).toBe(true);
    expect(admission.admits('a', none)).toBe(false);
    expect(admission.admits('b', none)).toBe(true);
  });

  it('remembers a bounded number of senders, forgetting the longest quiet first', () => {
    const admission = new LinkAdmission(64);
    for (let i = 0; i <= MAX_SIGNAL_REFUSALS; i++) admission.refuse('old');
    for (let i = 0; i < 1024; i++) admission.refuse(`stranger-${i}`);
    expect(admission.barred('old')).toBe(false);
  });
});
