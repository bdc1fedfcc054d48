// A tiny element builder. Text always goes in as text nodes, never as HTML, so titles, comments and imported
// strings can never become markup.

/**
 * h('button', {class: 'primary', onclick: save, type: 'button'}, 'Spara')
 * Props: `class`, `dataset` (object), `on…` handlers, boolean and string attributes; `null`/`false` skip.
 * Children: nodes, strings, numbers, arrays of them, or null/false (skipped).
 * @returns {HTMLElement}
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name === 'value') {
      element.value = value;
    } else if (name === 'checked' || name === 'selected') {
      element[name] = Boolean(value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else if (child instanceof Node) element.appendChild(child);
    else element.appendChild(document.createTextNode(String(child)));
  }
}

/**
 * Replaces an element's content. When the focus was on a control inside it that has an id, and the new content
 * has a control with that id, the focus moves there: a view that redraws itself after a choice (a member, a set,
 * a filter) keeps the keyboard and screen-reader user where they were.
 */
export function replace(element, ...children) {
  const focused = document.activeElement;
  const focusedId = focused && focused !== element && element.contains(focused) ? focused.id : '';
  element.replaceChildren();
  append(element, children);
  if (focusedId) {
    const again = element.querySelector(`#${CSS.escape(focusedId)}`);
    if (again && document.activeElement !== again) again.focus();
  }
  return element;
}

let generatedIds = 0;

/** The element's id, given one first if it has none (for `aria-labelledby` and the like). */
export function idOf(element) {
  if (!element.id) element.id = `generated-${++generatedIds}`;
  return element.id;
}

/**
 * Gives every table under `root` that has no caption or label the name of the heading it sits under, as a sighted
 * user reads it, so a screen reader announces "Initiativ, table with 45 rows" rather than an anonymous table.
 */
export function nameTables(root) {
  for (const table of root.querySelectorAll('table:not([aria-label]):not([aria-labelledby])')) {
    if (table.caption) continue;
    const heading = headingBefore(table, root);
    if (!heading) continue;
    table.setAttribute('aria-labelledby', idOf(heading));
  }
}

/** The nearest heading before `element` in reading order, within `root`. */
function headingBefore(element, root) {
  for (let node = element; node && node !== root; node = node.parentElement) {
    for (let sibling = node.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
      if (/^H[1-6]$/.test(sibling.tagName)) return sibling;
      const inner = sibling.querySelectorAll('h1, h2, h3, h4, h5, h6');
      if (inner.length) return inner[inner.length - 1];
    }
  }
  return null;
}
