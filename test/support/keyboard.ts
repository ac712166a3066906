import { expect } from 'chai';
import type { Page } from 'playwright-core';

/** What has the keyboard focus: its text, accessible label, tag and how its focus is drawn. */
export interface Focused {
  text: string;
  label: string;
  tag: string;
  outline: string;
  outlineWidth: number;
}

export function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    const style = e ? getComputedStyle(e) : undefined;
    return {
      text: (e?.textContent ?? '').trim(),
      label: e?.getAttribute('aria-label') ?? (e as HTMLInputElement | null)?.labels?.[0]?.textContent?.trim() ?? '',
      tag: e?.tagName.toLowerCase() ?? '',
      outline: style?.outlineStyle ?? 'none',
      outlineWidth: style ? parseFloat(style.outlineWidth) : 0,
    };
  });
}

/**
 * Press Tab until the focused control matches `wanted` (its text or label), check its focus is
 * drawn (an outline of at least 2 px), and leave the focus there. Fails if Tab never reaches it.
 */
export async function tabTo(page: Page, wanted: string | RegExp, what = String(wanted)): Promise<Focused> {
  const matches = (f: Focused) => (typeof wanted === 'string' ? f.text === wanted || f.label === wanted : wanted.test(f.text) || wanted.test(f.label));
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (!matches(now)) continue;
    expect(now.outline, `focus drawn on ${what}`).not.to.equal('none');
    expect(now.outlineWidth, `focus ring on ${what}`).to.be.at.least(2);
    return now;
  }
  throw new Error(`Tab never reached ${what}`);
}
