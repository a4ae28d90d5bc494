// Parses every ```mermaid block of the Markdown files given with
// mermaid.parse under jsdom (mermaid needs a DOM to load) and exits 1 when
// one does not parse. Run by .ci/run when node and npm are installed.
import { JSDOM } from "jsdom";
import { readFileSync } from "node:fs";
const dom = new JSDOM("<!doctype html><html><body></body></html>", { pretendToBeVisual: true });
globalThis.window = dom.window;
globalThis.document = dom.window.document;
for (const k of ["navigator", "Element", "HTMLElement", "SVGElement", "DOMParser", "Node"]) {
  if (!(k in globalThis)) globalThis[k] = dom.window[k];
}
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });
let failed = 0, n = 0;
for (const file of process.argv.slice(2)) {
  const md = readFileSync(file, "utf8");
  const re = /```mermaid\n([\s\S]*?)```/g;
  let m;
  while ((m = re.exec(md))) {
    n++;
    try {
      await mermaid.parse(m[1]);
    } catch (e) {
      failed++;
      console.error(`${file}: diagram ${n}: ${String(e.message || e).split("\n").slice(0, 4).join(" / ")}`);
    }
  }
}
console.log(`${n} diagrams, ${failed} failed`);
process.exit(failed ? 1 : 0);
