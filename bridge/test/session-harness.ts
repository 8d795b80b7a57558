// A Session driven as the page drives it, without a WebSocket: its messages land in an array,
// parsed, and tests wait for the one they need.
import type { ServerMessage } from '@socket-lab/protocol';
import { Session } from '../src/session.ts';

/** A session whose messages land in an array, parsed, as the page would get them. */
export function session() {
  const messages: ServerMessage[] = [];
  const waiters: Array<() => void> = [];
  const s = new Session('t', {
    send: (text, done) => {
      messages.push(JSON.parse(text) as ServerMessage);
      for (const w of waiters.splice(0)) w();
      done();
    },
    bufferedAmount: 0,
    open: true,
  });
  const events = () => messages.flatMap((m) => (m.type === 'events' ? m.events : []));
  const until = <T>(pick: () => T | undefined): Promise<T> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out; events: ${events().map((e) => `${e.socket} ${e.op} ${e.size}`).join(', ')}; messages: ${JSON.stringify(messages).slice(-1500)}`)), 15_000);
      const check = () => {
        const v = pick();
        if (v !== undefined) {
          clearTimeout(timer);
          resolve(v);
        } else waiters.push(check);
      };
      check();
    });
  let id = 0;
  const send = (m: Record<string, unknown>) => s.receive(JSON.stringify({ ...m, id: ++id }));
  return { s, messages, events, until, send };
}
