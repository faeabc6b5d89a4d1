// A small incremental SHA-256 (FIPS 180-4) over UTF-8 text. Hand-written because the trace
// hash runs over every waypoint in both Node and a worker, synchronously, and must be fast.
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const H0 = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

export interface Sha256 {
  update(text: string): void;
  /** Hex digest of everything so far; the hash can keep being updated afterwards. */
  hex(): string;
}

export function createSha256(): Sha256 {
  const h = new Int32Array(H0);
  const w = new Int32Array(64);
  const block = new Uint8Array(64);
  const enc = new TextEncoder();
  let scratch = new Uint8Array(1024);
  let fill = 0;
  let total = 0;

  function compress(state: Int32Array, b: Uint8Array, off: number): void {
    for (let i = 0; i < 16; i++) {
      const j = off + i * 4;
      w[i] = (b[j] << 24) | (b[j + 1] << 16) | (b[j + 2] << 8) | b[j + 3];
    }
    for (let i = 16; i !== 64; i++) {
      const x = w[i - 15];
      const y = w[i - 2];
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let a = state[0],
      bb = state[1],
      c = state[2],
      d = state[3];
    let e = state[4],
      f = state[5],
      g = state[6],
      hh = state[7];
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (hh + S1 + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & bb) ^ (a & c) ^ (bb & c))) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = bb;
      bb = a;
      a = (t1 + t2) | 0;
    }
    state[0] += a;
    state[1] += bb;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += hh;
  }

  function push(bytes: Uint8Array, n: number): void {
    total += n;
    let i = 0;
    if (fill) {
      while (fill < 64 && i < n) block[fill++] = bytes[i++];
      if (fill < 64) return;
      compress(h, block, 0);
      fill = 0;
    }
    for (; i + 64 <= n; i += 64) compress(h, bytes, i);
    while (i < n) block[fill++] = bytes[i++];
  }

  return {
    update(text) {
      if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
      push(scratch, enc.encodeInto(text, scratch).written);
    },
    hex() {
      const state = new Int32Array(h);
      const tail = new Uint8Array(fill < 56 ? 64 : 128);
      tail.set(block.subarray(0, fill));
      tail[fill] = 0x80;
      const bits = total * 8;
      const view = new DataView(tail.buffer);
      view.setUint32(tail.length - 8, Math.floor(bits / 2 ** 32));
      view.setUint32(tail.length - 4, bits >>> 0);
      for (let off = 0; off < tail.length; off += 64) compress(state, tail, off);
      let out = '';
      for (const v of state) out += (v >>> 0).toString(16).padStart(8, '0');
      return out;
    },
  };
}
