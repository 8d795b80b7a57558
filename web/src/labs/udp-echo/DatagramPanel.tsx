// Under the UDP echo timeline: message boundaries over TCP vs UDP, and the impairment relay.
import { fromHex, pythonBytesRepr } from '@socket-lab/bytes';
import type { Boundaries, UdpEchoState } from '@socket-lab/protocol';
import { useState } from 'react';
import { useStore } from '../../app-context.ts';
import { useUdpEchoCommand } from './use-command.ts';

const MESSAGES = ['one', 'two', 'three'];

export function DatagramPanel() {
  const store = useStore();
  const state = store.state('udp-echo');
  const { run, busy } = useUdpEchoCommand();
  const connected = store.status.kind === 'open';
  return (
    <section className="grader" aria-label="Datagrams">
      {/* Beside the lanes, not above them: the note takes no lane height. */}
      <p className="lab-note">
        A datagram longer than BUF_SIZE: Linux returns the first BUF_SIZE bytes and discards the rest; Windows raises [WinError 10040]. Node
        always receives whole datagrams, so this lab makes the cut itself and marks it.
      </p>
      <div className="panel-columns">
        <div>
          <div className="control-group">
            <h2>Boundaries</h2>
            <button type="button" disabled={!connected || busy} onClick={() => void run({ op: 'compare-boundaries', messages: MESSAGES })}>
              Send one, two, three over TCP and UDP
            </button>
          </div>
          {state?.boundaries && <BoundariesView b={state.boundaries} />}
          <MulticastView state={state} disabled={!connected || busy} />
        </div>
        <RelayControls state={state} disabled={!connected || busy || !state?.server} />
      </div>
    </section>
  );
}

function BoundariesView({ b }: { b: Boundaries }) {
  const list = (chunks: string[]) => chunks.map((h) => pythonBytesRepr(fromHex(h))).join(', ');
  return (
    <div className="boundaries" role="table" aria-label="TCP and UDP boundaries">
      <div role="row">
        <strong role="rowheader">TCP</strong>
        <span role="cell">
          {b.messages.length} sendall → {b.tcp.length} recv: {list(b.tcp)}. A byte stream keeps the bytes and their order, not where one send ended.
        </span>
      </div>
      <div role="row">
        <strong role="rowheader">UDP</strong>
        <span role="cell">
          {b.messages.length} sendto → {b.udp.length} recvfrom: {list(b.udp)}. Each datagram arrives whole, or not at all.
        </span>
      </div>
    </div>
  );
}

function MulticastView({ state, disabled }: { state: UdpEchoState | undefined; disabled: boolean }) {
  const { run } = useUdpEchoCommand();
  const m = state?.multicast;
  return (
    <div className="multicast">
      <div className="control-group">
        <h2>Multicast</h2>
        <button type="button" disabled={disabled} onClick={() => void run({ op: 'multicast', group: '226.1.1.1', text: 'hello, group' })}>
          Send to 226.1.1.1, two receivers
        </button>
      </div>
      {m && (
        <p role="status" aria-label="Multicast result" className={m.error ? 'hint' : ''}>
          {m.error ??
            `1 sendto to ('${m.group}', ${m.port}) → ${m.received.length} receivers got ${m.received.map((r) => pythonBytesRepr(fromHex(r.hex))).join(' and ')}. ` +
              'Each joined with IP_ADD_MEMBERSHIP on 127.0.0.1; TTL 0 keeps the datagram on this machine.'}
        </p>
      )}
    </div>
  );
}

function RelayControls({ state, disabled }: { state: UdpEchoState | undefined; disabled: boolean }) {
  const { run } = useUdpEchoCommand();
  const [seed, setSeed] = useState('1');
  const [drop, setDrop] = useState('20');
  const [dup, setDup] = useState('10');
  const [reorder, setReorder] = useState('10');
  const [delay, setDelay] = useState('0');
  const relay = state?.relay;
  const pct = (s: string) => Math.min(100, Math.max(0, Number(s) || 0)) / 100;
  return (
    <form
      className="control-group"
      aria-label="Relay"
      onSubmit={(ev) => {
        ev.preventDefault();
        if (relay) void run({ op: 'relay-stop' });
        else
          void run({
            op: 'relay-start',
            impairment: { seed: Math.trunc(Number(seed) || 0) >>> 0, drop: pct(drop), duplicate: pct(dup), reorder: pct(reorder), delayMs: Math.min(2000, Math.max(0, Math.trunc(Number(delay) || 0))) },
          });
      }}
    >
      <h2>Relay</h2>
      {(
        [
          ['Seed', seed, setSeed],
          ['Drop %', drop, setDrop],
          ['Duplicate %', dup, setDup],
          ['Reorder %', reorder, setReorder],
          ['Delay ms', delay, setDelay],
        ] as const
      ).map(([label, value, set]) => (
        <label key={label}>
          {label} <input value={value} onChange={(e) => set(e.target.value)} disabled={!!relay} size={4} inputMode="numeric" />
        </label>
      ))}
      <button type="submit" disabled={disabled}>
        {relay ? 'Stop relay' : 'Start relay'}
      </button>
      <span className="state-note" role="status" aria-label="Relay state">
        {relay
          ? `relay on ${relay.local[0]}:${relay.local[1]}: ${relay.counts.datagrams} datagrams, ${relay.counts.dropped} dropped, ${relay.counts.duplicated} duplicated, ${relay.counts.reordered} reordered, ${relay.counts.delayed} delayed`
          : 'off: the client sends straight to the server. The same seed gives the same fates.'}
      </span>
    </form>
  );
}
