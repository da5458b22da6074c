import { h } from "../dom";

/** A labelled input: the label names the control for screen readers and for tests (by id). */
export function field(id: string, label: string, attributes: Record<string, string | boolean | undefined> = {}): {
  row: HTMLElement;
  input: HTMLInputElement;
} {
  const input = h("input", { id, name: id, ...attributes });
  const row = h("div", { class: "field" }, h("label", { for: id }, label), input);
  return { row, input };
}

/** A labelled select of fixed options. */
export function choice(id: string, label: string, options: Array<[string, string]>): { row: HTMLElement; select: HTMLSelectElement } {
  const select = h("select", { id, name: id }, ...options.map(([value, text]) => h("option", { value }, text)));
  const row = h("div", { class: "field" }, h("label", { for: id }, label), select);
  return { row, select };
}

export function button(id: string, text: string): HTMLButtonElement {
  return h("button", { type: "button", id }, text);
}

/** Runs an action with its button disabled, so a double click cannot send twice. */
export async function busy(control: HTMLButtonElement, action: () => Promise<void>): Promise<void> {
  control.disabled = true;
  try {
    await action();
  } finally {
    control.disabled = false;
  }
}
