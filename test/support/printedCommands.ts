/**
 * The commands we print for people to run, found by pattern wherever a reader meets them: the
 * docs' code (blocks and inline), the mail we send, and the program's own messages and help
 * examples (its string literals). One extractor for all of them, so a new command is picked up
 * without anyone listing it; test/docs/commands.test.ts and test/activities/mailCommands.test.ts
 * run what it finds.
 *
 * In code (a doc's code, a backticked part of a message, a message that is a command line) every
 * `prepared-return`, `temporal`, `npm` or `npx` at a command's place is a command. In prose (mail,
 * the rest of a message) `prepared-return` is also the programme's name, so only `prepared-return`
 * followed by one of the client's own commands counts, running to the end of the line; and
 * `npm start`, `npm run <script>`.
 */
import ts from 'typescript';
import { buildProgram } from '../../client/cli.js';

export type Program = 'prepared-return' | 'temporal' | 'npm' | 'npx';

export interface PrintedCommand {
  /** Where a reader meets it: `README.md:47`, `client/commands/open.ts:61`. */
  where: string;
  /** The command as printed: its assignments, the program, its arguments, any pipe after it. */
  line: string;
  program: Program;
  /** `export NAME=value` printed before it in the same block or line, which it relies on. */
  setup: string[];
  /** In a doc's shell block: a step the reader follows, not an example. */
  step: boolean;
}

const CLIENT_COMMANDS = new Set(buildProgram().commands.map((c) => c.name()));

