//! The checks the layout tests run on every screen, as scripts that answer a
//! list of problems: nothing wider than the phone, touch targets big enough.

/// The page is no wider than the phone (`width`), nor its window, and no
/// element reaches past the edges (so nothing is cut off where overflow is
/// hidden either).
pub fn no_sideways_scroll(width: u32) -> String {
    format!("const width = {width};\n{NO_SIDEWAYS_SCROLL}")
}

const NO_SIDEWAYS_SCROLL: &str = r#"
    const problems = [];
    const scroll = document.documentElement.scrollWidth;
    if (scroll > width) problems.push(`the page is ${scroll} px wide on a ${width} px phone`);
    if (window.innerWidth > width) problems.push(`the window grew to ${window.innerWidth} px`);
    const name = e => e.tagName.toLowerCase() + (e.dataset.testid ? `[${e.dataset.testid}]` : '')
        + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\s+/).join('.') : '');
    const outside = [...document.body.querySelectorAll('*')].filter(e => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && (r.right > width + 0.5 || r.left < -0.5)
            && getComputedStyle(e).visibility !== 'hidden';
    });
    // The innermost ones: an element whose child also sticks out says less.
    const innermost = outside.filter(e => !outside.some(o => o !== e && e.contains(o)));
    for (const e of innermost.slice(0, 8)) {
        const r = e.getBoundingClientRect();
        problems.push(`${name(e)} spans ${Math.round(r.left)}..${Math.round(r.right)} px`);
    }
    return problems;
"#;

/// Every target (link, button, select, input, text area, summary) is at least
/// 44×44 CSS px, and no two are closer than 4 px (overlapping included).
/// Targets in the fixed bottom bar are compared with each other only: the page
/// scrolls under it.
pub fn touch_targets(_width: u32) -> String {
    TOUCH_TARGETS.to_owned()
}

const TOUCH_TARGETS: &str = r#"
    window.scrollTo(0, 0);
    const name = e => e.tagName.toLowerCase() + (e.type && e.tagName === 'INPUT' ? `[type=${e.type}]` : '')
        + (e.dataset.testid ? `[${e.dataset.testid}]` : '')
        + ` "${(e.getAttribute('aria-label') || e.name || e.textContent || e.value || '').trim().slice(0, 24)}"`;
    const fixed = e => { for (let x = e; x; x = x.parentElement) { if (getComputedStyle(x).position === 'fixed') return true; } return false; };
    const targets = [...document.querySelectorAll('a[href], button, select, input:not([type=hidden]), textarea, summary')]
        .filter(e => {
            const r = e.getBoundingClientRect();
            return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'
                && !e.closest('.visually-hidden');
        })
        .map(e => ({ e, r: e.getBoundingClientRect(), fixed: fixed(e) }));
    const problems = [];
    for (const t of targets) {
        if (t.r.width < 43.5 || t.r.height < 43.5) {
            problems.push(`${name(t.e)} is ${Math.round(t.r.width)}×${Math.round(t.r.height)} px`);
        }
    }
    for (let i = 0; i < targets.length; i++) {
        for (let j = i + 1; j < targets.length; j++) {
            const [a, b] = [targets[i], targets[j]];
            if (a.fixed !== b.fixed || a.e.contains(b.e) || b.e.contains(a.e)) continue;
            const dx = Math.max(b.r.left - a.r.right, a.r.left - b.r.right);
            const dy = Math.max(b.r.top - a.r.bottom, a.r.top - b.r.bottom);
            if (dx < 3.5 && dy < 3.5) {
                const how = dx < 0 && dy < 0 ? 'overlap' : `are ${Math.round(Math.max(dx, dy))} px apart`;
                problems.push(`${name(a.e)} and ${name(b.e)} ${how}`);
            }
        }
    }
    return problems;
"#;
