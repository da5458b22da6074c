// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBrainNFT} from "./IBrainNFT.sol";

/// @title Acquisition of Brains with Pepecoin, by burn or by a 90-day stake.
/// @dev Other tools rely on these names; change them only with a version bump of the ABI snapshot.
interface IBrainPortal {
    /// @notice Every active Brain number is taken.
    error PortalCapReached(uint256 maxBrains);
    /// @notice `account` holds `balance` PEPE and the operation needs `needed`.
    error PortalInsufficientPepe(address account, uint256 needed, uint256 balance);
    /// @notice `account` approved `allowance` PEPE to the portal and the operation needs `needed`.
    error PortalInsufficientAllowance(address account, uint256 needed, uint256 allowance);
    /// @notice `caller` does not own Brain `brainId`.
    error PortalNotBrainOwner(uint256 brainId, address caller);
    /// @notice Only Brains acquired by stake can be deactivated.
    error PortalBrainNotStaked(uint256 brainId, IBrainNFT.AcquisitionMethod method);
    /// @notice The stake of Brain `brainId` stays locked until `unlocksAt` (unix seconds).
    error PortalStakeLocked(uint256 brainId, uint64 unlocksAt);
    /// @notice A BasedAI wallet must be a non-zero address.
    error PortalZeroBasedWallet(uint256 brainId);

    event BrainAcquired(
        uint256 indexed brainId,
        address indexed owner,
        IBrainNFT.AcquisitionMethod method,
        uint64 acquiredAt,
        uint256 pepeAmount
    );
    event BrainDeactivated(uint256 indexed brainId, address indexed owner, uint256 pepeReturned, uint64 deactivatedAt);
    event BasedWalletLinked(uint256 indexed brainId, address indexed owner, address basedWallet, uint64 linkedAt);

    function burnPrice() external view returns (uint256);

    function acquireByBurn() external returns (uint256 brainId);

    function STAKE_AMOUNT() external view returns (uint256);

    function STAKE_DURATION() external view returns (uint256);

    function acquireByStake() external returns (uint256 brainId);

    function deactivate(uint256 brainId) external;

    function activeBrains() external view returns (uint256);

    function MAX_BRAINS() external view returns (uint256);

    function linkBasedWallet(uint256 brainId, address basedWallet) external;

    function basedWalletOf(uint256 brainId) external view returns (address);
}
