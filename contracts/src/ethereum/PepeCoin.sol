// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title Devnet stand-in for Pepecoin, with an open faucet.
/// @notice Never deployed on a mainnet-like network: there the portal takes the existing Pepecoin address.
contract PepeCoin is ERC20 {
    uint256 public constant FAUCET_LIMIT = 200_000_000e18;

    /// @notice A single faucet call may mint at most `limit`.
    error PepeFaucetLimit(uint256 requested, uint256 limit);
    /// @notice The stand-in refuses Ethereum mainnet (chain id 1).
    error PepeMainnetRefused();

    constructor() ERC20("Pepecoin", "PEPE") {
        if (block.chainid == 1) revert PepeMainnetRefused();
    }

    /// @notice Mints `amount` to `to`; anyone may call it, which is why this token lives only on devnets.
    function faucet(address to, uint256 amount) external {
        if (amount > FAUCET_LIMIT) revert PepeFaucetLimit(amount, FAUCET_LIMIT);
        _mint(to, amount);
    }
}
