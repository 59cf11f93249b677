import { describe, expect, it } from 'vitest';
import { crossBrokerPairs, sameBrokerPairs } from '../../../bench/broker/placements.js';
import type { SignalingEndpoint } from '../../../bench/broker/signal-socket.js';

const broker = (port: number): SignalingEndpoint => ({ brokerUrl: `http://127.0.0.1:${port}`, socketUrl: () => `ws://127.0.0.1:${port}/` });
const brokers = [broker(1), broker(2), broker(3)];
const ports = (pairs: ReturnType<typeof sameBrokerPairs>) => pairs.map(({ sender, receiver }) => [sender.brokerUrl.slice(-1), receiver.brokerUrl.slice(-1)].join('>'));

describe('relay pair placements', () => {
  it('put both sockets of a pair on one broker, the brokers in turn', () => {
    expect(ports(sameBrokerPairs(brokers, 4))).toEqual(['1>1', '2>2', '3>3', '1>1']);
  });

  it('put each receiver on the broker after its sender', () => {
    expect(ports(crossBrokerPairs(brokers, 4))).toEqual(['1>2', '2>3', '3>1', '1>2']);
    expect(() => crossBrokerPairs([broker(1)], 2)).toThrow('pairs across brokers need at least 2 brokers, got 1');
  });
});
