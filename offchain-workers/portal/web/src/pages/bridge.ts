import { isAddress, maxUint256, parseEventLogs, parseUnits } from "viem";
import type { Address, Hex } from "viem";
import { reader } from "../clients";
import { h, shortAddress } from "../dom";
import { chainByKey, contract } from "../manifest";
import type { Page, PageContext } from "../page";
import { network } from "../network/api";
import { busy, button, choice, field } from "../network/form";
import { explain } from "../network/revert";
import { send } from "../network/write";

interface Transfer { hash: Hex; direction: string; amount: string; status: string }

const STORE = "based-portal-bridge-messages";
const POLL_MS = 1000;
let timer: number | undefined;
/** The chain the chosen direction sends on: the wrong-chain banner follows it (read on every wallet change). */
let sendingChain: "basedai" | "ethereum" = "basedai";

/** The bridge: BASED locked on BasedAI becomes wBASED on Ethereum, and back; each message's status is followed. */
export const bridgePage: Page = {
  path: "/bridge",
  title: "Bridge",
  get chain() {
    return sendingChain;
  },
  render(root, context) {
    root.append(h("h1", {}, "Bridge BASED ⇄ wBASED"),
      h("p", { class: "note" }, "A transfer is a message on the bridge: sent on one chain, attested by a quorum of relayers (after "
        + "a confirmation depth) and executed on the other. Status: pending until the other chain executed it (or recorded it as failed)."));
    const direction = choice("bridge-direction", "Direction", [["to-ethereum", "BASED (BasedAI) → wBASED (Ethereum)"],
      ["to-basedai", "wBASED (Ethereum) → BASED (BasedAI)"]]);
    const recipient = field("bridge-recipient", "Recipient (empty: your own address)", { placeholder: "0x…" });
    direction.select.addEventListener("change", () => {
      sendingChain = direction.select.value === "to-basedai" ? "ethereum" : "basedai";
    });
    const amount = field("bridge-amount", "Amount", { inputmode: "decimal" });
    const go = button("bridge-button", "Bridge");
    const list = h("ul", { id: "bridge-messages", "aria-label": "Your bridge messages", "aria-live": "polite" });
    const form = h("form", { id: "bridge-form", "aria-label": "Bridge tokens" }, direction.row, recipient.row, amount.row, go);
    form.addEventListener("submit", (event) => { event.preventDefault(); go.click(); });
    root.append(form, h("h2", {}, "Messages"), list);
    go.addEventListener("click", () => busy(go, async () => {
      const account = context.wallet.current.account;
      let value: bigint;
      try {
        value = parseUnits(amount.input.value.trim() || "x", 18);
      } catch {
        context.say("The amount is a number of tokens, e.g. 10 or 0.5.", "error");
        return;
      }
      const to = recipient.input.value.trim() || account;
      if (!to || !isAddress(to)) {
        context.say(to ? "The recipient is a 0x address of 40 hex digits." : "Connect a wallet first (the button at the top right).", "error");
        return;
      }
      try {
        const transfer = direction.select.value === "to-ethereum"
          ? await toEthereum(context, to, value)
          : await toBasedAi(context, to, value);
        const transfers = [{ ...transfer, amount: amount.input.value.trim() }, ...stored()].slice(0, 20);
        sessionStorage.setItem(STORE, JSON.stringify(transfers));
        context.say(`Sent: message ${transfer.hash.slice(0, 10)}…; the relayers deliver it.`, "success");
        drawList(list);
      } catch (e) {
        context.say(explain("Bridging", e), "error");
      }
    }));
    drawList(list);
    timer = window.setInterval(() => void refresh(list, context), POLL_MS);
  },
  leave() {
    if (timer !== undefined) window.clearInterval(timer);
    timer = undefined;
    sendingChain = "basedai";
  },
};

async function toEthereum(context: PageContext, to: Address, value: bigint): Promise<Transfer> {
  const chain = chainByKey(context.manifest, "basedai");
  const bridge = contract(context.manifest, "basedai", "BasedBridge");
  const token = contract(context.manifest, "basedai", "BasedToken");
  const account = context.wallet.current.account as Address;
  const allowance = (await reader(chain).readContract({ ...token, functionName: "allowance", args: [account, bridge.address] })) as bigint;
  if (allowance < value) {
    context.say("Step 1 of 2: allow the bridge to lock your BASED (confirm in the wallet)…");
    await send(context, chain, { ...token, functionName: "approve", args: [bridge.address, maxUint256] });
  }
  context.say("Confirm the transfer in your wallet…");
  const receipt = await send(context, chain, { ...bridge, functionName: "bridgeToEthereum", args: [to, value] });
  return { hash: messageHash(bridge.abi, receipt.logs), direction: "BASED → wBASED", amount: "", status: "pending" };
}

async function toBasedAi(context: PageContext, to: Address, value: bigint): Promise<Transfer> {
  const chain = chainByKey(context.manifest, "ethereum");
  const bridge = contract(context.manifest, "ethereum", "EthereumBridge");
  context.say("Confirm the transfer in your wallet (on Ethereum)…");
  const receipt = await send(context, chain, { ...bridge, functionName: "bridgeToBasedAi", args: [to, value] });
  return { hash: messageHash(bridge.abi, receipt.logs), direction: "wBASED → BASED", amount: "", status: "pending" };
}

function messageHash(abi: any, logs: any[]): Hex {
  const events = parseEventLogs({ abi, logs, eventName: "BridgeInitiated" }) as unknown as Array<{ args: { messageHash: Hex } }>;
  if (events.length === 0) throw new Error("the transaction sent no bridge message");
  return events[0].args.messageHash;
}

function stored(): Transfer[] {
  try {
    return JSON.parse(sessionStorage.getItem(STORE) ?? "[]") as Transfer[];
  } catch {
    return [];
  }
}

async function refresh(list: HTMLElement, context: PageContext): Promise<void> {
  const transfers = stored();
  let changed = false;
  for (const t of transfers) {
    if (t.status === "executed" || t.status === "failed") continue;
    try {
      const status = (await network<{ status: string }>(`bridge/messages/${t.hash}`)).status;
      if (status !== t.status) {
        t.status = status;
        changed = true;
      }
    } catch (e) {
      context.say(`Cannot read a message's status: ${(e as Error).message}`, "error");
      return;
    }
  }
  if (changed && context.stillShown()) {
    sessionStorage.setItem(STORE, JSON.stringify(transfers));
    drawList(list);
  }
}

function drawList(list: HTMLElement): void {
  const transfers = stored();
  if (transfers.length === 0) {
    list.replaceChildren(h("li", {}, "No transfer from this browser yet."));
    return;
  }
  list.replaceChildren(...transfers.map((t, i) => h("li", { id: `bridge-message-${i}`, "data-hash": t.hash },
    `${t.direction} ${t.amount} · message ${shortAddress(t.hash)} · `, h("strong", { class: "bridge-status" }, t.status))));
}
