// What the example traffic is made of: labels, titles, maintainers, reporters (see summary.ts).
import { DAY, HOUR, MINUTE } from "./random.js";

export type Label = "bug" | "question" | "install" | "performance" | "docs";

export const TITLES: Record<Label, readonly string[]> = {
  bug: [
    "DatePicker loses the selected date after a re-render",
    "Tooltip stays open after its anchor element is removed",
    "Crash on startup with 4.2.0: Cannot read properties of undefined (reading 'theme')",
    "Dropdown options render behind a modal dialog",
    "Slider fires change twice when dragged on a touch screen",
    "Table sorts dates as strings",
    "Memory leak when mounting and unmounting Chart repeatedly",
    "Focus trap breaks keyboard navigation in nested dialogs",
    "Color picker popover ignores the dark theme",
    "Regression in 4.3: Tabs no longer fire onChange for the first tab",
    "VirtualList jumps to the top when items are appended",
    "Autocomplete shows stale suggestions after the input is cleared",
    "Hydration mismatch warning for Accordion with server-side rendering",
    "Date range picker is off by one day in UTC-5",
    "ResizeObserver loop error in Firefox with SplitPane",
    "Toasts stack in the wrong order on Safari",
  ],
  question: [
    "How do I customise the theme tokens per component?",
    "Is there a way to lazy-load widgets in a Next.js app?",
    "Best way to test widgets with React Testing Library?",
    "Can Table handle 100k rows, or do I need the virtual mode?",
    "How do I localise the DatePicker month names?",
    "Controlled or uncontrolled Select with a form library?",
    "Do the widgets support right-to-left layouts?",
    "How can I turn animations off for users who prefer reduced motion?",
    "Migrating from 3.x: what replaces the old Grid component?",
    "Can I use the widgets from a CDN, without a bundler?",
    "How do I style the scrollbar of a VirtualList?",
    "Is Vue support planned?",
  ],
  install: [
    "npm install fails on Node 22 with an ERESOLVE peer dependency conflict",
    "Module not found: Can't resolve 'acme-widgets/styles.css' with Vite",
    "TypeScript error TS2307 after upgrading to 4.2",
    "Two copies of React with pnpm break the widgets' hooks",
    "Jest fails on the ESM build: SyntaxError: Unexpected token 'export'",
    "Install hangs in postinstall behind a corporate proxy",
    "Type declarations missing from the published 4.3.1 package",
    "Yarn PnP cannot find the icons peer dependency",
    "Webpack 4 build fails on optional chaining in dist files",
  ],
  performance: [
    "Table with 5,000 rows takes 3 seconds to render",
    "Chart re-renders on every mouse move",
    "Bundle size grew by 180 kB in 4.2",
    "Typing in Autocomplete lags with 2,000 options",
    "VirtualList scrolling stutters on low-end Android phones",
    "DatePicker takes 400 ms to open the first time",
    "High CPU usage with many Tooltips mounted",
  ],
  docs: [
    "The server-side rendering example is out of date",
    "The theming guide links to a page that no longer exists",
    "Document the keyboard shortcuts of Table",
    "The accessibility page does not mention the focus ring tokens",
    "The 3.x migration guide misses the renamed props",
    "Slider API docs list a prop that was removed",
    "README install command uses the old package name",
  ],
};

/** Primary label weights, and the label sometimes added next to it. */
export const LABELS: readonly (readonly [Label, number])[] = [
  ["bug", 34],
  ["question", 30],
  ["install", 15],
  ["performance", 10],
  ["docs", 11],
];
/** Version 4.4.0 is released on Tuesday 2026-11-10: more issues, more of them about installing and bugs. */
export const RELEASE = Date.parse("2026-11-10T15:00:00Z");
export const AFTER_RELEASE: readonly (readonly [Label, number])[] = [
  ["bug", 38],
  ["question", 22],
  ["install", 25],
  ["performance", 8],
  ["docs", 7],
];
export const SECOND_LABEL: Partial<Record<Label, readonly [Label, number]>> = {
  question: ["docs", 0.2],
  install: ["bug", 0.2],
  performance: ["bug", 0.3],
};

