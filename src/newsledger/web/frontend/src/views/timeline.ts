// Timelines: events per day (or week, month) by quad class for an actor or a pair, drawn with
// Observable Plot.

import { getJSON } from "../api";
import { append, clear, h, message } from "../dom";
import { QUAD_CLASSES } from "../records";
import { filterForm } from "./lists";

interface Point { day: string; quad_class: number; count: number }

const FILTERS = [
  { name: "actor", label: "actor", placeholder: "RUS or putin" }, { name: "target", label: "target", placeholder: "code or name" },
  { name: "type", label: "type", placeholder: "ASSAULT" },
  { name: "since", label: "since", type: "date" as const }, { name: "until", label: "until", type: "date" as const },
  { name: "bucket", label: "per", type: "select" as const, options: [["day", "day"], ["week", "week"], ["month", "month"], ["year", "year"]] as [string, string][] },
];
const COLOURS = ["#2a9d8f", "#8ab17d", "#f4a261", "#d62839"];

export async function renderTimeline(main: HTMLElement): Promise<void> {
  const params = new URLSearchParams(location.search);
  const bucket = params.get("bucket") || "month";
  clear(main);
  const chart = h("div", { class: "chart", "data-testid": "timeline" });
  const status = h("p", { class: "total", "data-testid": "total" }, "loading…");
  append(main, h("h1", {}, "Timeline"), filterForm(FILTERS, params), status, chart);
  const api = new URLSearchParams(params);
  api.delete("bucket");
  try {
    const [{ series }, Plot] = await Promise.all([getJSON<{ series: Point[] }>(`/api/timeline?${api}`), import("@observablehq/plot")]);
    const total = series.reduce((n, p) => n + p.count, 0);
    status.textContent = `${total} events${params.get("actor") ? ` of ${params.get("actor")}` : ""}${params.get("target") ? ` towards ${params.get("target")}` : ""}, per ${bucket}`;
    if (!series.length) {
      chart.appendChild(message("No dated events match these filters."));
      return;
    }
    const data = series.map((p) => ({ date: new Date(p.day + "T00:00:00Z"), count: p.count, quad: `${p.quad_class} ${QUAD_CLASSES[p.quad_class] ?? "?"}` }));
    const figure = Plot.plot({
      width: Math.max(640, main.clientWidth - 20), height: 320, marginLeft: 40,
      x: { type: "utc", label: "date" }, y: { label: "events", grid: true },
      color: { legend: true, domain: Object.entries(QUAD_CLASSES).map(([k, v]) => `${k} ${v}`), range: COLOURS },
      marks: [
        Plot.rectY(data, Plot.binX({ y: "sum" }, { x: "date", y: "count", fill: "quad", interval: bucket, tip: true } as any)),
        Plot.ruleY([0]),
      ],
    });
    chart.appendChild(figure);
  } catch (err) {
    status.replaceWith(message((err as Error).message, "error"));
  }
}
