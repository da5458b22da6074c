package ai.based.cli;

import ai.based.cli.portal.BackgroundPortal;

import ai.based.chain.devnet.DevnetManager;
import ai.based.chain.devnet.DevnetMode;
import ai.based.deployment.DeployOptions;
import ai.based.client.EthereumSession;
import ai.based.client.Pepe;
import ai.based.client.brains.Acquired;
import ai.based.client.brains.AcquisitionMethod;
import ai.based.client.brains.BrainClient;
import ai.based.client.devnet.DevnetFaucet;
import ai.based.client.wallet.Wallet;
import ai.based.client.wallet.WalletStore;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job on the embedded default: devnets up, contracts deployed, a funded wallet acquiring one Brain by
 * burn and one by stake, then that Brain's life on the BasedAI chain ({@link BasedAiDemo}). The devnet keeps
 * running afterwards so the user can go on with the other commands.
 */
@Command(name = "demo", description = "Start the devnets, deploy, acquire Brains, run a Brain on the BasedAI chain through a GigaBrain "
        + "vote, send an encrypted, paid query to a miner process over HTTPS, have a validator process score it and oracle processes post "
        + "the epoch from consensus, and diagnose patient records encrypted.")
public final class DemoCommand extends BaseCommand {
    @Option(names = "--wallet", paramLabel = "NAME", defaultValue = "demo", description = "demo wallet (default: ${DEFAULT-VALUE})")
    String walletName;

    @Override
    protected void run() throws Exception {
        long started = System.nanoTime();
        DemoSteps steps = new DemoSteps(out(), 13);
        steps.next("starting the Ethereum (1337) and BasedAI (32323) devnets");
        new DevnetManager(home().devnet()).up(DevnetMode.FAST, progress());

        steps.next("deploying both chains' contracts");
        var deployment = DevnetDeployment.deploy(home(), DeployOptions.forDevnet(), progress());

        steps.next("preparing wallets '" + walletName + "', '" + walletName + "-miner' and '" + walletName + "-validator'");
        DemoWallet demoWallet = new DemoWallet(home(), new WalletStore(home().wallets(), WalletStore.Kdf.STANDARD));
        Wallet wallet = demoWallet.ensure(walletName, progress());
        Credentials credentials = demoWallet.unlock(walletName);
        demoWallet.ensure(walletName + "-miner", progress());
        demoWallet.ensure(walletName + "-validator", progress());

        try (EthereumSession session = EthereumSession.open(deployment.manifest())) {
            BrainClient brains = new BrainClient(session);
            BigInteger needed = brains.price(AcquisitionMethod.BURN).add(brains.price(AcquisitionMethod.STAKE));
            steps.next("funding " + wallet.address() + " from the devnet faucet");
            new DevnetFaucet(session).fund(wallet.address(), DevnetFaucet.DEFAULT_ETH, needed, progress());

            steps.next("acquiring one Brain by burn and one by stake");
            Acquired burned = brains.acquire(credentials, AcquisitionMethod.BURN, progress());
            Acquired staked = brains.acquire(credentials, AcquisitionMethod.STAKE, progress());

            BigInteger pepeLeft = session.pepe(session.reader()).balanceOf(wallet.address()).send();
            Credentials minerKey = demoWallet.unlock(walletName + "-miner");
            Credentials validatorKey = demoWallet.unlock(walletName + "-validator");
            new BasedAiDemo(deployment.manifest(), home().root().resolve("relayer").resolve(NetworkOptions.DEVNET).resolve("demo"), out(), progress())
                    .run(burned.brainId(), credentials, minerKey, validatorKey, steps);

            steps.next("an encrypted query: a miner process serves Brain #" + burned.brainId() + " over HTTPS, the prompt goes to it "
                    + "encrypted, each token is paid by a signed receipt");
            ValidatorDemo validation = new ValidatorDemo(home().root(), deployment.manifest(), out(), progress());
            int query = new MinerDemo(home().root(), deployment.manifest(), out(), progress()).run(burned.brainId(), walletName + "-miner",
                    demoWallet.passwordFile(walletName + "-miner"), minerKey, credentials, walletName, demoWallet.passwordFile(walletName),
                    () -> validation.run(burned.brainId(), walletName + "-validator", demoWallet.passwordFile(walletName + "-validator"),
                            new ValidatorDemo.Accounts(credentials, minerKey, validatorKey), steps));
            if (query != 0) throw new IllegalStateException("the demo's encrypted query failed (exit code " + query + "): see the lines above");

            steps.next("a second kind of Brain: Brain #" + staked.brainId() + " serves encrypted diagnosis; a clinic sends the held-out "
                    + "patient records encrypted and gets the predictions");
            int diagnosis = new DiagnosisDemo(home().root(), out()).run(staked.brainId(), walletName, demoWallet.passwordFile(walletName),
                    walletName + "-miner", demoWallet.passwordFile(walletName + "-miner"));
            if (diagnosis != 0) throw new IllegalStateException("the demo's encrypted diagnosis failed (exit code " + diagnosis + "): see the lines above");
            // started last, so a failed step leaves no portal behind; it keeps running with the devnets
            BackgroundPortal.Running portal = new BackgroundPortal(home()).ensure(NetworkOptions.DEVNET, progress());
            out().println();
            out().println("BasedAI demo on the devnet (" + elapsedSeconds(started) + " s)");
            out().println("  Ethereum devnet   " + session.node().rpcUrl() + " (chain " + session.node().chainId() + ")");
            out().println("  BrainPortal       " + session.deployment().contracts().get("BrainPortal"));
            out().println("  wallet            " + wallet.name() + " " + wallet.address());
            out().println("  Brain #" + burned.brainId() + " by burn   " + Pepe.format(burned.pepe())
                    + " PEPE burned, gas " + burned.gasUsed());
            out().println("  Brain #" + staked.brainId() + " by stake  " + Pepe.format(staked.pepe())
                    + " PEPE locked for 90 days, gas " + staked.gasUsed());
            out().println("  PEPE left         " + Pepe.format(pepeLeft));
            out().println("  active Brains     " + session.portal(session.reader()).activeBrains().send()
                    + " of " + session.portal(session.reader()).MAX_BRAINS().send());
            out().println();
            out().println("The devnet and the portal keep running. Try: bin/based brains list --owner " + walletName
                    + "   |   bin/based emissions show   |   bin/based gigabrain list   |   bin/based devnet down");
            out().println("Serve and query Brain #" + burned.brainId() + " again: bin/based miner start --brain " + burned.brainId() + " --wallet "
                    + walletName + "-miner --password-file " + demoWallet.passwordFile(walletName + "-miner") + " &   then   echo PROMPT | "
                    + "bin/based query --brain " + burned.brainId() + " --wallet " + walletName + " --password-file " + demoWallet.passwordFile(walletName));
            out().println("Portal: " + portal.url());
        }
    }

    private static String elapsedSeconds(long startedNanos) {
        return String.format("%.1f", (System.nanoTime() - startedNanos) / 1e9);
    }
}
