import { html } from "hono/html";
import { money } from "./format.ts";
import type { Html } from "./layout.view.ts";

/** What a chart draws: one value per label for each dataset (console-charts.js reads it from the canvas). */
export interface ChartSpec {
  readonly type: "line" | "bar" | "doughnut";
  readonly labels: readonly string[];
  readonly datasets: readonly { readonly label: string; readonly data: readonly number[] }[];
  readonly stacked?: boolean;
  readonly horizontal?: boolean;
  /** The values are amounts in this currency's units (dollars, not cents). */
  readonly money?: string;
}

/**
 * One figure of the dashboard: its heading, the chart (a canvas Chart.js draws, named for assistive
 * technology by its heading), and the very same figures as a table, so that nothing is only a picture
 * and a page without JavaScript says everything.
 */
export function chartFigure(figure: {
  readonly id: string;
  readonly title: string;
  /** The table's first column: what a label is (`Day`, `Status`). */
  readonly labelHeader: string;
  readonly chart: ChartSpec;
  readonly note?: string;
}): Html {
  const { chart } = figure;
  const value = (n: number | undefined) =>
    n === undefined ? "" : chart.money ? money(Math.round(n * 100), chart.money) : n.toLocaleString("en-US");
  return html`<figure id="${figure.id}" aria-labelledby="${figure.id}-title">
    <h3 id="${figure.id}-title">${figure.title}</h3>
    ${figure.note ? html`<p><small>${figure.note}</small></p>` : ""}
    <div class="chart"><canvas role="img" aria-labelledby="${figure.id}-title" data-chart="${JSON.stringify(chart)}"></canvas></div>
    <details>
      <summary>The figures</summary>
      <div class="scroll" tabindex="0" role="region" aria-label="${figure.title}: figures"><table>
        <caption class="visually-hidden">${figure.title}</caption>
        <thead><tr><th scope="col">${figure.labelHeader}</th>${chart.datasets.map((d) => html`<th scope="col">${d.label}</th>`)}</tr></thead>
        <tbody>${chart.labels.map(
          (label, i) =>
            html`<tr><th scope="row">${label}</th>${chart.datasets.map((d) => html`<td>${value(d.data[i])}</td>`)}</tr>`,
        )}</tbody>
      </table></div>
    </details>
  </figure>`;
}
