// Small helpers for figures written as SVG text: escaping, text that stays text, wrapping.
export const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function text(
  x: number,
  y: number,
  s: string,
  attrs: Record<string, string | number> = {},
): string {
  const a = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${esc(String(v))}"`)
    .join('');
  return `<text x="${x}" y="${y}"${a}>${esc(s)}</text>`;
}

/** Words into lines of at most `n` characters. */
export function wrap(s: string, n: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const w of s.split(/\s+/)) {
    if (line && line.length + 1 + w.length > n) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines;
}

export interface Caption {
  title: string;
  step: number;
  count: number;
  fn: string;
  sentence: string;
}

/** The caption every figure carries: lesson title, step and fn, the step's sentence. */
export function caption(c: Caption, width: number, col: (v: string) => string): [string, number] {
  const out = [
    text(20, 30, c.title, { 'font-size': 18, 'font-weight': 700, fill: col('--ink') }),
    text(20, 52, `Step ${c.step} of ${c.count - 1} · ${c.fn}`, {
      'font-size': 13,
      'font-family': 'monospace',
      fill: col('--muted'),
      'data-step': c.step,
    }),
  ];
  const lines = wrap(c.sentence, Math.floor((width - 40) / 7));
  lines.forEach((l, i) =>
    out.push(text(20, 74 + i * 17, l, { 'font-size': 13, fill: col('--ink') })),
  );
  return [out.join(''), 74 + lines.length * 17];
}

export function svgDoc(width: number, height: number, bg: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">` +
    `<rect width="${width}" height="${height}" fill="${bg}"/>${body}</svg>`
  );
}
