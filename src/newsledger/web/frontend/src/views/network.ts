// The actor network: actors as nodes (size by events), one edge per source→target pair, coloured
// from cooperation (green) to conflict (red) and as wide as its count; clicking an edge lists the
// events behind it.

import { getJSON, Page } from "../api";
import { append, articleHref, clear, h, href, message } from "../dom";
import { QUAD_CLASSES } from "../records";
import { filterForm } from "./lists";

interface NetNode { id: string; label: string; code: string | null; count: number }
interface NetEdge { source: string; target: string; count: number; cooperation: number; conflict: number; goldstein: number | null; quad_class: Record<string, number> }
interface Network { nodes: NetNode[]; edges: NetEdge[] }

const FILTERS = [
  { name: "actor", label: "actor", placeholder: "RUS or putin" }, { name: "target", label: "target", placeholder: "code or name" },
  { name: "since", label: "since", type: "date" as const }, { name: "until", label: "until", type: "date" as const },
  { name: "quad_class", label: "quad class", type: "select" as const, options: [["", "any"], ...Object.entries(QUAD_CLASSES)] as [string, string][] },
];

export function conflictColour(edge: { cooperation: number; conflict: number }): string {
  const share = edge.conflict / Math.max(1, edge.cooperation + edge.conflict); // 0 cooperation .. 1 conflict
  const mix = (a: number, b: number) => Math.round(a + (b - a) * share);
  return `rgb(${mix(42, 214)}, ${mix(157, 40)}, ${mix(100, 57)})`;
}

export async function renderNetwork(main: HTMLElement): Promise<void> {
  const params = new URLSearchParams(location.search);
  clear(main);
  const graph = h("div", { class: "network", "data-testid": "network" });
  const panel = h("aside", { class: "details", "data-testid": "edge-details" }, h("p", { class: "hint" }, "Click an edge to see the events behind it."));
  const status = h("p", { class: "total", "data-testid": "total" }, "loading…");
  append(main, h("h1", {}, "Actor network"), filterForm(FILTERS, params), status,
    h("p", { class: "legend-line" }, h("span", { class: "swatch coop" }), "cooperation ", h("span", { class: "swatch conflict" }), "conflict · width: number of events"),
    h("div", { class: "reader" }, graph, panel));
  let net: Network;
  try {
    const [data, { default: cytoscape }] = await Promise.all([getJSON<Network>(`/api/network?${params}`), import("cytoscape")]);
    net = data;
    status.textContent = `${net.nodes.length} actors, ${net.edges.length} pairs, ${net.edges.reduce((n, e) => n + e.count, 0)} events`;
    if (!net.nodes.length) {
      graph.appendChild(message("No events between two actors match these filters."));
      return;
    }
    const most = Math.max(...net.edges.map((e) => e.count), 1);
    const cy = cytoscape({
      container: graph,
      elements: [
        ...net.nodes.map((n) => ({ data: { id: n.id, label: n.code && n.label !== n.code ? `${n.label} (${n.code})` : n.label, size: 18 + 30 * Math.sqrt(n.count / most) } })),
        ...net.edges.map((e, i) => ({ data: { id: `edge${i}`, source: e.source, target: e.target, index: i,
          width: 1 + 9 * Math.sqrt(e.count / most), colour: conflictColour(e) } })),
      ],
      style: [
        { selector: "node", style: { label: "data(label)", width: "data(size)", height: "data(size)", "background-color": "#4a5a78", "font-size": 10, color: "#222", "text-valign": "bottom", "text-margin-y": 3 } },
        { selector: "edge", style: { width: "data(width)", "line-color": "data(colour)", "target-arrow-color": "data(colour)", "target-arrow-shape": "triangle", "curve-style": "bezier", opacity: 0.85 } },
        { selector: ":selected", style: { "overlay-opacity": 0.2, "overlay-color": "#f4b400" } },
      ],
      layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 90 } as any,
    });
    (window as any).__network = cy; // for tests and the console: the graph as loaded
    cy.on("tap", "edge", (ev: any) => showEdge(panel, net.edges[ev.target.data("index")], params));
    cy.on("tap", "node", (ev: any) => {
      const id = ev.target.id();
      clear(panel);
      append(panel, h("h3", {}, ev.target.data("label")),
        h("p", { class: "links" }, h("a", { href: href("/events", { actor: id }) }, "events"), " · ",
          h("a", { href: href("/timeline", { actor: id }) }, "timeline"), " · ",
          h("a", { href: href("/network", { actor: id }) }, "this actor's network")));
    });
  } catch (err) {
    status.replaceWith(message((err as Error).message, "error"));
  }
}

async function showEdge(panel: HTMLElement, edge: NetEdge, params: URLSearchParams): Promise<void> {
  clear(panel);
  append(panel, h("h3", { "data-testid": "edge-title" }, `${edge.source} → ${edge.target}`),
    h("p", {}, `${edge.count} events: ${Object.entries(edge.quad_class).filter(([, n]) => n).map(([q, n]) => `${n} ${QUAD_CLASSES[+q]}`).join(", ")}`
      + (edge.goldstein !== null ? `; mean Goldstein ${edge.goldstein}` : "")));
  const list = h("ul", { class: "edge-events" }, h("li", {}, "loading…"));
  panel.appendChild(list);
  const query = { source: edge.source, target: edge.target, actor: params.get("actor"), since: params.get("since"),
    until: params.get("until"), quad_class: params.get("quad_class"), limit: 1000 };
  try {
    const page = await getJSON<Page<any>>(href("/api/network/edge", query));
    clear(list);
    for (const r of page.rows) list.appendChild(h("li", {}, h("a", { href: articleHref(r.article_id) + `#${r.event_id}` }, r.title || r.article_id),
      ` ${r.date_start} `, h("code", {}, r.cameo), ` ${r.evidence_text}`));
    panel.appendChild(h("p", { class: "links" }, h("a", { href: href("/api/network/edge", query) }, "JSON")));
  } catch (err) {
    clear(list);
    list.appendChild(h("li", {}, message((err as Error).message, "error")));
  }
}
