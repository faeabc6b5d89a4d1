import { describe, expect, it } from 'vitest';
import { labAddress, labUrl } from './labAddress.ts';

describe('labAddress', () => {
  it('keeps the folder the lab is served from, whatever its depth', () => {
    expect(labAddress('https://u.github.io/hmm-lab/#preset/cpu-touch&step=3')).toBe(
      'https://u.github.io/hmm-lab/',
    );
    expect(labAddress('http://h:8000/a/b/lab/index.html#v1.abc')).toBe(
      'http://h:8000/a/b/lab/index.html',
    );
    expect(labAddress('http://127.0.0.1:4173/')).toBe('http://127.0.0.1:4173/');
  });

  it('keeps a query the host needs and drops only the hash', () => {
    expect(labAddress('https://course.example/page?id=7&lang=en#preset/x#y')).toBe(
      'https://course.example/page?id=7&lang=en',
    );
  });

  it('builds links under that address', () => {
    expect(labUrl('#preset/cpu-touch&step=9', 'http://h/x/y/#v1.old')).toBe(
      'http://h/x/y/#preset/cpu-touch&step=9',
    );
    expect(labUrl('#v1.abc', 'file:///home/t/dist/index.html')).toBe(
      'file:///home/t/dist/index.html#v1.abc',
    );
  });
});
