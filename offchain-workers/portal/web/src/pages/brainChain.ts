import { h, shortAddress } from "../dom";
import { chainByKey, contract } from "../manifest";
import type { Page, PageContext } from "../page";
import { network, percentFromBps, tokenNumber, tokens } from "../network/api";
import { lineChart, table } from "../network/chart";
import { busy, button, field } from "../network/form";
import { explain } from "../network/revert";
import { send } from "../network/write";

interface NodeRow { uid: number; account: string; registeredAt: number; endpoint?: string; stake?: string }
interface BrainAnswer {
  brainId: number; owner: string; active: boolean; reservedRole: string; registrationFee: string; stake: string;
  config: { name: string; modelId: string; sourceUrl: string; rewardAddress: string; minerShareBps: number; ownerHandoffBps: number; configured: boolean };
  minerCount: number; validatorCount: number; miners: NodeRow[]; validators: NodeRow[];
  emissions: Array<{ epoch: number; total: string }>;
  scores: Array<{ epoch: number; weights: Array<{ uid: number; weight: number; validators: number }> }>;
  consensus: EpochConsensus[]; consensusPending: number[]; consensusProblem?: string;
}
/** One closed epoch's consensus for the page's uids: shares of 1, as the oracle signers compute them. */
interface EpochConsensus { epoch: number; validated: boolean; incentive: Share[]; dividends: Share[] }
interface Share { uid: number; share: number }

/**
 * A Brain on the BasedAI chain: configuration, nodes, fee, emissions, scores and consensus (incentive, dividends) per
 * epoch; its owner edits it here.
 */
export const brainChainPage: Page = {
  path: "/brain",
  title: "Brain on BasedAI",
  chain: "basedai",
  render(root, context) {
    root.append(h("h1", {}, "A Brain on the BasedAI chain"));
    const picker = field("brain-id", "Brain number (0 to 1023)", { type: "number", min: "0", max: "1023", inputmode: "numeric" });
    const show = button("show-brain", "Show Brain");
    const detail = h("section", { id: "brain-detail", "aria-live": "polite" });
    const form = h("form", { class: "inline", "aria-label": "Choose a Brain" }, picker.row, show);
    root.append(form, detail);
    const load = async () => {
      const id = picker.input.value.trim();
      if (!/^[0-9]{1,4}$/.test(id) || Number(id) > 1023) {
        context.say("A Brain number is a whole number from 0 to 1023.", "error");
        return;
      }
      history.replaceState(null, "", `/brain?id=${id}`);
      await draw(detail, Number(id), context);
    };
    show.addEventListener("click", () => busy(show, load));
    form.addEventListener("submit", (event) => { event.preventDefault(); void busy(show, load); });
    const initial = new URLSearchParams(window.location.search).get("id");
    if (initial) {
      picker.input.value = initial;
      void load();
    }
  },
};

/** Nodes shown per role per page (the portal's page size). */
const PAGE = 32;
/** The portal computes closed epochs' consensus in the background: while some are pending, ask again this often, so many times. */
const CONSENSUS_POLL_MS = 2000;
const CONSENSUS_POLLS = 30;

