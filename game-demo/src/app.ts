/**
 * The page, wired together: the start screen leads to a hosted or joined session, the sidebar and
 * the net graph follow it, the keyboard steers it, Phaser draws it, and every way it can end shows
 * a message with a way back. The one place that owns the page's timers and its session.
 */
import type Phaser from 'phaser';
import { listLobbies, quickJoin } from 'tickwire';
import { describeStartError } from './net/errors.js';
import { HiddenMeter, type TickMark } from './net/hidden-meter.js';
import { hostSession, type HostSettings } from './net/host-session.js';
import { joinSession } from './net/client-session.js';
import { ARENA_MODE } from './net/public-arena.js';
import { SAMPLE_MS, type GameSession } from './net/session.js';
import type { SceneFrame } from './render/arena-scene.js';
import { arenaView } from './render/arena-view.js';
import { rendererName, startPhaser } from './render/start-phaser.js';
import { byId } from './ui/dom.js';
import { ErrorPanel } from './ui/error-panel.js';
import { Keyboard } from './ui/keyboard.js';
import { LobbyPanel } from './ui/lobby-panel.js';
import { NetGraph } from './ui/net-graph.js';
import { NetworkPanel } from './ui/network-panel.js';
import { StartScreen } from './ui/start-screen.js';
import { installTestHooks, type DemoScreen, type DemoState } from './ui/test-hooks.js';
import { DemoVoice } from './net/voice-session.js';
import { VoicePanel } from './ui/voice-panel.js';

const IDLE = { dx: 0, dy: 0, fire: false } as const;

/** `?timers=page` hosts on the page's own timers instead of a Worker's, to compare in a hidden tab. */
function hostTimers(): 'worker' | 'page' {
  return new URLSearchParams(location.search).get('timers') === 'page' ? 'page' : 'worker';
}

/** `?ice=relay` sends every link, voice included, through the broker's TURN servers. */
function iceOptions(): { iceTransportPolicy?: RTCIceTransportPolicy } {
  return new URLSearchParams(location.search).get('ice') === 'relay' ? { iceTransportPolicy: 'relay' } : {};
}

export class App {
  private session: GameSession | undefined;
  private screen: DemoScreen = 'start';
  private readonly start: StartScreen;
  private readonly lobby: LobbyPanel;
  private readonly errors: ErrorPanel;
  private readonly netGraph = new NetGraph();
  private readonly network: NetworkPanel;
  private readonly keyboard: Keyboard;
  private readonly game: Phaser.Game;
  private hiddenMeter = new HiddenMeter();
  private readonly voice: DemoVoice;
  private readonly voicePanel: VoicePanel;

  constructor(private readonly brokerUrl: string) {
    this.start = new StartScreen({
      create: (settings) => void this.create(settings),
      join: (code, name) => void this.join(code, name),
      quickPlay: (name) => void this.quickPlay(name),
      lobbies: () => listLobbies(this.brokerUrl, { mode: ARENA_MODE }),
    });
    this.lobby = new LobbyPanel({ start: () => this.session?.startMatch(), leave: () => this.backToStart(), toggleNetGraph: () => this.toggleNetGraph() });
    this.errors = new ErrorPanel(() => this.backToStart());
    this.network = new NetworkPanel((conditions) => this.session?.setConditions(conditions));
    this.keyboard = new Keyboard(() => this.pushControls(), () => this.toggleNetGraph());
    this.game = startPhaser(byId('game'), () => this.sceneFrame());
    setInterval(() => this.updateNetGraph(), SAMPLE_MS);
    document.addEventListener('visibilitychange', () => this.onVisibility());
    // Closing the tab tells the others at once instead of leaving them to time out.
    window.addEventListener('pagehide', () => this.session?.close());
    // A page restored from the back-forward cache has a closed session: start afresh.
    window.addEventListener('pageshow', (event) => event.persisted && location.reload());
    installTestHooks(() => this.testState());
    this.voice = new DemoVoice({ brokerUrl, ...iceOptions(), onChange: () => this.voicePanel.render() });
    this.voicePanel = new VoicePanel(this.voice);
  }

  private async create(settings: HostSettings): Promise<void> {
    this.screen = 'connecting';
    this.start.setBusy('Opening a lobby on the broker…');
    try {
      const session = await hostSession(this.brokerUrl, settings, { timers: hostTimers(), ...iceOptions() });
      this.enter(session);
      // The broker gave the lobby a new code after a restart: the old one leads nowhere.
      session.on('code', ({ code }) => this.lobby.setCode(code));
    } catch (error) {
      this.failToStart(describeStartError(error));
    }
  }

  private async join(code: string, name: string): Promise<void> {
    this.screen = 'connecting';
    this.start.setBusy(`Joining lobby ${code.toUpperCase()}…`);
    try {
      this.enter(await joinSession(this.brokerUrl, code, name, iceOptions()));
    } catch (error) {
      this.failToStart(describeStartError(error, code.trim().toUpperCase()));
    }
  }

