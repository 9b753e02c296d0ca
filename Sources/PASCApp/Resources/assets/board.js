// The hall's display board: the office's current calls and waiting counts, live over a
// WebSocket, announced by voice in Vietnamese once sound is enabled (browsers require a click).
// Announcements queue one after another and are never cut off by the next call.
"use strict";
(function () {
  const office = decodeURIComponent(location.pathname.split("/")[2] || "");
  const calls = document.getElementById("calls");
  const groupsBody = document.querySelector("#groups tbody");
  const status = document.getElementById("status");
  const soundButton = document.getElementById("sound");
  let soundOn = false;
  let refreshTimer = null;
  let retry = 0;

  function text(el, value) { el.textContent = value; return el; }

  function showClock() {
    text(document.getElementById("clock"), new Date().toLocaleTimeString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" }));
  }

  function renderState(state) {
    groupsBody.replaceChildren();
    calls.replaceChildren();
    for (const group of state.groups) {
      const row = document.createElement("tr");
      row.append(
        text(document.createElement("td"), group.group + " – " + group.name),
        text(document.createElement("td"), String(group.waiting)),
        text(document.createElement("td"), group.expectedWaitMinutes == null ? "–" : "~" + group.expectedWaitMinutes + " phút"),
        text(document.createElement("td"), group.openCounters.join(", ") || "–")
      );
      row.children[1].className = "n";
      groupsBody.append(row);
      for (const call of group.calls) addCall(call.ticket, call.counter, false);
    }
  }

  function addCall(ticket, counter, fresh) {
    for (const li of Array.from(calls.children)) if (li.dataset.ticket === ticket) li.remove();
    const li = document.createElement("li");
    li.dataset.ticket = ticket;
    li.append(text(document.createElement("span"), ticket), text(document.createElement("span"), "→ Quầy " + (counter == null ? "?" : counter)));
    if (fresh) li.className = "fresh";
    calls.prepend(li);
    while (calls.children.length > 8) calls.lastChild.remove();
  }

  async function refresh() {
    try {
      const response = await fetch("/api/v1/offices/" + encodeURIComponent(office) + "/queue");
      if (response.ok) renderState(await response.json());
    } catch (e) { /* the next event or reconnect refreshes */ }
  }

  function scheduleRefresh() {
    if (refreshTimer) return;
    refreshTimer = setTimeout(() => { refreshTimer = null; refresh(); }, 400);
  }

  // "A002" is read as "A, không, không, hai": digit by digit, as counters call.
  function spoken(ticket) { return ticket.split("").join(" "); }

  // Announcements wait their turn: the next is handed to the speech engine only once the one
  // before has ended (or failed), and nothing ever cancels one. A watchdog moves on if an engine
  // never reports the end, so a silent engine cannot stall the board's voice.
  const pending = [];
  let speaking = false;
  // The utterance being spoken, held here: Chromium may collect an unreferenced one and never fire its end.
  let current = null;

  function say(words) {
    if (!("speechSynthesis" in window)) return;
    pending.push(words);
    speakNext();
  }

  function speakNext() {
    if (speaking || pending.length === 0) return;
    speaking = true;
    const utterance = new SpeechSynthesisUtterance(pending.shift());
    current = utterance;
    utterance.lang = "vi-VN";
    utterance.rate = 0.9;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(watchdog);
      current = null;
      speaking = false;
      speakNext();
    };
    const watchdog = setTimeout(finish, 20000);
    utterance.onend = finish;
    utterance.onerror = finish;
    window.speechSynthesis.speak(utterance);
  }

  function announce(ticket, counter) {
    if (soundOn) say("Mời số " + spoken(ticket) + " đến quầy số " + counter);
  }

  soundButton.addEventListener("click", () => {
    soundOn = !soundOn;
    soundButton.setAttribute("aria-pressed", String(soundOn));
    if (soundOn) say("Đã bật âm thanh");
    else pending.length = 0; // what is being said ends; nothing more is said
  });

  function connect() {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    const socket = new WebSocket(scheme + location.host + "/api/v1/offices/" + encodeURIComponent(office) + "/board-feed");
    socket.onopen = () => { retry = 0; text(status, "Đã kết nối · Connected"); refresh(); };
    socket.onmessage = (message) => {
      let event;
      try { event = JSON.parse(message.data); } catch (e) { return; }
      if (event.kind === "call" || event.kind === "recall") {
        addCall(event.ticket, event.counter, true);
        announce(event.ticket, event.counter);
      }
      if (event.kind !== "hello") scheduleRefresh();
    };
    socket.onclose = () => {
      text(status, "Mất kết nối, đang thử lại… · Reconnecting…");
      retry += 1;
      setTimeout(connect, Math.min(10000, 500 * retry));
    };
  }

  document.title = "Bảng gọi số " + office + " – PASC";
  showClock();
  setInterval(showClock, 1000);
  connect();
})();
