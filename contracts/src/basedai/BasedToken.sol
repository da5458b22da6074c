// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @title $BASED, the BasedAI chain's token. Minted only by holders of MINTER_ROLE: the EmissionController
///        and, once it lands, the bridge.
/// @notice A devnet deployment may give a genesis allocation at construction (the devnet faucet's float);
///         mainnet-like deployments pass zero.
contract BasedToken is ERC20, ERC20Permit, AccessControl {
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    constructor(address admin, address genesisHolder, uint256 genesisAmount)
        ERC20("BasedAI", "BASED")
        ERC20Permit("BasedAI")
    {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        if (genesisAmount > 0) _mint(genesisHolder, genesisAmount);
    }

    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mint(to, amount);
    }
}
