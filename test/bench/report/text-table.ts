/**
 * Tables as Markdown with padded columns: readable in a terminal and pasted as they are into the
 * README. Numbers are right-aligned, text left-aligned.
 */

export type Cell = string | number;

/** The table as lines: a header row, the alignment row, then the rows. */
export function textTable(header: readonly string[], rows: readonly (readonly Cell[])[]): string[] {
  const cells = [header, ...rows].map((row) => row.map((cell) => (typeof cell === 'number' ? formatNumber(cell) : cell)));
  const numeric = header.map((_, col) => rows.length > 0 && rows.every((row) => typeof row[col] === 'number'));
  const widths = header.map((_, col) => Math.max(3, ...cells.map((row) => (row[col] ?? '').length)));
  const line = (row: readonly string[]) => `| ${row.map((cell, col) => (numeric[col] ? cell.padStart(widths[col]!) : cell.padEnd(widths[col]!))).join(' | ')} |`;
  const rule = `| ${widths.map((w, col) => (numeric[col] ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(cells[0]!), rule, ...cells.slice(1).map(line)];
}

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(Math.abs(value) < 10 ? 3 : 1);
}
