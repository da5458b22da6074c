import type { Page } from "../page";
import { brainsPage } from "./brains";

/** Every page of the portal, in the navigation's order; the first is the home page. One line per page. */
export const pages: Page[] = [
  brainsPage,
];
