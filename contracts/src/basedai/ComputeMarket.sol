// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Economics} from "./Economics.sol";
import {IBrainRegistry} from "./interfaces/IBrainRegistry.sol";
import {IComputeMarket} from "./interfaces/IComputeMarket.sol";

/// @title The compute market of the BasedAI chain (whitepaper §3.5.1): Brain owners price a compute unit (one
///        encrypted token pass of the Brain's model), users pay miners from spending accounts in BASED.
/// @notice Paying per token without a transaction per token: the user signs EIP-712 receipts carrying the cumulative
///         units and BASED owed on its (user, miner, Brain) channel; the miner redeems the latest one when it likes
///         and is paid the difference from what it redeemed before. A withdrawal waits WITHDRAWAL_DELAY_BLOCKS, and
///         the amount stays redeemable by miners until it leaves, so a user cannot run off with what it signed for.
/// @custom:invariant BASED.balanceOf(this) >= sum of every account's balance; pending <= balance for every account.
contract ComputeMarket is IComputeMarket, AccessControl, EIP712 {
    using SafeERC20 for IERC20;

    bytes32 public constant GOVERNOR_ROLE = keccak256("GOVERNOR_ROLE");
    bytes32 public constant RECEIPT_TYPEHASH =
        keccak256("Receipt(address user,address miner,uint256 brainId,uint256 units,uint256 amount)");
    uint256 public constant WITHDRAWAL_DELAY = Economics.WITHDRAWAL_DELAY_BLOCKS;

    IERC20 public immutable BASED;
    IBrainRegistry public immutable REGISTRY;

    uint256 public minPrice;
    uint256 public maxPrice = Economics.DEFAULT_MAX_UNIT_PRICE;

    mapping(uint256 brainId => uint256) private _pricePlusOne;
    mapping(address user => Account) private _accounts;
    mapping(address user => mapping(address miner => mapping(uint256 brainId => Channel))) private _redeemed;

    constructor(address admin, address governor, IERC20 based, IBrainRegistry registry)
        EIP712("BasedAI ComputeMarket", "1")
    {
        BASED = based;
        REGISTRY = registry;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GOVERNOR_ROLE, governor);
    }

    // ---- prices -----------------------------------------------------------------------------------------

    /// @notice The owner of an active Brain prices one compute unit of its model, within governance's bounds.
    function setPrice(uint256 brainId, uint256 pricePerUnit) external {
        if (REGISTRY.ownerOf(brainId) != msg.sender || !REGISTRY.isActive(brainId)) {
            revert MarketNotBrainOwner(brainId, msg.sender);
        }
        if (pricePerUnit < minPrice || pricePerUnit > maxPrice) {
            revert MarketPriceOutOfBounds(pricePerUnit, minPrice, maxPrice);
        }
        _pricePlusOne[brainId] = pricePerUnit + 1;
        emit PriceSet(brainId, pricePerUnit);
    }

    /// @notice BASED (wei) per compute unit on `brainId`; Economics.DEFAULT_UNIT_PRICE until its owner sets one.
    function price(uint256 brainId) external view returns (uint256) {
        uint256 stored = _pricePlusOne[brainId];
        return stored == 0 ? Economics.DEFAULT_UNIT_PRICE : stored - 1;
    }

    /// @notice Bounds apply to prices set from now on; prices already set stay until their owner changes them.
    function setPriceBounds(uint256 newMin, uint256 newMax) external onlyRole(GOVERNOR_ROLE) {
        if (newMin > newMax) revert MarketInvalidPriceBounds(newMin, newMax);
        minPrice = newMin;
        maxPrice = newMax;
        emit PriceBoundsSet(newMin, newMax);
    }

    // ---- spending accounts ------------------------------------------------------------------------------

    function deposit(uint256 amount) external {
        if (amount == 0) revert MarketZeroAmount();
        Account storage account_ = _accounts[msg.sender];
        account_.balance += amount;
        emit Deposited(msg.sender, amount, account_.balance);
        BASED.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Starts the withdrawal delay for `amount`; a new request replaces a pending one and restarts the delay.
    ///         Miners may still redeem receipts against the whole balance until the withdrawal completes.
    function requestWithdrawal(uint256 amount) external {
        if (amount == 0) revert MarketZeroAmount();
        Account storage account_ = _accounts[msg.sender];
        if (amount > account_.balance) revert MarketInsufficientBalance(msg.sender, account_.balance, amount);
        uint64 unlockBlock = uint64(block.number + WITHDRAWAL_DELAY);
        account_.pending = amount;
        account_.unlockBlock = unlockBlock;
        emit WithdrawalRequested(msg.sender, amount, unlockBlock);
    }

    /// @notice Completes the pending withdrawal once unlocked: pays what is left of it after miners' redemptions.
    function withdraw() external {
        Account storage account_ = _accounts[msg.sender];
        uint256 amount = account_.pending;
        if (amount == 0) revert MarketNoWithdrawalPending(msg.sender);
        if (block.number < account_.unlockBlock) revert MarketWithdrawalLocked(msg.sender, account_.unlockBlock);
        account_.balance -= amount;
        account_.pending = 0;
        account_.unlockBlock = 0;
        emit Withdrawn(msg.sender, amount);
        BASED.safeTransfer(msg.sender, amount);
    }

    /// @notice A user's balance, the part of it pending withdrawal, and the block from which it may be withdrawn.
    function account(address user) external view returns (Account memory) {
        return _accounts[user];
    }

    // ---- payment channels -------------------------------------------------------------------------------

    /// @notice Pays the receipt's miner what the receipt adds to its channel. Only that miner may redeem, while it is
    ///         memorized on the Brain; the signature must be the user's (low-s, as OpenZeppelin's ECDSA requires).
    function redeem(Receipt calldata r, bytes calldata signature) external {
        if (msg.sender != r.miner) revert MarketNotReceiptMiner(msg.sender, r.miner);
        (bool memorized, ) = REGISTRY.uidOf(r.brainId, IBrainRegistry.Role.Miner, r.miner);
        if (!memorized) revert MarketMinerNotMemorized(r.brainId, r.miner);
        address signer = ECDSA.recover(hashReceipt(r), signature);
        if (signer != r.user) revert MarketInvalidSignature(r.user, signer);

        Channel storage done = _redeemed[r.user][r.miner][r.brainId];
        if (r.amount <= done.amount || r.units < done.units) {
            revert MarketStaleReceipt(done.units, done.amount, r.units, r.amount);
        }
        uint256 owed = r.amount - done.amount;
        Account storage account_ = _accounts[r.user];
        if (owed > account_.balance) revert MarketOverspend(r.user, account_.balance, owed);
        account_.balance -= owed;
        if (account_.pending > account_.balance) account_.pending = account_.balance;
        done.units = r.units;
        done.amount = r.amount;
        emit Redeemed(r.user, r.miner, r.brainId, r.units, owed);
        BASED.safeTransfer(r.miner, owed);
    }

    /// @notice Cumulative units and BASED redeemed so far on the (user, miner, Brain) channel.
    function redeemed(address user, address miner, uint256 brainId) external view returns (Channel memory) {
        return _redeemed[user][miner][brainId];
    }

    /// @notice The EIP-712 digest a user signs for `r` (domain "BasedAI ComputeMarket", version "1").
    function hashReceipt(Receipt calldata r) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(RECEIPT_TYPEHASH, r.user, r.miner, r.brainId, r.units, r.amount)));
    }

    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }
}
