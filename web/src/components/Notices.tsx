// Errors the bridge answered with (port in use, refused targets), shown until dismissed.
import { useStore } from '../app-context.ts';

export function Notices() {
  const store = useStore();
  if (store.notices.length === 0) return null;
  return (
    <div className="notices">
      {store.notices.map((n) => (
        <div key={n.id} role="alert" className={`notice notice-${n.kind}`}>
          <span>{n.text}</span>
          <button type="button" aria-label="Dismiss" onClick={() => store.dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
