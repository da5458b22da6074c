// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title wBASED on Ethereum: minted only against BASED locked on the BasedAI chain, burned to release it.
contract WrappedBased is ERC20 {
    error WrappedOnlyBridge(address caller);

    address public immutable BRIDGE;

    constructor(address bridge) ERC20("Wrapped BasedAI", "wBASED") {
        BRIDGE = bridge;
    }

    function mint(address to, uint256 amount) external {
        if (msg.sender != BRIDGE) revert WrappedOnlyBridge(msg.sender);
        _mint(to, amount);
    }

    function burn(address from, uint256 amount) external {
        if (msg.sender != BRIDGE) revert WrappedOnlyBridge(msg.sender);
        _burn(from, amount);
    }
}
