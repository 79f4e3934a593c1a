/** One step of a JSON path as the import's problems write it: `[3]`, `.email`, `["ja-JP"]`. */
export function pathStep(part: string | number): string {
  if (typeof part === 'number' || /^\d+$/.test(part)) return `[${part}]`;
  return /^[A-Za-z_$][\w$-]*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`;
}

/**
 * The line (from 1) on which each value of a valid JSON text starts, by its path (`$`, `$.people[2].email`):
 * a property's line is its key's. The text must parse (JSON.parse first): this scanner does not check it.
 */
export function linesOfPaths(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let at = 0;
  let line = 1;
  const blank = () => {
    while (at < text.length && ' \t\r\n'.includes(text[at]!)) {
      if (text[at] === '\n') line++;
      at++;
    }
  };
  const string = (): string => {
    const start = at++;
    while (text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    at++;
    return JSON.parse(text.slice(start, at)) as string;
  };
  const value = (path: string): void => {
    blank();
    if (!lines.has(path)) lines.set(path, line);
    const c = text[at];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      at++;
      blank();
      for (let index = 0; text[at] !== close; index++) {
        blank();
        if (c === '{') {
          const key = string();
          lines.set(path + pathStep(key), line);
          blank();
          at++; // the colon
          value(path + pathStep(key));
        } else value(path + pathStep(index));
        blank();
        if (text[at] === ',') at++;
        blank();
      }
      at++;
    } else if (c === '"') string();
    else while (at < text.length && !',]} \t\r\n'.includes(text[at]!)) at++;
  };
  value('$');
  return lines;
}

/** Line and column (from 1) of a character's offset in a text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}
