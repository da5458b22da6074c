package ai.based.runtime.wallet;

/** The password does not decrypt the keystore. Nothing was changed. */
public final class WrongPasswordException extends WalletException {
    public WrongPasswordException(String wallet) {
        super("cannot unlock wallet '" + wallet + "': wrong password");
    }
}
