/**
 * The resident printer's parts without a browser: the NUL framing it relays DevTools messages in,
 * cut at any byte by the socket or the pipe; what makes a run and a printer fit each other; and
 * a run's print link, against a stand-in printer on a real socket.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PdfInfo } from '../../src/print/pdf-metadata.js';
import { frameReader } from '../../src/print/resident/frames.js';
import { printLink, type PrintLink } from '../../src/print/resident/print-link.js';
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

describe('printLink (a run printing in the resident printer)', () => {
  const info: PdfInfo = { title: 't', author: 'a', subject: 's', keywords: ['k'], date: new Date('2026-03-01T00:00:00Z'), producer: 'p', id: 'ab' };

  /** A printer stand-in on a real socket: `answer` says what it does with each request it reads. */
  async function withPrinter(answer: (req: Record<string, unknown>, conn: net.Socket) => void, use: (link: PrintLink) => Promise<void>) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'briefs-link-'));
    const socket = path.join(dir, 's');
    const server = net.createServer((conn) =>
      conn.on(
        'data',
        frameReader((f) => answer(JSON.parse(f.toString('utf8')) as Record<string, unknown>, conn)),
      ),
    );
    await new Promise<void>((r) => server.listen(socket, r));
    const conn = net.connect(socket);
    await new Promise((r) => conn.once('connect', r));
    try {
      await use(printLink(conn, 'http://127.0.0.1:1', 'http://127.0.0.1:1/shell.html'));
    } finally {
      conn.destroy();
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const send = (conn: net.Socket, msg: object) => conn.write(Buffer.concat([Buffer.from(JSON.stringify(msg)), Buffer.from([0])]));

  it('sends the HTML and the document information, and takes the PDF back from base64, each answer to its own request', async () => {
    const seen: Record<string, unknown>[] = [];
    await withPrinter(
      (req, conn) => {
        seen.push(req);
        // Answered out of order: the second request first.
        if (seen.length === 2)
          for (const r of [...seen].reverse())
            send(conn, {
              briefs: 'printed',
              n: r.n,
              pdf: Buffer.from(`%PDF ${String(r.html)}`).toString('base64'),
              pages: 1,
              pdfa: null,
              layout: { articlePages: [1], distributionPush: 0 },
              prints: 1,
              blocked: [],
              failed: [],
            });
      },
      async (link) => {
        const [one, two] = await Promise.all([link.print('<p>一</p>', info, 5000), link.print('<p>二</p>', info, 5000)]);
        expect(Buffer.from(one!.bytes).toString()).toBe('%PDF <p>一</p>');
        expect(Buffer.from(two!.bytes).toString()).toBe('%PDF <p>二</p>');
        expect(one).toMatchObject({ pages: 1, prints: 1, layout: { articlePages: [1] } });
      },
    );
    expect(seen[0]).toMatchObject({
      briefs: 'print',
      html: '<p>一</p>',
      timeout: 5000,
      info: { title: 't', date: '2026-03-01T00:00:00.000Z', keywords: ['k'] },
    });
  });

  it('rejects with the printer’s reason when the print failed there', async () => {
    await withPrinter(
      (req, conn) => send(conn, { briefs: 'print-failed', n: req.n, message: 'loading the issue: timeout of 5000 ms exceeded' }),
      async (link) => {
        await expect(link.print('<p></p>', info, 5000)).rejects.toThrow('loading the issue: timeout of 5000 ms exceeded');
      },
    );
  });

  it('gives undefined (the run prints the issue itself) when the printer goes away before it answers, and after', async () => {
    await withPrinter(
      (_req, conn) => conn.destroy(),
      async (link) => {
        expect(await link.print('<p></p>', info, 5000)).toBeUndefined();
        expect(link.closed).toBe(true);
        expect(await link.print('<p></p>', info, 5000)).toBeUndefined();
      },
    );
  });
});
