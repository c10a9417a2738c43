const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * A small page for links opened from an email. No script and no inline style (the pages' CSP);
 * a GET only shows it, the form's POST does the change (mail scanners fetch links).
 */
export function emailPage(title: string, message: string, action?: { url: string; label: string }): string {
  const form = action
    ? `<form method="post" action="${escape(action.url)}"><button type="submit">${escape(action.label)}</button></form>`
    : '';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title></head>
<body>
<main>
<h1>${escape(title)}</h1>
<p>${escape(message)}</p>
${form}
</main>
</body>
</html>
`;
}
