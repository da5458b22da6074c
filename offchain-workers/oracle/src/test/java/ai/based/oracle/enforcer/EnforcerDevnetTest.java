package ai.based.oracle.enforcer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.based.chain.anvil.DevAccounts;
import ai.based.client.basedai.EnforcerForecastsClient.Forecast;
import ai.based.client.basedai.EnforcerForecastsClient;
import ai.based.client.basedai.NodeRole;
import ai.based.client.basedai.ValidatorWeightsClient;
import ai.based.deployment.BasedChainFixture;
import ai.based.epochs.ComputedEpoch;
import ai.based.epochs.EpochComputation;
import ai.based.protocol.Economics;
import ai.based.protocol.consensus.BrainConsensusInput;
import ai.based.protocol.consensus.Fixed;
import ai.based.protocol.consensus.IncentiveBlend;
import ai.based.protocol.consensus.U16Weights;
import ai.based.protocol.consensus.YumaConsensus;
import ai.based.protocol.consensus.YumaParameters;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.utils.Convert;

/**
 * The Enforcer on a real devnet half-way through year three: two validators commit and reveal weights that follow a
 * periodic pattern for twelve epochs, the Enforcer's pass reads them from the chain, trains, and posts the current
 * epoch's forecast on EnforcerForecasts; the forecast read back from the chain, blended with a Yuma incentive at the
 * chain's own beta (0.225 at 2.5 years), moves every miner's incentive toward the forecast.
 */
@Tag("devnet")
class EnforcerDevnetTest {
    private static final long BRAIN = 20;
    private static final int MINERS = 4;
    private static final int EPOCHS = 12;
    private static final Credentials OWNER = DevAccounts.account(2);

