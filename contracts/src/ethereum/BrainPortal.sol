// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IBrainNFT} from "./interfaces/IBrainNFT.sol";
import {IBrainPortal} from "./interfaces/IBrainPortal.sol";

/// @title Acquires Brains for Pepecoin, by burn (transferable) or by a 90-day stake (non-transferable).
/// @notice Burn price: 1,000 PEPE plus 200 PEPE per Brain already issued by burn; the PEPE goes to the
///         dead address, so any ERC-20 works, mainnet Pepecoin included.
///
///         If every non-reserved Brain (1024 - 8 = 1016) is bought by burn, the k-th purchase (k from 0)
///         costs 1,000 + 200k PEPE and the total is 1,000 * 1016 + 100 * 1016 * 1015 = 104,140,000 PEPE.
///         The whitepaper quotes 107,563,530 PEPE. That figure cannot come from this price rule for any
///         number of Brains: 1,000n + 100n(n-1) is always a multiple of 100, and 107,563,530 is not.
///         Even counting all 1024 numbers as burnable gives 105,779,200. We follow the stated rule;
///         BrainPortalEconomicsTest checks the 104,140,000 figure on chain.
/// @custom:invariant PEPE held by the portal equals STAKE_AMOUNT times the number of live staked Brains.
contract BrainPortal is IBrainPortal, AccessControl, Pausable, ReentrancyGuard {
    using SafeERC20 for IERC20;

    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    address public constant DEAD = 0x000000000000000000000000000000000000dEaD;
    uint256 public constant BASE_BURN_PRICE = 1_000e18;
    uint256 public constant BURN_PRICE_STEP = 200e18;
    uint256 public constant STAKE_AMOUNT = 100_000e18;
    uint256 public constant STAKE_DURATION = 90 days;

    IERC20 public immutable PEPE;
    IBrainNFT public immutable BRAINS;

    struct Stake {
        uint128 amount;
        uint64 unlocksAt;
    }

    struct Link {
        address basedWallet;
        address linkedBy;
    }

    uint256 private _issuedByBurn;
    mapping(uint256 brainId => Stake) private _stakes;
    mapping(uint256 brainId => Link) private _links;

    constructor(address admin, IERC20 pepe, IBrainNFT brains) {
        PEPE = pepe;
        BRAINS = brains;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(PAUSER_ROLE, admin);
    }

    function burnPrice() public view returns (uint256) {
        return BASE_BURN_PRICE + BURN_PRICE_STEP * _issuedByBurn;
    }

    function issuedByBurn() external view returns (uint256) {
        return _issuedByBurn;
    }

    function activeBrains() public view returns (uint256) {
        return BRAINS.activeBrains();
    }

    // named like the NFT's MAX_BRAINS constant that it forwards
    // solhint-disable-next-line func-name-mixedcase
    function MAX_BRAINS() public view returns (uint256) {
        return BRAINS.MAX_BRAINS();
    }

    function stakeOf(uint256 brainId) external view returns (uint256 amount, uint64 unlocksAt) {
        Stake memory stake = _stakes[brainId];
        return (stake.amount, stake.unlocksAt);
    }

    /// @notice The BasedAI wallet linked by the Brain's current owner; zero after a transfer until relinked.
    function basedWalletOf(uint256 brainId) external view returns (address) {
        Link memory link = _links[brainId];
        return link.linkedBy == BRAINS.ownerOf(brainId) ? link.basedWallet : address(0);
    }

    function acquireByBurn() external nonReentrant whenNotPaused returns (uint256 brainId) {
        _requireFreeSlot();
        uint256 price = burnPrice();
        _collect(msg.sender, DEAD, price);
        ++_issuedByBurn;
        brainId = BRAINS.issue(msg.sender, IBrainNFT.AcquisitionMethod.Burn);
        emit BrainAcquired(brainId, msg.sender, IBrainNFT.AcquisitionMethod.Burn, uint64(block.timestamp), price);
    }

    function acquireByStake() external nonReentrant whenNotPaused returns (uint256 brainId) {
        _requireFreeSlot();
        _collect(msg.sender, address(this), STAKE_AMOUNT);
        brainId = BRAINS.issue(msg.sender, IBrainNFT.AcquisitionMethod.Stake);
        _stakes[brainId] = Stake(uint128(STAKE_AMOUNT), uint64(block.timestamp + STAKE_DURATION));
        emit BrainAcquired(
            brainId, msg.sender, IBrainNFT.AcquisitionMethod.Stake, uint64(block.timestamp), STAKE_AMOUNT
        );
    }

    /// @notice Returns a staked Brain after its lock: the Brain is burned, its number freed, the PEPE returned.
    /// @dev Not pausable on purpose: a pause must never trap stakers' PEPE.
    function deactivate(uint256 brainId) external nonReentrant {
        _requireOwner(brainId);
        Stake memory stake = _stakes[brainId];
        if (stake.amount == 0) {
            (IBrainNFT.AcquisitionMethod method,) = BRAINS.acquisitionOf(brainId);
            revert PortalBrainNotStaked(brainId, method);
        }
        if (block.timestamp < stake.unlocksAt) revert PortalStakeLocked(brainId, stake.unlocksAt);
        delete _stakes[brainId];
        delete _links[brainId];
        BRAINS.retire(brainId);
        PEPE.safeTransfer(msg.sender, stake.amount);
        emit BrainDeactivated(brainId, msg.sender, stake.amount, uint64(block.timestamp));
    }

    function linkBasedWallet(uint256 brainId, address basedWallet) external whenNotPaused {
        _requireOwner(brainId);
        if (basedWallet == address(0)) revert PortalZeroBasedWallet(brainId);
        _links[brainId] = Link(basedWallet, msg.sender);
        emit BasedWalletLinked(brainId, msg.sender, basedWallet, uint64(block.timestamp));
    }

    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    function unpause() external onlyRole(PAUSER_ROLE) {
        _unpause();
    }

    function _requireFreeSlot() private view {
        uint256 maxBrains = MAX_BRAINS();
        if (activeBrains() >= maxBrains) revert PortalCapReached(maxBrains);
    }

    function _requireOwner(uint256 brainId) private view {
        if (BRAINS.ownerOf(brainId) != msg.sender) {
            revert PortalNotBrainOwner(brainId, msg.sender);
        }
    }

    /// @dev Checks first so that a short wallet learns exactly what it lacks instead of a bare ERC-20 error.
    function _collect(address from, address to, uint256 amount) private {
        uint256 balance = PEPE.balanceOf(from);
        if (balance < amount) revert PortalInsufficientPepe(from, amount, balance);
        uint256 allowance = PEPE.allowance(from, address(this));
        if (allowance < amount) revert PortalInsufficientAllowance(from, amount, allowance);
        PEPE.safeTransferFrom(from, to, amount);
    }
}

