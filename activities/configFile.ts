/**
 * Reads a directory file (partners, staff) written by an operator: YAML or JSON (JSON is YAML too),
 * validated with zod. Errors name the file and the entry (`partners[2].channel.baseUrl: …`) and
 * never repeat values.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export class ConfigFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigFileError';
  }
}

export function readConfigFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigFileError(`${what} ${path} cannot be read (${code}).`);
  }
  try {
    return parse(text, { prettyErrors: true });
  } catch (err) {
    // The YAML parser reports line and column; its message quotes no more than the offending position.
    const where = (err as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
    throw new ConfigFileError(`${what} ${path} is not valid YAML or JSON${where ? ` (line ${where.line}, column ${where.col})` : ''}.`);
  }
}
