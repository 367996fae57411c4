//! Issue 11, pages that break on a phone: long unbroken text (a pasted URL) in
//! every field a person writes, on every screen of a parent, a mentor and a
//! coordinator, at 320 and 390 px; the notebook's filters; Japanese line breaks in
//! role names; touch targets of 44×44 px with room between them.

use fantoccini::Locator;
use tsunagu_e2e::*;
use tsunagu_model::endpoints::{GetFamily, NoContent};
use tsunagu_server::demo;

const PHONES: [u32; 2] = [320, 390];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn long_unbroken_text_never_makes_a_screen_scroll_sideways() {
    let server = Server::start().await;
    let family = long_text_family(&server).await;
    let problems = walk_every_screen(&server, &family, &PHONES, no_sideways_scroll).await;
    assert!(
        problems.is_empty(),
        "screens wider than the phone:\n{}",
        problems.join("\n")
    );
}

/// The item whose words are one long URL can be withdrawn with a tap on a
/// narrow phone (its button stays on the screen, where a thumb reaches it).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_item_in_a_long_url_is_withdrawn_on_a_narrow_phone() {
    let server = Server::start().await;
    let family = long_text_family(&server).await;
    let browser = Browser::start().await;
    let c = browser.client();
    set_width(c, 320).await;
    c.goto(&format!("{}/meetings/{}", server.base, family.next))
        .await
        .unwrap();
    wait_for_text(c, "[data-testid=sign-in]", "サインイン").await;
    sign_in(c, LONG_PARENT, demo::DEMO_PASSWORD).await;
    set_width(c, 320).await;
    let item = format!(
        "//li[@data-testid='my-item'][contains(., '{}')]",
        family.to_withdraw
    );
    let button = format!("{item}//button[@data-testid='withdraw-item']");
    c.wait()
        .at_most(DEADLINE)
        .for_element(Locator::XPath(&button))
        .await
        .expect("the item and its button");
    // Where a person taps: the button's centre is on the screen.
    let on_screen = c
        .execute(
            "const r = document.evaluate(arguments[0], document, null, 9, null).singleNodeValue
                 .getBoundingClientRect();
             const x = r.left + r.width / 2;
             return window.innerWidth === 320 && x > 0 && x < 320 && r.right <= 320;",
            vec![serde_json::json!(button)],
        )
        .await
        .unwrap();
    assert_eq!(
        on_screen,
        serde_json::json!(true),
        "取り下げる is off the phone's screen"
    );
    click_at(c, Locator::XPath(&button)).await;
    wait_for_script(
        c,
        &format!(
            "return document.evaluate(\"count({item})\", document, null, 1, null).numberValue === 0
                 && document.querySelectorAll('[data-testid=my-item]').length === 1"
        ),
        "the long item withdrawn, the other kept",
    )
    .await;
    browser.close().await;
}

/// The search box and the three selects of the notebook each keep their own
/// place: no two of them (nor their labels) overlap.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_notebook_filters_never_overlap() {
    let server = Server::start().await;
    let browser = Browser::start().await;
    let c = browser.client();
    open_notebook(c, &server.base).await;
    let mut problems = Vec::new();
    for width in PHONES {
        set_width(c, width).await;
        let found = problems_of(
            c,
            r#"
            const overlaps = selector => {
                const boxes = [...document.querySelectorAll(selector)].map(e => [e, e.getBoundingClientRect()]);
                const found = [];
                for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
                    const [[a, r], [b, s]] = [boxes[i], boxes[j]];
                    const x = Math.min(r.right, s.right) - Math.max(r.left, s.left);
                    const y = Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top);
                    if (x > 0.5 && y > 0.5) found.push(`${a.name || a.textContent.trim()} and ${b.name || b.textContent.trim()} overlap by ${Math.round(x)}×${Math.round(y)} px`);
                }
                return found;
            };
            const controls = document.querySelectorAll('.filters input, .filters select').length;
            return (controls === 4 ? [] : [`${controls} filter controls, not 4`])
                .concat(overlaps('.filters input, .filters select'), overlaps('.filters > label'));
            "#,
        )
        .await;
        problems.extend(found.into_iter().map(|p| format!("{width} px: {p}")));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    browser.close().await;
}

