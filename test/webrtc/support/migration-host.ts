/**
 * A host with host migration in a process of its own, so that a test can kill it as a crash would:
 * it hosts the migration test game on the broker given as its first argument, prints
 * `{"code": ...}` on one line once the lobby is open (listed publicly as "Ada's match"), and on SIGTERM leaves the game to its
 * successor (`host.leave()`) and exits. SIGKILL leaves no word at all.
 */
import { hostGame } from '../../../engine/src/game/host-game.js';
import { systemClock } from '../../../engine/src/core/clock.js';
import { installNodeGlobals } from '../../../engine/src/node/install-globals.js';
import { match, migrationMessages } from '../../support/migration-game.js';

installNodeGlobals();
const brokerUrl = process.argv[2];
if (!brokerUrl) throw new Error('usage: migration-host.ts <brokerUrl>');
const { host, code } = await hostGame({
  brokerUrl,
  iceServers: [],
  clock: systemClock,
  simulation: match,
  messages: migrationMessages,
  hostMigration: true,
  hostPlayer: { name: 'Ada' },
  public: { name: "Ada's match", mode: 'migration' },
});
host.setInput({ dx: 1 });
process.stdout.write(`${JSON.stringify({ code })}\n`);
process.on('SIGTERM', () => {
  host.leave();
  // The goodbyes are on their way once leave() returns; give the data channels a moment to carry them.
  setTimeout(() => process.exit(0), 200);
});
