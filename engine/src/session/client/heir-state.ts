/**
 * What a client knows of host migration: who takes over if the host goes (`heirs`), whether the
 * host said it is leaving, and on an heir the host's newest checkpoint and its ledger, the reliable
 * message counts at each snapshot tick since.
 */
import { TickRing } from '../../core/ring-buffer.js';
import type { CheckpointMessage, HeirsMessage, LedgerMessage } from '../../protocol/messages.js';
import { CheckpointAssembly } from '../migration/checkpoint-assembly.js';
import type { Checkpoint } from '../migration/checkpoint.js';
import type { PlayerId } from '../simulation.js';

/** Ticks of ledger kept: more than the snapshots a client keeps as baselines. */
const LEDGER_TICKS = 512;

export type MigrationMessage = HeirsMessage | CheckpointMessage | LedgerMessage;

export class HeirState {
  private order: readonly PlayerId[] = [];
  private readonly assembly = new CheckpointAssembly();
  private readonly ledger = new TickRing<ReadonlyMap<PlayerId, number>>(LEDGER_TICKS);

  /** Who takes over, the successor first; empty when nobody is to (or the host said the game ends). */
  get heirs(): readonly PlayerId[] {
    return this.order;
  }

  /** The newest whole checkpoint, on an heir. */
  get checkpoint(): Checkpoint | undefined {
    return this.assembly.checkpoint;
  }

  /** Checkpoints that could not be read. */
  get refused(): number {
    return this.assembly.refused;
  }

  accept(message: MigrationMessage): void {
    switch (message.kind) {
      case 'heirs':
        this.order = message.playerIds;
        return;
      case 'checkpoint':
        this.assembly.accept(message);
        return;
      case 'ledger': {
        const counts = new Map<PlayerId, number>();
        for (let i = 0; i < message.received.length; i += 2) counts.set(message.received[i]!, message.received[i + 1]!);
        this.ledger.set(message.tick, counts);
      }
    }
  }

  /** The reliable message counts the host had at `tick`, when its ledger said. */
  ledgerAt(tick: number): ReadonlyMap<PlayerId, number> | undefined {
    return this.ledger.get(tick);
  }
}
