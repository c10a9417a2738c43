/**
 * Finds a measure in free text: a number with or without a unit ("50 ms", "99.9%", "3",
 * "1M rows") or a number word ("zero restarts", "halve", "twice"). Identifiers that merely
 * contain digits are not measures: "p99", "S3", "eu-west-2", "SUP-4410", "v1".
 */
const NUMBER =
  /(?<![\p{L}\p{N}_\-/])[<>≤≥~]?\d+(?:[.,:]\d+)*(?:\s?(?:%|x|k|m|ms|s|sec|secs|min|mins|h|hr|hrs|d|kb|mb|gb|tb|kib|mib|gib|ki|mi|gi|ti))?(?![\p{L}\p{N}_])/iu;
const NUMBER_WORD =
  /\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|hundred|thousand|million|half|halve|halved|twice|double|doubled|triple|tripled)\b/i;

/** The first measure in the text, as typed, or null. */
export function findMeasure(text: string | null | undefined): string | null {
  const t = text ?? '';
  return (NUMBER.exec(t) ?? NUMBER_WORD.exec(t))?.[0].trim() ?? null;
}

export const hasMeasure = (text: string | null | undefined): boolean => findMeasure(text) !== null;
