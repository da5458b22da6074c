package ai.based.client.wallet;

/** The password does not decrypt the keystore. Nothing was changed. */
public final class WrongPasswordException extends WalletException {
    public WrongPasswordException(String wallet) {
        super("cannot unlock wallet '" + wallet + "': wrong password");
    }

    private WrongPasswordException(String message, boolean exact) {
        super(message);
    }

    /** For password-protected files that are not wallets (the CKKS secret key). */
    public static WrongPasswordException opening(String what) {
        return new WrongPasswordException("cannot open " + what + ": wrong password", true);
    }
}
