import { isAddress, maxUint256, parseUnits, zeroAddress } from "viem";
import type { Address } from "viem";
import { reader } from "../clients";
import { h } from "../dom";
import { chainByKey, contract } from "../manifest";
import type { Page, PageContext } from "../page";
import { network, percentFromBps, tokens } from "../network/api";
import { table } from "../network/chart";
import { busy, button, field } from "../network/form";
import { explain } from "../network/revert";
import { send } from "../network/write";

interface StakeAnswer {
  year: number; yearEmission: string; totalStake: string; validatorTakeBps: number; apyFormula: string;
  brains: Array<{ brainId: number; name: string; stake: string; countedStake: string; minerShareBps: number; apyBps: number }>;
}

/** Staking $BASED on a Brain or delegating to one of its validators, with each Brain's APY and how it is computed. */
export const stakingPage: Page = {
  path: "/staking",
  title: "Staking",
  chain: "basedai",
  async render(root, context) {
    root.append(h("h1", {}, "Staking"));
    const overview = h("section", { id: "staking-overview" });
    root.append(overview, stakeForm(context, () => drawOverview(overview, context)));
    await drawOverview(overview, context);
  },
};

async function drawOverview(overview: HTMLElement, context: PageContext): Promise<void> {
  try {
    const stake = await network<StakeAnswer>("stake");
    if (!context.stillShown()) return;
    overview.replaceChildren(
      h("p", { id: "total-stake" }, `All stake: ${tokens(stake.totalStake)} BASED. Year ${stake.year} emits ${tokens(stake.yearEmission, 0)} BASED.`),
      table("apy-table", "Stake and APY per Brain", ["Brain", "name", "stake (BASED)", "counted (BASED)", "APY"],
        stake.brains.map((b) => [`#${b.brainId}`, b.name || "-", tokens(b.stake), tokens(b.countedStake), percentFromBps(b.apyBps)])),
      h("p", { id: "apy-formula", class: "note" },
        `How APY is computed: ${stake.apyFormula}. The validator take is ${percentFromBps(stake.validatorTakeBps)} by default; `
        + "counted stake is capped at 0.5% of all stake (DESIGN §5), so stake above the cap earns nothing more."),
    );
  } catch (e) {
    context.say(`Cannot read the stake: ${(e as Error).message}`, "error");
  }
}

function stakeForm(context: PageContext, refresh: () => Promise<void>): HTMLElement {
  const brain = field("stake-brain", "Brain number", { type: "number", min: "0", max: "1023" });
  const validator = field("stake-validator", "Validator address (empty: the Brain itself)", { placeholder: "0x…" });
  const amount = field("stake-amount", "Amount (BASED)", { inputmode: "decimal" });
  const stakeButton = button("stake-button", "Stake");
  const unstakeButton = button("unstake-button", "Unstake");
  const mine = h("p", { id: "my-stake", "aria-live": "polite" });
  const chain = chainByKey(context.manifest, "basedai");
  const stakes = contract(context.manifest, "basedai", "StakeManager");
  const token = contract(context.manifest, "basedai", "BasedToken");

  const inputs = (): { brainId: bigint; who: Address; value: bigint } | undefined => {
    const id = brain.input.value.trim();
    if (!/^[0-9]{1,4}$/.test(id) || Number(id) > 1023) return fail("A Brain number is a whole number from 0 to 1023.");
    const v = validator.input.value.trim();
    if (v !== "" && !isAddress(v)) return fail("The validator is a 0x address of 40 hex digits, or empty for the Brain itself.");
    let value: bigint;
    try {
      value = parseUnits(amount.input.value.trim() || "x", 18);
    } catch {
      return fail("The amount is a number of BASED, e.g. 100 or 2.5.");
    }
    if (value <= 0n) return fail("The amount must be more than zero.");
    return { brainId: BigInt(id), who: (v === "" ? zeroAddress : v) as Address, value };
  };
  const fail = (text: string) => {
    context.say(text, "error");
    return undefined;
  };
  const showMine = async (brainId: bigint, who: Address) => {
    const account = context.wallet.current.account;
    if (!account) return;
    const staked = (await reader(chain).readContract({ ...stakes, functionName: "stakeOf", args: [account, brainId, who] })) as bigint;
    mine.textContent = `Your stake on Brain #${brainId}${who === zeroAddress ? "" : " with validator " + who}: ${tokens(staked)} BASED`;
  };

  stakeButton.addEventListener("click", () => busy(stakeButton, async () => {
    const given = inputs();
    if (!given) return;
    try {
      const account = context.wallet.current.account;
      if (!account) throw new Error("connect a wallet first (the button at the top right)");
      const allowance = (await reader(chain).readContract({ ...token, functionName: "allowance", args: [account, stakes.address] })) as bigint;
      if (allowance < given.value) {
        context.say("Step 1 of 2: allow the StakeManager to take your BASED (confirm in the wallet)…");
        await send(context, chain, { ...token, functionName: "approve", args: [stakes.address, maxUint256] });
      }
      context.say("Confirm the stake in your wallet…");
      await send(context, chain, { ...stakes, functionName: "stake", args: [given.brainId, given.who, given.value] });
      context.say(`Staked ${amount.input.value} BASED on Brain #${given.brainId}.`, "success");
      await showMine(given.brainId, given.who);
      await refresh();
    } catch (e) {
      context.say(explain("Staking", e), "error");
    }
  }));
  unstakeButton.addEventListener("click", () => busy(unstakeButton, async () => {
    const given = inputs();
    if (!given) return;
    try {
      context.say("Confirm the unstake in your wallet…");
      await send(context, chain, { ...stakes, functionName: "unstake", args: [given.brainId, given.who, given.value] });
      context.say(`Unstaked ${amount.input.value} BASED from Brain #${given.brainId}.`, "success");
      await showMine(given.brainId, given.who);
      await refresh();
    } catch (e) {
      context.say(explain("Unstaking", e), "error");
    }
  }));
  const form = h("form", { id: "stake-form", "aria-label": "Stake or unstake" }, h("h2", {}, "Stake, delegate, unstake"),
    brain.row, validator.row, amount.row, stakeButton, unstakeButton, mine);
  form.addEventListener("submit", (event) => event.preventDefault());
  return form;
}
