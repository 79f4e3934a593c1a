/**
 * JSON.parse that also refuses an object naming a key twice. JSON.parse keeps the last of two equal
 * keys, so a signed body can say one thing to a checker that reads the first and another to us (and a
 * reviver cannot see the duplicate). Used where a body is signed (the back office's completions): they
 * are small, so a scan of the raw text before JSON.parse costs nothing worth measuring.
 */
export type StrictJson = { ok: true; value: unknown } | { ok: false; reason: string };

export function parseStrictJson(text: string): StrictJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  const duplicate = firstDuplicateKey(text);
  return duplicate === undefined ? { ok: true, value } : { ok: false, reason: `the key "${duplicate.slice(0, 64)}" appears twice in one object` };
}

/**
 * Walks text already known to be valid JSON, keeping the keys of each open object; the first key
 * seen twice in one object, or undefined. Keys are compared decoded ("a" and "\u0061" are one key).
 */
function firstDuplicateKey(text: string): string | undefined {
  const open: (Set<string> | undefined)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '{') {
      open.push(new Set());
      expectKey = true;
    } else if (c === '[') {
      open.push(undefined);
      expectKey = false;
    } else if (c === '}' || c === ']') {
      open.pop();
      expectKey = false;
    } else if (c === ',') {
      expectKey = open.at(-1) !== undefined;
    } else if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        const keys = open.at(-1)!;
        if (keys.has(key)) return key;
        keys.add(key);
        expectKey = false;
      }
      i = end;
    }
  }
  return undefined;
}
