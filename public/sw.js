// Tsunagu's service worker: keeps the app shell so the app opens with no
// connection. The build (scripts/postbuild.mjs) writes the version and the list of
// files below; a new build is a new worker with its own cache, so an open app
// never mixes files of two versions. A new worker waits until the person agrees
// to update (the app then asks it to take over and reloads once).
const VERSION = "__TSUNAGU_VERSION__";
const PRECACHE = __TSUNAGU_PRECACHE__;
const SHELL_CACHE = `tsunagu-shell-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      // "reload": fetch past the HTTP cache, so the shell is this version's.
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: "reload" })))),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "take-over") self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith("tsunagu-shell-") && key !== SHELL_CACHE) {
          await caches.delete(key);
        }
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  // The API is the app's business: it knows what to do when offline. The staff app
  // (/staff/) is a separate bundle for desks with a connection; it is not cached.
  // A calendar feed (/calendar/…ics) is a file from the server, never the shell.
  if (
    url.origin !== self.location.origin ||
    url.pathname.startsWith("/api/") ||
    url.pathname.startsWith("/staff/") ||
    url.pathname.startsWith("/calendar/")
  ) {
    return;
  }

  if (request.mode === "navigate") {
    // Every page of the app is the same shell; the app routes on the client.
    event.respondWith(
      (async () => {
        const cache = await caches.open(SHELL_CACHE);
        const shell = await cache.match("/index.html");
        if (shell) return shell;
        try {
          return await fetch(request);
        } catch (error) {
          return (await cache.match("/offline.html")) || Response.error();
        }
      })(),
    );
    return;
  }

  event.respondWith(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.match(request))
      .then((hit) => hit || fetch(request)),
  );
});

// Reminders pushed by the server. The payload carries the meeting's id, kind and
// start (already the town's time, "YYYY-MM-DDTHH:MM[:SS]": shown as given, never
// converted through the device's zone) and the reader's language; nothing
// personal. The words below match the app's (tsunagu_model: MeetingKind::label,
// Lang::date_time, reminders::preparation_text).
const KIND_LABELS = {
  ja: {
    case_meeting: "ケース会議",
    bridge_conference: "架け橋カンファレンス",
    own_meeting: "自分会議",
    itinerant_consultation: "巡回相談",
  },
  en: {
    case_meeting: "Case meeting",
    bridge_conference: "Bridge conference",
    own_meeting: "Own meeting",
    itinerant_consultation: "Itinerant consultation",
  },
};
const WEEKDAYS_JA = ["日", "月", "火", "水", "木", "金", "土"];
const WEEKDAYS_EN = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const PREPARATION_DAYS = 3;

// "12月10日(木) 10:00" / "Thu 10 Dec, 10:00", from the town time as written.
function meetingWhen(startsAt, lang) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(startsAt || "");
  if (!m) return "";
  const [year, month, day, hour, minute] = m.slice(1).map(Number);
  // The weekday of a calendar date: UTC is only the arithmetic here, not a zone.
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const time = `${hour}:${String(minute).padStart(2, "0")}`;
  if (lang === "en") return `${WEEKDAYS_EN[weekday]} ${day} ${MONTHS_EN[month - 1]}, ${time}`;
  return `${month}月${day}日(${WEEKDAYS_JA[weekday]}) ${time}`;
}

function preparationText(lang, items) {
  if (lang === "en") {
    if (items === 0) return `${PREPARATION_DAYS} days to go: nothing chosen to bring yet`;
    if (items === 1) return `${PREPARATION_DAYS} days to go: 1 thing to bring`;
    return `${PREPARATION_DAYS} days to go: ${items} things to bring`;
  }
  if (items === 0) return `あと${PREPARATION_DAYS}日: まだ何も決めていません`;
  return `あと${PREPARATION_DAYS}日: 持っていくことが${items}件あります`;
}

function reminderNotification(message) {
  const lang = message.lang === "en" ? "en" : "ja";
  const kind = KIND_LABELS[lang][message.meeting_kind] || (lang === "en" ? "Meeting" : "会議");
  const when = meetingWhen(message.starts_at, lang);
  let title;
  let body;
  if (message.reminder === "follow_up") {
    // A mentor's follow-up: no family named on a lock screen.
    title = lang === "en" ? "Follow-up today" : "今日はフォローアップの日です";
    body = lang === "en" ? "A family you support is due a call or visit today." : "連絡する予定のご家族があります";
  } else if (message.reminder === "cancelled") {
    title = lang === "en" ? `${kind} cancelled` : `${kind}の中止`;
    body = lang === "en" ? `The ${kind} on ${when} has been cancelled.` : `${when}の${kind}は中止になりました`;
  } else if (message.reminder === "preparation") {
    title = lang === "en" ? `${kind} reminder` : `${kind}のお知らせ`;
    body = preparationText(lang, Number(message.brought) || 0);
  } else {
    title = lang === "en" ? `${kind} reminder` : `${kind}のお知らせ`;
    body = lang === "en" ? `Starts ${when}` : `${when}から`;
  }
  return {
    title,
    options: {
      body,
      lang,
      tag: `meeting-${message.meeting}-${message.reminder}`,
      icon: "/icons/icon-192.png",
      // Where the server says a tap leads (a mentor has no meeting page).
      data: {
        url:
          typeof message.opens === "string" && message.opens.startsWith("/")
            ? message.opens
            : `/meetings/${encodeURIComponent(message.meeting)}`,
      },
    },
  };
}

self.addEventListener("push", (event) => {
  let message = null;
  try {
    message = event.data ? event.data.json() : null;
  } catch (error) {
    message = null;
  }
  // A push must show something; one we cannot read still says where to look.
  const shown =
    message && message.meeting
      ? reminderNotification(message)
      : { title: "つなぐ", options: { body: "会議のお知らせがあります / A meeting reminder", data: { url: "/" } } };
  event.waitUntil(self.registration.showNotification(shown.title, shown.options));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const wanted = (event.notification.data && event.notification.data.url) || "/";
  // Only a page of this app, whatever the data says.
  const url = new URL(wanted.startsWith("/") ? wanted : "/", self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const ours = windows.find((client) => {
        const at = new URL(client.url);
        return at.origin === self.location.origin && !at.pathname.startsWith("/staff/");
      });
      if (ours) {
        let client = null;
        try {
          client = await ours.navigate(url);
        } catch (error) {
          // A window this worker does not control cannot be navigated by it.
          client = null;
        }
        if (client) {
          try {
            await client.focus();
          } catch (error) {
            // Focus is refused outside a user gesture on some browsers; the page moved anyway.
          }
          return;
        }
      }
      await self.clients.openWindow(url);
    })(),
  );
});
