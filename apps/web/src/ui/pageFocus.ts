/**
 * Focus on navigation (WCAG 2.4.3): the layout asks for the new page's heading after each change of
 * address; when the page is still loading (its script, its data) the heading takes the focus as
 * soon as it appears.
 */
let pending = false;

function focusHeading(): boolean {
  const heading = document.getElementById('page-title');
  if (!heading) return false;
  heading.focus({ preventScroll: false });
  return true;
}

/** After a navigation: focus the heading now if it is there, else when it mounts. */
export function focusHeadingSoon(): void {
  pending = !focusHeading();
}

/** The page's heading has mounted: it takes the focus a navigation asked for. */
export function headingMounted(): void {
  if (pending && focusHeading()) pending = false;
}
