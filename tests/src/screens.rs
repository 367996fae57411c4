//! Screens, how to reach each one, and walking them all on a phone of a given
//! width with a check at each (issue 11).

use fantoccini::{Client, Locator};
use serde_json::json;
use tsunagu_server::demo;

use crate::{
    Browser, Cdp, DEADLINE, LONG_COORDINATOR, LONG_MENTOR, LONG_PARENT, LongTextFamily, Server,
    click, sign_in, wait_for_script, wait_for_text,
};

/// One thing to do on the way to a screen.
pub enum Step {
    /// Loads a path of the app.
    Open(String),
    Click(String),
    /// Waits for an element (the screen's last part to arrive).
    Wait(String),
}

/// A screen, named for failure messages, and how to reach it from anywhere.
pub struct Screen {
    pub name: String,
    pub steps: Vec<Step>,
}

impl Screen {
    pub fn new(name: &str, path: &str, ready: &[&str]) -> Self {
        Self {
            name: name.to_owned(),
            steps: std::iter::once(Step::Open(path.to_owned()))
                .chain(ready.iter().map(|css| Step::Wait((*css).to_owned())))
                .collect(),
        }
    }

    pub fn click(mut self, css: &str, ready: &str) -> Self {
        self.steps.push(Step::Click(css.to_owned()));
        self.wait(ready)
    }

    pub fn wait(mut self, ready: &str) -> Self {
        self.steps.push(Step::Wait(ready.to_owned()));
        self
    }
}

/// Every screen a parent of [`LongTextFamily`] has.
pub fn parent_screens(f: &LongTextFamily) -> Vec<Screen> {
    vec![
        Screen::new(
            "parent: home",
            "/",
            &["[data-testid=next-meeting]", ".bringing-summary li"],
        ),
        Screen::new(
            "parent: meetings",
            "/meetings",
            &["[data-testid=upcoming-meetings] [data-testid=meeting-card]"],
        ),
        Screen::new(
            "parent: the next meeting",
            &format!("/meetings/{}", f.next),
            &[
                "[data-testid=my-item]",
                "[data-testid=open-items]",
                "[data-testid=previous-outcome]",
            ],
        ),
        Screen::new(
            "parent: a held meeting",
            &format!("/meetings/{}", f.held),
            &["[data-testid=outcome]", "[data-testid=my-item]"],
        ),
        Screen::new("parent: plans", "/plans", &["[data-testid=plan-card]"]),
        Screen::new(
            "parent: a plan, the goal's thread open",
            &format!("/plans/{}", f.plan),
            &["[data-testid=goal]"],
        )
        .click(".goal-thread summary", "[data-testid=goal-thread]"),
        Screen::new(
            "parent: notebook",
            "/notebook",
            &["[data-testid=notebook-entry] .tag"],
        ),
        Screen::new(
            "parent: an entry",
            &format!("/notebook/{}", f.entry),
            &["[data-testid=brought-item]", "[data-testid=entry-tags]"],
        ),
        Screen::new(
            "parent: an entry, bringing it",
            &format!("/notebook/{}", f.entry),
            &["[data-testid=brought-item]"],
        )
        .click("[data-testid=bring-to-meeting]", "[data-testid=bring-form]"),
        Screen::new(
            "parent: the support directory and the family's team",
            "/directory",
            &["[data-testid=agency]", "[data-testid=team-member]"],
        ),
        Screen::new(
            "parent: privacy and access log",
            "/access-log",
            &["[data-testid=access-log-entry]", "[data-testid=consent]"],
        ),
    ]
}

/// The mentor's workspace: home, the entries shared for advice and a thread,
/// the contact log, the directory.
pub fn mentor_screens() -> Vec<Screen> {
    vec![
        Screen::new("mentor: home", "/", &["[data-testid=mentee]"]),
        Screen::new("mentor: 相談", "/consult", &["[data-testid=shared-entry]"])
            .click("[data-testid=open-thread]", "[data-testid=advice-form]"),
        Screen::new(
            "mentor: 記録",
            "/contact-log",
            &["[data-testid=contact-form] option"],
        ),
        Screen::new("mentor: 連絡先", "/directory", &["[data-testid=agency]"]),
    ]
}

