//! Messages with something in them (a count, a name, a date): one function each,
//! both languages side by side, so each language words and counts them its own way.

use tsunagu_model::Lang;

/// "3 changes waiting", as each language counts.
pub fn changes_waiting(lang: Lang, count: usize) -> String {
    match (lang, count) {
        (Lang::Ja, n) => format!("{n}件の変更が送信待ち"),
        (Lang::En, 1) => "1 change waiting".to_owned(),
        (Lang::En, n) => format!("{n} changes waiting"),
    }
}

/// Text over the most a field takes: kept on screen, not stored, until shorter.
pub fn text_too_long(lang: Lang, max_chars: usize, over: usize) -> String {
    match lang {
        Lang::Ja => format!(
            "{max_chars}字までです。あと{over}字短くしてください。短くするまで、この文章は保存されません。"
        ),
        Lang::En => format!(
            "At most {max_chars} characters: {over} too many. This text is not saved until it is shorter."
        ),
    }
}

/// What sharing one entry with a mentor shows, asked before it is shared.
pub fn mentor_will_see(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Ja => format!(
            "{name}さんに、この記録の文章だけを見せます。お子さんの名前、計画、ほかの記録は見せません。いつでも共有をやめられます。"
        ),
        Lang::En => format!(
            "{name} will see the words of this entry only: not your child's name, the plans or your other entries. You can stop sharing at any time."
        ),
    }
}

/// What sharing meeting dates with a mentor shows, asked before it is shared.
/// A coordinator's proposal, as the family reads it.
pub fn mentor_proposed(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Ja => format!(
            "地域コーディネーターが、ペアレントメンターの{name}さんを紹介しています。受けると、下で選んだものだけを{name}さんに見せます。"
        ),
        Lang::En => format!(
            "Your regional coordinator suggests {name} as your parent mentor. If you accept, {name} sees only what you tick below."
        ),
    }
}

pub fn mentor_will_see_dates(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Ja => format!(
            "{name}さんに、ご家族の会議の種類と日時を見せます。会議の目的や内容、計画、ノートは見せません。いつでも公開をやめられます。"
        ),
        Lang::En => format!(
            "{name} will see the kind and time of your family's meetings: not what they are for or about, the plans or your notebook. You can stop sharing at any time."
        ),
    }
}

/// How long the trash keeps an entry.
pub fn trash_intro(lang: Lang, days: i64) -> String {
    match lang {
        Lang::Ja => format!(
            "削除したノートは{days}日間ここに残り、元に戻せます。その後、内容と以前の版はサーバーとすべての端末から消去されます。"
        ),
        Lang::En => format!(
            "Deleted notes stay here for {days} days and can be restored. Then their words and earlier versions are erased from the server and every device."
        ),
    }
}

/// What signing out leaves on the device.
pub fn sign_out_keeps(lang: Lang, entries: usize) -> String {
    match lang {
        Lang::Ja => format!(
            "この端末には、ノートの記録({entries}件)と、ご家族の会議・計画の写しが残ります。次にサインインすると、通信がなくてもすぐに開けます。"
        ),
        Lang::En => format!(
            "This device keeps your notebook ({entries} entries) and a copy of your family's meetings and plans, so they open at once, even offline, next time you sign in."
        ),
    }
}

/// Why the device cannot be cleared yet.
pub fn sign_out_waiting(lang: Lang, waiting: usize) -> String {
    match lang {
        Lang::Ja => format!(
            "送信待ちの変更が{waiting}件あります。送信が終わるまで、この端末から消すことはできません(インターネットにつないで「今すぐ同期」を押してください)。"
        ),
        Lang::En => format!(
            "{waiting} changes are still waiting to be sent. They must reach the server before this device can forget them (connect and press \"Sync now\")."
        ),
    }
}

/// "目標 3件"
pub fn goal_count(lang: Lang, goals: usize) -> String {
    match lang {
        Lang::Ja => format!("目標 {goals}件"),
        Lang::En => format!("{goals} goals"),
    }
}

/// "3回": how often the same look at the family's data happened in a row.
pub fn times(lang: Lang, count: usize) -> String {
    match lang {
        Lang::Ja => format!("{count}回"),
        Lang::En => format!("{count} times"),
    }
}

/// "12月2日(水) 9:00〜10:04": the first and last time of a group of one day.
pub fn day_span(lang: Lang, day: &str, from: &str, to: &str) -> String {
    match lang {
        Lang::Ja => format!("{day} {from}〜{to}"),
        Lang::En => format!("{day}, {from}–{to}"),
    }
}

