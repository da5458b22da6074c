import { h } from "../dom";
import type { Page } from "../page";
import { network, tokenNumber, tokens } from "../network/api";
import { lineChart, table } from "../network/chart";
import type { Series } from "../network/chart";

interface Emission {
  head: number; genesisBlock: number;
  now: { year: number; fractionOfYear: number; blockReward: string; epoch: number; emittedSoFar: string };
  points: Array<{ year: number; emission: string; cumulative: string }>;
}
interface Stake { totalStake: string; brains: Array<{ brainId: number; name: string; stake: string }> }
interface Epochs { currentEpoch: number; posted: number; epochs: Array<{ epoch: number; total: string; emission: string }> }
interface Latency { miners: Array<{ brainId: number; uid: number; endpoint: string; samples: Array<{ at: number; ms: number | null }> }> }

const YEARS = 8;

/** The network at a glance: emission curve with where the chain is now, stake per Brain, rewards per epoch, miner latency. */
export const dashboardPage: Page = {
  path: "/network",
  title: "Network",
  chain: "basedai",
  async render(root, context) {
    root.append(h("h1", {}, "The network at a glance"));
    const area = h("div", { class: "charts", id: "dashboard" });
    root.append(area);
    try {
      const [emission, stake, epochs, latency] = await Promise.all([
        network<Emission>(`emission?years=${YEARS}`), network<Stake>("stake"), network<Epochs>("epochs?last=32"), network<Latency>("latency"),
      ]);
      if (!context.stillShown()) return;
      area.replaceChildren(emissionChart(emission), stakeChart(stake), rewardsChart(epochs), latencyChart(latency));
    } catch (e) {
      context.say(`Cannot read the network: ${(e as Error).message}`, "error");
    }
  },
};

/** Whitepaper Table 2: each year's emission, halving yearly, and a marker on the year the chain is in. */
function emissionChart(e: Emission): HTMLElement {
  const years = e.points.map((p) => p.year);
  const perYear = e.points.map((p) => tokenNumber(p.emission) / 1e6);
  const now = e.points.map((p) => (p.year === e.now.year ? tokenNumber(p.emission) / 1e6 : null));
  const chart = lineChart("emission-chart", "Emission per year (million BASED) — whitepaper Table 2", "year", years,
    [{ label: "emission", values: perYear }, { label: "now", values: now, points: true }]);
  chart.append(h("p", { id: "emission-now" }, `Now: block ${e.head}, year ${e.now.year} (${(e.now.fractionOfYear * 100).toFixed(3)}% through), `
    + `epoch ${e.now.epoch}, ${tokens(e.now.blockReward)} BASED per block, ${tokens(e.now.emittedSoFar, 0)} BASED emitted so far.`));
  return chart;
}

function stakeChart(s: Stake): HTMLElement {
  const brains = [...s.brains].sort((a, b) => a.brainId - b.brainId);
  const chart = lineChart("stake-chart", "Stake per Brain (BASED)", "Brain", brains.map((b) => b.brainId),
    [{ label: "stake", values: brains.map((b) => tokenNumber(b.stake)), bars: true }]);
  chart.append(table("stake-table", `Stake distribution: ${tokens(s.totalStake)} BASED in all`, ["Brain", "name", "stake (BASED)"],
    brains.map((b) => [`#${b.brainId}`, b.name || "-", tokens(b.stake)])));
  return chart;
}

function rewardsChart(e: Epochs): HTMLElement {
  const chart = lineChart("rewards-chart", "Rewards per posted epoch (BASED)", "epoch", e.epochs.map((x) => x.epoch),
    [{ label: "paid", values: e.epochs.map((x) => tokenNumber(x.total)) },
     { label: "scheduled", values: e.epochs.map((x) => tokenNumber(x.emission)) }]);
  chart.append(h("p", { id: "epochs-now" }, `${e.posted} epochs posted; the chain is in epoch ${e.currentEpoch}.`));
  return chart;
}

/** Health-check latency the portal measured, one line per serving miner (gaps: no answer). */
function latencyChart(l: Latency): HTMLElement {
  const times = [...new Set(l.miners.flatMap((m) => m.samples.map((s) => s.at)))].sort((a, b) => a - b);
  const series: Series[] = l.miners.slice(0, 6).map((m) => {
    const byTime = new Map(m.samples.map((s) => [s.at, s.ms]));
    return { label: `#${m.brainId} uid ${m.uid}`, values: times.map((t) => byTime.get(t) ?? null) };
  });
  return lineChart("latency-chart", "Miner health-check latency (ms), probed by the portal", "time", times.map((t) => t / 1000), series, true);
}
