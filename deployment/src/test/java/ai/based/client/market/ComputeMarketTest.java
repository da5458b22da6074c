package ai.based.client.market;

import static ai.based.deployment.BasedChainFixture.based;
import static ai.based.deployment.BasedChainFixture.reverts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.chain.anvil.DevAccounts;
import ai.based.client.basedai.NodeRole;
import ai.based.client.manifest.BasedAiContracts;
import ai.based.contracts.ComputeMarket;
import ai.based.deployment.AnvilImpersonation;
import ai.based.deployment.BasedChainFixture;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Convert;

/**
 * The ComputeMarket on a real anvil with the real registry and token: spending accounts and the withdrawal delay,
 * cumulative receipts redeemed for their delta, every hostile redemption refused by name with no balance moved,
 * prices within governance's bounds, and the Java EIP-712 digest equal to the contract's. Each test has its own
 * Brain number and fresh wallets.
 */
@Tag("devnet")
class ComputeMarketTest {
    private static final Credentials OWNER = DevAccounts.account(2);
    private static final BigInteger PRICE = BigInteger.TEN.pow(15);
    private static BasedChainFixture chain;
    private static ComputeMarketClient market;

    @BeforeAll
    static void deploy() throws Exception {
        chain = BasedChainFixture.yearOne();
        market = new ComputeMarketClient(chain.session);
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    private static BigInteger brain(long id) throws Exception {
        chain.sync(id, OWNER, 1, 0);
        chain.session.registry(chain.session.signer(OWNER)).setRegistrationFee(BigInteger.valueOf(id), BigInteger.ZERO).send();
        return BigInteger.valueOf(id);
    }

    /** A fresh wallet with gas and {@code basedWhole} BASED. */
    private static Credentials wallet(long basedWhole) throws Exception {
        Credentials who = Credentials.create(Keys.createEcKeyPair());
        chain.session.signer(BasedChainFixture.FAUCET).transfer(who.getAddress(), Convert.toWei("1", Convert.Unit.ETHER).toBigIntegerExact());
        if (basedWhole > 0) chain.session.token(chain.session.signer(BasedChainFixture.FAUCET)).transfer(who.getAddress(), based(basedWhole)).send();
        return who;
    }

    private static Credentials miner(BigInteger brain) throws Exception {
        Credentials who = wallet(0);
        chain.session.registry(chain.session.signer(who)).memorize(brain, NodeRole.MINER.onChain(), new byte[32]).send();
        return who;
    }

    private static ComputeMarket as(Credentials who) {
        return chain.session.computeMarket(chain.session.signer(who));
    }

    private static BigInteger tokens(Credentials who) throws Exception {
        return chain.session.token(chain.session.reader()).balanceOf(who.getAddress()).send();
    }

    private static ComputeMarket.Receipt onChain(Receipt r) {
        return new ComputeMarket.Receipt(r.user(), r.miner(), BigInteger.valueOf(r.brainId()), r.units(), r.amount());
    }

    private static long block() {
        return chain.basedai.blockNumber().longValueExact();
    }

    @Test
    void depositThenWithdrawOnlyAfterTheDelay() throws Exception {
        Credentials user = wallet(100);
        SpendingAccount after = market.deposit(user, based(100));
        assertThat(after.balance()).isEqualTo(based(100));
        assertThat(tokens(user)).isZero();

        SpendingAccount requested = market.requestWithdrawal(user, based(40));
        long requestedAt = block();
        assertThat(requested.pending()).isEqualTo(based(40));
        assertThat(requested.available()).isEqualTo(based(60));
        assertThat(requested.unlockBlock()).isEqualTo(requestedAt + 8_640);
        assertThat(market.withdrawalDelayBlocks()).isEqualTo(8_640);

        reverts("MarketWithdrawalLocked", () -> as(user).withdraw().send());
        assertThatThrownBy(() -> market.withdraw(user)).isInstanceOf(MarketException.class)
                .hasMessageContaining("unlocks at block " + (requestedAt + 8_640))
                .satisfies(e -> assertThat(((MarketException) e).reason()).isEqualTo(MarketException.Reason.WITHDRAWAL_LOCKED));
        // One block short: the withdrawal would be mined at unlock - 1.
        chain.mine(8_640 - 2 - (block() - requestedAt));
        reverts("MarketWithdrawalLocked", () -> as(user).withdraw().send());
        assertThat(market.account(user.getAddress()).balance()).isEqualTo(based(100));

        chain.mine(1);
        assertThat(market.withdraw(user)).isEqualTo(based(40));
        assertThat(tokens(user)).isEqualTo(based(40));
        SpendingAccount done = market.account(user.getAddress());
        assertThat(done.balance()).isEqualTo(based(60));
        assertThat(done.hasPendingWithdrawal()).isFalse();

        reverts("MarketNoWithdrawalPending", () -> as(user).withdraw().send());
        reverts("MarketInsufficientBalance", () -> as(user).requestWithdrawal(based(61)).send());
        reverts("MarketZeroAmount", () -> as(user).deposit(BigInteger.ZERO).send());
        assertThatThrownBy(() -> market.deposit(user, based(41))).isInstanceOf(MarketException.class)
                .hasMessageContaining("holds 40 BASED");
        assertThat(market.account(user.getAddress()).balance()).isEqualTo(based(60));
    }

    @Test
    void redeemPaysTheDeltaAndAPendingWithdrawalStaysRedeemable() throws Exception {
        BigInteger brain = brain(40);
        Credentials user = wallet(10);
        Credentials miner = miner(brain);
        ReceiptSigner signer = market.receiptSigner();
        market.deposit(user, based(10));
        market.requestWithdrawal(user, based(10));

        Receipt first = new Receipt(user.getAddress(), miner.getAddress(), 40, BigInteger.valueOf(5), PRICE.multiply(BigInteger.valueOf(5)));
        assertThat(market.covers(first, PRICE)).as("everything is pending withdrawal: nothing is available").isFalse();
        Redemption paid = market.redeem(miner, first, signer.sign(first, user));
        assertThat(paid.paid()).isEqualTo(PRICE.multiply(BigInteger.valueOf(5)));
        Receipt second = first.plus(3, PRICE.multiply(BigInteger.valueOf(3)));
        Redemption delta = market.redeem(miner, second, signer.sign(second, user));
        assertThat(delta.paid()).isEqualTo(PRICE.multiply(BigInteger.valueOf(3)));
        assertThat(delta.cumulativeUnits()).isEqualTo(BigInteger.valueOf(8));

        BigInteger spent = PRICE.multiply(BigInteger.valueOf(8));
        assertThat(tokens(miner)).isEqualTo(spent);
        assertThat(market.redeemed(user.getAddress(), miner.getAddress(), 40)).isEqualTo(new ChannelState(BigInteger.valueOf(8), spent));
        SpendingAccount account = market.account(user.getAddress());
        assertThat(account.balance()).isEqualTo(based(10).subtract(spent));
        assertThat(account.pending()).as("the pending withdrawal shrinks to what is left").isEqualTo(account.balance());

        chain.mine(8_640);
        assertThat(market.withdraw(user)).isEqualTo(based(10).subtract(spent));
        market.deposit(user, PRICE.multiply(BigInteger.valueOf(3)));
        Receipt signedNotRedeemed = second.plus(2, PRICE.multiply(BigInteger.TWO));
        assertThat(market.covers(signedNotRedeemed, PRICE)).as("2 units signed but not redeemed, 1 more: 3 units of 3").isTrue();
        assertThat(market.covers(signedNotRedeemed, PRICE.add(BigInteger.ONE))).isFalse();
        market.redeem(miner, signedNotRedeemed, signer.sign(signedNotRedeemed, user));
        assertThat(market.account(user.getAddress()).balance()).isEqualTo(PRICE);
    }

    @Test
    void hostileRedemptionsAreRefusedByNameAndMoveNothing() throws Exception {
        BigInteger brain = brain(41);
        Credentials user = wallet(1);
        Credentials miner = miner(brain);
        Credentials otherMiner = miner(brain);
        Credentials notMemorized = wallet(0);
        Credentials forger = wallet(0);
        ReceiptSigner signer = market.receiptSigner();
        market.deposit(user, based(1));
        Receipt first = new Receipt(user.getAddress(), miner.getAddress(), 41, BigInteger.TWO, PRICE.multiply(BigInteger.TWO));
        byte[] firstSignature = signer.sign(first, user);
        market.redeem(miner, first, firstSignature);

        Receipt next = first.plus(1, PRICE);
        byte[] nextSignature = signer.sign(next, user);
        Receipt older = new Receipt(user.getAddress(), miner.getAddress(), 41, BigInteger.ONE, PRICE);
        Receipt tampered = new Receipt(next.user(), next.miner(), 41, next.units(), next.amount().add(PRICE));
        Receipt overspend = new Receipt(user.getAddress(), miner.getAddress(), 41, BigInteger.valueOf(10_000), based(2));
        Receipt toStranger = new Receipt(user.getAddress(), notMemorized.getAddress(), 41, BigInteger.ONE, PRICE);
        List<Credentials> watched = List.of(user, miner, otherMiner, notMemorized);
        BigInteger[] before = snapshot(watched);

        reverts("MarketStaleReceipt", () -> as(miner).redeem(onChain(first), firstSignature).send());
        reverts("MarketStaleReceipt", () -> as(miner).redeem(onChain(older), signer.sign(older, user)).send());
        reverts("MarketInvalidSignature", () -> as(miner).redeem(onChain(next), forgedBy(signer, next, forger)).send());
        reverts("MarketInvalidSignature", () -> as(miner).redeem(onChain(tampered), nextSignature).send());
        reverts("MarketOverspend", () -> as(miner).redeem(onChain(overspend), signer.sign(overspend, user)).send());
        reverts("MarketNotReceiptMiner", () -> as(otherMiner).redeem(onChain(next), nextSignature).send());
        reverts("MarketNotReceiptMiner", () -> as(user).redeem(onChain(next), nextSignature).send());
        reverts("MarketMinerNotMemorized", () -> as(notMemorized).redeem(onChain(toStranger), signer.sign(toStranger, user)).send());
        reverts("ECDSAInvalidSignatureS", () -> as(miner).redeem(onChain(next), malleable(nextSignature)).send());
        reverts("ECDSAInvalidSignatureLength", () -> as(miner).redeem(onChain(next), Arrays.copyOf(nextSignature, 64)).send());
        assertThat(snapshot(watched)).as("no refused redemption moved any BASED").isEqualTo(before);
        assertThat(market.redeemed(user.getAddress(), miner.getAddress(), 41).units()).isEqualTo(BigInteger.TWO);

        assertThatThrownBy(() -> market.redeem(miner, first, firstSignature)).isInstanceOf(MarketException.class)
                .satisfies(e -> assertThat(((MarketException) e).reason()).isEqualTo(MarketException.Reason.STALE_RECEIPT));
        assertThatThrownBy(() -> market.redeem(miner, overspend, signer.sign(overspend, user))).isInstanceOf(MarketException.class)
                .satisfies(e -> assertThat(((MarketException) e).reason()).isEqualTo(MarketException.Reason.INSUFFICIENT_FUNDS));

        // The honest next receipt still goes through: the refusals above were about the receipts, not the channel.
        assertThat(market.redeem(miner, next, nextSignature).paid()).isEqualTo(PRICE);
    }

    @Test
    void theBrainOwnerPricesUnitsWithinGovernanceBounds() throws Exception {
        BigInteger brain = brain(42);
        Credentials outsider = wallet(0);
        assertThat(market.price(42)).as("default until set").isEqualTo(PRICE);
        market.setPrice(OWNER, 42, PRICE.multiply(BigInteger.valueOf(3)));
        assertThat(market.price(42)).isEqualTo(PRICE.multiply(BigInteger.valueOf(3)));
        market.setPrice(OWNER, 42, BigInteger.ZERO);
        assertThat(market.price(42)).as("a free Brain is a price, not unset").isZero();

        BigInteger max = market.priceBounds().max();
        reverts("MarketNotBrainOwner", () -> as(outsider).setPrice(brain, PRICE).send());
        reverts("MarketPriceOutOfBounds", () -> as(OWNER).setPrice(brain, max.add(BigInteger.ONE)).send());
        assertThatThrownBy(() -> market.setPrice(outsider, 42, PRICE)).isInstanceOf(MarketException.class)
                .hasMessageContaining("not the owner of active Brain #42");
        assertThat(market.price(42)).isZero();

        chain.session.registry(chain.session.signer(BasedChainFixture.ADMIN)).syncBrain(brain, OWNER.getAddress(),
                BigInteger.ONE, BigInteger.ZERO, false).send();
        reverts("MarketNotBrainOwner", () -> as(OWNER).setPrice(brain, PRICE).send());

        // Bounds belong to governance: neither an outsider nor the deployer may set them.
        reverts("AccessControlUnauthorizedAccount", () -> as(outsider).setPriceBounds(BigInteger.ZERO, BigInteger.ONE).send());
        reverts("AccessControlUnauthorizedAccount", () -> as(BasedChainFixture.ADMIN).setPriceBounds(BigInteger.ZERO, BigInteger.ONE).send());
        ComputeMarket reader = chain.session.computeMarket(chain.session.reader());
        String timelock = chain.session.address(BasedAiContracts.TIMELOCK);
        assertThat(reader.hasRole(reader.GOVERNOR_ROLE().send(), timelock).send()).isTrue();
        assertThat(reader.hasRole(new byte[32], timelock).send()).isTrue();
        assertThat(reader.hasRole(new byte[32], BasedChainFixture.ADMIN.getAddress()).send()).isFalse();
        assertThat(market.priceBounds().max()).isEqualTo(max);
    }

    @Test
    void boundsSetByGovernanceApplyToPricesSetAfterwards() throws Exception {
        BigInteger brain = brain(43);
        market.setPrice(OWNER, 43, PRICE.multiply(BigInteger.valueOf(50)));
        ComputeMarketClient.PriceBounds defaults = market.priceBounds();
        governanceSetsBounds(PRICE.divide(BigInteger.TEN), PRICE.multiply(BigInteger.TEN));
        try {
            assertThat(market.priceBounds())
                    .isEqualTo(new ComputeMarketClient.PriceBounds(PRICE.divide(BigInteger.TEN), PRICE.multiply(BigInteger.TEN)));
            assertThat(market.price(43)).as("a price set before the bounds stays").isEqualTo(PRICE.multiply(BigInteger.valueOf(50)));
            reverts("MarketPriceOutOfBounds", () -> as(OWNER).setPrice(brain, PRICE.multiply(BigInteger.valueOf(11))).send());
            reverts("MarketPriceOutOfBounds", () -> as(OWNER).setPrice(brain, BigInteger.ZERO).send());
            assertThatThrownBy(() -> market.setPrice(OWNER, 43, BigInteger.ZERO)).isInstanceOf(MarketException.class)
                    .hasMessageContaining("outside governance's bounds [0.0001, 0.01] BASED");
            market.setPrice(OWNER, 43, PRICE.multiply(BigInteger.TEN));
            assertThat(market.price(43)).isEqualTo(PRICE.multiply(BigInteger.TEN));
        } finally {
            governanceSetsBounds(defaults.min(), defaults.max());
        }
    }

    /** What an executed unit-price-bounds proposal does: the timelock calls setPriceBounds. */
    private static void governanceSetsBounds(BigInteger min, BigInteger max) throws Exception {
        String timelock = chain.session.address(BasedAiContracts.TIMELOCK);
        try (AnvilImpersonation anvil = new AnvilImpersonation(chain.basedai)) {
            anvil.impersonate(List.of(timelock));
            anvil.send(List.of(timelock), market.address(), FunctionEncoder.encode(new Function("setPriceBounds",
                    List.of(new Uint256(min), new Uint256(max)), List.of())));
        }
    }

    @Test
    void theJavaDigestIsTheContractsAndRecoversTheUser() throws Exception {
        Credentials user = wallet(0);
        Receipt receipt = new Receipt(user.getAddress(), wallet(0).getAddress(), 7, BigInteger.valueOf(12),
                new BigInteger("123456789012345678901234567890"));
        ReceiptSigner signer = market.receiptSigner();
        assertThat(signer.domainSeparator()).isEqualTo(chain.session.computeMarket(chain.session.reader()).domainSeparator().send());
        assertThat(signer.digest(receipt)).isEqualTo(market.hashOnChain(receipt));
        assertThat(signer.recover(receipt, signer.sign(receipt, user))).isEqualToIgnoringCase(user.getAddress());
        // Another chain or another market is another domain: a receipt cannot be replayed there.
        assertThat(new ReceiptSigner(chain.basedai.chainId() + 1, market.address()).digest(receipt)).isNotEqualTo(signer.digest(receipt));
    }

    private static byte[] forgedBy(ReceiptSigner signer, Receipt receipt, Credentials forger) {
        Sign.SignatureData data = Sign.signMessage(signer.digest(receipt), forger.getEcKeyPair(), false);
        byte[] out = new byte[65];
        System.arraycopy(data.getR(), 0, out, 0, 32);
        System.arraycopy(data.getS(), 0, out, 32, 32);
        out[64] = data.getV()[0];
        return out;
    }

    /** The same signature in its other valid-looking form: s' = n - s, v flipped (what OpenZeppelin refuses). */
    static byte[] malleable(byte[] signature) {
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        byte[] flipped = org.web3j.utils.Numeric.toBytesPadded(Sign.CURVE_PARAMS.getN().subtract(s), 32);
        byte[] out = signature.clone();
        System.arraycopy(flipped, 0, out, 32, 32);
        out[64] = (byte) (signature[64] == 27 ? 28 : 27);
        return out;
    }

    private static BigInteger[] snapshot(List<Credentials> wallets) throws Exception {
        BigInteger[] values = new BigInteger[wallets.size() * 2 + 1];
        for (int i = 0; i < wallets.size(); i++) {
            values[2 * i] = tokens(wallets.get(i));
            values[2 * i + 1] = market.account(wallets.get(i).getAddress()).balance();
        }
        values[values.length - 1] = chain.session.token(chain.session.reader()).balanceOf(market.address()).send();
        return values;
    }
}
