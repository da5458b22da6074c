import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import "./network.css";
import { h } from "../dom";

export interface Series {
  label: string;
  values: Array<number | null>;
  points?: boolean;
  /** drawn as bars (a distribution over categories such as Brains) instead of a line */
  bars?: boolean;
}

/**
 * A line chart in a labelled figure. The figure carries data-points (how many x values it plots) so a reader of the
 * page's markup, a test or a screen reader's user, knows what is drawn; a table beside it gives the same numbers.
 */
export function lineChart(id: string, title: string, xLabel: string, x: number[], series: Series[], time = false): HTMLElement {
  const figure = h("figure", { id, class: "chart", "data-points": String(x.length), "aria-label": title });
  figure.append(h("figcaption", {}, title));
  if (x.length === 0) {
    figure.append(h("p", { class: "empty" }, "Nothing to plot yet."));
    return figure;
  }
  const colors = ["#2d6a4f", "#b42318", "#1d4ed8", "#a16207", "#7e22ce", "#0e7490"];
  const options: uPlot.Options = {
    width: 560,
    height: 240,
    scales: { x: { time } },
    // whole-number x (years, Brains, epochs) gets whole-number ticks
    axes: [time ? { label: xLabel } : { label: xLabel, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] }, {}],
    series: [
      { label: xLabel },
      ...series.map((s, i) => ({
        label: s.label,
        stroke: colors[i % colors.length],
        width: 2,
        points: { show: s.bars ? false : (s.points ?? x.length < 40) },
        spanGaps: false,
        ...(s.bars ? { paths: uPlot.paths.bars!({ size: [0.6, 60] }), fill: colors[i % colors.length] + "99" } : {}),
      })),
    ],
  };
  const data = [x, ...series.map((s) => s.values)] as uPlot.AlignedData;
  const holder = h("div", { class: "plot" });
  figure.append(holder);
  queueMicrotask(() => new uPlot(options, data, holder));
  return figure;
}

/** A small table with a caption: the numbers of a chart, or any list. */
export function table(id: string, caption: string, headers: string[], rows: Array<Array<string | Node>>): HTMLTableElement {
  const t = h("table", { id });
  t.append(h("caption", {}, caption));
  const head = h("tr", {}, ...headers.map((text) => h("th", { scope: "col" }, text)));
  t.append(h("thead", {}, head));
  const body = h("tbody");
  for (const row of rows) body.append(h("tr", {}, ...row.map((cell) => h("td", {}, cell))));
  t.append(body);
  return t;
}
