// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Every economic constant of the BasedAI chain, in one place (DESIGN.md §5).
/// @dev Governance-adjustable parameters start from these defaults and stay within the bounds named here.
///      The Java side mirrors them in ai.based.runtime.economics.Economics; EconomicsConstantsTest keeps the two equal.
library Economics {
    uint256 internal constant BPS = 10_000;

    // Emission: 10 BASED per 10 s block, halving every year of 3,153,600 blocks (whitepaper Table 2).
    uint256 internal constant INITIAL_BLOCK_REWARD = 10e18;
    uint256 internal constant BLOCKS_PER_YEAR = 3_153_600;
    uint256 internal constant BLOCK_SECONDS = 10;
    /// @dev One hour of 10 s blocks; divides BLOCKS_PER_YEAR (8,760 epochs a year), so no epoch spans a halving.
    uint256 internal constant EPOCH_BLOCKS = 360;

    // Split of an epoch's emission.
    uint256 internal constant OWNER_SHARE_BPS = 2_500;
    uint256 internal constant DEFAULT_MINER_SHARE_BPS = 5_000;
    uint256 internal constant DEFAULT_BONUS_POOL_BPS = 1_000;
    uint256 internal constant MAX_BONUS_POOL_BPS = 3_000;
    uint256 internal constant BONUS_TOP_BRAINS_BPS = 3_000;
    uint256 internal constant STAKE_CAP_BPS = 50;
    uint256 internal constant ACTIVE_VALIDATOR_PERCENTILE = 70;
    uint256 internal constant STAKE_ACQUIRED_OWNER_DELAY = 90 days;

    // Validators and registration.
    uint256 internal constant DEFAULT_VALIDATOR_TAKE_BPS = 1_800;
    uint256 internal constant DEFAULT_MAX_VALIDATOR_TAKE_BPS = 3_000;
    uint256 internal constant VALIDATOR_SLOTS = 256;
    uint256 internal constant MINER_SLOTS = 1_792;
    uint256 internal constant DEFAULT_REGISTRATION_FEE = 100e18;
    uint256 internal constant DEFAULT_MAX_REGISTRATION_FEE = 10_000e18;
    uint256 internal constant IMMUNITY_BLOCKS = 5_000;

    // Compute market (whitepaper §3.5.1): one compute unit is one encrypted token pass of a Brain's model.
    /// @dev 0.001 BASED a unit until the Brain owner sets a price.
    uint256 internal constant DEFAULT_UNIT_PRICE = 1e15;
    uint256 internal constant DEFAULT_MAX_UNIT_PRICE = 1e18;
    /// @dev One day of 10 s blocks between a withdrawal request and the withdrawal, so miners can redeem receipts.
    uint256 internal constant WITHDRAWAL_DELAY_BLOCKS = 8_640;

    // GigaBrains.
    uint256 internal constant GIGABRAIN_STAKE_BPS = 50;
    uint256 internal constant QUORUM_DIVISOR = 3;
}
