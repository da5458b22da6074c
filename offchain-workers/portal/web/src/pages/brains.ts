import { acquireBrain } from "../acquire";
import type { Method } from "../acquire";
import { readBrainNumbers } from "../brainRegistry";
import type { BrainNumbers, NumberState } from "../brainRegistry";
import { reader } from "../clients";
import { h } from "../dom";
import { explain } from "../errors";
import { chainByKey, contract } from "../manifest";
import type { Page, PageContext } from "../page";
import { formatToken } from "../tokens";

const LABELS: Record<NumberState, string> = { free: "Free", burn: "Issued by burn", stake: "Issued by stake", reserved: "Reserved" };

/** The Brains page: the 1,024 numbers at a glance, the burn price now, the next number; acquire by burn or by stake. */
export const brainsPage: Page = {
  path: "/brains",
  title: "Brains",
  chain: "ethereum",
  async render(root, context) {
    const figures = h("dl", { class: "figures", id: "brain-figures" });
    const legend = h("ul", { class: "legend", id: "brain-legend" });
    const grid = h("div", { class: "number-grid", id: "brain-grid", role: "img" });
    const burn = h("button", { type: "button", id: "acquire-burn" }, "Acquire by burn");
    const stake = h("button", { type: "button", id: "acquire-stake" }, "Acquire by stake");
    const result = h("p", { id: "acquire-result", "aria-live": "polite" });
    root.append(
      h("h1", {}, "Brains"),
      figures,
      h("section", { "aria-labelledby": "acquire-heading" },
        h("h2", { id: "acquire-heading" }, "Acquire a Brain"),
        h("p", {}, "Burn PEPE for a Brain you own outright, or stake 100,000 PEPE for 90 days (a staked Brain cannot be transferred; deactivating it returns the PEPE)."),
        h("div", { class: "actions" }, burn, stake),
        result),
      h("section", { "aria-labelledby": "numbers-heading" }, h("h2", { id: "numbers-heading" }, "The 1,024 numbers"), legend, grid),
    );
    const refresh = () => draw(context, figures, legend, grid, burn, stake);
    const acquire = async (method: Method, button: HTMLButtonElement) => {
      burn.disabled = stake.disabled = true;
      result.textContent = "";
      try {
        if (!context.wallet.current.account) await context.wallet.connect();
        const id = await acquireBrain(context, method, (step) => context.say(step));
        result.replaceChildren("Brain ", h("strong", { id: "acquired-brain" }, `#${id}`), ` is yours (acquired by ${method}).`);
        context.say(`Brain #${id} acquired by ${method}.`, "success");
        await refresh();
      } catch (e) {
        context.say(explain(`acquire a Brain by ${method}`, e), "error");
      } finally {
        burn.disabled = stake.disabled = false;
        button.focus();
      }
    };
    burn.addEventListener("click", () => acquire("burn", burn));
    stake.addEventListener("click", () => acquire("stake", stake));
    try {
      await refresh();
    } catch (e) {
      context.say(explain("read the Brains", e), "error");
    }
  },
};

async function draw(context: PageContext, figures: HTMLElement, legend: HTMLElement, grid: HTMLElement,
  burn: HTMLButtonElement, stake: HTMLButtonElement): Promise<void> {
  const ethereum = chainByKey(context.manifest, "ethereum");
  const portal = contract(context.manifest, "ethereum", "BrainPortal");
  const client = reader(ethereum);
  const [price, stakeAmount, active, max, numbers] = await Promise.all([
    client.readContract({ ...portal, functionName: "burnPrice" }) as Promise<bigint>,
    client.readContract({ ...portal, functionName: "STAKE_AMOUNT" }) as Promise<bigint>,
    client.readContract({ ...portal, functionName: "activeBrains" }) as Promise<bigint>,
    client.readContract({ ...portal, functionName: "MAX_BRAINS" }) as Promise<bigint>,
    readBrainNumbers(context.manifest),
  ]);
  if (!context.stillShown()) return;
  burn.textContent = `Acquire by burn (${formatToken(price)} PEPE)`;
  stake.textContent = `Acquire by stake (${formatToken(stakeAmount)} PEPE)`;
  const next = active >= max ? "none: the cap is reached" : numbers.next === undefined ? "none" : `#${numbers.next}`;
  figures.replaceChildren(
    figure("Burn price now", `${formatToken(price)} PEPE`, "burn-price"),
    figure("Next number", next, "next-number"),
    figure("Active Brains", `${active} of ${max}`, "active-brains"),
    figure("Stake", `${formatToken(stakeAmount)} PEPE, 90 days`, "stake-amount"),
  );
  drawNumbers(numbers, legend, grid, context.wallet.current.account);
}

function drawNumbers(numbers: BrainNumbers, legend: HTMLElement, grid: HTMLElement, account?: string): void {
  legend.replaceChildren(
    ...(Object.keys(LABELS) as NumberState[]).map((state) =>
      h("li", {}, h("span", { class: `swatch ${state}`, "aria-hidden": "true" }), `${LABELS[state]}: `,
        h("strong", { id: `count-${state}` }, String(numbers.counts[state])))),
  );
  grid.setAttribute("aria-label", `The 1,024 Brain numbers: ${numbers.counts.free} free, ${numbers.counts.burn} issued by burn, `
    + `${numbers.counts.stake} by stake, ${numbers.counts.reserved} reserved`);
  const mine = account?.toLowerCase();
  grid.replaceChildren(
    ...numbers.numbers.map((n) => {
      const yours = mine !== undefined && n.owner?.toLowerCase() === mine;
      return h("span", {
        class: `cell ${n.state}${yours ? " mine" : ""}${n.id === numbers.next ? " next" : ""}`,
        title: `#${n.id}: ${LABELS[n.state].toLowerCase()}${yours ? " (yours)" : ""}`,
        "data-number": String(n.id),
        "data-state": n.state,
      });
    }),
  );
}

function figure(label: string, value: string, id: string): HTMLElement {
  return h("div", { class: "figure" }, h("dt", {}, label), h("dd", { id }, value));
}
