package ai.based.governance;

import ai.based.client.InvalidInputException;
import ai.based.client.manifest.BasedAiContracts;
import ai.based.client.Pepe;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.WalletUtils;

/**
 * One parameter change a GigaBrain proposal executes through the timelock, written as {@code name=value}:
 * <ul>
 *   <li>{@code bonus-pool=BPS} (EmissionController.setBonusPool)
 *   <li>{@code registration-fee-bounds=MIN,MAX} in BASED (BrainRegistry.setRegistrationFeeBounds)
 *   <li>{@code unit-price-bounds=MIN,MAX} in BASED a compute unit (ComputeMarket.setPriceBounds)
 *   <li>{@code max-validator-take=BPS} (StakeManager.setMaxTake)
 *   <li>{@code oracle-signers=ADDR;ADDR;...@THRESHOLD} (EpochOracle.setSigners)
 *   <li>{@code bond-variant=yuma|yuma3} the bonds of Yuma consensus the oracle signers use (ValidatorWeights.setBondVariant)
 *   <li>{@code pause=registry|stakes} and {@code unpause=registry|stakes}
 * </ul>
 */
public record ProposalAction(String contract, String calldata, String summary) {

    public static ProposalAction parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq < 0) throw new InvalidInputException("a proposal action reads name=value, got '" + spec + "'");
        String name = spec.substring(0, eq).strip();
        String value = spec.substring(eq + 1).strip();
        return switch (name) {
            case "bonus-pool" -> of(BasedAiContracts.EMISSION_CONTROLLER, "setBonusPool", spec, new Uint256(whole(name, value)));
            case "registration-fee-bounds" -> bounds(BasedAiContracts.BRAIN_REGISTRY, "setRegistrationFeeBounds", name, value, spec);
            case "unit-price-bounds" -> bounds(BasedAiContracts.COMPUTE_MARKET, "setPriceBounds", name, value, spec);
            case "max-validator-take" -> of(BasedAiContracts.STAKE_MANAGER, "setMaxTake", spec, new Uint256(whole(name, value)));
            case "oracle-signers" -> {
                String[] parts = value.split("@");
                if (parts.length != 2) throw new InvalidInputException("oracle-signers=ADDR;ADDR;...@THRESHOLD");
                List<Address> signers = new ArrayList<>();
                for (String address : parts[0].split(";")) signers.add(address(address.strip()));
                yield of(BasedAiContracts.EPOCH_ORACLE, "setSigners", spec,
                        new DynamicArray<>(Address.class, signers), new Uint256(whole("the threshold", parts[1].strip())));
            }
            case "bond-variant" -> of(BasedAiContracts.VALIDATOR_WEIGHTS, "setBondVariant", spec, new Uint8(bondVariant(value)));
            case "pause", "unpause" -> of(target(value), name, spec);
            default -> throw new InvalidInputException("unknown proposal action '" + name
                    + "': use bonus-pool, registration-fee-bounds, unit-price-bounds, max-validator-take, oracle-signers, bond-variant, pause or unpause");
        };
    }

    /** MIN,MAX in BASED, for the registry's fee bounds and the market's unit price bounds. */
    private static ProposalAction bounds(String contract, String function, String name, String value, String spec) {
        String[] bounds = value.split(",");
        if (bounds.length != 2) throw new InvalidInputException(name + "=MIN,MAX (in BASED)");
        return of(contract, function, spec, new Uint256(Pepe.parse(bounds[0].strip())), new Uint256(Pepe.parse(bounds[1].strip())));
    }

    /** Basis points and thresholds: whole numbers from 0 that fit a uint256 (web3j would throw its own exception otherwise). */
    private static BigInteger whole(String name, String value) {
        try {
            BigInteger number = new BigInteger(value);
            if (number.signum() >= 0 && number.bitLength() <= 256) return number;
        } catch (NumberFormatException e) {
            // reported below, with the name of what was wrong
        }
        throw new InvalidInputException(name + " takes a whole number of at least 0, got '" + value + "'");
    }

    private static Address address(String value) {
        if (!WalletUtils.isValidAddress(value)) {
            throw new InvalidInputException("oracle-signers takes 20-byte hex addresses, got '" + value + "'");
        }
        return new Address(value);
    }

    /** The contract's numbering: 0 = Yuma (Bittensor's original bonds), 1 = Yuma3. */
    private static int bondVariant(String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "yuma" -> 0;
            case "yuma3" -> 1;
            default -> throw new InvalidInputException("bond-variant takes yuma or yuma3, got '" + value + "'");
        };
    }

    private static String target(String value) {
        return switch (value) {
            case "registry" -> BasedAiContracts.BRAIN_REGISTRY;
            case "stakes" -> BasedAiContracts.STAKE_MANAGER;
            default -> throw new InvalidInputException("pause/unpause takes registry or stakes, got '" + value + "'");
        };
    }

    private static ProposalAction of(String contract, String function, String summary, Type<?>... args) {
        return new ProposalAction(contract, FunctionEncoder.encode(new Function(function, Arrays.asList(args), List.of())), summary);
    }
}
