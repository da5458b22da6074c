import type { Page } from "../page";
import { brainsPage } from "./brains";
import { myBrainsPage } from "./myBrains";
import { brainChainPage } from "./brainChain";
import { bridgePage } from "./bridge";
import { dashboardPage } from "./dashboard";
import { proposalsPage } from "./proposals";
import { stakingPage } from "./staking";

/** Every page of the portal, in the navigation's order; the first is the home page. One line per page. */
export const pages: Page[] = [
  brainsPage,
  myBrainsPage,
  brainChainPage,
  stakingPage,
  proposalsPage,
  bridgePage,
  dashboardPage,
];
