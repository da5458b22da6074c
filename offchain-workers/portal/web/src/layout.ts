import { h, shortAddress } from "./dom";
import { chainByKey } from "./manifest";
import type { PortalManifest } from "./manifest";
import type { Page } from "./page";
import { errorCode, USER_REJECTED } from "./wallet";
import type { Wallet } from "./wallet";

/**
 * The frame around every page: navigation, the wallet's state with its connect button, the wrong-chain banner, the
 * status line and the page's own area.
 */
export class Layout {
  readonly main = h("main", { id: "page", tabindex: "-1" });
  private readonly nav = h("nav", { "aria-label": "Pages" });
  private readonly walletArea = h("div", { class: "wallet", "aria-label": "Wallet" });
  private readonly banner = h("div", { class: "banner", role: "alert", hidden: true });
  private readonly status = h("p", { class: "status", role: "status", "aria-live": "polite" });
  private page: Page | undefined;

  constructor(
    private readonly manifest: PortalManifest,
    private readonly wallet: Wallet,
    private readonly pages: Page[],
  ) {
    wallet.onChange(() => this.drawWallet());
  }

  mount(root: HTMLElement): void {
    const header = h("header", {}, h("a", { href: "/", "data-route": true, class: "brand" }, "BasedAI Portal"), this.nav, this.walletArea);
    root.replaceChildren(header, this.banner, this.status, this.main);
    this.drawWallet();
  }

  /** Marks the page as shown: navigation highlight, title, and the chain the banner checks the wallet against. */
  showing(page: Page | undefined): void {
    this.page = page;
    document.title = page ? `${page.title} · BasedAI Portal` : "Not found · BasedAI Portal";
    this.nav.replaceChildren(
      ...this.pages.map((p) =>
        h("a", { href: p.path, "data-route": true, "aria-current": p === page ? "page" : undefined }, p.title)),
    );
    this.drawWallet();
  }

  say(text: string, kind: "info" | "error" | "success" = "info"): void {
    this.status.textContent = text;
    this.status.className = `status ${kind}`;
  }

  private drawWallet(): void {
    const state = this.wallet.current;
    if (!state.available) {
      this.walletArea.replaceChildren(h("span", {}, "No wallet found: install a browser wallet to sign."));
    } else if (!state.account) {
      const connect = h("button", { type: "button", id: "connect-wallet" }, "Connect wallet");
      connect.addEventListener("click", () => this.connect());
      this.walletArea.replaceChildren(connect);
    } else {
      const chain = this.manifest.chains.find((c) => c.chainId === state.chainId);
      this.walletArea.replaceChildren(h("span", { id: "wallet-account", title: state.account },
        `${shortAddress(state.account)} on ${chain ? chain.name : "chain " + state.chainId}`));
    }
    this.drawBanner();
  }

  private drawBanner(): void {
    const state = this.wallet.current;
    if (!this.page || !state.account || state.chainId === undefined) {
      this.banner.hidden = true;
      return;
    }
    const wanted = chainByKey(this.manifest, this.page.chain);
    if (state.chainId === wanted.chainId) {
      this.banner.hidden = true;
      return;
    }
    const switchButton = h("button", { type: "button", id: "switch-chain" }, `Switch to ${wanted.name}`);
    switchButton.addEventListener("click", async () => {
      try {
        await this.wallet.switchTo(wanted);
        this.say(`Wallet switched to ${wanted.name}.`, "success");
      } catch (e) {
        this.say(errorCode(e) === USER_REJECTED ? "Switching was cancelled in the wallet." : `Cannot switch: ${message(e)}`, "error");
      }
    });
    this.banner.replaceChildren(
      h("span", { id: "wrong-chain" }, `Your wallet is on chain ${state.chainId}; this page works on ${wanted.name} (chain ${wanted.chainId}). `),
      switchButton,
    );
    this.banner.hidden = false;
  }

  private async connect(): Promise<void> {
    try {
      await this.wallet.connect();
      this.say("Wallet connected.", "success");
    } catch (e) {
      this.say(errorCode(e) === USER_REJECTED ? "The wallet refused the connection; nothing was changed." : `Cannot connect: ${message(e)}`, "error");
    }
  }
}

export function message(e: unknown): string {
  const anyError = e as { shortMessage?: string; message?: string };
  return anyError?.shortMessage ?? anyError?.message ?? String(e);
}
