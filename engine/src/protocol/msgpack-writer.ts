/**
 * Writing the few msgpack forms a snapshot is made of (array headers, numbers, nil, bin) straight into a
 * reused buffer, so the host's hottest encoder builds no intermediate arrays and calls no general
 * packer. The bytes are exactly the codec's (`codec.ts`: msgpackr with `useRecords: false`): the
 * smallest integer form, float64 for a number that is not a 32-bit integer, the smallest array
 * header; the unit tests hold the two to the same bytes.
 */

export class MsgpackWriter {
  private buffer: Uint8Array;
  private view: DataView;
  private at = 0;

  constructor(initialBytes = 2048) {
    this.buffer = new Uint8Array(initialBytes);
    this.view = new DataView(this.buffer.buffer);
  }

  /** Forgets whatever was written (by a writer that threw halfway, say): the next bytes start a message. */
  start(): void {
    this.at = 0;
  }

  /** Bytes written since the last `start` or `take`. */
  get length(): number {
    return this.at;
  }

  /** The header of an array of `length` elements. */
  arrayHeader(length: number): void {
    this.room(5);
    if (length < 0x10) this.buffer[this.at++] = 0x90 | length;
    else if (length < 0x10000) {
      this.buffer[this.at++] = 0xdc;
      this.view.setUint16(this.at, length);
      this.at += 2;
    } else {
      this.buffer[this.at++] = 0xdd;
      this.view.setUint32(this.at, length);
      this.at += 4;
    }
  }

  /** A number, or nil for `null`. */
  intOrNil(value: number | null): void {
    if (value === null) {
      this.room(1);
      this.buffer[this.at++] = 0xc0;
    } else this.number(value);
  }

  /** A number as the codec writes it: the smallest integer form, else a float64. */
  number(value: number): void {
    this.room(9);
    const b = this.buffer;
    if (value >>> 0 === value) {
      if (value < 0x80) b[this.at++] = value;
      else if (value < 0x100) {
        b[this.at++] = 0xcc;
        b[this.at++] = value;
      } else if (value < 0x10000) {
        b[this.at++] = 0xcd;
        this.view.setUint16(this.at, value);
        this.at += 2;
      } else {
        b[this.at++] = 0xce;
        this.view.setUint32(this.at, value);
        this.at += 4;
      }
    } else if (value >> 0 === value) {
      if (value >= -0x20) b[this.at++] = 0x100 + value;
      else if (value >= -0x80) {
        b[this.at++] = 0xd0;
        b[this.at++] = value + 0x100;
      } else if (value >= -0x8000) {
        b[this.at++] = 0xd1;
        this.view.setInt16(this.at, value);
        this.at += 2;
      } else {
        b[this.at++] = 0xd2;
        this.view.setInt32(this.at, value);
        this.at += 4;
      }
    } else {
      b[this.at++] = 0xcb;
      this.view.setFloat64(this.at, value);
      this.at += 8;
    }
  }

  /** `bytes` as a msgpack bin (the smallest of bin 8, 16 and 32). */
  bin(bytes: Uint8Array): void {
    const length = bytes.byteLength;
    this.room(5);
    if (length < 0x100) {
      this.buffer[this.at++] = 0xc4;
      this.buffer[this.at++] = length;
    } else if (length < 0x10000) {
      this.buffer[this.at++] = 0xc5;
      this.view.setUint16(this.at, length);
      this.at += 2;
    } else {
      this.buffer[this.at++] = 0xc6;
      this.view.setUint32(this.at, length);
      this.at += 4;
    }
    this.raw(bytes);
  }

  /** Bytes already encoded, as they are. */
  raw(bytes: Uint8Array): void {
    this.room(bytes.byteLength);
    this.buffer.set(bytes, this.at);
    this.at += bytes.byteLength;
  }

  /** A copy of the bytes written since the last `start` or `take`, and a fresh start. */
  take(): Uint8Array {
    const out = this.buffer.slice(0, this.at);
    this.at = 0;
    return out;
  }

  /** Makes room for `bytes` more. */
  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.byteLength) return;
    let size = this.buffer.byteLength * 2;
    while (size < this.at + bytes) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buffer.subarray(0, this.at));
    this.buffer = grown;
    this.view = new DataView(grown.buffer);
  }
}
