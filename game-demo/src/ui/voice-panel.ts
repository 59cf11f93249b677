/**
 * The voice chat's controls in the sidebar, in the lobby and in the game alike: one button that
 * turns the microphone on, then mutes and unmutes it, a line that says where voice is (or why it
 * cannot be), and push to talk: V held while muted. `window.tickwireVoice` lets tests read it.
 */
import type { VoiceLinkStats } from 'tickwire';
import type { DemoVoice, VoiceState } from '../net/voice-session.js';

/** The key held to talk while muted. */
export const PUSH_TO_TALK_KEY = 'KeyV';

export interface VoiceHooks {
  state(): VoiceState;
  stats(playerId: number): Promise<VoiceLinkStats | undefined>;
}

declare global {
  interface Window {
    tickwireVoice: VoiceHooks;
  }
}

const LINES: Readonly<Record<Exclude<VoiceState['status'], 'unavailable'>, string>> = {
  off: 'Voice chat is off.',
  starting: 'Asking for the microphone…',
  on: 'Microphone on: players near your ship hear you.',
  muted: 'Microphone muted: hold V to talk. You still hear the others.',
};

const BUTTONS: Readonly<Record<VoiceState['status'], string>> = {
  off: 'Microphone on',
  starting: 'Microphone…',
  on: 'Mute',
  muted: 'Unmute',
  unavailable: 'Try the microphone again',
};

function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

export class VoicePanel {
  private readonly button: HTMLButtonElement;
  private readonly line: HTMLParagraphElement;

  constructor(private readonly voice: DemoVoice) {
    const section = document.createElement('section');
    section.id = 'voice';
    this.button = document.createElement('button');
    this.button.type = 'button';
    this.button.dataset['testid'] = 'voice-toggle';
    this.line = document.createElement('p');
    this.line.dataset['testid'] = 'voice-status';
    this.line.setAttribute('role', 'status');
    section.append(this.button, this.line);
    const sidebar = document.getElementById('sidebar');
    sidebar?.insertBefore(section, sidebar.querySelector('p.buttons'));
    this.button.addEventListener('click', () => this.toggle());
    window.addEventListener('keydown', (event) => {
      if (event.code !== PUSH_TO_TALK_KEY || event.repeat || typing(event.target)) return;
      voice.pushToTalk(true);
    });
    window.addEventListener('keyup', (event) => event.code === PUSH_TO_TALK_KEY && voice.pushToTalk(false));
    window.addEventListener('blur', () => voice.pushToTalk(false));
    window.tickwireVoice = Object.freeze({
      state: () => JSON.parse(JSON.stringify(voice.state())) as VoiceState,
      stats: (playerId: number) => voice.stats(playerId),
    });
    this.render();
  }

  render(): void {
    const { status, message, pushToTalk } = this.voice.state();
    this.button.textContent = BUTTONS[status];
    this.button.disabled = status === 'starting';
    this.line.textContent = status === 'unavailable' ? message : pushToTalk ? 'Talking (V held)…' : LINES[status];
    this.line.classList.toggle('problem', status === 'unavailable');
  }

  private toggle(): void {
    const { status } = this.voice.state();
    if (status === 'on') this.voice.setMuted(true);
    else if (status === 'muted') this.voice.setMuted(false);
    else void this.voice.turnOn();
  }
}
