import type { TextColor } from '../../cards/colors.js';

/** One row of a benefit list card: a title line that expands to facts, sections and buttons (R3.1, R4.1, R5.1). */
export interface ListItem {
  id: string;
  title: string;
  stateText: string;
  /** Never Good or Warning: Teams' light theme renders them 2.1:1 and 1.5:1 against white (src/cards/colors.ts). */
  stateColor: TextColor;
  facts: { title: string; value: string }[];
  sections: { heading: string; text: string }[];
  actions: { title: string; verb: string; data: Record<string, unknown> }[];
  /** Buttons that open a web page (e.g. the Azure portal, R4.2). */
  links?: { title: string; url: string }[];
  /** Shown expanded: the row a button just changed. */
  expanded?: boolean;
}