/// 地域コーディネーター is one word to its reader: wherever it is rendered it
/// never breaks inside, at any width where it fits on a line.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_role_name_never_breaks_inside() {
    let server = Server::start().await;
    // The coordinator reads the family, so the access log names her role.
    let coordinator = ApiUser::demo(&server, "coordinator").await;
    coordinator
        .call(
            &GetFamily {
                family_id: demo::DEMO_FAMILY,
            },
            &NoContent,
        )
        .await;
    let browser = Browser::start().await;
    let c = browser.client();
    open_signed_in(c, &server.base, "/", "morikawa").await;
    wait_for_text(c, "[data-testid=sync-status]", "同期済み").await;
    let screens = [
        Screen::new(
            "home",
            "/",
            &["[data-testid=next-meeting] .meeting-members"],
        ),
        Screen::new("meetings", "/meetings", &[".meeting-members"]),
        Screen::new(
            "a meeting",
            "/meetings/7a3b0003-0000-4000-8000-000000000003",
            &["[data-testid=meeting-members]"],
        ),
        Screen::new(
            "access log",
            "/access-log",
            &["[data-testid=access-log-entry]"],
        ),
    ];
    let mut problems = Vec::new();
    for width in PHONES {
        set_width(c, width).await;
        problems.extend(
            walk_screens(c, &server.base, &screens, width, async |c| {
                let mut found =
                    problems_of(c, &format!("const FALLBACK = false;\n{ROLE_NAME_WHOLE}")).await;
                found.extend(
                    problems_of(c, &format!("const FALLBACK = true;\n{ROLE_NAME_WHOLE}")).await,
                );
                found
            })
            .await
            .into_iter()
            .map(|p| format!("{width} px phone, {p}")),
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    browser.close().await;
}

/// Narrows the page from 600 to 240 px, 2 px at a time, and at each width
/// measures every 地域コーディネーター on it with a Range: its pieces must stand on
/// one line whenever the box it stands in is wide enough for it whole. With
/// `FALLBACK`, as in a browser without phrase-aware breaking (`word-break:
/// normal`), where only the app's own rendering of the name (as a role, in its
/// `name` span) keeps it whole; words people wrote may break there.
const ROLE_NAME_WHOLE: &str = r#"
    const NAME = '地域コーディネーター';
    const main = document.querySelector('main');
    const wordBreak = main.style.wordBreak;
    if (FALLBACK) main.style.wordBreak = 'normal';
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    const hits = [];
    for (let n; (n = walker.nextNode());) {
        for (let i = n.data.indexOf(NAME); i >= 0; i = n.data.indexOf(NAME, i + 1)) hits.push([n, i]);
    }
    if (FALLBACK) {
        const names = hits.filter(([n]) => n.parentElement.closest('.name'));
        if (names.length === 0) { main.style.wordBreak = wordBreak; return [`no ${NAME} shown as a name`]; }
        hits.splice(0, hits.length, ...names);
    }
    if (hits.length === 0) return [`no ${NAME} on the screen`];
    const box = e => {
        for (; e; e = e.parentElement) {
            const d = getComputedStyle(e).display;
            if (d !== 'inline' && d !== 'inline-block' && d !== 'contents') return e;
        }
    };
    const problems = new Set();
    const width = main.style.width;
    for (let w = 600; w >= 240; w -= 2) {
        main.style.width = `${w}px`;
        for (const [node, at] of hits) {
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + NAME.length);
            const rects = [...range.getClientRects()].filter(r => r.width > 0);
            if (new Set(rects.map(r => Math.round(r.top))).size < 2) continue;
            const b = box(node.parentElement);
            const s = getComputedStyle(b);
            const room = b.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
            const whole = rects.reduce((sum, r) => sum + r.width, 0);
            if (room >= whole + 1) {
                problems.add(`「${node.data.slice(Math.max(0, at - 6), at + NAME.length + 6)}」 breaks inside the name (the page ${w} px wide)`);
            }
        }
    }
    main.style.width = width;
    main.style.wordBreak = wordBreak;
    return [...problems].map(p => FALLBACK ? `without phrase breaking, ${p}` : p).slice(0, 6);
"#;

/// Every link, button, select, input, text area and summary on every screen is
/// at least 44×44 CSS px and at least 4 px from the next one, on a 390 px phone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_target_is_44_px_with_room_around_it() {
    let server = Server::start().await;
    let family = long_text_family(&server).await;
    let problems = walk_every_screen(&server, &family, &[390], touch_targets).await;
    assert!(
        problems.is_empty(),
        "{} targets too small or too close:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
