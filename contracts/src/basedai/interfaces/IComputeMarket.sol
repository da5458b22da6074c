// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Pay-per-use encrypted inference: spending accounts in BASED and per-(user, miner, Brain) payment channels.
interface IComputeMarket {
    /// @notice A user's cumulative promise to a miner for compute on one Brain: everything owed on the channel so far,
    ///         so only the latest receipt matters and a miner redeems it whenever it likes.
    struct Receipt {
        address user;
        address miner;
        uint256 brainId;
        uint256 units;
        uint256 amount;
    }

    struct Account {
        uint256 balance;
        uint256 pending;
        uint64 unlockBlock;
    }

    /// @notice What a miner has redeemed so far on one (user, miner, Brain) channel, cumulatively.
    struct Channel {
        uint256 units;
        uint256 amount;
    }

    error MarketZeroAmount();
    /// @notice `amount` is more than the account holds.
    error MarketInsufficientBalance(address user, uint256 balance, uint256 amount);
    error MarketNoWithdrawalPending(address user);
    /// @notice The pending withdrawal unlocks at block `unlockBlock`.
    error MarketWithdrawalLocked(address user, uint256 unlockBlock);
    error MarketNotBrainOwner(uint256 brainId, address caller);
    error MarketPriceOutOfBounds(uint256 price, uint256 minPrice, uint256 maxPrice);
    error MarketInvalidPriceBounds(uint256 minPrice, uint256 maxPrice);
    /// @notice Only the miner a receipt names may redeem it.
    error MarketNotReceiptMiner(address caller, address miner);
    error MarketMinerNotMemorized(uint256 brainId, address miner);
    /// @notice The receipt was not signed by its user.
    error MarketInvalidSignature(address user, address signer);
    /// @notice The receipt promises no more than was already redeemed on its channel (a replay or an older receipt).
    error MarketStaleReceipt(uint256 redeemedUnits, uint256 redeemedAmount, uint256 units, uint256 amount);
    /// @notice The user's balance cannot pay what the receipt adds.
    error MarketOverspend(address user, uint256 balance, uint256 owed);

    event Deposited(address indexed user, uint256 amount, uint256 balance);
    event WithdrawalRequested(address indexed user, uint256 amount, uint256 unlockBlock);
    event Withdrawn(address indexed user, uint256 amount);
    event Redeemed(address indexed user, address indexed miner, uint256 indexed brainId, uint256 units, uint256 paid);
    event PriceSet(uint256 indexed brainId, uint256 pricePerUnit);
    event PriceBoundsSet(uint256 minPrice, uint256 maxPrice);
}
