import type { Page } from "./page";

/**
 * History-API routing: links to the app's paths are followed without a reload, the back button works, and the server
 * answers every app path with index.html.
 */
export class Router {
  constructor(
    private readonly pages: Page[],
    private readonly show: (page: Page | undefined) => void,
  ) {
    window.addEventListener("popstate", () => this.show(this.match(window.location.pathname)));
    document.addEventListener("click", (event) => {
      const link = (event.target as Element | null)?.closest?.("a[data-route]") as HTMLAnchorElement | null;
      if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      this.go(link.getAttribute("href") ?? "/");
    });
  }

  match(path: string): Page | undefined {
    if (path === "/" || path === "/index.html") return this.pages[0];
    return this.pages.find((page) => page.path === path);
  }

  go(path: string): void {
    if (path !== window.location.pathname) window.history.pushState(null, "", path);
    this.show(this.match(path));
  }

  start(): void {
    this.show(this.match(window.location.pathname));
  }
}
