// A lab server's port field, fixed while the server runs, and then showing the port it really
// listens on (port 0, or a deck's set-up, asks the kernel for a free one: the room must see which).
export function PortField({ value, onChange, locked, listening }: { value: string; onChange(v: string): void; locked: boolean; listening?: number | undefined }) {
  const shown = locked && listening !== undefined ? String(listening) : value;
  return (
    <label>
      Port <input value={shown} onChange={(e) => onChange(e.target.value)} disabled={locked} inputMode="numeric" size={6} />
    </label>
  );
}
