package ai.based.client.wallet;

import java.nio.file.Path;

/** A named keystore: its address is readable without the password, its key is not. */
public record Wallet(String name, String address, Path keystore) {}
