import { isAddress } from "viem";
import type { Address } from "viem";
import { readBrainNumbers } from "../brainRegistry";
import { reader } from "../clients";
import { h } from "../dom";
import { explain, METHOD_NAMES } from "../errors";
import { chainByKey, contract } from "../manifest";
import type { Page, PageContext } from "../page";
import { sendOnEthereum } from "../transactions";

const ZERO = "0x0000000000000000000000000000000000000000";
let timers: number[] = [];
let unsubscribe: (() => void) | undefined;

/**
 * My Brains: the connected wallet's Brains. A burn-acquired Brain can be transferred; a stake-acquired one can be
 * deactivated once its 90 days are over (its PEPE comes back), with the time left counted down; every Brain can be
 * linked to the BasedAI wallet that runs it on the BasedAI chain.
 */
export const myBrainsPage: Page = {
  path: "/my-brains",
  title: "My Brains",
  chain: "ethereum",
  render(root, context) {
    const list = h("div", { id: "my-brains" });
    root.append(h("h1", {}, "My Brains"), list);
    const draw = async () => {
      stopTimers();
      try {
        await drawBrains(list, context, draw);
      } catch (e) {
        context.say(explain("read your Brains", e), "error");
      }
    };
    unsubscribe = context.wallet.onChange(() => {
      if (context.stillShown()) draw();
    });
    return draw();
  },
  leave() {
    stopTimers();
    unsubscribe?.();
  },
};

function stopTimers(): void {
  for (const timer of timers) window.clearInterval(timer);
  timers = [];
}

async function drawBrains(list: HTMLElement, context: PageContext, redraw: () => Promise<void>): Promise<void> {
  const account = context.wallet.current.account;
  if (!account) {
    const connect = h("button", { type: "button", id: "my-brains-connect" }, "Connect wallet to see your Brains");
    connect.addEventListener("click", () => context.wallet.connect().catch((e) => context.say(explain("connect", e), "error")));
    list.replaceChildren(connect);
    return;
  }
  const ethereum = chainByKey(context.manifest, "ethereum");
  const client = reader(ethereum);
  const nft = contract(context.manifest, "ethereum", "BrainNFT");
  const portal = contract(context.manifest, "ethereum", "BrainPortal");
  const numbers = await readBrainNumbers(context.manifest);
  const mine = numbers.numbers.filter((n) => n.owner?.toLowerCase() === account.toLowerCase());
  const block = await client.getBlock();
  // the chain's clock, not the browser's: a devnet may run ahead of the wall clock
  const chainOffset = Number(block.timestamp) * 1000 - Date.now();
  const rows = await Promise.all(mine.map(async (brain) => {
    const id = BigInt(brain.id);
    const [[method, acquiredAt], [, unlocksAt], linked] = await Promise.all([
      client.readContract({ ...nft, functionName: "acquisitionOf", args: [id] }) as Promise<readonly [number, bigint]>,
      client.readContract({ ...portal, functionName: "stakeOf", args: [id] }) as Promise<readonly [bigint, bigint]>,
      client.readContract({ ...portal, functionName: "basedWalletOf", args: [id] }) as Promise<Address>,
    ]);
    return { id: brain.id, method: Number(method), acquiredAt: Number(acquiredAt), unlocksAt: Number(unlocksAt), linked };
  }));
  if (!context.stillShown() || context.wallet.current.account !== account) return;
  if (rows.length === 0) {
    list.replaceChildren(h("p", { id: "no-brains" }, "This wallet holds no Brain yet. Acquire one on the Brains page."));
    return;
  }
  const act = async (action: string, run: () => Promise<unknown>, done: string) => {
    try {
      context.say(`Confirm in your wallet: ${action}…`);
      await run();
      context.say(done, "success");
      await redraw();
    } catch (e) {
      context.say(explain(action, e), "error");
    }
  };
  list.replaceChildren(...rows.map((row) => {
    const article = h("article", { class: "brain", id: `brain-${row.id}`, "aria-labelledby": `brain-${row.id}-title` },
      h("h2", { id: `brain-${row.id}-title` }, `Brain #${row.id}`),
      h("p", {}, `Acquired by ${METHOD_NAMES[row.method]} on ${new Date(row.acquiredAt * 1000).toISOString().slice(0, 10)}. `
        + `BasedAI wallet: `, h("span", { id: `linked-${row.id}` }, row.linked === ZERO ? "not linked" : row.linked)));
    article.append(linkForm(row.id, (wallet) => act(`link Brain #${row.id} to ${wallet}`,
      () => sendOnEthereum(context, { ...portal, functionName: "linkBasedWallet", args: [BigInt(row.id), wallet] }),
      `Brain #${row.id} is linked to BasedAI wallet ${wallet}.`), context));
    if (METHOD_NAMES[row.method] === "burn") {
      article.append(transferForm(row.id, (to) => act(`transfer Brain #${row.id} to ${to}`,
        () => sendOnEthereum(context, { ...nft, functionName: "transferFrom", args: [account, to, BigInt(row.id)] }),
        `Brain #${row.id} now belongs to ${to}.`), context));
    } else if (METHOD_NAMES[row.method] === "stake") {
      article.append(deactivation(row.id, row.unlocksAt, chainOffset, () => act(`deactivate Brain #${row.id}`,
        () => sendOnEthereum(context, { ...portal, functionName: "deactivate", args: [BigInt(row.id)] }),
        `Brain #${row.id} is deactivated; its stake is back in your wallet.`)));
    }
    return article;
  }));
}

