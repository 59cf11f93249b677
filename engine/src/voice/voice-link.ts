/**
 * One voice link: an RTCPeerConnection of its own between two players, carrying one audio track
 * each way (Opus over SRTP, the browser's defaults). The offerer adds a `sendrecv` audio
 * transceiver and offers; the answerer takes the offer's transceiver and puts its microphone on
 * it. Muting swaps the sender's track for none, so no packet is sent while muted and nothing is
 * renegotiated. Candidates that arrive before the remote description wait for it.
 */
import type { VoiceLinkHandle, VoiceLinkSignal, VoiceLinkSpec } from './voice-mesh.js';

/** What a link needs beyond what the mesh tells it. */
export interface RtcVoiceLinkOptions {
  readonly configuration: RTCConfiguration;
  /** The microphone's track now (none while muted, or for a player who only listens). */
  readonly track: MediaStreamTrack | null;
  /** The other player's voice arrived. */
  readonly onStream: (stream: MediaStream) => void;
}

/** One voice link over a browser's RTCPeerConnection (see the file's header). */
export class RtcVoiceLink implements VoiceLinkHandle {
  readonly pc: RTCPeerConnection;
  private track: MediaStreamTrack | null;
  private pending: RTCIceCandidateInit[] = [];
  private described = false;
  private closed = false;
  private streamed = false;
  private lastRtpTimestamp: number | undefined;

  constructor(
    private readonly spec: VoiceLinkSpec,
    options: RtcVoiceLinkOptions,
  ) {
    this.track = options.track;
    const pc = new RTCPeerConnection(options.configuration);
    this.pc = pc;
    pc.addEventListener('icecandidate', (event) => {
      const c = event.candidate;
      if (this.closed || !c) return;
      spec.send({ type: 'candidate', link: spec.link, candidate: c.candidate, sdpMid: c.sdpMid ?? null, sdpMLineIndex: c.sdpMLineIndex ?? null });
    });
    pc.addEventListener('track', (event) => {
      if (this.streamed || this.closed) return;
      this.streamed = true;
      options.onStream(event.streams[0] ?? new MediaStream([event.track]));
    });
    pc.addEventListener('connectionstatechange', () => {
      if (this.closed) return;
      if (pc.connectionState === 'connected') spec.changed('connected');
      else if (pc.connectionState === 'failed') spec.changed('failed');
    });
    if (spec.offerer) {
      pc.addTransceiver(this.track ?? 'audio', { direction: 'sendrecv' });
      void this.run(async () => {
        await pc.setLocalDescription(await pc.createOffer());
        this.sendDescription('offer');
      });
    }
  }

  signal(signal: VoiceLinkSignal): void {
    if (this.closed) return;
    if (signal.type === 'candidate') {
      if (signal.candidate === '') return;
      const init: RTCIceCandidateInit = { candidate: signal.candidate, sdpMid: signal.sdpMid, sdpMLineIndex: signal.sdpMLineIndex };
      if (this.described) void this.run(() => this.pc.addIceCandidate(init), false);
      else this.pending.push(init);
      return;
    }
    if (signal.type === 'offer' && !this.spec.offerer) void this.run(() => this.answer(signal.sdp));
    else if (signal.type === 'answer' && this.spec.offerer) void this.run(() => this.describe({ type: 'answer', sdp: signal.sdp }));
  }

  /**
   * The level of the newest audio packet from the other player (0 to 1), as its sender measured
   * it (the RTP audio-level header): the speaker's own level, whatever gain this side plays it at.
   * 0 when no packet arrived since the last call (the other player is muted).
   */
  receivedLevel(): number {
    const source = this.pc.getReceivers()[0]?.getSynchronizationSources()[0];
    if (!source || source.rtpTimestamp === this.lastRtpTimestamp) return 0;
    this.lastRtpTimestamp = source.rtpTimestamp;
    return source.audioLevel ?? 0;
  }

  /** Sends `track` from now on (null: nothing, as when muted). */
  setTrack(track: MediaStreamTrack | null): void {
    this.track = track;
    const sender = this.pc.getTransceivers()[0]?.sender;
    if (sender && !this.closed) void this.run(() => sender.replaceTrack(track), false);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending = [];
    this.pc.close();
  }

  private async answer(sdp: string): Promise<void> {
    await this.describe({ type: 'offer', sdp });
    const transceiver = this.pc.getTransceivers()[0];
    if (transceiver) {
      transceiver.direction = 'sendrecv';
      await transceiver.sender.replaceTrack(this.track);
    }
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    this.sendDescription('answer');
  }

  private async describe(description: RTCSessionDescriptionInit): Promise<void> {
    await this.pc.setRemoteDescription(description);
    this.described = true;
    const pending = this.pending;
    this.pending = [];
    for (const candidate of pending) await this.pc.addIceCandidate(candidate).catch(() => undefined);
  }

  private sendDescription(type: 'offer' | 'answer'): void {
    const sdp = this.pc.localDescription?.sdp;
    if (!this.closed && sdp) this.spec.send({ type, link: this.spec.link, sdp });
  }

  /** Runs a WebRTC step; one that fails ends the link (or, for a lone candidate, is let go). */
  private async run(step: () => Promise<void>, fatal = true): Promise<void> {
    try {
      await step();
    } catch {
      if (fatal && !this.closed) this.spec.changed('failed');
    }
  }
}
