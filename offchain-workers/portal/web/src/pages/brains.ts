import { formatUnits } from "viem";
import { reader } from "../clients";
import { h } from "../dom";
import { message } from "../layout";
import { chainByKey, contract } from "../manifest";
import type { Page } from "../page";

/** The Brains page: the 1,024 numbers at a glance, the burn price now, acquiring by burn or by stake. */
export const brainsPage: Page = {
  path: "/brains",
  title: "Brains",
  chain: "ethereum",
  async render(root, context) {
    root.append(h("h1", {}, "Brains"));
    const figures = h("dl", { class: "figures", id: "brain-figures" });
    root.append(figures);
    const ethereum = chainByKey(context.manifest, "ethereum");
    const portal = contract(context.manifest, "ethereum", "BrainPortal");
    try {
      const client = reader(ethereum);
      const [price, active, max] = await Promise.all([
        client.readContract({ ...portal, functionName: "burnPrice" }) as Promise<bigint>,
        client.readContract({ ...portal, functionName: "activeBrains" }) as Promise<bigint>,
        client.readContract({ ...portal, functionName: "MAX_BRAINS" }) as Promise<bigint>,
      ]);
      if (!context.stillShown()) return;
      figures.append(
        figure("Burn price now", `${formatUnits(price, 18)} PEPE`, "burn-price"),
        figure("Active Brains", `${active} of ${max}`, "active-brains"),
      );
    } catch (e) {
      context.say(`Cannot read the Brains: ${message(e)}`, "error");
    }
  },
};

function figure(label: string, value: string, id: string): HTMLElement {
  return h("div", { class: "figure" }, h("dt", {}, label), h("dd", { id }, value));
}
