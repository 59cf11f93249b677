/** The broker's `--help` text: every flag `parseBrokerConfig` (config.ts) understands. */
export const BROKER_USAGE = `Usage: node --import tsx peer-server/src/main.ts [options]

  --host <host>           interface to listen on      (TICKWIRE_HOST, default 127.0.0.1)
  --port <port>           TCP port, 0 for any free    (TICKWIRE_PORT, default 9000)
  --peer-path <path>      PeerServer mount path       (TICKWIRE_PEER_PATH, default /peerjs)
  --peer-key <key>        PeerServer key              (TICKWIRE_PEER_KEY, default tickwire)
  --ice-servers <json>    ICE servers, a JSON array   (TICKWIRE_ICE_SERVERS, default [])
  --static-dir <dir>      folder served at /          (TICKWIRE_STATIC_DIR, default dist/demo)
  --proxied               behind one reverse proxy    (TICKWIRE_PROXIED, default false)
  --secret <text>         peer id and code key, 32+ characters; prefer the variable
                                                      (TICKWIRE_SECRET, default random per process)
  --max-message-bytes <n>        signaling message cap      (TICKWIRE_MAX_MESSAGE_BYTES, default 16384)
  --max-connections-per-ip <n>   WebSockets per address     (TICKWIRE_MAX_CONNECTIONS_PER_IP, default 64)
  --lookups-per-minute <n>       lookups, lists, quick joins per address
                                                      (TICKWIRE_LOOKUPS_PER_MINUTE, default 60)
  --max-queued-per-peer <n>      held for an absent peer    (TICKWIRE_MAX_QUEUED_PER_PEER, default 32)
  --max-queued-total <n>         held for all absent peers  (TICKWIRE_MAX_QUEUED_TOTAL, default 2048)
  --signals-per-second <n>       messages a second, per socket  (TICKWIRE_SIGNALS_PER_SECOND, default 50)
  --signal-burst <n>             messages at once, per socket   (TICKWIRE_SIGNAL_BURST, default 400)
  --max-signal-strikes <n>       drops before a socket is cut   (TICKWIRE_MAX_SIGNAL_STRIKES, default 50)
  --redis <url>           a Redis shared with other brokers, redis://host:port; needs --secret
                                                      (TICKWIRE_REDIS_URL, default none: alone, in memory)
  --redis-prefix <text>   prefix of its Redis keys     (TICKWIRE_REDIS_PREFIX, default tickwire:)
  --help                  show this text`;
