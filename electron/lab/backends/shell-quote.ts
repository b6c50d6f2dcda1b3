/** Characters /bin/sh never treats specially, so such words need no quotes. */
const SAFE = /^[\w@%+=:,./-]+$/;

/** Quotes one word for /bin/sh: bare when safe, else single-quoted ('\'' for a quote). */
export function shellQuote(word: string): string {
  if (SAFE.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
