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
