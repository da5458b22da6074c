import type { Address } from "viem";
import { BaseError, ContractFunctionRevertedError, decodeEventLog } from "viem";
import { reader } from "./clients";
import { chainByKey, contract } from "./manifest";
import type { PageContext } from "./page";
import { requireAccount, sendOnEthereum } from "./transactions";

export type Method = "burn" | "stake";

/**
 * Acquires a Brain in one flow, as `based brains acquire` does: the acquisition is simulated first; when the only
 * thing missing is the portal's allowance, the wallet is asked to approve exactly the amount, then to acquire.
 * Any other refusal (not enough PEPE, paused, cap reached) surfaces decoded before anything is signed.
 * Returns the new Brain's number.
 */
export async function acquireBrain(context: PageContext, method: Method, progress: (step: string) => void): Promise<number> {
  const ethereum = chainByKey(context.manifest, "ethereum");
  const account = requireAccount(context, ethereum.chainId);
  const portal = contract(context.manifest, "ethereum", "BrainPortal");
  const pepe = contract(context.manifest, "ethereum", "PepeCoin");
  const functionName = method === "burn" ? "acquireByBurn" : "acquireByStake";
  const client = reader(ethereum);
  try {
    await client.simulateContract({ ...portal, functionName, account });
  } catch (e) {
    const needed = missingAllowance(e);
    if (needed === undefined) throw e;
    progress(`Approve ${method === "burn" ? "the burn" : "the stake"} in your wallet (step 1 of 2)…`);
    await sendOnEthereum(context, { ...pepe, functionName: "approve", args: [portal.address, needed] });
  }
  progress(`Confirm the acquisition in your wallet${method === "burn" ? "" : " (the PEPE stays locked 90 days)"}…`);
  const hash = await sendOnEthereum(context, { ...portal, functionName });
  const receipt = await client.getTransactionReceipt({ hash });
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== portal.address.toLowerCase()) continue;
    try {
      const event = decodeEventLog({ abi: portal.abi, data: log.data, topics: log.topics });
      if (event.eventName === "BrainAcquired") {
        const args = event.args as unknown as { brainId: bigint; owner: Address };
        if (args.owner.toLowerCase() === account.toLowerCase()) return Number(args.brainId);
      }
    } catch {
      // another event of the portal
    }
  }
  throw new Error(`transaction ${hash} succeeded but logged no BrainAcquired`);
}

/** The amount to approve when the revert is PortalInsufficientAllowance, else undefined. */
function missingAllowance(e: unknown): bigint | undefined {
  if (!(e instanceof BaseError)) return undefined;
  const revert = e.walk((cause) => cause instanceof ContractFunctionRevertedError);
  if (revert instanceof ContractFunctionRevertedError && revert.data?.errorName === "PortalInsufficientAllowance") {
    return revert.data.args?.[1] as bigint;
  }
  return undefined;
}
