/**
 * Colour for people, plain text for pipes: ANSI codes only when writing to a terminal, and never
 * when NO_COLOR is set (https://no-color.org). FORCE_COLOR turns them on for a pager that keeps them.
 */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
}

export function styleFor(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): Style {
  const on = env.NO_COLOR === undefined && (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' ? true : stream.isTTY === true);
  const wrap = (open: number, close: number) => (text: string) => (on ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39) };
}

/** Width as a terminal shows it: escape codes take no room. */
export function visibleLength(text: string): number {
  return text.replace(/\u001b\[\d+m/g, '').length;
}