/// A goal an item became, with the plan it is in: "目標(2026年度 個別の教育支援計画)".
pub fn goal_in_plan(lang: Lang, goal: &str, plan: &str) -> String {
    match lang {
        Lang::Ja => format!("{goal}({plan})"),
        Lang::En => format!("{goal} ({plan})"),
    }
}

/// "書いた日 11月20日(金) · 更新 11月23日(月) 14:05"
pub fn entry_dates(lang: Lang, written: Option<String>, changed: Option<String>) -> String {
    let (w, c) = match lang {
        Lang::Ja => ("書いた日", "更新"),
        Lang::En => ("Written", "changed"),
    };
    let mut parts = Vec::new();
    if let Some(day) = written {
        parts.push(format!("{w} {day}"));
    }
    if let Some(at) = changed {
        parts.push(format!("{c} {at}"));
    }
    parts.join(" · ")
}

/// An answer with when it was given as an aside: 「出席します(12月1日(火) 9:05)」.
fn answered(
    lang: Lang,
    answer: &str,
    at: Option<chrono::NaiveDateTime>,
    today: chrono::NaiveDate,
) -> String {
    match at {
        Some(at) => lang.aside(answer, &lang.date_time(at, today)),
        None => answer.to_owned(),
    }
}

/// 「あなたの回答: 出席します(12月1日(火) 9:05)」
pub fn my_answer(
    lang: Lang,
    answer: &str,
    at: Option<chrono::NaiveDateTime>,
    today: chrono::NaiveDate,
) -> String {
    let answer = answered(lang, answer, at, today);
    match lang {
        Lang::Ja => format!("あなたの回答: {answer}"),
        Lang::En => format!("Your answer: {answer}"),
    }
}

/// The family's other parent's answer, which the parents see of each other.
pub fn other_parent_answer(
    lang: Lang,
    answer: &str,
    at: Option<chrono::NaiveDateTime>,
    today: chrono::NaiveDate,
) -> String {
    let answer = answered(lang, answer, at, today);
    match lang {
        Lang::Ja => format!("ほかの保護者の回答: {answer}"),
        Lang::En => format!("The other parent's answer: {answer}"),
    }
}

/// On home, on the day itself: 「今日 15:30 ケース会議」.
pub fn meeting_today(lang: Lang, at: chrono::NaiveDateTime, kind: &str) -> String {
    use chrono::Timelike;
    let (h, m) = (at.hour(), at.minute());
    match lang {
        Lang::Ja => format!("今日 {h}:{m:02} {kind}"),
        Lang::En => format!("Today {h}:{m:02} {kind}"),
    }
}

/// A meeting's start with its year always written: 「2026年12月10日(木) 10:00」.
pub fn full_date_time(lang: Lang, at: chrono::NaiveDateTime) -> String {
    use chrono::Timelike;
    let (date, h, m) = (lang.full_date(at.date()), at.hour(), at.minute());
    match lang {
        Lang::Ja => format!("{date} {h}:{m:02}"),
        Lang::En => format!("{date}, {h}:{m:02}"),
    }
}

/// A morning hour to choose: 「8時」 / "8:00".
pub fn hour_of_day(lang: Lang, hour: u8) -> String {
    match lang {
        Lang::Ja => format!("{hour}時"),
        Lang::En => format!("{hour}:00"),
    }
}

/// How long before an early meeting: 「2時間前」 / "2 hours before".
pub fn hours_before(lang: Lang, hours: u8) -> String {
    match (lang, hours) {
        (Lang::Ja, n) => format!("{n}時間前"),
        (Lang::En, 1) => "1 hour before".to_owned(),
        (Lang::En, n) => format!("{n} hours before"),
    }
}

/// A feed made on another device (or before this one kept its address): the
/// server keeps only a hash of it, so its address cannot be shown again here.
pub fn feed_made_elsewhere(lang: Lang, made: chrono::NaiveDate) -> String {
    let date = lang.full_date(made);
    match lang {
        Lang::Ja => format!(
            "{date}にカレンダー用のURLを作りました。URLは、作った端末にだけ表示されます。この端末で登録するには、URLを作り直してください(前のURLは使えなくなります)。"
        ),
        Lang::En => format!(
            "A calendar address was made on {date}. It is shown only on the device that made it. To subscribe from this device, make a new address (the old one then stops working)."
        ),
    }
}
