/**
 * DevTools messages as Chromium's --remote-debugging-pipe frames them: JSON text, each message
 * ended by a NUL byte. The resident printer speaks the same framing on its socket, so it relays
 * a client's messages to Chromium and back without rewriting them.
 */
export const NUL = Buffer.from([0]);

/** Cuts a byte stream into messages; `onFrame` gets each whole one (a view: copy to keep it). */
export function frameReader(onFrame: (frame: Buffer) => void): (chunk: Buffer) => void {
  let pending: Buffer[] = [];
  return (chunk) => {
    let start = 0;
    let end: number;
    while ((end = chunk.indexOf(0, start)) !== -1) {
      const part = chunk.subarray(start, end);
      const frame = pending.length > 0 ? Buffer.concat([...pending, part]) : part;
      pending = [];
      onFrame(frame);
      start = end + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  };
}

/** A message's JSON, or undefined when it is not JSON. */
export function parseFrame(frame: Buffer): unknown {
  try {
    return JSON.parse(frame.toString('utf8'));
  } catch {
    return undefined;
  }
}
