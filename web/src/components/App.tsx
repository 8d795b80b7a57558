// The page frame: header with lab tabs, then either one lab or the lecture deck.
import { useEffect, useState } from 'react';
import { Deck } from '../deck/Deck.tsx';
import { isDeckHash, parseDeckHash } from '../deck/deck-route.ts';
import { labFromHash } from '../labs/registry.ts';
import { useApp } from '../app-context.ts';
import { Header } from './Header.tsx';
import { LabScreen } from './LabScreen.tsx';
import { Notices } from './Notices.tsx';

function useHash(): string {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return hash;
}

export function App() {
  const hash = useHash();
  const { sessions } = useApp();
  const deck = isDeckHash(hash);
  const lab = labFromHash(hash);
  useEffect(() => {
    if (!deck) document.title = `${lab.title} · Socket Lab`;
  }, [deck, lab.title]);
  return (
    <div className="app">
      <Header current={deck ? 'deck' : lab.id} />
      <Notices />
      {deck ? <Deck place={parseDeckHash(hash)} /> : <LabScreen key={`${lab.id} ${sessions.showing}`} lab={lab} />}
    </div>
  );
}
