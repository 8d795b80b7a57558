import { describe, expect, it } from 'vitest';
import { parseClientMessage, parseServerMessage } from './messages.ts';

const ok = (text: string) => {
  const r = parseClientMessage(text);
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r.value;
};
const bad = (text: string) => {
  const r = parseClientMessage(text);
  if (r.ok) throw new Error('expected a refusal');
  return r;
};

describe('parseClientMessage', () => {
  it('accepts each tcp-echo command', () => {
    expect(ok('{"type":"command","id":1,"lab":"tcp-echo","command":{"op":"start-server","host":"127.0.0.1","port":65432,"backlog":1}}')).toEqual({
      type: 'command',
      id: 1,
      lab: 'tcp-echo',
      command: { op: 'start-server', host: '127.0.0.1', port: 65432, backlog: 1 },
    });
    expect(ok('{"type":"command","id":2,"lab":"tcp-echo","command":{"op":"sendall","socket":"client-1","hex":"48656c6c6f"}}').type).toBe('command');
    expect(ok('{"type":"command","id":3,"lab":"tcp-echo","command":{"op":"set-bufsize","bufsize":4}}').type).toBe('command');
    expect(ok('{"type":"get-bytes","id":4,"seq":12}')).toEqual({ type: 'get-bytes', id: 4, seq: 12 });
  });

  it('refuses text that is not JSON, saying so', () => {
    const r = bad('{"type":');
    expect(r.code).toBe('bad-json');
    expect(r.message).toMatch(/^not valid JSON: /);
  });

  it('refuses JSON that is not an object', () => {
    expect(bad('[1,2]')).toMatchObject({ code: 'bad-message', message: 'a message must be a JSON object' });
    expect(bad('null').code).toBe('bad-message');
  });

  it('names an unknown type', () => {
    expect(bad('{"type":"launch-missiles"}')).toMatchObject({
      code: 'unknown-type',
      message: 'unknown message type "launch-missiles" (known: command, get-bytes, step-mode, step, kernel-watch)',
    });
    expect(bad('{"id":1}').message).toContain('unknown message type null');
  });

  it('names the field that has the wrong shape', () => {
    const port = bad('{"type":"command","id":1,"lab":"tcp-echo","command":{"op":"connect","host":"127.0.0.1","port":70000}}');
    expect(port.code).toBe('bad-message');
    expect(port.message).toMatch(/^command\.port: /);
    expect(port.message).toContain('65535');
    const lab = bad('{"type":"command","id":1,"lab":"ftp","command":{}}');
    expect(lab.message).toMatch(/^lab: /);
    const op = bad('{"type":"command","id":1,"lab":"tcp-echo","command":{"op":"explode"}}');
    expect(op.message).toMatch(/^command\.op: /);
    const hex = bad('{"type":"command","id":1,"lab":"tcp-echo","command":{"op":"sendall","socket":"c","hex":"4G"}}');
    expect(hex.message).toBe('command.hex: must be lowercase hex, two digits per byte');
    const bufsize = bad('{"type":"command","id":1,"lab":"tcp-echo","command":{"op":"set-bufsize","bufsize":0}}');
    expect(bufsize.message).toMatch(/^command\.bufsize: /);
  });

  it('refuses a request without a numeric id', () => {
    expect(bad('{"type":"get-bytes","seq":1}').message).toMatch(/^id: /);
  });
});

describe('parseServerMessage', () => {
  it('accepts an events batch and refuses a malformed event', () => {
    const event = { seq: 0, t: 1.5, lab: 'tcp-echo', socket: 'server-1', role: 'server', op: 'bind', local: ['127.0.0.1', 65432], remote: null, size: 0, hex: '' };
    const good = parseServerMessage(JSON.stringify({ type: 'events', events: [event], dropped: 0 }));
    expect(good.ok).toBe(true);
    const wrong = parseServerMessage(JSON.stringify({ type: 'events', events: [{ ...event, op: 'teleport' }], dropped: 0 }));
    expect(wrong.ok).toBe(false);
  });
});
