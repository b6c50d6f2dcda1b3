import { z } from 'zod';
import { FLAG_SECTIONS, FLAGS, type FlagRow } from './cli-flags';

const rows = (): Array<FlagRow<unknown>> => Object.values(FLAGS) as Array<FlagRow<unknown>>;

/** Where --help's descriptions start, and how wide its lines may be. */
const HELP_COLUMN = 22;
const WIDTH = 80;

/** `text` broken into lines of at most `width` characters, at spaces. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** The values a choice flag takes (its schema is an enum), else null. */
function choices(row: FlagRow<unknown>): readonly string[] | null {
  return row.schema instanceof z.ZodEnum ? (row.schema.options as readonly string[]) : null;
}

function defaultWords(row: FlagRow<unknown>): string | null {
  if (row.defaultText !== undefined) return row.defaultText;
  if (row.default === undefined || typeof row.default === 'boolean') return null;
  return String(row.default);
}

function helpLines(row: FlagRow<unknown>): string[] {
  const left = `  --${row.flag}${row.arg === undefined ? '' : ` ${row.arg}`}`;
  const notes = [defaultWords(row), row.env === undefined ? null : `or ${row.env}`].filter((note) => note !== null);
  const byDefault = defaultWords(row) === null ? notes : [`default ${notes.join('; ')}`];
  const indent = ' '.repeat(HELP_COLUMN);
  // A row with details lists its choices there.
  const options = row.details === undefined ? choices(row) : null;
  const text = `${row.help}${options === null ? '' : `: ${options.join(' | ')}`}${byDefault.length > 0 ? `; ${byDefault.join('; ')}` : ''}`;
  const body = wrap(text, WIDTH - HELP_COLUMN);
  const details = (row.details?.() ?? []).map((line) => `${indent}  ${line}`);
  const first = left.length + 2 <= HELP_COLUMN ? [`${left.padEnd(HELP_COLUMN)}${body.shift() ?? ''}`] : [left];
  return [...first, ...body.map((line) => indent + line), ...details];
}

/** `lb-lab --help`, generated from the flag table. */
export function helpText(): string {
  const out = [
    'Usage: lb-lab [options]',
    '',
    'Starts sample backends on sequential ports behind a weighted reverse proxy,',
    'and a control API + dashboard. Runs until Ctrl-C, then stops everything.',
  ];
  for (const [section, heading] of Object.entries(FLAG_SECTIONS)) {
    out.push('');
    if (heading !== null) out.push(heading);
    for (const row of rows().filter((r) => r.section === section)) out.push(...helpLines(row));
  }
  out.push('', `  -h, --help`.padEnd(HELP_COLUMN) + 'show this help', '');
  return out.join('\n');
}

/** The README's usage block: `lb-lab [--flag ARG] …`, wrapped as the README shows it. */
export function usageSynopsis(): string {
  const items = rows().map((row) => {
    const value = choices(row)?.join('|') ?? row.arg;
    return `[--${row.flag}${value === undefined ? '' : ` ${value}`}]`;
  });
  const lines: string[] = [];
  let line = 'lb-lab';
  for (const item of items) {
    if (line.length + 1 + item.length > WIDTH + 10 && line.trim() !== '') {
      lines.push(line);
      line = `       ${item}`;
    } else {
      line = `${line} ${item}`;
    }
  }
  lines.push(line);
  return lines.join('\n');
}
