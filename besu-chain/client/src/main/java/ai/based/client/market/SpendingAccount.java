package ai.based.client.market;

import java.math.BigInteger;

/**
 * A user's spending account in the ComputeMarket (BASED base units). {@code pending} is the part asked back, which
 * stays redeemable by miners until the withdrawal completes at or after {@code unlockBlock} (0: none pending).
 */
public record SpendingAccount(String user, BigInteger balance, BigInteger pending, long unlockBlock) {

    /** What new receipts can still be paid from: the balance less the pending withdrawal. */
    public BigInteger available() {
        return balance.subtract(pending);
    }

    public boolean hasPendingWithdrawal() {
        return pending.signum() > 0;
    }

    public boolean unlockedAt(long block) {
        return hasPendingWithdrawal() && block >= unlockBlock;
    }
}
