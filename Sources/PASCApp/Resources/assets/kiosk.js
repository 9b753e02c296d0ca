// The kiosk in the hall: the office's service groups as buttons; a press issues a ticket and
// prints it on the 80 mm ticket printer (the browser's print dialog in kiosk mode prints directly).
// A holder of an online booking checks in with its code and the ID number or phone booked with.
"use strict";
(function () {
  const office = decodeURIComponent(location.pathname.split("/")[2] || "");
  const groups = document.getElementById("groups");
  const error = document.getElementById("error");
  const api = "/api/v1/offices/" + encodeURIComponent(office);

  function text(id, value) { document.getElementById(id).textContent = value; }

  const names = {};

  async function load() {
    const response = await fetch(api + "/service-groups");
    if (!response.ok) { error.textContent = "Không tải được danh sách dịch vụ. · The services could not be loaded."; return; }
    const body = await response.json();
    for (const group of body.items) {
      const button = document.createElement("button");
      button.type = "button";
      const letter = document.createElement("span");
      letter.className = "letter";
      letter.textContent = group.code;
      button.append(letter, document.createTextNode(group.name));
      names[group.code] = group.name;
      button.addEventListener("click", () => issue(group));
      groups.append(button);
    }
  }

  async function issue(group) {
    error.textContent = "";
    const priority = document.querySelector("input[name=priority]:checked").value;
    const payload = { group: group.code, channel: "kiosk" };
    if (priority) payload.priority = priority;
    const response = await fetch(api + "/tickets", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload),
    });
    await show(response);
  }

  // `checkedIn`: the ticket joins the queue now (its issue time is when it was booked).
  async function show(response, checkedIn) {
    const body = await response.json();
    if (!response.ok) { error.textContent = body.detail + " · " + (body.detailEn || ""); return; }
    text("ticket-office", office);
    text("ticket-number", body.ticket.number);
    text("ticket-group", names[body.ticket.group] || body.ticket.group);
    text("ticket-ahead", body.message);
    const at = checkedIn ? new Date() : new Date(body.ticket.issuedAt);
    text("ticket-time", at.toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" }));
    document.getElementById("ticket").hidden = false;
    window.print();
    setTimeout(() => { document.getElementById("ticket").hidden = true; }, 8000);
  }

  document.getElementById("checkin").addEventListener("submit", async (event) => {
    event.preventDefault();
    error.textContent = "";
    const code = document.getElementById("checkin-code").value.trim();
    const contact = document.getElementById("checkin-contact").value.replace(/\s/g, "");
    // A public kiosk: the next person must not read this one's ID number or phone.
    event.target.reset();
    const button = event.target.querySelector("button");
    button.disabled = true;
    const response = await fetch(api + "/bookings/" + encodeURIComponent(code) + "/check-in", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ contact }),
    });
    button.disabled = false;
    await show(response, true);
  });

  load();
})();
