package ai.based.client.brains;

import ai.based.chain.tx.ContractRevertException;
import ai.based.chain.tx.DecodedRevert;
import ai.based.client.Pepe;
import java.math.BigInteger;
import java.time.Instant;

/** Turns the portal's and the Brain token's custom errors into sentences a Brain owner can act on. */
final class PortalErrors {
    private PortalErrors() {}

    static RuntimeException explain(String action, ContractRevertException e) {
        DecodedRevert r = e.revert();
        String prefix = "cannot " + action + ": ";
        return switch (r.error()) {
            case "PortalInsufficientPepe" -> new BrainException(BrainException.Reason.INSUFFICIENT_FUNDS, prefix
                    + "wallet " + r.value("account") + " holds " + pepe(r, "balance") + " PEPE, it needs "
                    + pepe(r, "needed") + " PEPE");
            case "PortalInsufficientAllowance" -> new BrainException(BrainException.Reason.INSUFFICIENT_FUNDS, prefix
                    + "the portal may spend " + pepe(r, "allowance") + " PEPE of " + r.value("account")
                    + ", it needs " + pepe(r, "needed") + " PEPE");
            case "PortalCapReached", "BrainCapReached" -> new BrainException(BrainException.Reason.CAP_REACHED,
                    prefix + "all " + r.value("maxBrains") + " Brains are active; one must be deactivated first");
            case "PortalNotBrainOwner" -> new BrainException(BrainException.Reason.NOT_OWNER, prefix
                    + r.value("caller") + " does not own Brain #" + r.value("brainId"));
            case "PortalStakeLocked" -> new BrainException(BrainException.Reason.STAKE_LOCKED, prefix
                    + "the stake of Brain #" + r.value("brainId") + " is locked until "
                    + Instant.ofEpochSecond(((BigInteger) r.value("unlocksAt")).longValueExact()));
            case "PortalBrainNotStaked" -> new BrainException(BrainException.Reason.NOT_STAKED, prefix
                    + "Brain #" + r.value("brainId") + " was acquired by "
                    + AcquisitionMethod.of((BigInteger) r.value("method")).label()
                    + ", only Brains acquired by stake can be deactivated");
            case "ERC721NonexistentToken" -> new BrainException(BrainException.Reason.NO_SUCH_BRAIN, prefix
                    + "Brain #" + r.value("tokenId") + " does not exist");
            case "BrainNonTransferable" -> new BrainException(BrainException.Reason.NOT_STAKED, prefix
                    + "Brain #" + r.value("brainId") + " was acquired by stake and cannot be transferred");
            case "EnforcedPause" -> new BrainException(BrainException.Reason.PAUSED, prefix
                    + "the portal is paused by its guardian");
            case "PortalZeroBasedWallet" -> new BrainException(BrainException.Reason.INVALID_INPUT, prefix
                    + "the BasedAI wallet must not be the zero address");
            default -> e;
        };
    }

    private static String pepe(DecodedRevert r, String name) {
        return Pepe.format((BigInteger) r.value(name));
    }
}
