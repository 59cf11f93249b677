import { createClient, createHost, LoopbackNetwork, ManualClock } from 'tickwire';
import { movingSquare } from './moving-square.js';

/** Host and player in one page, over the loopback transport: no broker, no WebRTC, time by hand. */
export function playAlone(seconds: number): { readonly x: number; readonly y: number } | undefined {
  const clock = new ManualClock();
  const network = new LoopbackNetwork({ clock, conditions: { latencyMs: 50, loss: 0.05 } });
  const host = createHost({ simulation: movingSquare, transport: network.createHost('host'), clock, hostPlayer: false });
  const player = createClient({ simulation: movingSquare, transport: network.connect('host'), clock, name: 'solo' });
  host.start();
  player.start();
  player.setInput({ dx: 1, dy: 0 });
  for (let ms = 0; ms < seconds * 1000; ms += 8) clock.advance(8);
  return host.state.squares.find((s) => s.id === player.playerId);
}
