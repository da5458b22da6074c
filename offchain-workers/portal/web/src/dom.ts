/** A small element builder: h("button", { type: "button" }, "Connect"). Text children are never parsed as HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | undefined> = {},
  ...children: Array<Node | string | undefined>
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children) {
    if (child !== undefined) element.append(child);
  }
  return element;
}

export function shortAddress(address: string): string {
  return address.slice(0, 6) + "…" + address.slice(-4);
}
