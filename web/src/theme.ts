// Light, dark and projector themes: chosen in the header, kept across reloads, or set by ?theme=.
export const THEMES = ['light', 'dark', 'projector'] as const;
export type Theme = (typeof THEMES)[number];

const KEY = 'socket-lab-theme';
const isTheme = (t: string | null): t is Theme => THEMES.includes(t as Theme);

export function initialTheme(): Theme {
  const fromUrl = new URLSearchParams(location.search).get('theme');
  if (isTheme(fromUrl)) return fromUrl;
  try {
    const saved = localStorage.getItem(KEY);
    if (isTheme(saved)) return saved;
  } catch {
    // Storage can be off (private windows, file://); the default theme is fine then.
  }
  return 'light';
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem(KEY, theme);
  } catch {
    // See initialTheme.
  }
}