async function draw(detail: HTMLElement, brainId: number, context: PageContext, offset = 0): Promise<void> {
  let brain: BrainAnswer;
  try {
    brain = await network<BrainAnswer>(`brains/${brainId}?offset=${offset}`);
  } catch (e) {
    context.say(`Cannot read Brain #${brainId}: ${(e as Error).message}`, "error");
    return;
  }
  if (!context.stillShown()) return;
  const c = brain.config;
  const figures = h("dl", { class: "figures", id: "brain-config" },
    item("Name", c.name || "(not configured)", "config-name"),
    item("Model", c.modelId || "(none)", "config-model"),
    item("Source", c.sourceUrl || "(none)", "config-source"),
    item("Owner", brain.owner === "0x0000000000000000000000000000000000000000" ? "(nobody)" : shortAddress(brain.owner), "config-owner"),
    item("State", brain.active ? "active" : "inactive", "config-state"),
    item("Miners' share of the nodes' 75%", percentFromBps(c.minerShareBps), "config-miner-share"),
    item("Owner hands to nodes", percentFromBps(c.ownerHandoffBps), "config-handoff"),
    item("Registration fee", `${tokens(brain.registrationFee)} BASED`, "registration-fee"),
    item("Stake", `${tokens(brain.stake)} BASED`, "brain-stake"),
  );
  if (brain.reservedRole) figures.append(item("Reserved for", brain.reservedRole, "reserved-role"));
  const miners = table("brain-miners", `Miners (${brain.minerCount})`, ["uid", "account", "endpoint", "registered at block"],
    brain.miners.map((m) => [String(m.uid), shortAddress(m.account), m.endpoint || "(not serving)", String(m.registeredAt)]));
  const validators = table("brain-validators", `Validators (${brain.validatorCount})`, ["uid", "account", "stake (BASED)"],
    brain.validators.map((v) => [String(v.uid), shortAddress(v.account), tokens(v.stake ?? "0")]));
  const emissions = lineChart("brain-emissions", "Emission to this Brain per posted epoch (BASED)", "epoch",
    brain.emissions.map((e) => e.epoch), [{ label: "BASED", values: brain.emissions.map((e) => tokenNumber(e.total)) }]);
  const scoreUids = [...new Set(brain.scores.flatMap((s) => s.weights.map((w) => w.uid)))].slice(0, 6);
  const scoreChart = lineChart("brain-score-chart", "Score history: mean revealed weight per miner", "epoch", brain.scores.map((s) => s.epoch),
    scoreUids.map((uid) => ({ label: `uid ${uid}`, values: brain.scores.map((s) => s.weights.find((w) => w.uid === uid)?.weight ?? null) })));
  const scores = table("brain-scores", "Scores per epoch: mean weight validators revealed per miner (of 65,535)", ["epoch", "uid: weight"],
    brain.scores.map((s) => [String(s.epoch), s.weights.map((w) => `${w.uid}: ${w.weight}`).join(", ")]));
  const consensus = h("section", { id: "brain-consensus-section", "aria-live": "polite" });
  fillConsensus(consensus, brain);
  const pages = h("div", { class: "inline", id: "node-pages" });
  if (Math.max(brain.minerCount, brain.validatorCount) > PAGE) {
    const previous = h("button", { type: "button", id: "nodes-previous", disabled: offset === 0 }, `Previous ${PAGE} nodes`);
    const next = h("button", { type: "button", id: "nodes-next", disabled: offset + PAGE >= Math.max(brain.minerCount, brain.validatorCount) },
      `Next ${PAGE} nodes`);
    previous.addEventListener("click", () => void draw(detail, brainId, context, Math.max(0, offset - PAGE)));
    next.addEventListener("click", () => void draw(detail, brainId, context, offset + PAGE));
    pages.append(h("span", {}, `uids ${offset} to ${offset + PAGE - 1} `), previous, next);
  }
  detail.replaceChildren(h("h2", {}, `Brain #${brain.brainId}`), figures, miners, validators, pages, emissions, scoreChart, scores,
    consensus, editForm(brain, context));
  if (brain.consensusPending.length > 0) void pollConsensus(consensus, brainId, offset, context);
}

/** The consensus table: per closed epoch, the page's miners' incentive and validators' dividends; what is pending or failed. */
function fillConsensus(section: HTMLElement, brain: BrainAnswer): void {
  const rows = brain.consensus.map((e) => [String(e.epoch),
    e.validated ? shares(e.incentive, "(no miners on this page)") : "(no validated weights)",
    shares(e.dividends, e.validated ? "(no validators on this page)" : "(no validated weights)")]);
  const notes: HTMLElement[] = [];
  if (brain.consensusPending.length > 0) {
    notes.push(h("p", { id: "consensus-pending" }, `Computing epoch ${brain.consensusPending.join(", ")} from the chain's logs...`));
  }
  if (brain.consensusProblem) notes.push(h("p", { class: "error", id: "consensus-problem" }, brain.consensusProblem));
  section.replaceChildren(table("brain-consensus",
    "Consensus per closed epoch, as the oracles compute it: miners' incentive and validators' dividends (shares of 1)",
    ["epoch", "miner uid: incentive", "validator uid: dividends"], rows), ...notes);
}

