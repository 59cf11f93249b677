/**
 * The PeerJS data connection tickwire opens, registered with PeerJS under its own serialization
 * name. PeerJS's built-in serializations throw from inside their channel listener on bytes they
 * cannot read (`json` on `null` or on junk, `binary` on five junk bytes), and in Node a throw there
 * ends the process. This one never throws: it reads a small UTF-8 JSON value or hands `undefined`
 * on, and the link counts that as a refused message.
 *
 * PeerJS also hands every in-band data channel that reaches the peer connection to this connection,
 * each replacing the one before. tickwire opens exactly one; a second is someone else's, and ends
 * the connection at once.
 */
import type { SerializerMapping } from 'peerjs';
import type { BufferedConnectionClass } from './peerjs-module.js';

/** The serialization name tickwire's connections are opened with; a host refuses every other. */
export const META_SERIALIZATION = 'tickwire';

/** The longest housekeeping message read, in bytes: the longest real one, a goodbye, is under 1 KiB. */
export const MAX_META_BYTES = 1024;

const decoder = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/** A housekeeping message's value, or `undefined` when it is not small UTF-8 JSON. */
export function decodeMeta(data: unknown): unknown {
  if (!(data instanceof ArrayBuffer) || data.byteLength > MAX_META_BYTES) return undefined;
  try {
    return JSON.parse(decoder.decode(data)) as unknown;
  } catch {
    return undefined;
  }
}

/** The connection class, built on the loaded module's `BufferedConnection`, for PeerJS's `serializers` option. */
export function metaConnectionClass(Base: BufferedConnectionClass): SerializerMapping[string] {
  class MetaConnection extends Base {
    readonly serialization = META_SERIALIZATION;

    override _initializeDataChannel(dc: RTCDataChannel): void {
      // Runs inside PeerJS's constructor for the side that opens the connection, before this
      // class's own fields exist: only the base class's state can tell a second channel.
      if (this.dataChannel) {
        dc.close();
        this.close();
        return;
      }
      super._initializeDataChannel(dc);
    }

    protected override _handleDataMessage(event: MessageEvent): void {
      this.emit('data', decodeMeta(event.data));
    }

    protected override _send(data: unknown): void {
      const bytes = encoder.encode(JSON.stringify(data));
      this._bufferedSend(bytes.buffer);
    }
  }
  return MetaConnection;
}
