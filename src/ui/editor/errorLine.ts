// Where in JSON text a validation path points: the line where the value at `actions[3].count`
// (or its deepest ancestor present) starts. A small scan of strings and brackets, no parser.

type Frame = { kind: '{' | '['; index: number; key: string | null };

export function errorLine(text: string, error: string): number | null {
  const syntax = /^invalid JSON at line (\d+)/.exec(error);
  if (syntax) return Number(syntax[1]);
  const path = parsePath(error.slice(0, Math.max(0, error.indexOf(': '))));
  return path ? lineOf(text, path) : null;
}

function parsePath(p: string): (string | number)[] | null {
  if (p === '' || p === 'scenario') return null;
  const out: (string | number)[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  for (let m = re.exec(p); m; m = re.exec(p)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

function lineOf(text: string, target: (string | number)[]): number | null {
  const stack: Frame[] = [];
  let line = 1;
  let best: number | null = null;
  let bestDepth = 0;
  let lastString: string | null = null;
  // A value starts after `pos` (a ':', '[' or ','): remember its line if it is on the path.
  const valueAfter = (pos: number) => {
    const at = stack.map((f) => (f.kind === '[' ? f.index : f.key));
    if (at.length > target.length || at.length <= bestDepth) return;
    if (!at.every((p, d) => p === target[d])) return;
    let k = pos + 1;
    let l = line;
    for (; k < text.length && /\s/.test(text[k]); k++) if (text[k] === '\n') l++;
    if (text[k] === ']') return;
    best = l;
    bestDepth = at.length;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = stack.at(-1);
    if (c === '\n') line++;
    else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      lastString = text.slice(i + 1, j);
      i = j;
    } else if (c === '{') stack.push({ kind: '{', index: 0, key: null });
    else if (c === '[') {
      stack.push({ kind: '[', index: 0, key: null });
      valueAfter(i);
    } else if (c === '}' || c === ']') stack.pop();
    else if (c === ':' && top?.kind === '{') {
      top.key = lastString;
      valueAfter(i);
    } else if (c === ',' && top?.kind === '[') {
      top.index++;
      valueAfter(i);
    }
  }
  return best;
}