function linkForm(id: number, submit: (wallet: Address) => void, context: PageContext): HTMLElement {
  const input = h("input", { id: `link-${id}-wallet`, name: "wallet", placeholder: "0x…", autocomplete: "off", spellcheck: "false" });
  const form = h("form", { class: "inline" },
    h("label", { for: `link-${id}-wallet` }, `BasedAI wallet for Brain #${id}`), input,
    h("button", { type: "submit", id: `link-${id}` }, "Link wallet"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const wallet = input.value.trim();
    if (!isAddress(wallet, { strict: false }) || wallet.toLowerCase() === ZERO) {
      context.say(`cannot link Brain #${id}: '${wallet}' is not a wallet address (0x and 40 hex digits, not zero)`, "error");
      input.focus();
      return;
    }
    submit(wallet as Address);
  });
  return form;
}

function transferForm(id: number, submit: (to: Address) => void, context: PageContext): HTMLElement {
  const input = h("input", { id: `transfer-${id}-to`, name: "to", placeholder: "0x…", autocomplete: "off", spellcheck: "false" });
  const form = h("form", { class: "inline" },
    h("label", { for: `transfer-${id}-to` }, `Transfer Brain #${id} to`), input,
    h("button", { type: "submit", id: `transfer-${id}` }, "Transfer"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const to = input.value.trim();
    if (!isAddress(to, { strict: false }) || to.toLowerCase() === ZERO) {
      context.say(`cannot transfer Brain #${id}: '${to}' is not a wallet address (0x and 40 hex digits, not zero)`, "error");
      input.focus();
      return;
    }
    submit(to as Address);
  });
  return form;
}

/** The stake's countdown, and the Deactivate button once the 90 days are over. */
function deactivation(id: number, unlocksAt: number, chainOffset: number, run: () => void): HTMLElement {
  const countdown = h("span", { id: `unlock-${id}` });
  const button = h("button", { type: "button", id: `deactivate-${id}` }, "Deactivate and take back the stake");
  button.addEventListener("click", run);
  const tick = () => {
    const left = unlocksAt * 1000 - (Date.now() + chainOffset);
    button.disabled = left > 0;
    countdown.textContent = left > 0 ? `Stake locked: ${duration(left)} left (until ${new Date(unlocksAt * 1000).toISOString()}).`
      : "The stake is unlocked.";
  };
  tick();
  timers.push(window.setInterval(tick, 1000));
  return h("p", { class: "deactivation" }, countdown, " ", button);
}

function duration(ms: number): string {
  const s = Math.ceil(ms / 1000);
  const d = Math.floor(s / 86400), hh = Math.floor((s % 86400) / 3600), mm = Math.floor((s % 3600) / 60), ss = s % 60;
  return `${d} d ${hh} h ${mm} min ${ss} s`;
}
