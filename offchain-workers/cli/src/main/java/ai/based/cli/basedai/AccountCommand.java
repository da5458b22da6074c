package ai.based.cli.basedai;

import picocli.CommandLine.Command;

@Command(name = "account", description = "Your spending account in the compute market: BASED that pays miners for encrypted inference.",
        subcommands = {AccountDepositCommand.class, AccountWithdrawCommand.class, AccountShowCommand.class})
public final class AccountCommand {}
