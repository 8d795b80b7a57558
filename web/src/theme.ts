// Light, dark and projector themes: chosen in the header, kept across reloads, or set by ?theme=.
import { initialChoice, saveChoice } from './preference.ts';

export const THEMES = ['light', 'dark', 'projector'] as const;
export type Theme = (typeof THEMES)[number];

const KEY = 'socket-lab-theme';

export const initialTheme = (): Theme => initialChoice('theme', KEY, THEMES, 'light');

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  saveChoice(KEY, theme);
}

const listeners = new Set<() => void>();
let shown: Theme | null = null;
/** How many times a theme was applied: what reads the page's computed sizes subscribes to it. */
let applied = 0;

export const themeApplied = (): number => applied;

/** The theme the page shows now (for layout that depends on it: the projector's larger type). */
export function shownTheme(): Theme {
  return shown ?? initialTheme();
}

export function onThemeChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Applies `theme` and tells the components that lay out by it. */
export function showTheme(theme: Theme): void {
  applyTheme(theme);
  shown = theme;
  applied++;
  for (const l of listeners) l();
}
