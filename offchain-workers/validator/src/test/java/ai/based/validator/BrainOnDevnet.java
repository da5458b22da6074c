package ai.based.validator;

import ai.based.chain.anvil.DevAccounts;
import ai.based.client.basedai.NodeRole;
import ai.based.client.basedai.ValidatorWeightsClient;
import ai.based.deployment.BasedChainFixture;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.utils.Convert;

/** Brain #7 on a fresh devnet, registration free, and wallets memorized on it: what the validator's tests share. */
final class BrainOnDevnet implements AutoCloseable {
    static final long BRAIN = 7;
    static final Credentials OWNER = DevAccounts.account(2);

    final BasedChainFixture chain;

    BrainOnDevnet() throws Exception {
        chain = BasedChainFixture.yearOne();
        chain.sync(BRAIN, OWNER, 1, 0);
        chain.session.registry(chain.session.signer(OWNER)).setRegistrationFee(BigInteger.valueOf(BRAIN), BigInteger.ZERO).send();
    }

    /** A fresh wallet with gas and {@code basedWhole} BASED. */
    Credentials wallet(long basedWhole) throws Exception {
        Credentials who = Credentials.create(Keys.createEcKeyPair());
        chain.session.signer(BasedChainFixture.FAUCET).transfer(who.getAddress(), Convert.toWei("1", Convert.Unit.ETHER).toBigIntegerExact());
        if (basedWhole > 0) {
            chain.session.token(chain.session.signer(BasedChainFixture.FAUCET)).transfer(who.getAddress(), BasedChainFixture.based(basedWhole)).send();
        }
        return who;
    }

    /** A fresh wallet memorized on the Brain as {@code role}; returns it (its uid is the count before it). */
    Credentials memorized(NodeRole role, long basedWhole) throws Exception {
        Credentials who = wallet(basedWhole);
        chain.session.registry(chain.session.signer(who)).memorize(BigInteger.valueOf(BRAIN), role.onChain(), new byte[32]).send();
        return who;
    }

    /** The epoch a transaction sent now is mined in, as the validator counts it. */
    long epoch() {
        return new ValidatorWeightsClient(chain.session).nextBlockEpoch();
    }

    @Override
    public void close() {
        chain.close();
    }
}