  /** Joins the fullest open public arena; with none open, says so and offers to host one. */
  private async quickPlay(name: string): Promise<void> {
    this.screen = 'connecting';
    this.start.setBusy('Looking for an open public lobby…');
    let lobby: Awaited<ReturnType<typeof quickJoin>>;
    try {
      lobby = await quickJoin(this.brokerUrl, { mode: ARENA_MODE });
    } catch (error) {
      this.failToStart(describeStartError(error));
      return;
    }
    if (lobby) {
      await this.join(lobby.code, name);
      return;
    }
    this.screen = 'start';
    this.start.setBusy(undefined);
    this.start.nothingOpen();
  }

  private failToStart(message: string): void {
    this.screen = 'start';
    this.start.setBusy(undefined);
    this.errors.show(message, true);
  }

  private enter(session: GameSession): void {
    this.session = session;
    this.voice.attach(session.voicePort);
    this.hiddenMeter = new HiddenMeter();
    this.onVisibility();
    this.start.hide();
    this.lobby.show(session.code, session.isHost);
    const showPlayers = () => this.lobby.setPlayers(session.players(), session.localPlayerId);
    const showLobby = () => {
      this.lobby.setLobby(session.lobby);
      if (this.screen !== 'ended') this.screen = session.lobby?.started ? 'playing' : 'lobby';
    };
    showPlayers();
    showLobby();
    session.on('players', showPlayers);
    session.on('lobby', showLobby);
    session.on('warning', ({ message }) => this.errors.show(message, false));
    session.on('warningCleared', ({ message }) => this.errors.clear(message));
    // The host left and this tab hosts the game now: everything follows the new session.
    session.on('becameHost', ({ session: hosting }) => {
      if (this.session !== session) return;
      this.enter(hosting);
      this.errors.show('The host left; you are hosting the game now.', false);
    });
    session.on('ended', ({ message }) => {
      this.screen = 'ended';
      this.session = undefined;
      this.voice.turnOff();
      this.errors.show(message, true);
    });
    session.setConditions(this.network.conditions());
  }

  /** Leaves any game and shows the start screen again (a fresh page: nothing of the old game lingers). */
  private backToStart(): void {
    if (this.screen === 'start' && !this.session) {
      this.errors.hide();
      return;
    }
    this.session?.close();
    this.session = undefined;
    location.assign(location.pathname);
  }

  private toggleNetGraph(): void {
    this.netGraph.toggle();
    this.updateNetGraph();
  }

  private updateNetGraph(): void {
    const mark = this.tickMark();
    if (this.session && mark) this.netGraph.update(this.session.net(), this.hiddenMeter.figures(mark));
  }

  /** The host's counters now, for the hidden-tab figures. */
  private tickMark(): TickMark | undefined {
    const f = this.session?.net();
    return f && { at: performance.now(), tick: f.tick, ticksSkipped: f.timing?.ticksSkipped ?? 0 };
  }

  private onVisibility(): void {
    const mark = this.tickMark();
    if (!mark) return;
    if (document.visibilityState === 'hidden') this.hiddenMeter.hide(mark);
    else this.hiddenMeter.show(mark);
    this.updateNetGraph();
  }

  private pushControls(): void {
    this.session?.setControls(this.session.lobby?.started ? this.keyboard.controls() : IDLE);
  }

  private sceneFrame(): SceneFrame | undefined {
    const session = this.session;
    if (!session) return undefined;
    this.pushControls();
    const started = session.lobby?.started ?? false;
    const banner = started ? undefined : session.isHost ? `Lobby ${session.code}: press Start game when everyone is in` : 'Waiting for the host to start the game';
    const frame = session.frame();
    this.hearShips(frame.entities, session.localPlayerId);
    return {
      frame,
      localId: session.localPlayerId,
      names: new Map(session.players().map((p) => [p.id, p.name])),
      tickRate: session.lobby?.tickRate ?? 60,
      banner,
      speaking: this.voice.speaking(),
    };
  }

  /** Each voice as loud as its ship is near this player's (a ship destroyed speaks from where it fell). */
  private hearShips(entities: Parameters<typeof arenaView>[0], localId: number | undefined): void {
    const ships = arenaView(entities).ships;
    const own = ships.find((ship) => ship.id === localId);
    this.voice.update(own, ships.filter((ship) => ship.id !== localId).map(({ id, x, y }) => ({ playerId: id, x, y })));
  }

  private testState(): DemoState {
    const session = this.session;
    const mark = this.tickMark();
    const names = new Map(session?.players().map((p) => [p.id, p.name]));
    const { ships, shots } = arenaView(session?.frame().entities ?? []);
    return {
      screen: this.screen,
      isHost: session?.isHost,
      localPlayerId: session?.localPlayerId,
      lobbyCode: session?.code,
      started: session?.lobby?.started ?? false,
      players: ships.map(({ id, x, y, vx, vy, angle, hp, score, deaths }) => ({ id, name: names.get(id) ?? '', x, y, vx, vy, angle, hp, score, deaths })),
      shots,
      stats: session?.net(),
      hiddenTicks: mark && this.hiddenMeter.figures(mark),
      renderer: rendererName(this.game),
    };
  }
}
