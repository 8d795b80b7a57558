// The theme switch in the header: light, dark, or projector (large type, high contrast).
import { useEffect, useState } from 'react';
import { initialTheme, showTheme, THEMES, type Theme } from '../theme.ts';

export function ThemeSelect() {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  useEffect(() => showTheme(theme), [theme]);
  return (
    <label className="theme-select">
      <span className="theme-word">Theme</span>{' '}
      {/* The deck's keys (→, PageDown) still work while this has the focus: see keys.ts. */}
      <select value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
        {THEMES.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
    </label>
  );
}
