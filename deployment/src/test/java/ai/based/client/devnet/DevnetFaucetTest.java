package ai.based.client.devnet;

import static ai.based.client.Pepe.units;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.client.BasedSession;
import ai.based.client.ChainSession;
import ai.based.client.EthereumSession;
import ai.based.client.manifest.Manifest;
import ai.based.deployment.BasedChainFixture;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.DefaultBlockParameterName;

/** The devnet faucet funds exactly what is asked on each chain and refuses any chain but its devnet. */
@Tag("devnet")
class DevnetFaucetTest {
    private static BasedChainFixture chain;
    private static EthereumSession ethereum;
    private static BasedSession basedai;

    @BeforeAll
    static void deploy() throws Exception {
        chain = BasedChainFixture.yearOne();
        ethereum = chain.ethereumSession;
        basedai = chain.session;
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    private static String freshAddress() throws Exception {
        return Credentials.create(Keys.createEcKeyPair()).getAddress();
    }

    private static BigInteger wei(ChainSession on, String address) throws Exception {
        return on.node().web3j().ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
    }

    @Test
    void fundsEthAndPepeOnTheEthereumDevnet() throws Exception {
        String address = freshAddress();
        List<String> progress = new ArrayList<>();

        new DevnetFaucet(ethereum).fund(address, DevnetFaucet.DEFAULT_ETH, units(250), progress::add);

        assertThat(wei(ethereum, address)).isEqualTo(DevnetFaucet.DEFAULT_ETH);
        assertThat(ethereum.pepe(ethereum.reader()).balanceOf(address).send()).isEqualTo(units(250));
        assertThat(progress).containsExactly("sent 10 ETH to " + address, "minted 250 PEPE to " + address);
    }

    @Test
    void zeroAmountsSendNothing() throws Exception {
        String address = freshAddress();
        List<String> progress = new ArrayList<>();
        new DevnetFaucet(ethereum).fund(address, BigInteger.ZERO, units(1), progress::add);
        assertThat(wei(ethereum, address)).isZero();
        assertThat(progress).containsExactly("minted 1 PEPE to " + address);
    }

    @Test
    void fundsGasAndBasedOnTheBasedAiDevnet() throws Exception {
        String address = freshAddress();
        List<String> progress = new ArrayList<>();

        DevnetFaucet.fundBased(basedai, address, DevnetFaucet.DEFAULT_ETH, units(42), progress::add);

        assertThat(wei(basedai, address)).isEqualTo(DevnetFaucet.DEFAULT_ETH);
        assertThat(basedai.token(basedai.reader()).balanceOf(address).send()).isEqualTo(units(42));
        assertThat(progress).containsExactly("sent 42 BASED to " + address + " on the BasedAI devnet");
    }

    @Test
    void refusesAChainThatIsNotItsDevnetAndSendsNothing() throws Exception {
        String address = freshAddress();
        Manifest swapped = new Manifest(chain.manifest.basedai(), chain.manifest.ethereum());
        try (EthereumSession notEthereum = EthereumSession.open(swapped); BasedSession notBasedAi = BasedSession.open(swapped)) {
            assertThatThrownBy(() -> new DevnetFaucet(notEthereum).fund(address, DevnetFaucet.DEFAULT_ETH, units(1), line -> {}))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("chain 32323 is not the Ethereum devnet");
            assertThatThrownBy(() -> DevnetFaucet.fundBased(notBasedAi, address, DevnetFaucet.DEFAULT_ETH, units(1), line -> {}))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("chain 1337 is not the BasedAI devnet");
        }
        assertThat(wei(ethereum, address)).isZero();
        assertThat(wei(basedai, address)).isZero();
    }
}
