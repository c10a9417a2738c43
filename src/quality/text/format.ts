/** Quotes user text in a message, shortened so a long title does not swamp it. */
export function quote(text: string, max = 160): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return `"${t.length > max ? `${t.slice(0, max - 1)}…` : t}"`;
}
