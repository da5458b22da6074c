// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CrossDomainMessenger} from "./CrossDomainMessenger.sol";

/// @title The BasedAI end of the message bridge. Its relayer set changes only through governance (the timelock).
contract BasedMessenger is CrossDomainMessenger {
    constructor(address admin, address timelock, uint256 ethereumChainId, address[] memory initialRelayers, uint256 quorum)
        CrossDomainMessenger("BasedAI BasedAI Messenger", admin, timelock, ethereumChainId, initialRelayers, quorum)
    {}
}
