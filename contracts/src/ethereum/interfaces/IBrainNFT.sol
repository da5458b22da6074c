// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

/// @title Brain token interface: numbering, acquisition records and the errors of the Brain domain.
interface IBrainNFT is IERC721 {
    /// @notice How a Brain came into being. Reserved Brains are minted at deploy for network roles.
    enum AcquisitionMethod {
        Reserved,
        Burn,
        Stake
    }

    /// @notice The cap is out of range: it must leave room above the reserved Brains and fit 1024 numbers.
    error BrainInvalidCap(uint256 maxBrains);
    /// @notice All `maxBrains` Brains are active; one must be deactivated before another is issued.
    error BrainCapReached(uint256 maxBrains);
    /// @notice Brains acquired by stake stay with the staker until deactivated.
    error BrainNonTransferable(uint256 brainId);

    function MAX_BRAINS() external view returns (uint256);

    function activeBrains() external view returns (uint256);

    function acquisitionOf(uint256 brainId) external view returns (AcquisitionMethod method, uint64 acquiredAt);

    /// @notice Issues the lowest free Brain number to `to`. Portal only.
    function issue(address to, AcquisitionMethod method) external returns (uint256 brainId);

    /// @notice Burns a Brain and frees its number. Portal only.
    function retire(uint256 brainId) external;
}
