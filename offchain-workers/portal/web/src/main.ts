import "./style.css";
import { h } from "./dom";
import { Layout } from "./layout";
import { loadManifest } from "./manifest";
import type { Page } from "./page";
import { pages } from "./pages";
import { Router } from "./router";
import { Wallet } from "./wallet";

async function start(root: HTMLElement): Promise<void> {
  let manifest;
  try {
    manifest = await loadManifest();
  } catch (e) {
    root.replaceChildren(h("p", { role: "alert", class: "status error" }, (e as Error).message));
    return;
  }
  const wallet = new Wallet(window.ethereum);
  const layout = new Layout(manifest, wallet, pages);
  layout.mount(root);
  let shown: Page | undefined;
  let generation = 0;
  let navigated = false;
  const router = new Router(pages, (page) => {
    shown?.leave?.();
    shown = page;
    const mine = ++generation;
    layout.showing(page);
    layout.say("");
    const area = layout.main;
    area.replaceChildren();
    if (!page) {
      area.append(h("h1", {}, "Not found"), h("p", {}, "No page here. Pick one above."));
      return;
    }
    // after a navigation (not on the first load) the focus moves to the new page, as a page load would put it
    if (navigated) area.focus();
    navigated = true;
    const context = { manifest, wallet, say: layout.say.bind(layout), stillShown: () => mine === generation };
    Promise.resolve(page.render(area, context)).catch((e) => layout.say(`This page failed: ${(e as Error).message}`, "error"));
  });
  router.start();
  // a wallet that already granted this page an account shows it without a prompt
  wallet.refresh().catch(() => {});
  root.dataset.ready = "true";
}

start(document.getElementById("app")!);
