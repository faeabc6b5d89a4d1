// lz-string's decompressFromEncodedURIComponent (lz-string 1.5, MIT, pieroxy), ported with an
// output cap: LZW output can grow quadratically with its input, so a 16 KB link could
// otherwise expand to tens of megabytes before any size check could see it. Returns null for
// anything that is not a complete stream in the URI-safe alphabet, or that would exceed maxChars.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const VALUE: Record<string, number> = Object.fromEntries(
  Array.from(ALPHABET, (ch, i) => [ch, i] as const),
);
const RESET = 32; // 6 bits per character

export function decompressFromEncodedURIComponent(input: string, maxChars: number): string | null {
  const text = input.replace(/ /g, '+'); // some URL handling turns '+' into ' '
  if (text === '') return null;
  const codes = new Uint8Array(text.length + 1);
  for (let i = 0; i < text.length; i++) {
    const v = VALUE[text[i]];
    if (v === undefined || !Object.prototype.hasOwnProperty.call(VALUE, text[i])) return null;
    codes[i] = v;
  }
  let val = codes[0];
  let position = RESET;
  let index = 1;
  const readBits = (n: number): number => {
    let bits = 0;
    for (let power = 1, i = 0; i < n; i++, power *= 2) {
      const resb = val & position;
      position >>= 1;
      if (position === 0) {
        position = RESET;
        val = codes[index++];
      }
      if (resb > 0) bits += power;
    }
    return bits;
  };

  const dictionary: string[] = ['', '', ''];
  let dictSize = 4;
  let numBits = 3;
  let enlargeIn = 4;
  const first = readBits(2);
  if (first === 2) return '';
  if (first === 3) return null;
  let w = String.fromCharCode(readBits(first === 0 ? 8 : 16));
  dictionary[3] = w;
  const result = [w];
  let size = w.length;

  for (;;) {
    if (index > text.length) return null; // truncated: the end marker never came
    let c = readBits(numBits);
    if (c === 0 || c === 1) {
      dictionary[dictSize++] = String.fromCharCode(readBits(c === 0 ? 8 : 16));
      c = dictSize - 1;
      enlargeIn--;
    } else if (c === 2) {
      return result.join('');
    }
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
    let entry: string;
    if (c < dictSize && dictionary[c]) entry = dictionary[c];
    else if (c === dictSize) entry = w + w.charAt(0);
    else return null;
    size += entry.length;
    if (size > maxChars) return null;
    result.push(entry);
    dictionary[dictSize++] = w + entry.charAt(0);
    enlargeIn--;
    w = entry;
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  }
}
