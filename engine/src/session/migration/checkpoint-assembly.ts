/**
 * An heir's side of the checkpoint stream: chunks arrive in order on the reliable channel, and the
 * newest whole checkpoint is kept. A chunk out of turn (a new checkpoint begun before the last one
 * ended, a part missing) restarts the assembly; what was gathered is bounded by the checkpoint's
 * size limit, so a host cannot make an heir hold more.
 */
import type { CheckpointMessage } from '../../protocol/messages.js';
import { readCheckpoint, type Checkpoint } from './checkpoint.js';

export class CheckpointAssembly {
  private parts: Uint8Array[] = [];
  private tick = -1;
  private newest: Checkpoint | undefined;
  /** Chunks and checkpoints that could not be used. */
  refused = 0;

  /** The newest whole checkpoint. */
  get checkpoint(): Checkpoint | undefined {
    return this.newest;
  }

  accept(chunk: CheckpointMessage): void {
    if (chunk.part === 0) {
      this.parts = [];
      this.tick = chunk.tick;
    } else if (chunk.tick !== this.tick || chunk.part !== this.parts.length) {
      this.refused++;
      this.parts = [];
      this.tick = -1;
      return;
    }
    this.parts.push(chunk.bytes);
    if (this.parts.length < chunk.partCount) return;
    const read = readCheckpoint(join(this.parts));
    this.parts = [];
    this.tick = -1;
    if (read.ok && read.value.tick === chunk.tick) this.newest = read.value;
    else this.refused++;
  }
}

function join(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return bytes;
}
