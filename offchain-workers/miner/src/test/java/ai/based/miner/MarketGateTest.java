package ai.based.miner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.chain.anvil.DevAccounts;
import ai.based.client.basedai.NodeRole;
import ai.based.client.market.ComputeMarketClient;
import ai.based.client.market.Receipt;
import ai.based.client.market.ReceiptSigner;
import ai.based.deployment.BasedChainFixture;
import ai.based.protocol.wire.Message;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.utils.Convert;
import org.web3j.utils.Numeric;

/**
 * The miner's side of payment on a real chain: a user whose account cannot cover the next unit is refused before the
 * pass; forged, stale, underpaying and foreign receipts are refused and change nothing; a good receipt is kept on
 * disk (a restarted miner still has it) and redeemed for what it adds.
 */
@Tag("devnet")
class MarketGateTest {
    private static final Credentials OWNER = DevAccounts.account(2);
    private static final long BRAIN = 7;
    private static BasedChainFixture chain;
    private static ComputeMarketClient market;
    private static Credentials miner;
    private static BigInteger price;

    @BeforeAll
    static void deploy() throws Exception {
        chain = BasedChainFixture.yearOne();
        market = new ComputeMarketClient(chain.session);
        chain.sync(BRAIN, OWNER, 1, 0);
        chain.session.registry(chain.session.signer(OWNER)).setRegistrationFee(BigInteger.valueOf(BRAIN), BigInteger.ZERO).send();
        miner = wallet(0);
        chain.session.registry(chain.session.signer(miner)).memorize(BigInteger.valueOf(BRAIN), NodeRole.MINER.onChain(), new byte[32]).send();
        price = market.price(BRAIN);
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    private static Credentials wallet(long basedWhole) throws Exception {
        Credentials who = Credentials.create(Keys.createEcKeyPair());
        chain.session.signer(BasedChainFixture.FAUCET).transfer(who.getAddress(), Convert.toWei("1", Convert.Unit.ETHER).toBigIntegerExact());
        if (basedWhole > 0) {
            chain.session.token(chain.session.signer(BasedChainFixture.FAUCET)).transfer(who.getAddress(), BigInteger.TEN.pow(18).multiply(
                    BigInteger.valueOf(basedWhole))).send();
        }
        return who;
    }

    private static MarketGate gate(Path receipts) throws Exception {
        return new MarketGate(market, miner, BRAIN, receipts, line -> {});
    }

    private static Message.Payment payment(Credentials signer, Receipt receipt) {
        byte[] signature = new ReceiptSigner(chain.session.deployment().chainId(), market.address()).sign(receipt, signer);
        return new Message.Payment(receipt.units().longValueExact(), Numeric.toBytesPadded(receipt.amount(), 32), signature);
    }

    @Test
    void anAccountThatCannotPayTheNextUnitIsRefusedBeforeThePass() throws Exception {
        Credentials broke = wallet(0);
        MarketGate gate = gate(Files.createTempDirectory("gate-").resolve("receipts.json"));
        assertThatThrownBy(() -> gate.beforePass(broke.getAddress(), 0, 1)).isInstanceOf(PaymentGate.PaymentRequiredException.class)
                .hasMessageContaining("has 0 BASED available").hasMessageContaining("based account deposit");
        assertThatThrownBy(() -> gate.beforePass("not-an-address", 0, 1)).hasMessageContaining("names no paying account");
        Credentials user = wallet(1);
        market.deposit(user, price);
        gate.beforePass(user.getAddress(), 0, 1);
        assertThatThrownBy(() -> gate.beforePass(user.getAddress(), 1, 1)).hasMessageContaining("previous request is unpaid");
    }

    @Test
    void onlyTheUsersSignatureOverMoreUnitsAtThePriceIsKeptAndRedeemed() throws Exception {
        Credentials user = wallet(1);
        market.deposit(user, price.multiply(BigInteger.valueOf(3)));
        Path receipts = Files.createTempDirectory("gate-").resolve("receipts.json");
        MarketGate gate = gate(receipts);
        Receipt first = new Receipt(user.getAddress(), miner.getAddress(), BRAIN, BigInteger.ONE, price);

        Credentials forger = wallet(0);
        Receipt forged = new Receipt(forger.getAddress(), miner.getAddress(), BRAIN, BigInteger.ONE, price);
        assertThatThrownBy(() -> gate.accept(user.getAddress(), payment(forger, forged))).as("another key's signature, presented as the user's")
                .hasMessageContaining("not signed by");
        Receipt cheap = new Receipt(user.getAddress(), miner.getAddress(), BRAIN, BigInteger.ONE, price.subtract(BigInteger.ONE));
        assertThatThrownBy(() -> gate.accept(user.getAddress(), payment(user, cheap))).hasMessageContaining("they cost");
        Receipt otherMiner = new Receipt(user.getAddress(), user.getAddress(), BRAIN, BigInteger.ONE, price);
        assertThatThrownBy(() -> gate.accept(user.getAddress(), payment(user, otherMiner))).hasMessageContaining("not signed by");
        assertThat(Files.exists(receipts)).as("nothing refused was kept").isFalse();

        gate.accept(user.getAddress(), payment(user, first));
        assertThatThrownBy(() -> gate.accept(user.getAddress(), payment(user, first))).hasMessageContaining("is not above the 1 already paid");

        MarketGate restarted = gate(receipts);
        restarted.settle();
        assertThat(market.redeemed(user.getAddress(), miner.getAddress(), BRAIN).amount()).isEqualTo(price);
        restarted.settle();
        assertThat(market.account(user.getAddress()).balance()).as("redeemed once").isEqualTo(price.multiply(BigInteger.TWO));
        Receipt second = first.plus(1, price);
        restarted.accept(user.getAddress(), payment(user, second));
        restarted.beforePass(user.getAddress(), 0, 1);
    }

    @Test
    void unpaidUnitsFollowThePayerIntoItsNextSession() throws Exception {
        Credentials user = wallet(1);
        market.deposit(user, price.multiply(BigInteger.valueOf(3)));
        MarketGate gate = gate(Files.createTempDirectory("gate-").resolve("receipts.json"));
        gate.beforePass(user.getAddress(), 0, 1);
        gate.served(user.getAddress(), 1);
        // the session closed right after its logits; the next one (its own count at 0) may carry that one unit, no more
        gate.beforePass(user.getAddress(), 0, 1);
        gate.served(user.getAddress(), 1);
        assertThatThrownBy(() -> gate.beforePass(user.getAddress().toUpperCase().replace("0X", "0x"), 0, 1))
                .isInstanceOf(PaymentGate.PaymentRequiredException.class).hasMessageContaining("2 compute unit(s)").hasMessageContaining("unpaid");
        gate.accept(user.getAddress(), payment(user, new Receipt(user.getAddress(), miner.getAddress(), BRAIN, BigInteger.TWO,
                price.multiply(BigInteger.TWO))));
        gate.beforePass(user.getAddress(), 0, 1);

        Credentials short1 = wallet(1);
        market.deposit(short1, price);
        gate.beforePass(short1.getAddress(), 0, 1);
        gate.served(short1.getAddress(), 1);
        assertThatThrownBy(() -> gate.beforePass(short1.getAddress(), 0, 1)).as("the carried unit must be covered by the account too")
                .hasMessageContaining("has " + ai.based.client.Pepe.format(price) + " BASED available");
    }

    @Test
    void aReceiptTheAccountCannotPayIsRefusedAndTheRedeemableOneKept() throws Exception {
        Credentials user = wallet(1);
        market.deposit(user, price.multiply(BigInteger.TWO));
        MarketGate gate = gate(Files.createTempDirectory("gate-").resolve("receipts.json"));
        Receipt first = new Receipt(user.getAddress(), miner.getAddress(), BRAIN, BigInteger.ONE, price);
        gate.accept(user.getAddress(), payment(user, first));
        Receipt inflated = first.plus(1, price.multiply(BigInteger.valueOf(100)));
        assertThatThrownBy(() -> gate.accept(user.getAddress(), payment(user, inflated))).as("redeem would revert with MarketOverspend")
                .hasMessageContaining("could not be redeemed");
        gate.settle();
        assertThat(market.redeemed(user.getAddress(), miner.getAddress(), BRAIN).amount()).as("the kept receipt still pays").isEqualTo(price);
    }

    @Test
    void oneReceiptThatFailsToRedeemDoesNotHoldBackTheOthers() throws Exception {
        Path receipts = Files.createTempDirectory("gate-").resolve("receipts.json");
        Credentials spoiled = wallet(1);
        market.deposit(spoiled, price);
        // a book whose first entry no longer redeems (here: its signature spoiled on disk)
        Files.writeString(receipts, new io.vertx.core.json.JsonObject().put(spoiled.getAddress().toLowerCase(), new io.vertx.core.json.JsonObject()
                .put("units", "1").put("amount", price.toString()).put("signature", "00".repeat(65))).encode());
        Credentials user = wallet(1);
        market.deposit(user, price);
        MarketGate gate = gate(receipts);
        gate.accept(user.getAddress(), payment(user, new Receipt(user.getAddress(), miner.getAddress(), BRAIN, BigInteger.ONE, price)));
        gate.settle();
        assertThat(market.redeemed(user.getAddress(), miner.getAddress(), BRAIN).amount()).isEqualTo(price);
        assertThat(market.redeemed(spoiled.getAddress(), miner.getAddress(), BRAIN).amount()).isZero();
    }

    @Test
    void aChainTheMinerCannotReachIsTheMinersTroubleNotThePayers() throws Exception {
        BasedChainFixture lost = BasedChainFixture.yearOne();
        MarketGate gate = new MarketGate(new ComputeMarketClient(lost.session), miner, BRAIN, Files.createTempDirectory("gate-")
                .resolve("receipts.json"), line -> {});
        lost.close();
        Credentials user = wallet(1);
        // 503 (the miner's side): the client moves to another miner with --retry instead of ending the query as its own fault
        assertThatThrownBy(() -> gate.beforePass(user.getAddress(), 0, 1)).isInstanceOfSatisfying(PaymentGate.PaymentRequiredException.class,
                e -> assertThat(e.status()).isEqualTo(503));
        assertThatThrownBy(() -> gate.accept(user.getAddress(), payment(user, new Receipt(user.getAddress(), miner.getAddress(), BRAIN,
                BigInteger.ONE, price)))).isInstanceOfSatisfying(PaymentGate.PaymentRequiredException.class, e -> assertThat(e.status()).isEqualTo(503));
    }

    @Test
    void aReceiptThatCouldNotBeWrittenIsNotKeptInMemoryEither() throws Exception {
        Credentials user = wallet(1);
        market.deposit(user, price);
        Path blocked = Files.createTempFile("gate-", ".not-a-directory"); // the book's directory is a file: every write fails
        MarketGate gate = gate(blocked.resolve("receipts.json"));
        assertThatThrownBy(() -> gate.accept(user.getAddress(), payment(user, new Receipt(user.getAddress(), miner.getAddress(), BRAIN,
                BigInteger.ONE, price)))).hasMessageContaining("could not keep the receipt");
        // the client was told the pass was not charged: the miner must not redeem it behind its back
        assertThat(gate.figures().getInteger("payers")).isZero();
        gate.settle();
        assertThat(market.redeemed(user.getAddress(), miner.getAddress(), BRAIN).amount()).isZero();
    }
}
