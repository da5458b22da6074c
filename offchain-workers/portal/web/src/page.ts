import type { PortalManifest, ChainInfo } from "./manifest";
import type { Wallet } from "./wallet";

/** What every page is given: the deployment, the wallet, and a place to tell the user something. */
export interface PageContext {
  manifest: PortalManifest;
  wallet: Wallet;
  /** shows a message in the page's status line (role=status, read out by screen readers) */
  say(text: string, kind?: "info" | "error" | "success"): void;
  /** true when the page is still the one shown (a slow read must not draw over the next page) */
  stillShown(): boolean;
}

/**
 * One page of the portal. Add a page: write pages/<name>.ts exporting a Page, and list it in pages/index.ts.
 * `chain` is the chain the page's writes go to: a wallet on another chain gets the "Switch to ..." banner.
 */
export interface Page {
  path: string;
  title: string;
  chain: ChainInfo["key"];
  render(root: HTMLElement, context: PageContext): void | Promise<void>;
  /** called when the user leaves the page (timers, subscriptions) */
  leave?(): void;
}
