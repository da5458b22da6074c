package ai.based.miner.remote;

import ai.based.client.InvalidInputException;
import ai.based.client.Pepe;
import ai.based.client.market.ChannelState;
import ai.based.client.market.ComputeMarketClient;
import ai.based.client.market.Receipt;
import ai.based.client.market.ReceiptSigner;
import ai.based.protocol.wire.Message;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * The user's side of the payment channels: after each token it judged sound, it signs a cumulative receipt to the
 * miner that computed it (one compute unit more, at the Brain's price). The last signed receipt of each channel is
 * kept in a ledger file before it is sent, so the next query continues from it; a fresh ledger starts from what the
 * chain has redeemed. Users pay through it, and so do validators, whose challenges must be paid as a user pays.
 */
public final class ChannelPayer {
    private final ComputeMarketClient market;
    private final ReceiptSigner signer;
    private final Credentials user;
    private final long brainId;
    private final Path ledgerDir;
    private final BigInteger price;

    public ChannelPayer(ComputeMarketClient market, Credentials user, long brainId, Path ledgerDir) throws Exception {
        this.market = market;
        this.signer = market.receiptSigner();
        this.user = user;
        this.brainId = brainId;
        this.ledgerDir = ledgerDir;
        this.price = market.price(brainId);
    }

    public String payer() {
        return user.getAddress();
    }

    /** Refuses a query the account cannot pay for, before any key is made. */
    public void checkCovers(int tokens) throws Exception {
        checkCovers(tokens, tokens + " tokens");
    }

    /** Refuses a request of {@code units} compute units ({@code what}, as the user counts them) the account cannot pay for. */
    public void checkCovers(long units, String what) throws Exception {
        BigInteger cost = price.multiply(BigInteger.valueOf(units));
        BigInteger available = market.account(user.getAddress()).available();
        if (available.compareTo(cost) < 0) {
            throw new InvalidInputException(what + " on Brain #" + brainId + " cost " + Pepe.format(cost) + " BASED; the spending account of "
                    + user.getAddress() + " has " + Pepe.format(available) + " available: deposit with 'based account deposit --amount X'");
        }
    }

    public BigInteger price() {
        return price;
    }

    /** The receipt for one more compute unit to {@code miner}, recorded in the ledger before it is returned. */
    public Message.Payment oneMoreUnit(String miner) throws Exception {
        return moreUnits(miner, 1);
    }

    /** The receipt for {@code units} more compute units to {@code miner} (a diagnosis request's ciphertexts), recorded first. */
    public Message.Payment moreUnits(String miner, int units) throws Exception {
        Path file = ledgerDir.resolve(user.getAddress().toLowerCase() + "-" + miner.toLowerCase() + "-" + brainId + ".json");
        ChannelState last = market.redeemed(user.getAddress(), miner, brainId);
        if (Files.exists(file)) {
            JsonObject kept = new JsonObject(Files.readString(file));
            BigInteger keptUnits = new BigInteger(kept.getString("units"));
            if (keptUnits.compareTo(last.units()) > 0) last = new ChannelState(keptUnits, new BigInteger(kept.getString("amount")));
        }
        Receipt next = new Receipt(user.getAddress(), miner, brainId, last.units(), last.amount()).plus(units, price.multiply(BigInteger.valueOf(units)));
        write(file, new JsonObject().put("units", next.units().toString()).put("amount", next.amount().toString()));
        return new Message.Payment(next.units().longValueExact(), Numeric.toBytesPadded(next.amount(), 32), signer.sign(next, user));
    }

    private static void write(Path file, JsonObject content) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content.encodePrettily());
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