/** Redraws only the consensus section (never the owner's form being typed in) until nothing is pending or the page moved on. */
async function pollConsensus(section: HTMLElement, brainId: number, offset: number, context: PageContext): Promise<void> {
  for (let poll = 0; poll < CONSENSUS_POLLS; poll++) {
    await new Promise((resolve) => setTimeout(resolve, CONSENSUS_POLL_MS));
    if (!context.stillShown() || !section.isConnected) return;
    let brain: BrainAnswer;
    try {
      brain = await network<BrainAnswer>(`brains/${brainId}?offset=${offset}`);
    } catch {
      continue; // the node or the portal is away for a moment: the next poll tries again
    }
    if (!context.stillShown() || !section.isConnected) return;
    fillConsensus(section, brain);
    if (brain.consensusPending.length === 0) return;
  }
}

/** The owner's configuration form; anyone may submit it, and the contract's refusal is shown as it is. */
function editForm(brain: BrainAnswer, context: PageContext): HTMLElement {
  const c = brain.config;
  const name = field("edit-name", "Name", { value: c.name, maxlength: "64" });
  const model = field("edit-model", "Model id (content hash)", { value: c.modelId, maxlength: "128" });
  const source = field("edit-source", "Source URL", { value: c.sourceUrl, maxlength: "256" });
  const share = field("edit-miner-share", "Miners' share (%)", { type: "number", min: "0", max: "100", step: "0.01", value: String(c.minerShareBps / 100) });
  const handoff = field("edit-handoff", "Owner hands to nodes (%)", { type: "number", min: "0", max: "100", step: "0.01", value: String(c.ownerHandoffBps / 100) });
  const save = button("save-config", "Save configuration");
  save.addEventListener("click", () => busy(save, async () => {
    const minerShareBps = Math.round(Number(share.input.value) * 100);
    const handoffBps = Math.round(Number(handoff.input.value) * 100);
    if (!Number.isFinite(minerShareBps) || !Number.isFinite(handoffBps) || minerShareBps < 0 || handoffBps < 0) {
      context.say("Shares are percentages from 0 to 100.", "error");
      return;
    }
    const chain = chainByKey(context.manifest, "basedai");
    try {
      context.say("Confirm the configuration in your wallet…");
      await send(context, chain, { ...contract(context.manifest, "basedai", "BrainRegistry"), functionName: "configure",
        args: [BigInt(brain.brainId), name.input.value, model.input.value, source.input.value, c.rewardAddress, minerShareBps, handoffBps] });
      context.say(`Brain #${brain.brainId}'s configuration is saved.`, "success");
      await draw(document.getElementById("brain-detail") as HTMLElement, brain.brainId, context);
    } catch (e) {
      context.say(explain("Saving the configuration", e), "error");
    }
  }));
  const form = h("form", { id: "edit-config", "aria-label": "Edit the Brain's configuration (owner only)" },
    h("h3", {}, "Edit the configuration (owner only)"), name.row, model.row, source.row, share.row, handoff.row, save);
  form.addEventListener("submit", (event) => { event.preventDefault(); save.click(); });
  return form;
}

function shares(rows: Share[], none: string): string {
  return rows.length === 0 ? none : rows.map((r) => `${r.uid}: ${r.share.toFixed(4)}`).join(", ");
}

function item(label: string, value: string, id: string): HTMLElement {
  return h("div", { class: "figure" }, h("dt", {}, label), h("dd", { id }, value));
}
