// Cards or the sequence diagram: chosen in the toolbar, kept across reloads, or set by ?view=
// (a projector can open on the diagram: ?theme=projector&view=diagram).
import { initialChoice, saveChoice } from './preference.ts';

export const VIEWS = ['cards', 'diagram'] as const;
export type ViewMode = (typeof VIEWS)[number];

const KEY = 'socket-lab-view';

export const initialView = (): ViewMode => initialChoice('view', KEY, VIEWS, 'cards');
export const saveView = (v: ViewMode): void => saveChoice(KEY, v);
