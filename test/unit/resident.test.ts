/**
 * The resident printer's pure parts: the NUL framing it relays DevTools messages in, cut at any
 * byte by the socket or the pipe, and what makes a run and a printer fit each other.
 */
import { describe, expect, it } from 'vitest';
import { frameReader } from '../../src/print/resident/frames.js';
import { mismatch, type Identity } from '../../src/print/resident/identity.js';

const messages = ['{"id":1,"method":"Target.getTargets"}', '{"id":2,"result":{"text":"中文，\\u0000 escaped"}}', '{}', '{"method":"x"}'];
const stream = Buffer.concat(messages.map((m) => Buffer.concat([Buffer.from(m), Buffer.from([0])])));

function read(chunks: Buffer[]): string[] {
  const got: string[] = [];
  const push = frameReader((frame) => got.push(frame.toString('utf8')));
  for (const c of chunks) push(c);
  return got;
}

describe('frameReader', () => {
  it('gives each message whole, however the stream is cut', () => {
    expect(read([stream])).toEqual(messages);
    for (let at = 0; at <= stream.length; at++) expect(read([stream.subarray(0, at), stream.subarray(at)]), `cut at ${at}`).toEqual(messages);
    expect(read([...stream].map((b) => Buffer.from([b])))).toEqual(messages);
  });

  it('holds back a message until its end arrives', () => {
    expect(read([Buffer.from('{"id":1')])).toEqual([]);
  });

  it('holds no more than its bound: a message that never ends is cut off once, and nothing after it is read', () => {
    const got: string[] = [];
    let cut = 0;
    const push = frameReader(
      (f) => got.push(f.toString()),
      10,
      () => cut++,
    );
    push(Buffer.from('0123456789\0'));
    push(Buffer.from('abc'));
    for (let i = 0; i < 1000; i++) push(Buffer.from('defgh'));
    push(Buffer.from('\0{}\0'));
    expect(got).toEqual(['0123456789']);
    expect(cut).toBe(1);
    // A whole message over the bound, in one chunk, is cut off too.
    const whole = frameReader(
      () => got.push('x'),
      4,
      () => cut++,
    );
    whole(Buffer.from('123456\0'));
    expect(cut).toBe(2);
    expect(got).toEqual(['0123456789']);
  });
});

describe('mismatch', () => {
  const run: Identity = { build: '0.1.0:1:2', root: '/w', executable: '/usr/bin/chromium', systemFonts: false, fallback: '/a.ttf' };
  it('fits a run of the same build, workspace, browser and fonts', () => {
    expect(mismatch(run, { ...run })).toBeUndefined();
  });
  it('makes a printer of another build stale, and passes it over for another browser or other fonts', () => {
    expect(mismatch(run, { ...run, build: 'x' })).toEqual({ why: 'build', stale: true });
    expect(mismatch(run, { ...run, root: '/v' })).toEqual({ why: 'workspace', stale: false });
    expect(mismatch(run, { ...run, executable: '/opt/chrome' })).toEqual({ why: 'browser', stale: false });
    expect(mismatch(run, { ...run, systemFonts: true })).toEqual({ why: 'fonts', stale: false });
    expect(mismatch(run, { ...run, fallback: '' })).toEqual({ why: 'fonts', stale: false });
  });
});
