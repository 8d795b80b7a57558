import { describe, expect, it } from 'vitest';
import { parseTrace, TRACE_VERSION } from './trace.ts';

const event = { seq: 0, t: 0, lab: 'tcp-echo', socket: 'server-1', role: 'server', op: 'bind', local: ['127.0.0.1', 65432], remote: null, size: 0, hex: '' };

describe('parseTrace', () => {
  it('accepts a saved trace', () => {
    const text = JSON.stringify({ kind: 'socket-lab-trace', version: TRACE_VERSION, saved: '2026-11-24T00:00:00Z', dropped: 0, labs: [{ lab: 'tcp-echo', events: [event] }] });
    const r = parseTrace(text);
    expect(r.ok && r.trace.labs[0]!.events).toEqual([event]);
  });
  it('names what is wrong with anything else', () => {
    expect(parseTrace('{')).toMatchObject({ ok: false, message: expect.stringMatching(/^not a trace: not valid JSON/) });
    const r = parseTrace(JSON.stringify({ kind: 'socket-lab-trace', version: 1, saved: 'x', dropped: 0, labs: [{ lab: 'tcp-echo', events: [{ ...event, op: 'teleport' }] }] }));
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/^not a Socket Lab trace: labs\.0\.events\.0\.op: /) });
  });
});
