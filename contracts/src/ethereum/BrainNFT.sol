// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IBrainNFT} from "./interfaces/IBrainNFT.sol";

/// @title BasedAI Brains: numbered ERC-721 tokens, at most 1024 active.
/// @notice Brains #0-#6 and #47 are minted at deploy to the administrator for the network's roles.
///         Other numbers are issued lowest-free-first, so a number freed by deactivation is reused.
/// @custom:invariant activeBrains() <= MAX_BRAINS, and activeBrains() equals the number of live tokens.
/// @custom:invariant a Brain acquired by stake only ever moves by mint or burn.
contract BrainNFT is ERC721, AccessControl, IBrainNFT {
    bytes32 public constant PORTAL_ROLE = keccak256("PORTAL_ROLE");
    uint256 public constant NUMBER_SPACE = 1024;
    uint256 public constant RESERVED_COUNT = 8;
    uint256 private constant LAST_LOW_RESERVED = 6;
    uint256 private constant HIGH_RESERVED = 47;

    uint256 public immutable MAX_BRAINS;

    struct Acquisition {
        AcquisitionMethod method;
        uint64 acquiredAt;
    }

    mapping(uint256 brainId => Acquisition) private _acquisitions;
    /// @dev Bit i of word i/256 is set while Brain number i is live.
    uint256[4] private _liveNumbers;
    uint256 private _active;

    constructor(address admin, uint256 maxBrains) ERC721("BasedAI Brains", "BRAIN") {
        if (maxBrains <= RESERVED_COUNT || maxBrains > NUMBER_SPACE) revert BrainInvalidCap(maxBrains);
        MAX_BRAINS = maxBrains;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        for (uint256 id = 0; id <= LAST_LOW_RESERVED; ++id) {
            _issue(admin, id, AcquisitionMethod.Reserved);
        }
        _issue(admin, HIGH_RESERVED, AcquisitionMethod.Reserved);
    }

    function activeBrains() external view returns (uint256) {
        return _active;
    }

    function acquisitionOf(uint256 brainId) external view returns (AcquisitionMethod method, uint64 acquiredAt) {
        _requireOwned(brainId);
        Acquisition memory acquisition = _acquisitions[brainId];
        return (acquisition.method, acquisition.acquiredAt);
    }

    function issue(address to, AcquisitionMethod method) external onlyRole(PORTAL_ROLE) returns (uint256 brainId) {
        if (_active >= MAX_BRAINS) revert BrainCapReached(MAX_BRAINS);
        brainId = _lowestFreeNumber();
        _issue(to, brainId, method);
    }

    function retire(uint256 brainId) external onlyRole(PORTAL_ROLE) {
        _burn(brainId);
    }

    function supportsInterface(bytes4 interfaceId) public view override(ERC721, AccessControl, IERC165) returns (bool) {
        return super.supportsInterface(interfaceId);
    }

    function _issue(address to, uint256 brainId, AcquisitionMethod method) private {
        _acquisitions[brainId] = Acquisition(method, uint64(block.timestamp));
        _mint(to, brainId);
    }

    /// @dev The one place where Brain bookkeeping changes: mint takes a number, burn frees it,
    ///      and stake-acquired Brains refuse plain transfers.
    function _update(address to, uint256 brainId, address auth) internal override returns (address from) {
        from = _ownerOf(brainId);
        if (from == address(0)) {
            _liveNumbers[brainId >> 8] |= 1 << (brainId & 255);
            ++_active;
        } else if (to == address(0)) {
            _liveNumbers[brainId >> 8] &= ~(1 << (brainId & 255));
            --_active;
            delete _acquisitions[brainId];
        } else if (_acquisitions[brainId].method == AcquisitionMethod.Stake) {
            revert BrainNonTransferable(brainId);
        }
        return super._update(to, brainId, auth);
    }

    function _lowestFreeNumber() private view returns (uint256) {
        for (uint256 word = 0; word < _liveNumbers.length; ++word) {
            uint256 live = _liveNumbers[word];
            if (live != type(uint256).max) {
                // ~live & (live + 1) isolates the lowest clear bit.
                return (word << 8) + Math.log2(~live & (live + 1));
            }
        }
        // Unreachable while MAX_BRAINS <= NUMBER_SPACE: issue() checked that a number is free.
        revert BrainCapReached(MAX_BRAINS);
    }
}
