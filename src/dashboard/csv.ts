/**
 * One CSV field (RFC 4180). Cells a spreadsheet would run as a formula get a leading quote,
 * since titles and names are typed by people.
 */
export function csvField(value: string | number | boolean | Date | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (values: Parameters<typeof csvField>[0][]) => `${values.map(csvField).join(',')}\r\n`;
