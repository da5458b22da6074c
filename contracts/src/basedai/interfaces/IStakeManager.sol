// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Stake of $BASED on Brains and their validators, with the history governance snapshots need.
interface IStakeManager {
    error StakeZeroAmount();
    error StakeNotValidator(uint256 brainId, address validator);
    error StakeInsufficient(uint256 brainId, address validator, uint256 requested, uint256 staked);
    error StakeTakeOutOfBounds(uint256 takeBps, uint256 maxTakeBps);

    event Staked(address indexed staker, uint256 indexed brainId, address indexed validator, uint256 amount);
    event Unstaked(address indexed staker, uint256 indexed brainId, address indexed validator, uint256 amount);
    event TakeSet(uint256 indexed brainId, address indexed validator, uint256 takeBps);

    function brainStakeAt(uint256 brainId, uint256 blockNumber) external view returns (uint256);

    function totalStakeAt(uint256 blockNumber) external view returns (uint256);

    function stakedBrains() external view returns (uint256[] memory);

    function isGigaBrainAt(uint256 brainId, uint256 blockNumber) external view returns (bool);
}
