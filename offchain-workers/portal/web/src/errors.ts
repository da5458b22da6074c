import { BaseError, ContractFunctionRevertedError } from "viem";
import { formatToken } from "./tokens";
import { errorCode, USER_REJECTED } from "./wallet";

/** The AcquisitionMethod enum of IBrainNFT, as the CLI names it. */
export const METHOD_NAMES = ["reservation", "burn", "stake"] as const;

/**
 * Why an action failed, in the words the CLI uses for the same revert (besu-chain/client PortalErrors): "cannot
 * acquire a Brain by burn: wallet 0x… holds 0 PEPE, it needs 1,000 PEPE". A request the user refused in the wallet
 * says so.
 */
export function explain(action: string, e: unknown): string {
  const prefix = `cannot ${action}: `;
  if (errorCode(e) === USER_REJECTED) return `${prefix}you declined the request in your wallet; nothing was sent`;
  const revert = e instanceof BaseError ? e.walk((cause) => cause instanceof ContractFunctionRevertedError) : undefined;
  if (revert instanceof ContractFunctionRevertedError && revert.data?.errorName) {
    const sentence = sentenceFor(revert.data.errorName, (revert.data.args ?? []) as readonly unknown[]);
    if (sentence) return prefix + sentence;
    return prefix + `the contract refused with ${revert.data.errorName}`;
  }
  const short = (e as { shortMessage?: string })?.shortMessage ?? (e as Error)?.message ?? String(e);
  return prefix + short;
}

function sentenceFor(name: string, args: readonly unknown[]): string | undefined {
  const pepe = (i: number) => formatToken(args[i] as bigint);
  switch (name) {
    case "PortalInsufficientPepe":
      return `wallet ${args[0]} holds ${pepe(2)} PEPE, it needs ${pepe(1)} PEPE`;
    case "PortalInsufficientAllowance":
      return `the portal may spend ${pepe(2)} PEPE of ${args[0]}, it needs ${pepe(1)} PEPE`;
    case "PortalCapReached":
    case "BrainCapReached":
      return `all ${args[0]} Brains are active; one must be deactivated first`;
    case "PortalNotBrainOwner":
      return `${args[1]} does not own Brain #${args[0]}`;
    case "PortalStakeLocked":
      return `the stake of Brain #${args[0]} is locked until ${new Date(Number(args[1]) * 1000).toISOString()}`;
    case "PortalBrainNotStaked":
      return `Brain #${args[0]} was acquired by ${METHOD_NAMES[Number(args[1])] ?? "an unknown method"}, only Brains acquired by stake can be deactivated`;
    case "ERC721NonexistentToken":
      return `Brain #${args[0]} does not exist`;
    case "BrainNonTransferable":
      return `Brain #${args[0]} was acquired by stake and cannot be transferred`;
    case "EnforcedPause":
      return "the portal is paused by its guardian";
    case "PortalZeroBasedWallet":
      return "the BasedAI wallet must not be the zero address";
    default:
      return undefined;
  }
}
