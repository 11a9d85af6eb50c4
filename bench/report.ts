export interface Figure {
  key: string;
  label: string;
  /** natter's goal: at most this much. */
  goal?: number;
}

export interface Stat {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export type Summary = Record<string, Record<string, Stat | undefined>>;

export function summarize(figures: readonly Figure[], results: Record<string, Record<string, number>[]>): Summary {
  const summary: Summary = {};
  for (const figure of figures) {
    summary[figure.key] = {};
    for (const [client, runs] of Object.entries(results)) {
      const values = runs.map((r) => r[figure.key]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
      if (values.length === 0) continue;
      const mid = Math.floor(values.length / 2);
      const median = values.length % 2 ? (values[mid] ?? NaN) : ((values[mid - 1] ?? NaN) + (values[mid] ?? NaN)) / 2;
      (summary[figure.key] as Record<string, Stat>)[client] = { median, min: values[0] ?? NaN, max: values.at(-1) ?? NaN, runs: values.length };
    }
  }
  return summary;
}

const show = (n: number): string => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

/** One row per figure: each client's median (min–max), natter ÷ the best other, and natter's goal. */
export function formatTable(figures: readonly Figure[], summary: Summary, clients: readonly string[]): string {
  const header = ['figure', ...clients, 'natter ÷ best other', 'goal'];
  const rows = figures.map((figure) => {
    const cells = clients.map((c) => {
      const s = summary[figure.key]?.[c];
      return s ? `${show(s.median)} (${show(s.min)}–${show(s.max)})` : '—';
    });
    const mine = summary[figure.key]?.natter?.median;
    const others = clients.filter((c) => c !== 'natter').map((c) => summary[figure.key]?.[c]?.median).filter((v): v is number => v !== undefined);
    const best = others.length ? Math.min(...others) : undefined;
    const ratio = mine !== undefined && best ? show(mine / best) : '—';
    const goal = figure.goal === undefined ? '' : `≤ ${figure.goal}${mine !== undefined ? (mine <= figure.goal ? ' met' : ' MISSED') : ''}`;
    return [figure.label, ...cells, ratio, goal];
  });
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** One row per figure and client: its median at each size, and how it grew from the first size to the last. */
export function formatScaling(figures: readonly Figure[], tables: ReadonlyArray<{ size: { contacts: number; messages: number }; summary: Summary }>): string {
  const header = ['figure', 'client', ...tables.map((t) => `${t.size.contacts}/${t.size.messages}`), 'last ÷ first'];
  const clients = [...new Set(tables.flatMap((t) => Object.values(t.summary).flatMap((byClient) => Object.keys(byClient ?? {}))))];
  const rows: string[][] = [];
  for (const figure of figures) {
    for (const client of clients) {
      const medians = tables.map((t) => t.summary[figure.key]?.[client]?.median);
      if (medians.every((m) => m === undefined)) continue;
      const first = medians[0];
      const last = medians.at(-1);
      rows.push([figure.label, client, ...medians.map((m) => (m === undefined ? '—' : show(m))), first && last !== undefined ? `${show(last / first)}×` : '—']);
    }
  }
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
