/**
 * Starts Phaser in `parent` with the arena scene, on WebGL when the browser has it in hardware and
 * on the Canvas renderer otherwise: where WebGL is missing (Phaser's own fallback) and where it is
 * only emulated in software (headless Chromium with the GPU disabled, blocklisted GPUs), which
 * costs a whole CPU core and starves the netcode of time. `?renderer=webgl` or `?renderer=canvas`
 * forces one. Phaser reads no keys: the page's own keyboard handler does (see `keyboard.ts`).
 */
import Phaser from 'phaser';
import { ARENA_HEIGHT, ARENA_WIDTH } from '../sim/level.js';
import { ArenaScene, type SceneFrame } from './arena-scene.js';
import { COLORS } from './palette.js';

/** Renderers that emulate a GPU on the CPU. */
const SOFTWARE_GL = /swiftshader|llvmpipe|softpipe|software/i;

/** Whether WebGL runs on a real GPU; false when it is missing or emulated in software. */
function hardwareWebGl(): boolean {
  try {
    const gl = document.createElement('canvas').getContext('webgl', { failIfMajorPerformanceCaveat: true });
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer: unknown = gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return !(typeof renderer === 'string' && SOFTWARE_GL.test(renderer));
  } catch {
    return false;
  }
}

function rendererType(): number {
  const forced = new URLSearchParams(location.search).get('renderer');
  if (forced === 'canvas') return Phaser.CANVAS;
  if (forced === 'webgl') return Phaser.WEBGL;
  return hardwareWebGl() ? Phaser.AUTO : Phaser.CANVAS;
}

export function startPhaser(parent: HTMLElement, source: () => SceneFrame | undefined): Phaser.Game {
  return new Phaser.Game({
    type: rendererType(),
    parent,
    width: ARENA_WIDTH,
    height: ARENA_HEIGHT,
    backgroundColor: COLORS.background,
    banner: false,
    input: { keyboard: false, mouse: false, touch: false, gamepad: false },
    audio: { noAudio: true },
    scale: { mode: Phaser.Scale.FIT, autoCenter: Phaser.Scale.CENTER_BOTH },
    scene: new ArenaScene(source),
  });
}

/** Which renderer Phaser chose: 'webgl' or 'canvas'. */
export function rendererName(game: Phaser.Game): string | undefined {
  const type = game.config.renderType;
  return type === Phaser.WEBGL ? 'webgl' : type === Phaser.CANVAS ? 'canvas' : undefined;
}
