// A choice the page remembers (theme, cards or diagram): from ?param= first, then localStorage.

export function initialChoice<T extends string>(param: string, key: string, values: readonly T[], fallback: T): T {
  const is = (v: string | null): v is T => values.includes(v as T);
  const fromUrl = new URLSearchParams(location.search).get(param);
  if (is(fromUrl)) return fromUrl;
  try {
    const saved = localStorage.getItem(key);
    if (is(saved)) return saved;
  } catch {
    // Storage can be off (private windows, file://); the default is fine then.
  }
  return fallback;
}

export function saveChoice(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // See initialChoice.
  }
}
