/**
 * nginx's configuration syntax, read the way nginx's own reader does
 * (ngx_conf_read_token in src/core/ngx_conf_file.c): words split by
 * whitespace, `;` ends a directive, `{` `}` hold a block, `#` at the start
 * of a word comments out the rest of the line, '…' and "…" quote, a
 * backslash escapes, `${name}` is one word. The npm parsers looked at
 * (nginx-conf 2.1, @webantic/nginx-config-parser 1.6) give no column and
 * accept unbalanced braces silently, so this small reader names the line
 * and column of every error, with nginx's own wording.
 */

/** One directive: its name and arguments (quotes removed) and, for a block, what it holds. */
export interface NginxDirective {
  name: string;
  args: string[];
  /** 1-based position of the directive's name. */
  line: number;
  column: number;
  block?: NginxDirective[];
}

/** Where and why the text is not nginx syntax. */
export interface NginxSyntaxError {
  error: string;
  line: number;
  column: number;
}

export type NginxParse = { ok: true; directives: NginxDirective[] } | ({ ok: false } & NginxSyntaxError);

interface Word {
  text: string;
  line: number;
  column: number;
}

class SyntaxFault extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** Parse a whole nginx.conf, or any part of one (a bare `upstream` block, a list of `server` lines). */
export function parseNginxConfig(text: string): NginxParse {
  try {
    return { ok: true, directives: new Reader(text).read() };
  } catch (error) {
    if (!(error instanceof SyntaxFault)) throw error;
    return { ok: false, error: `line ${error.line}, column ${error.column}: ${error.message}`, line: error.line, column: error.column };
  }
}

const SPACE = new Set([' ', '\t', '\r', '\n']);
const ESCAPES: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', t: '\t', r: '\r', n: '\n' };

class Reader {
  private at = 0;
  private line = 1;
  private column = 1;

  constructor(private readonly text: string) {}

  read(): NginxDirective[] {
    const root: NginxDirective[] = [];
    const stack: { list: NginxDirective[]; opened: Word | null }[] = [{ list: root, opened: null }];
    let words: Word[] = [];
    for (;;) {
      this.skipSpaceAndComments();
      const ch = this.text[this.at];
      const top = stack.at(-1)!;
      if (ch === undefined) {
        if (words.length > 0) throw new SyntaxFault('unexpected end of file, expecting ";" or "}"', this.line, this.column);
        if (top.opened) throw new SyntaxFault(`unexpected end of file, expecting "}" (the "${top.opened.text}" block at line ${top.opened.line} is not closed)`, this.line, this.column);
        return root;
      }
      if (ch === ';' || ch === '{' || ch === '}') {
        const line = this.line;
        const column = this.column;
        this.advance();
        if (ch === '}') {
          if (words.length > 0 || !top.opened) throw new SyntaxFault('unexpected "}"', line, column);
          stack.pop();
          continue;
        }
        if (words.length === 0) throw new SyntaxFault(`unexpected "${ch}"`, line, column);
        const [name, ...args] = words;
        const directive: NginxDirective = { name: name!.text, args: args.map((w) => w.text), line: name!.line, column: name!.column };
        top.list.push(directive);
        if (ch === '{') {
          directive.block = [];
          stack.push({ list: directive.block, opened: name! });
        }
        words = [];
        continue;
      }
      words.push(this.word());
    }
  }

  private word(): Word {
    const line = this.line;
    const column = this.column;
    const quote = this.text[this.at];
    if (quote === '"' || quote === "'") {
      this.advance();
      let text = '';
      for (;;) {
        const ch = this.text[this.at];
        if (ch === undefined) throw new SyntaxFault(`unexpected end of file in a ${quote}-quoted string opened here`, line, column);
        this.advance();
        if (ch === quote) break;
        if (ch === '\\' && this.text[this.at] !== undefined) {
          const next = this.text[this.at]!;
          this.advance();
          text += ESCAPES[next] ?? `\\${next}`;
        } else text += ch;
      }
      const next = this.text[this.at];
      if (next !== undefined && !SPACE.has(next) && next !== ';' && next !== '{' && next !== ')') {
        throw new SyntaxFault(`unexpected "${next}"`, this.line, this.column);
      }
      return { text, line, column };
    }
    let text = '';
    for (;;) {
      const ch = this.text[this.at];
      if (ch === undefined || SPACE.has(ch) || ch === ';' || ch === '{') break;
      this.advance();
      if (ch === '\\' && this.text[this.at] !== undefined) {
        text += ch + this.text[this.at]!;
        this.advance();
      } else if (ch === '$' && this.text[this.at] === '{') {
        // `${name}` is one word: its brace opens no block.
        const close = this.text.indexOf('}', this.at);
        if (close === -1) throw new SyntaxFault('unexpected end of file in "${"', this.line, this.column);
        text += ch;
        while (this.at <= close) {
          text += this.text[this.at];
          this.advance();
        }
      } else text += ch;
    }
    return { text, line, column };
  }

  private skipSpaceAndComments(): void {
    for (;;) {
      const ch = this.text[this.at];
      if (ch !== undefined && SPACE.has(ch)) this.advance();
      else if (ch === '#') while (this.text[this.at] !== undefined && this.text[this.at] !== '\n') this.advance();
      else return;
    }
  }

  private advance(): void {
    if (this.text[this.at] === '\n') {
      this.line++;
      this.column = 1;
    } else this.column++;
    this.at++;
  }
}
