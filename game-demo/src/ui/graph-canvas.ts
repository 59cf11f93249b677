/** A small live line graph on a canvas: one or more series, scaled to the largest value shown. */

export interface GraphLine {
  readonly values: readonly number[];
  readonly color: string;
}

/** Draws `lines` on `canvas`, newest on the right, with the scale's top value in the corner. */
export function drawGraph(canvas: HTMLCanvasElement, lines: readonly GraphLine[], capacity: number): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  const { width, height } = canvas;
  context.clearRect(0, 0, width, height);
  const top = niceCeiling(Math.max(1, ...lines.flatMap((line) => line.values)));
  context.strokeStyle = '#1e2a45';
  context.lineWidth = 1;
  context.beginPath();
  context.moveTo(0, height / 2 + 0.5);
  context.lineTo(width, height / 2 + 0.5);
  context.stroke();
  const step = width / Math.max(1, capacity - 1);
  for (const line of lines) {
    context.strokeStyle = line.color;
    context.lineWidth = 1.5;
    context.beginPath();
    const offset = capacity - line.values.length;
    line.values.forEach((value, i) => {
      const x = (offset + i) * step;
      const y = height - 2 - (value / top) * (height - 4);
      if (i === 0) context.moveTo(x, y);
      else context.lineTo(x, y);
    });
    context.stroke();
  }
  context.fillStyle = '#8a96b4';
  context.font = '10px system-ui, sans-serif';
  context.fillText(String(top), 3, 11);
}

/** 1, 2 or 5 times a power of ten, at least `value`. */
function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 5, 10]) if (m * power >= value) return m * power;
  return 10 * power;
}
