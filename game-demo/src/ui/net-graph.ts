/**
 * The net graph overlay: what the netcode is doing right now, as numbers and two live graphs (RTT,
 * and bandwidth in and out). On the host it also lists each client's link and says how its tab
 * ticks (hidden or not, from a Worker or from page timers).
 */
import type { HiddenTicks } from '../net/hidden-meter.js';
import type { LinkFigures } from '../net/link-meter.js';
import type { InputFigures, NetFigures } from '../net/session.js';
import { byId, el } from './dom.js';
import { drawGraph } from './graph-canvas.js';
import { tabLine } from './tab-line.js';

const ms = (v: number | undefined) => (v === undefined ? '–' : `${v.toFixed(0)} ms`);
const pct = (v: number | undefined) => (v === undefined ? '–' : `${(v * 100).toFixed(1)} %`);
const kbps = (v: number) => `${v.toFixed(1)}`;
/** Late inputs are what makes a client's prediction wrong; missing ticks are what the host did about it. */
const inputs = (i: InputFigures) => `${i.late} / ${i.missing}`;

function rows(table: HTMLElement, lines: readonly (readonly string[])[]): void {
  table.replaceChildren(
    ...lines.map((cells) => {
      const row = document.createElement('tr');
      row.append(...cells.map((cell) => el('td', cell)));
      return row;
    }),
  );
}

export class NetGraph {
  private readonly root = byId('net-graph');

  get visible(): boolean {
    return !this.root.hidden;
  }

  toggle(): void {
    this.root.hidden = !this.root.hidden;
  }

  /** Shows `f`; `hidden` is how the host ticked while its tab was hidden. */
  update(f: NetFigures, hidden?: HiddenTicks): void {
    if (!this.visible) return;
    const link = f.link;
    const lobby = f.lobby;
    const tab = tabLine(f.timing, hidden);
    rows(byId('net-figures'), [
      ...(tab === undefined ? [] : [['Host tab', tab]]),
      ['RTT', f.jitterMs === undefined ? ms(link.rttMs) : `${ms(link.rttMs)} ± ${ms(f.jitterMs)}`],
      ['Loss in / out', `${pct(link.lossIn)} / ${pct(link.lossOut)}`],
      ['kbps in / out', `${kbps(link.kbpsIn)} / ${kbps(link.kbpsOut)}`],
      ['Snapshot', `${f.snapshotBytes.toFixed(0)} B`],
      ['Tick rate', lobby ? `${lobby.tickRate} Hz (tick ${f.tick})` : `tick ${f.tick}`],
      ['Snapshot rate', `${f.snapshotsPerSecond.toFixed(1)}/s${lobby ? ` of ${lobby.snapshotRate} Hz, ${lobby.snapshotReliability}` : ''}`],
      ['Interpolation', f.role === 'host' ? 'host: none' : ms(f.interpolationDelayMs)],
      ['Corrections', f.role === 'host' ? 'host: none' : `${f.corrections} (last ${f.lastCorrection.toFixed(1)})`],
      ...(f.inputs === undefined ? [] : [['Inputs late / missing', inputs(f.inputs)]]),
      ['ICE candidate', link.candidate ?? '–'],
    ]);
    const peers = byId('net-peers');
    const line = (name: string, l: LinkFigures, i: InputFigures) => [name, ms(l.rttMs), `${pct(l.lossIn)}/${pct(l.lossOut)}`, `${kbps(l.kbpsIn)}/${kbps(l.kbpsOut)}`, inputs(i)];
    const head = ['client', 'RTT', 'loss in/out', 'kbps in/out', 'inputs late/missing'];
    rows(peers, f.peers.length === 0 ? [] : [head, ...f.peers.map((p) => line(p.name, p, p.inputs))]);
    drawGraph(byId<HTMLCanvasElement>('rtt-graph'), [{ values: f.history.rtt, color: '#4fc3f7' }], 120);
    drawGraph(
      byId<HTMLCanvasElement>('kbps-graph'),
      [
        { values: f.history.kbpsIn, color: '#66e08a' },
        { values: f.history.kbpsOut, color: '#ff8a65' },
      ],
      120,
    );
  }
}
