import type { Page } from 'playwright-core';

export interface A11yProblem {
  rule: string;
  element: string;
}

/**
 * Cheap structural accessibility checks on the current page (no axe available offline):
 * <html lang> set, one <main> and one <h1>, every form control labelled, every button and link
 * named, every image described, no duplicate ids. Returns the problems found (empty = fine).
 */
export async function findA11yProblems(page: Page): Promise<A11yProblem[]> {
  return page.evaluate(() => {
    const problems: { rule: string; element: string }[] = [];
    const describe = (el: Element) => el.outerHTML.slice(0, 120);
    const accessibleText = (el: Element) =>
      (el.getAttribute('aria-label') ?? '').trim() ||
      (el.getAttribute('aria-labelledby') ?? '')
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join('')
        .trim() ||
      (el.textContent ?? '').trim() ||
      (el.getAttribute('title') ?? '').trim();

    if (!document.documentElement.lang) problems.push({ rule: 'html-lang', element: 'html' });
    if (document.querySelectorAll('main').length !== 1) problems.push({ rule: 'one-main', element: 'main' });
    if (document.querySelectorAll('h1').length !== 1) problems.push({ rule: 'one-h1', element: 'h1' });
    for (const control of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
      const labelled =
        (control as HTMLInputElement).labels?.length ||
        control.getAttribute('aria-label') ||
        control.getAttribute('aria-labelledby');
      if (!labelled) problems.push({ rule: 'control-label', element: describe(control) });
    }
    for (const el of document.querySelectorAll('button, a[href], [role=button], [role=progressbar]')) {
      if (!accessibleText(el)) problems.push({ rule: 'accessible-name', element: describe(el) });
    }
    for (const img of document.querySelectorAll('img')) {
      if (!img.hasAttribute('alt')) problems.push({ rule: 'img-alt', element: describe(img) });
    }
    const seen = new Set<string>();
    for (const el of document.querySelectorAll('[id]')) {
      if (seen.has(el.id)) problems.push({ rule: 'duplicate-id', element: el.id });
      seen.add(el.id);
    }
    return problems;
  });
}