/** A program at a command's place, after any `NAME=value` assignments; `npx prepared-return` is the client. */
const AT_COMMAND = /(?<=^|[\s;&|(])((?:[A-Z][A-Z0-9_]*=\S*\s+)*)(?:npx\s+(?=prepared-return\b))?(prepared-return|temporal|npm|npx(?!\s+prepared-return\b))(?=\s+\S)/g;
const IN_PROSE = /(?<=^|[\s(])prepared-return\s+([a-z][a-z-]*)|(?<=^|[\s(])npm\s+(?:start|test|ci|run\s+[\w:.-]+)\b/g;

/** Commands in a Markdown file: ```sh (or unlabelled) blocks line by line, and inline code spans. */
export function commandsInMarkdown(markdown: string, file: string): PrintedCommand[] {
  const found: PrintedCommand[] = [];
  const lineAt = (offset: number) => markdown.slice(0, offset).split('\n').length;
  const fence = /^( *)```([\w-]*)[^\n]*\n([\s\S]*?)^\1```/gm;
  for (const block of markdown.matchAll(fence)) {
    if (!['', 'sh', 'bash', 'shell', 'console'].includes(block[2]!)) continue;
    const first = lineAt(block.index) + 1;
    const setup: string[] = [];
    // A `\` at the end of a line continues it.
    const lines = block[3]!.replace(/\\\n\s*/g, ' ').split('\n');
    lines.forEach((text, i) => {
      const line = text.replace(/^\s*\$ /, '');
      found.push(...commandsInCode(line, `${file}:${first + i}`, setup, true));
      setup.push(...exportsIn(line));
    });
  }
  // Inline code, outside the fences; a span may wrap onto the next line (a blank line ends it).
  const outsideFences = markdown.replace(fence, (block) => block.replace(/[^\n]/g, ' '));
  for (const span of outsideFences.matchAll(/`([^`]+)`/g)) {
    if (/\n\s*\n/.test(span[1]!)) continue;
    const code = span[1]!.replace(/\s+/g, ' ').replace(/\\\|/g, '|').trim();
    found.push(...commandsInCode(code, `${file}:${lineAt(span.index)}`));
  }
  return found.sort((a, b) => lineOf(a) - lineOf(b));
}

/** Commands in plain text a person reads (a mail): prose, line by line. */
export function commandsInText(text: string, where: string): PrintedCommand[] {
  return text.split('\n').flatMap((line) => commandsInMessageLine(line, where));
}

/** Commands in a program's source: every string literal, as the program prints it. */
export function commandsInSource(source: string, file: string): PrintedCommand[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: PrintedCommand[] = [];
  const visit = (node: ts.Node): void => {
    const text = literalText(node);
    if (text !== undefined) {
      const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
      text.split('\n').forEach((l, i) => found.push(...commandsInMessageLine(l, `${file}:${line + i}`)));
    }
    // A template's interpolations may hold literals of their own.
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** A literal's text; an interpolation stays as `${expression}`, for the test to fill in. */
function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (!ts.isTemplateExpression(node)) return undefined;
  // A name (`${caseRef}`, `${m.caseRef}`) the test can fill in; anything longer is printed text of its own.
  const named = (e: ts.Expression) => (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) ? e.getText() : '…');
  return node.head.text + node.templateSpans.map((s) => `\${${named(s.expression)}}${s.literal.text}`).join('');
}

/**
 * One line of a message: a line that is a command line (a help example, a first step printed at
 * start) is code; otherwise its backticked parts are code and the rest is prose.
 */
function commandsInMessageLine(line: string, where: string): PrintedCommand[] {
  const bare = line.replace(/^\s*(?:\$\s+)?/, '');
  const first = /^(?:npx\s+)?prepared-return\s+(\S+)/.exec(bare)?.[1];
  const commandLine = /^export\s+[A-Z]|^npx\s+prepared-return\s/.test(bare) || (first !== undefined && (CLIENT_COMMANDS.has(first) || /^[-<]/.test(first)));
  if (commandLine) return commandsInCode(bare, where);
  const found: PrintedCommand[] = [];
  const prose = line.replace(/`([^`]*)`/g, (_all, code: string) => {
    found.push(...commandsInCode(code, where));
    return ' ';
  });
  for (const m of prose.matchAll(IN_PROSE)) {
    if (m[1] !== undefined && !CLIENT_COMMANDS.has(m[1])) continue; // "the prepared-return programme"
    const rest = m[1] !== undefined ? prose.slice(m.index) : m[0];
    found.push({ where, line: rest.trim().replace(/[.,;:)]+$/, ''), program: m[1] !== undefined ? 'prepared-return' : 'npm', setup: [], step: false });
  }
  return found;
}

/** Every command of a line of code, each statement on its own, with the exports before it. */
function commandsInCode(code: string, where: string, setupBefore: string[] = [], step = false): PrintedCommand[] {
  const found: PrintedCommand[] = [];
  const setup = [...setupBefore];
  for (const statement of statements(code)) {
    const match = [...statement.matchAll(AT_COMMAND)][0];
    if (match) {
      // `docker compose run … worker npx prepared-return …`: what we print is the command it runs.
      found.push({ where, line: statement.slice(match.index).trim(), program: match[2] as Program, setup: [...setup], step });
    }
    setup.push(...exportsIn(statement));
  }
  return found;
}

function exportsIn(statement: string): string[] {
  return statements(statement).filter((s) => /^export\s+[A-Z][A-Z0-9_]*=/.test(s.trim())).map((s) => s.trim());
}

/** A shell line split at `;`, `&&`, `||`, outside quotes and `$(…)`; a `#` after a space ends it. */
function statements(code: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | undefined;
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    const two = code.slice(i, i + 2);
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (two === '$(') {
      depth++;
    } else if (c === ')' && depth > 0) {
      depth--;
    } else if (depth === 0 && c === '#' && (i === 0 || /\s/.test(code[i - 1]!))) {
      break;
    } else if (depth === 0 && (c === ';' || two === '&&' || two === '||')) {
      parts.push(current);
      current = '';
      if (c !== ';') i++;
      continue;
    }
    current += c;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

function lineOf(command: PrintedCommand): number {
  return Number(command.where.slice(command.where.lastIndexOf(':') + 1));
}
