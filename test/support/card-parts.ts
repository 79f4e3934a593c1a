/** Walks an Adaptive Card for what a test looks for: its inputs by id, its Action.Execute buttons. */

/** The inputs of a card, by id. */
export function inputs(card: any): Record<string, any> {
  const found: Record<string, any> = {};
  const walk = (n: any): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (n && typeof n === 'object') {
      if (typeof n.type === 'string' && n.type.startsWith('Input.')) found[n.id] = n;
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return found;
}
export function actions(card: any): any[] {
  const found: any[] = [];
  const walk = (n: any): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (n && typeof n === 'object') {
      if (n.type === 'Action.Execute') found.push(n);
      Object.entries(n).forEach(([k, v]) => k !== 'fallback' && walk(v));
    }
  };
  walk(card);
  return found;
}
