/**
 * DevTools messages as Chromium's --remote-debugging-pipe frames them: JSON text, each message
 * ended by a NUL byte. The resident printer speaks the same framing on its socket, so it relays
 * a client's messages to Chromium and back without rewriting them.
 */
export const NUL = Buffer.from([0]);

/**
 * Cuts a byte stream into messages; `onFrame` gets each whole one (a view: copy to keep it). A
 * message longer than `max` bytes (a peer that streams without ever ending one drove the
 * printer to 23 GB) is not held: `onTooLarge` is called once and the rest is ignored, so the
 * caller drops the connection.
 */
export function frameReader(onFrame: (frame: Buffer) => void, max = Infinity, onTooLarge: () => void = () => undefined): (chunk: Buffer) => void {
  let pending: Buffer[] = [];
  let held = 0;
  let over = false;
  return (chunk) => {
    if (over) return;
    let start = 0;
    let end: number;
    while ((end = chunk.indexOf(0, start)) !== -1) {
      const part = chunk.subarray(start, end);
      if (held + part.length > max) break;
      const frame = pending.length > 0 ? Buffer.concat([...pending, part]) : part;
      pending = [];
      held = 0;
      onFrame(frame);
      start = end + 1;
    }
    const rest = end === -1 ? chunk.length - start : Infinity;
    if (held + rest > max) {
      over = true;
      pending = [];
      onTooLarge();
      return;
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      held += chunk.length - start;
    }
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
