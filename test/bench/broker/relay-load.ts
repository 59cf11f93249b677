/**
 * The socket load generator: pairs of signaling sockets, each sender aimed at its own receiver, on
 * the brokers the caller places them on. It drives them two ways:
 *   saturate(n): a closed loop in which each pair keeps `n` candidates in flight (each one relayed
 *                lets its sender send the next), so the brokers never wait for work and nothing
 *                queues without bound: what comes through per second is the relay's capacity;
 *   pace(rate):  an open loop of `rate` candidates a second over all pairs, for relay times while
 *                the brokers are nearly idle.
 * Each relayed candidate hands its relay time to `onRelay`. Anything else a broker sends (ERROR,
 * EXPIRE, a closed socket) is a fault: the figures would no longer be the relay's, so `watch`
 * rejects with it at once.
 */
import { waitFor } from '../../support/wait.js';
import { readStamp, stampedCandidate } from './relay-stamp.js';
import { SignalSocket, type SignalingEndpoint } from './signal-socket.js';

/** Where one pair's sockets connect. */
export interface PairPlacement {
  readonly sender: SignalingEndpoint;
  readonly receiver: SignalingEndpoint;
}

interface Pair {
  readonly sender: SignalSocket;
  readonly next: (sentAtMs: number) => string;
  inFlight: number;
}

/** The pacer's tick; a few candidates leave per tick at the rates it is used for. */
const PACE_TICK_MS = 1;

export class RelayLoad {
  /** Candidates sent and relayed so far. */
  sent = 0;
  received = 0;
  /** Called with each relayed candidate's relay time, in ms. */
  onRelay: (relayMs: number) => void = () => {};
  readonly #pairs: Pair[] = [];
  readonly #sockets: SignalSocket[] = [];
  #mode: 'idle' | 'saturate' = 'idle';
  #pacer: NodeJS.Timeout | undefined;
  #fault: Error | undefined;
  readonly #faulted: Array<(error: Error) => void> = [];

  private constructor() {}

  /** Opens every pair's sockets, receivers first, each under an id from `issue`. */
  static async open(placements: readonly PairPlacement[], issue: () => string): Promise<RelayLoad> {
    const load = new RelayLoad();
    try {
      await Promise.all(placements.map((placement, index) => load.#openPair(placement, index, issue)));
    } catch (error) {
      load.close();
      throw error;
    }
    return load;
  }

  /** Keeps `perPair` candidates in flight on every pair until `stop()`. */
  saturate(perPair: number): void {
    this.#mode = 'saturate';
    for (const pair of this.#pairs) while (pair.inFlight < perPair) this.#send(pair);
  }

  /** Sends `perSecond` candidates a second, the pairs in turn, until `stop()`. */
  pace(perSecond: number): void {
    const start = performance.now();
    let paced = 0;
    this.#pacer = setInterval(() => {
      const due = Math.floor(((performance.now() - start) * perSecond) / 1000);
      for (; paced < due; paced++) this.#send(this.#pairs[paced % this.#pairs.length]!);
    }, PACE_TICK_MS);
  }

  /** Sends nothing more; what is in flight still arrives. */
  stop(): void {
    this.#mode = 'idle';
    clearInterval(this.#pacer);
  }

  /** Resolves after `ms`, or rejects as soon as a fault comes. */
  watch(ms: number): Promise<void> {
    if (this.#fault) return Promise.reject(this.#fault);
    return new Promise((resolve, reject) => {
      const onFault = (error: Error): void => {
        clearTimeout(timer);
        reject(error);
      };
      const timer = setTimeout(() => {
        this.#faulted.splice(this.#faulted.indexOf(onFault), 1);
        resolve();
      }, ms);
      this.#faulted.push(onFault);
    });
  }

  /** Waits until everything sent has been relayed; throws, counting what is missing, after `timeoutMs`. */
  async drained(timeoutMs: number): Promise<void> {
    try {
      await waitFor(() => this.#fault !== undefined || this.sent === this.received, 'the candidates in flight to be relayed', timeoutMs);
    } catch {
      throw new Error(`${this.sent - this.received} of ${this.sent} candidates sent were never relayed within ${timeoutMs} ms`);
    }
    if (this.#fault) throw this.#fault;
  }

  close(): void {
    this.stop();
    for (const socket of this.#sockets) socket.close();
  }

  async #openPair(placement: PairPlacement, index: number, issue: () => string): Promise<void> {
    const receiverId = issue();
    const pair: { current?: Pair } = {};
    const receiver = await SignalSocket.open(placement.receiver, receiverId, {
      onText: (text) => (pair.current ? this.#relayed(pair.current, text) : this.#fail(`pair ${index}: a message before its sender opened: ${text.slice(0, 200)}`)),
      onClose: (why) => this.#fail(`pair ${index}'s receiver was ${why}`),
    });
    this.#sockets.push(receiver);
    const sender = await SignalSocket.open(placement.sender, issue(), {
      onText: (text) => this.#fail(`pair ${index}'s sender was told: ${text.slice(0, 200)}`),
      onClose: (why) => this.#fail(`pair ${index}'s sender was ${why}`),
    });
    this.#sockets.push(sender);
    pair.current = { sender, next: stampedCandidate(receiverId), inFlight: 0 };
    this.#pairs.push(pair.current);
  }

  #send(pair: Pair): void {
    pair.inFlight += 1;
    this.sent += 1;
    pair.sender.send(pair.next(performance.now()));
  }

  #relayed(pair: Pair, text: string): void {
    const sentAt = readStamp(text);
    if (sentAt === undefined) return this.#fail(`a receiver was sent something other than a candidate: ${text.slice(0, 200)}`);
    this.onRelay(performance.now() - sentAt);
    pair.inFlight -= 1;
    this.received += 1;
    if (this.#mode === 'saturate') this.#send(pair);
  }

  #fail(why: string): void {
    if (this.#fault) return;
    this.#fault = new Error(`the relay load stopped: ${why}`);
    this.stop();
    for (const reject of this.#faulted.splice(0)) reject(this.#fault);
  }
}
