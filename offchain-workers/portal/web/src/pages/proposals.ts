import { numberToHex } from "viem";
import { h, shortAddress } from "../dom";
import { chainByKey, contract } from "../manifest";
import type { Page, PageContext } from "../page";
import { network, tokens } from "../network/api";
import { busy, button, choice, field } from "../network/form";
import { explain } from "../network/revert";
import { send } from "../network/write";

interface Proposal {
  id: string; proposer: string; description: string; state: string; snapshot: number; deadline: number; yearOne: boolean;
  gigaBrains: { against: string; for: string; abstain: string; eligible: string };
  pepeRecorded: { recorded: boolean; against: string; for: string; abstain: string };
  pepeChamber?: { closesAt: number; tallySent: boolean; against: string; for: string; abstain: string };
  pepeChamberError?: string;
}

/** GigaBrain proposals: each with both chambers' tallies; a GigaBrain's owner votes with the Brain here. */
export const proposalsPage: Page = {
  path: "/proposals",
  title: "Proposals",
  chain: "basedai",
  async render(root, context) {
    root.append(h("h1", {}, "GigaBrain proposals"),
      h("p", { class: "note" }, "A GigaBrain holds at least 0.5% of all stake at the proposal's snapshot; one vote per GigaBrain. "
        + "In year one a proposal passes unless a majority of all GigaBrains votes against. Pepecoin holders vote on Ethereum by "
        + "escrowing PEPE; their tally crosses the bridge and is recorded beside the GigaBrains' result."));
    const list = h("section", { id: "proposal-list", "aria-live": "polite" });
    root.append(list);
    await draw(list, context);
  },
};

async function draw(list: HTMLElement, context: PageContext): Promise<void> {
  let proposals: Proposal[];
  try {
    proposals = (await network<{ proposals: Proposal[] }>("proposals")).proposals;
  } catch (e) {
    context.say(`Cannot read the proposals: ${(e as Error).message}`, "error");
    return;
  }
  if (!context.stillShown()) return;
  if (proposals.length === 0) {
    list.replaceChildren(h("p", { id: "no-proposals" }, "No proposal yet."));
    return;
  }
  list.replaceChildren(...proposals.map((p, index) => card(p, index, list, context)));
}

function card(p: Proposal, index: number, list: HTMLElement, context: PageContext): HTMLElement {
  const g = p.gigaBrains;
  const pepe = p.pepeRecorded.recorded
    ? `recorded on BasedAI: for ${tokens(p.pepeRecorded.for)}, against ${tokens(p.pepeRecorded.against)}, abstain ${tokens(p.pepeRecorded.abstain)} PEPE`
    : p.pepeChamber && p.pepeChamber.closesAt > 0
      ? `escrowed on Ethereum so far: for ${tokens(p.pepeChamber.for)}, against ${tokens(p.pepeChamber.against)}, abstain ${tokens(p.pepeChamber.abstain)} PEPE`
        + ` (window closes ${new Date(p.pepeChamber.closesAt * 1000).toISOString()})`
      : p.pepeChamberError ? `live escrow unknown (${p.pepeChamberError})` : "no Pepecoin vote opened yet";
  const support = choice(`vote-support-${index}`, "Your vote", [["1", "For"], ["0", "Against"], ["2", "Abstain"]]);
  const brain = field(`vote-brain-${index}`, "With GigaBrain number", { type: "number", min: "0", max: "1023" });
  const vote = button(`vote-button-${index}`, "Vote");
  vote.addEventListener("click", () => busy(vote, async () => {
    const id = brain.input.value.trim();
    if (!/^[0-9]{1,4}$/.test(id) || Number(id) > 1023) {
      context.say("Name the GigaBrain you vote with: a number from 0 to 1023.", "error");
      return;
    }
    try {
      context.say("Confirm the vote in your wallet…");
      await send(context, chainByKey(context.manifest, "basedai"), {
        ...contract(context.manifest, "basedai", "GigaBrainGovernor"), functionName: "castVoteWithReasonAndParams",
        args: [BigInt(p.id), Number(support.select.value), "", numberToHex(BigInt(id), { size: 32 })] });
      context.say(`Brain #${id} voted ${support.select.selectedOptions[0]?.text ?? ""} on "${p.description}".`, "success");
      await draw(list, context);
    } catch (e) {
      context.say(explain("Voting", e), "error");
    }
  }));
  const form = h("form", { class: "inline", "aria-label": `Vote on ${p.description}` }, support.row, brain.row, vote);
  form.addEventListener("submit", (event) => { event.preventDefault(); vote.click(); });
  return h("article", { class: "proposal", id: `proposal-${index}`, "data-proposal-id": p.id },
    h("h2", {}, p.description),
    h("p", {}, `State: `, h("strong", { class: "proposal-state" }, p.state), ` · proposed by ${shortAddress(p.proposer)} · voting blocks ${p.snapshot}–${p.deadline}`
      + (p.yearOne ? " · year-one rule" : "")),
    h("p", { class: "gigabrain-tally" }, `GigaBrains: for ${g.for}, against ${g.against}, abstain ${g.abstain} of ${g.eligible} eligible`),
    h("p", { class: "pepe-tally" }, `Pepecoin chamber: ${pepe}`),
    form);
}