/** Time from the response (or the opening) to the close, by label. */
export const TIME_TO_CLOSE: Record<Label, readonly (readonly [number, number, number])[]> = {
  question: [
    [10 * MINUTE, 6 * HOUR, 0.55],
    [6 * HOUR, 2 * DAY, 0.35],
    [2 * DAY, 6 * DAY, 0.1],
  ],
  install: [
    [HOUR, DAY, 0.5],
    [DAY, 4 * DAY, 0.4],
    [4 * DAY, 10 * DAY, 0.1],
  ],
  docs: [
    [HOUR, 2 * DAY, 0.5],
    [2 * DAY, 7 * DAY, 0.5],
  ],
  bug: [
    [6 * HOUR, 2 * DAY, 0.35],
    [2 * DAY, 7 * DAY, 0.45],
    [7 * DAY, 20 * DAY, 0.2],
  ],
  performance: [
    [DAY, 5 * DAY, 0.4],
    [5 * DAY, 20 * DAY, 0.6],
  ],
};

export type Maintainer = {
  login: string;
  weight: number;
  away?: readonly [from: string, to: string];
  speed: readonly (readonly [number, number, number])[];
};

export const MAINTAINERS: readonly Maintainer[] = [
  {
    login: "maria-santos",
    weight: 5,
    away: ["2026-10-05", "2026-10-19"],
    speed: [
      [5 * MINUTE, 45 * MINUTE, 0.45],
      [45 * MINUTE, 4 * HOUR, 0.35],
      [4 * HOUR, 20 * HOUR, 0.15],
      [DAY, 2 * DAY, 0.05],
    ],
  },
  {
    login: "tkoenig",
    weight: 3,
    speed: [
      [10 * MINUTE, HOUR, 0.2],
      [HOUR, 6 * HOUR, 0.4],
      [6 * HOUR, DAY, 0.3],
      [DAY, 3 * DAY, 0.1],
    ],
  },
  {
    login: "j-okafor",
    weight: 2,
    speed: [
      [HOUR, 8 * HOUR, 0.3],
      [8 * HOUR, 30 * HOUR, 0.4],
      [30 * HOUR, 4 * DAY, 0.3],
    ],
  },
];

/** GitHub-looking logins: the first six are regulars who report often; the others come once or twice. */
export const REPORTERS = [
  "sam-okoro",
  "lindqvist",
  "pdubois",
  "hannah-k",
  "rvasquez",
  "kenji-t",
  "ameliawong",
  "dev-marco",
  "ovidiu-p",
  "fatima-z",
  "jbcodes",
  "nikolai-p",
  "chenyue",
  "tomasz-w",
  "gracehopkins",
  "ibrahim-s",
  "lucia-m",
  "patrick-obrien",
  "noor-a",
  "erik-l",
  "aditya-r",
  "bea-schulz",
  "carlosfm",
  "dmitri-v",
  "elena-ro",
  "frankie-j",
  "gabriel-n",
  "hiro-s",
  "isabella-c",
  "jonas-b",
  "kavya-n",
  "leo-martin",
  "mei-ling",
  "nate-d",
  "olga-k",
  "priya-s",
  "quentin-r",
  "rosa-g",
  "stefan-h",
  "tara-m",
  "umar-f",
  "vera-p",
  "will-t",
  "xin-z",
  "yusuf-a",
  "zoe-c",
  "arjun-k",
  "bianca-l",
  "cody-w",
  "dana-e",
  "emre-y",
  "freya-s",
  "goran-m",
  "helena-v",
  "ines-r",
  "jakub-p",
  "kofi-a",
  "laura-b",
  "mateo-g",
  "nadia-h",
  "oskar-n",
  "paula-d",
  "rahul-v",
  "sofia-k",
  "theo-b",
  "valentina-r",
  "wen-j",
  "yara-m",
] as const;
export const REGULARS = [
  [0, 4],
  [1, 3],
  [2, 3],
  [3, 2],
  [4, 2],
  [5, 1],
] as const;
export const OTHERS = REPORTERS.slice(REGULARS.length).map((_, index) => [REGULARS.length + index, 1] as const);

/** What reporters answer the follow-up of a negative answer with: the reasons of the pain points. */
export const REASONS = [
  "The suggested alias did not work with our Vite setup, and the issue was closed before I could say so.",
  "I was told to upgrade, but the upgrade broke two other things for us.",
  "Closed before I could confirm it works; it still fails in our CI.",
] as const;
