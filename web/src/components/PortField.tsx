// A lab server's port field, fixed while the server runs.
export function PortField({ value, onChange, locked }: { value: string; onChange(v: string): void; locked: boolean }) {
  return (
    <label>
      Port <input value={value} onChange={(e) => onChange(e.target.value)} disabled={locked} inputMode="numeric" size={6} />
    </label>
  );
}