/// The coordinators' desk, each screen reached from a fresh load of it.
pub fn staff_screens(f: &LongTextFamily) -> Vec<Screen> {
    let family = format!(
        "[data-testid=family-list] button[data-family='{}']",
        f.family
    );
    let held = "[data-testid=staff-meeting][data-status=held]";
    let desk = |name: &str| {
        Screen::new(name, "/staff/", &["[data-testid=family-list] button"])
            .click(&family, "[data-testid=staff-plan]")
            .wait("[data-testid=staff-meeting]")
            .wait("[data-testid=invitation]")
    };
    vec![
        Screen::new(
            "staff: family list",
            "/staff/",
            &["[data-testid=family-list] button"],
        ),
        desk("staff: a family"),
        desk("staff: meeting form")
            .click("[data-testid=new-meeting]", "[data-testid=meeting-form]"),
        desk("staff: meeting form with the outcome").click(
            &format!("{held} [data-testid=edit-meeting]"),
            "[data-testid=meeting-form] [data-testid=outcome-fields]",
        ),
        desk("staff: plan form").click("[data-testid=edit-plan]", "[data-testid=plan-form]"),
        desk("staff: brought items").click(
            &format!("{held} [data-testid=show-items]"),
            "[data-testid=agenda-item]",
        ),
        desk("staff: outcome form, a goal chosen")
            .click(
                &format!("{held} [data-testid=show-items]"),
                "[data-testid=agenda-item]",
            )
            .click(
                "[data-testid=agenda-item] select[name=outcome] option[value=became_goal]",
                "[data-testid=agenda-item] select[name=goal]",
            ),
    ]
}

/// Sets the phone's width in CSS pixels (the height and density stay a phone's).
/// chromedriver puts back its own phone after every page load: set it again then.
pub async fn set_width(c: &Client, width: u32) {
    c.issue_cmd(Cdp {
        cmd: "Emulation.setDeviceMetricsOverride",
        params: json!({ "width": width, "height": 844, "deviceScaleFactor": 2, "mobile": true }),
    })
    .await
    .expect("the width changes");
    wait_for_script(
        c,
        // The screen's width, not the window's: a page too wide for a phone makes
        // the window grow with it, which is what the checks look for.
        &format!("return screen.width === {width}"),
        &format!("the window becoming {width} px wide"),
    )
    .await;
}

/// Visits each screen on a phone `width` px wide and runs `check` there; answers
/// every problem found, each prefixed with the screen's name, so one run lists
/// all offenders.
pub async fn walk_screens<F>(
    c: &Client,
    base: &str,
    screens: &[Screen],
    width: u32,
    check: F,
) -> Vec<String>
where
    F: AsyncFn(&Client) -> Vec<String>,
{
    let mut problems = Vec::new();
    'screens: for screen in screens {
        for step in &screen.steps {
            match step {
                Step::Open(path) => {
                    c.goto(&format!("{base}{path}"))
                        .await
                        .expect("the page loads");
                    set_width(c, width).await;
                }
                Step::Click(css) => click(c, css).await,
                Step::Wait(css) => {
                    let shown = c
                        .wait()
                        .at_most(DEADLINE)
                        .for_element(Locator::Css(css))
                        .await;
                    // A screen that does not come (a tap that missed, say) is a
                    // problem too; the walk goes on to the next one.
                    if shown.is_err() {
                        problems.push(format!("{}: {css} never showed", screen.name));
                        continue 'screens;
                    }
                }
            }
        }
        problems.extend(
            check(c)
                .await
                .into_iter()
                .map(|p| format!("{}: {p}", screen.name)),
        );
    }
    problems
}

/// Runs a script that answers a list of problems (strings).
pub async fn problems_of(c: &Client, script: &str) -> Vec<String> {
    let answer = c.execute(script, vec![]).await.expect("the check runs");
    serde_json::from_value(answer).expect("a list of problems")
}

/// Signs `login` in on a fresh phone and walks `screens` at each width, running
/// `check(width)` (a script answering a list of problems) on each screen.
pub async fn walk_as(
    server: &Server,
    login: &str,
    screens: &[Screen],
    widths: &[u32],
    check: fn(u32) -> String,
) -> Vec<String> {
    let browser = Browser::start().await;
    let c = browser.client();
    let start = if screens.iter().all(|s| s.name.starts_with("staff")) {
        "/staff/"
    } else {
        "/"
    };
    c.goto(&format!("{}{start}", server.base)).await.unwrap();
    wait_for_text(c, "[data-testid=sign-in]", "サインイン").await;
    sign_in(c, login, demo::DEMO_PASSWORD).await;
    wait_for_script(
        c,
        "return !document.querySelector('[data-testid=sign-in]')",
        "signing in",
    )
    .await;
    let mut problems = Vec::new();
    for &width in widths {
        set_width(c, width).await;
        let script = check(width);
        let found = walk_screens(c, &server.base, screens, width, async |c| {
            problems_of(c, &script).await
        })
        .await;
        problems.extend(found.into_iter().map(|p| format!("{width} px, {p}")));
    }
    browser.close().await;
    problems
}

/// Every screen of [`LongTextFamily`]'s parent, its mentor and its coordinator,
/// at each width: the problems `check(width)` finds.
pub async fn walk_every_screen(
    server: &Server,
    family: &LongTextFamily,
    widths: &[u32],
    check: fn(u32) -> String,
) -> Vec<String> {
    let mut problems = walk_as(server, LONG_PARENT, &parent_screens(family), widths, check).await;
    problems.extend(walk_as(server, LONG_MENTOR, &mentor_screens(), widths, check).await);
    problems.extend(
        walk_as(
            server,
            LONG_COORDINATOR,
            &staff_screens(family),
            widths,
            check,
        )
        .await,
    );
    problems
}