    @Test
    void theEnforcerPostsForecastsThatTakeTheirShareInYearThree() throws Exception {
        try (BasedChainFixture chain = BasedChainFixture.yearThree()) {
            EnforcerAccess.requireRole(chain.session, BasedChainFixture.ADMIN.getAddress());
            assertThatThrownBy(() -> EnforcerAccess.requireRole(chain.session, OWNER.getAddress()))
                    .as("an account without ENFORCER_ROLE is refused before it starts").hasMessageContaining("lacks ENFORCER_ROLE");
            chain.sync(BRAIN, OWNER, 1, 0);
            chain.session.registry(chain.session.signer(OWNER)).setRegistrationFee(BigInteger.valueOf(BRAIN), BigInteger.ZERO).send();
            List<Credentials> miners = new ArrayList<>();
            for (int i = 0; i < MINERS; i++) miners.add(memorized(chain, NodeRole.MINER));
            List<Credentials> validators = List.of(memorized(chain, NodeRole.VALIDATOR), memorized(chain, NodeRole.VALIDATOR));
            for (Credentials v : validators) {
                chain.fund(v, BasedChainFixture.based(100));
                chain.session.stakes(chain.session.signer(v)).stake(BigInteger.valueOf(BRAIN), v.getAddress(), BasedChainFixture.based(100)).send();
            }
            ValidatorWeightsClient weights = new ValidatorWeightsClient(chain.session);
            chain.closeEpoch(weights.currentEpoch());

            int[] uids = {0, 1, 2, 3};
            byte[] salt = new byte[32];
            int[][] lastRevealed = null;
            for (int k = 0; k <= EPOCHS; k++) {
                long epoch = weights.currentEpoch();
                if (k > 0) {
                    for (Credentials v : validators) weights.reveal(v, BRAIN, epoch - 1, uids, pattern(epoch - 1), salt);
                    lastRevealed = new int[][] {pattern(epoch - 1), pattern(epoch - 1)};
                }
                if (k == EPOCHS) break;      // the current epoch: the one the Enforcer forecasts
                for (Credentials v : validators) {
                    weights.commit(v, BRAIN, epoch, ValidatorWeightsClient.commitHash(BRAIN, epoch, uids, pattern(epoch), salt, v.getAddress()));
                }
                chain.closeEpoch(epoch);
            }

            long current = weights.currentEpoch();
            List<String> log = new ArrayList<>();
            EnforcerForecastsClient forecasts = new EnforcerForecastsClient(chain.session);
            EnforcerWorker worker = new EnforcerWorker(new ChainEpochSource(chain.session), new ChainForecastBoard(forecasts, BasedChainFixture.ADMIN),
                    new EnforcerWorker.Settings(List.of(BRAIN), 16, 0, 80, 3), log::add);
            worker.pass();
            log.forEach(System.out::println);
            assertThat(log).anyMatch(line -> line.startsWith("Brain #20 epoch " + current + ": forecast posted for 4 miners"));
            Forecast forecast = forecasts.forecast(current, BRAIN).orElseThrow();
            assertThat(forecast.uids()).containsExactly(uids);
            assertThat(forecast.values()).contains(U16Weights.MAX);
            assertThat(worker.metrics().getJsonObject("enforcer").getJsonObject("brains").getJsonObject("20").getDouble("baselineMae")).isFinite();

            // year three on this chain: beta from its own block and genesis, 0.9 * 0.5 / 2 = 0.225 give or take the blocks mined
            long block = chain.basedai.blockNumber().longValueExact();
            long genesis = chain.session.emission(chain.session.reader()).GENESIS_BLOCK().send().longValueExact();
            long beta = IncentiveBlend.beta(block, genesis);
            assertThat(Fixed.toDouble(beta)).isBetween(0.225, 0.226);
            assertThat(IncentiveBlend.beta(genesis + 2 * IncentiveBlend.YEAR_BLOCKS - 1, genesis)).as("year two: no TFT share").isZero();

            long[] yuma = YumaConsensus.compute(BrainConsensusInput.of(new BigInteger[] {BasedChainFixture.based(1), BasedChainFixture.based(1)},
                    lastRevealed), YumaParameters.defaults()).incentive();
            long[] tft = TftIncentive.tftIncentive(forecast, MINERS);
            long[] blended = IncentiveBlend.blend(yuma, tft, beta);
            assertThat(Fixed.sum(blended)).isEqualTo(Fixed.ONE);
            assertThat(blended).isNotEqualTo(Fixed.normalizeExact(yuma));
            for (int j = 0; j < MINERS; j++) {
                if (Math.abs(yuma[j] - tft[j]) < 16) continue;
                assertThat(Math.abs(blended[j] - tft[j])).as("miner %d moves toward its forecast", j).isLessThan(Math.abs(yuma[j] - tft[j]));
            }
            assertThat(IncentiveBlend.blend(yuma, tft, 0)).as("in years one and two Yuma alone decides").containsExactly(Fixed.normalizeExact(yuma));

            // the oracle's own computation of the epoch pays the miners by the blend of its Yuma incentive and this forecast
            chain.closeEpoch(current);
            ComputedEpoch computed = EpochComputation.compute(chain.session, current);
            long endBlock = genesis + (current + 1) * Economics.EPOCH_BLOCKS - 1;
            long[] paidBy = IncentiveBlend.blend(computed.consensus().get(BRAIN).incentive(), tft, IncentiveBlend.beta(endBlock, genesis));
            BigInteger minerTotal = miners.stream().map(m -> computed.result().accounts().getOrDefault(m.getAddress().toLowerCase(), BigInteger.ZERO))
                    .reduce(BigInteger.ZERO, BigInteger::add);
            for (int j = 0; j < MINERS; j++) {
                BigInteger paid = computed.result().accounts().getOrDefault(miners.get(j).getAddress().toLowerCase(), BigInteger.ZERO);
                assertThat(Fixed.ratio(paid, minerTotal)).as("miner %d is paid its blended share", j).isCloseTo(paidBy[j], within(16L));
            }
            assertThat(paidBy).as("the forecast changed what miners are paid").isNotEqualTo(computed.consensus().get(BRAIN).incentive());
        }
    }

    /** The weights of an epoch: miner j's contribution swings with period 4 around a level that rises with j. */
    private static int[] pattern(long epoch) {
        double[] w = new double[MINERS];
        for (int j = 0; j < MINERS; j++) w[j] = 1 + 0.3 * j + 0.6 * Math.sin(Math.PI / 2 * (epoch + j));
        return U16Weights.maxUpscale(w);
    }

    private static Credentials memorized(BasedChainFixture chain, NodeRole role) throws Exception {
        Credentials who = Credentials.create(Keys.createEcKeyPair());
        chain.session.signer(BasedChainFixture.FAUCET).transfer(who.getAddress(), Convert.toWei("1", Convert.Unit.ETHER).toBigIntegerExact());
        chain.session.registry(chain.session.signer(who)).memorize(BigInteger.valueOf(BRAIN), role.onChain(), new byte[32]).send();
        return who;
    }
}
