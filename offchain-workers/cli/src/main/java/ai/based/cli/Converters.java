package ai.based.cli;

import ai.based.client.Addresses;
import ai.based.client.InvalidInputException;
import ai.based.client.Pepe;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for the domain's values, so bad input is refused as a usage error in the domain's words. */
public final class Converters {
    private Converters() {}

    /** A Brain number: a whole number from 0. */
    public static final class BrainNumber implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            long n;
            try {
                n = Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a Brain number: Brains are numbered 0, 1, 2, ...");
            }
            if (n < 0) throw new TypeConversionException("there is no Brain " + value + ": Brains are numbered from 0");
            return n;
        }
    }

    /**
     * A token amount above zero, checked as it is parsed (so before any node is asked) and kept as typed for messages;
     * commands read its base units with {@link Pepe#parsePositive}.
     */
    public static final class PositiveAmount implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                Pepe.parsePositive(value);
                return value;
            } catch (InvalidInputException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** An account address: 0x and 40 hex digits, EIP-55 checksum checked when mixed case. */
    public static final class Address implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return Addresses.parse(value, "");
            } catch (InvalidInputException e) {
                throw new TypeConversionException(e.getMessage().strip());
            }
        }
    }
}
