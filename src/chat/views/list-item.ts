/** One row of a benefit list card: a title line that expands to facts, sections and buttons (R3.1, R4.1, R5.1). */
export interface ListItem {
  id: string;
  title: string;
  stateText: string;
  /** Never Warning: its yellow is 1.4:1 against white (WCAG asks 4.5:1). */
  stateColor: 'Default' | 'Good' | 'Attention' | 'Accent';
  facts: { title: string; value: string }[];
  sections: { heading: string; text: string }[];
  actions: { title: string; verb: string; data: Record<string, unknown> }[];
  /** Buttons that open a web page (e.g. the Azure portal, R4.2). */
  links?: { title: string; url: string }[];
  /** Shown expanded: the row a button just changed. */
  expanded?: boolean;
}
