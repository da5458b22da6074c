import { BaseError, ContractFunctionRevertedError } from "viem";
import { errorCode, USER_REJECTED } from "../wallet";

/** What a refused write means to the user; the contract's own error name stays in brackets for support. */
const MEANINGS: Record<string, string> = {
  RegistryNotBrainOwner: "only the Brain's owner may change its configuration",
  RegistryInvalidShare: "a share must be between 0 and 100%",
  RegistryFeeOutOfBounds: "the registration fee is outside the bounds governance set",
  RegistryBrainInactive: "the Brain is not active",
  StakeZeroAmount: "the amount must be more than zero",
  StakeInsufficient: "you have less stake there than that",
  EnforcedPause: "the contract is paused",
  StakeNotValidator: "that address is not a validator of the Brain",
  GovernorBrainAlreadyVoted: "this Brain has already voted on the proposal",
  GovernorUnexpectedProposalState: "the proposal is not open for voting",
  GovernorNotGigaBrainOwner: "you do not own that Brain, or it was not a GigaBrain (0.5% of all stake) at the proposal's snapshot",
  GovernorBrainRequired: "name the GigaBrain you vote with",
  BridgeZeroAmount: "the amount must be more than zero",
  BridgeAmountAboveMintLimit: "the amount is above the bridge's limit per transfer",
  ERC20InsufficientBalance: "your balance is too low",
  ERC20InsufficientAllowance: "the token allowance is too low",
};

/** A sentence for a failed write: cancelled in the wallet, refused by the contract (with its reason), or another error. */
export function explain(action: string, e: unknown): string {
  if (errorCode(e) === USER_REJECTED) return `${action}: cancelled in the wallet; nothing was sent.`;
  if (e instanceof BaseError) {
    const reverted = e.walk((cause) => cause instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError) {
      const name = reverted.data?.errorName ?? reverted.reason ?? "unknown reason";
      const meaning = MEANINGS[name];
      return `${action} refused by the contract: ${meaning ? `${meaning} (${name})` : name}.`;
    }
    return `${action} failed: ${e.shortMessage}`;
  }
  return `${action} failed: ${(e as Error)?.message ?? String(e)}`;
}
