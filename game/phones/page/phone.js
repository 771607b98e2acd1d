// Dilemmaspel on a player's phone: join the table, then do the private steps the shared screen hands over.
// Every text is set with textContent (never as HTML); the only thing kept on the phone is its token.
(function () {
  "use strict";
  var texts = JSON.parse(document.getElementById("texts").textContent);
  var table = location.pathname.split("/")[2];
  var api = "/t/" + table + "/api/";
  var storeKey = "dilemmaspel-" + table;
  var main = document.getElementById("main");
  var statusLine = document.getElementById("status");
  var who = document.getElementById("who");
  var token = null;
  var version = 0;
  var shown = null;
  var polling = 0;
  var keeping = false;

  try { token = window.localStorage.getItem(storeKey); } catch (e) { token = null; }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function button(text, action, className) {
    var node = element("button", text, className);
    node.type = "button";
    node.addEventListener("click", action);
    main.appendChild(node);
    return node;
  }

  function say(text, kind) {
    statusLine.textContent = text || "";
    statusLine.className = kind || "";
  }

  function clear() {
    while (main.firstChild) { main.removeChild(main.firstChild); }
  }

  function requestId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function call(path, body) {
    var options = { method: body ? "POST" : "GET", headers: {}, cache: "no-store", credentials: "omit" };
    if (token) { options.headers.Authorization = "Bearer " + token; }
    if (body) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(api + path, options).then(function (response) {
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    });
  }

  function keepToken(value) {
    token = value;
    try {
      if (value) { window.localStorage.setItem(storeKey, value); } else { window.localStorage.removeItem(storeKey); }
    } catch (e) { /* private mode: the token lives as long as the page */ }
  }

  // joining ----------------------------------------------------------------------------------------------
  function showPlayers() {
    who.textContent = "";
    call("spelers").then(function (answer) {
      clear();
      if (answer.status !== 200) { say(answer.data.message, "error"); return; }
      main.appendChild(element("h2", texts.pick_name));
      answer.data.players.forEach(function (player) {
        var label = player.joined ? player.name + " · " + texts.joined_other : player.name;
        var node = button(label, function () { join(player.player); });
        node.disabled = player.joined;
      });
    }, function () { say(texts.offline, "error"); setTimeout(showPlayers, 3000); });
  }

  function join(player) {
    call("aanmelden", { player: player }).then(function (answer) {
      if (answer.status === 200) {
        keepToken(answer.data.token);
        version = 0;
        poll();
      } else {
        say(answer.data.message, "error");
        showPlayers();
      }
    }, function () { say(texts.offline, "error"); });
  }

  // following the table --------------------------------------------------------------------------------
  function poll() {
    var mine = ++polling;
    call("stand?sinds=" + version).then(function (answer) {
      if (mine !== polling) { return; }
      if (answer.status === 401) { keepToken(null); say(answer.data.message, "error"); showPlayers(); return; }
      if (answer.status !== 200) { say(answer.data.message, "error"); setTimeout(poll, 3000); return; }
      if (statusLine.className === "error") { say(""); }
      if (answer.data.version !== version) {
        if (!shown || shown.key !== answer.data.key) { keeping = false; }
        version = answer.data.version;
        shown = answer.data;
        render(shown);
      }
      if (!shown.finished) { poll(); }
    }, function () {
      if (mine !== polling) { return; }
      say(texts.offline, "error");
      setTimeout(poll, 2000);
    });
  }

  function act(action) {
    action.key = shown.key;
    action.request = requestId();
    say(texts.sending);
    Array.prototype.forEach.call(main.querySelectorAll("button"), function (node) { node.disabled = true; });
    call("doe", action).then(function (answer) {
      say(answer.data.message, answer.status === 200 ? "ok" : "error");
      if (answer.status !== 200) { render(shown); }
    }, function () { say(texts.offline, "error"); render(shown); });
  }

  // what the phone shows ---------------------------------------------------------------------------------
  function render(view) {
    clear();
    who.textContent = view.name;
    main.appendChild(element("p", view.text, "muted"));
    if (view.task === "draw") {
      button(texts.draw, function () { act({ do: "draw" }); }, "primary");
    } else if (view.task === "values") {
      renderValues(view);
    } else if ((view.task === "vote" || view.task === "revote") && !keeping) {
      renderVote(view);
    }
    if (view.role) { renderRole(view.role, view.task !== "wait" || view.key.indexOf(":draw:") > 0); }
  }

  function renderRole(role, open) {
    var details = element("details", "", "card");
    details.open = open;
    details.appendChild(element("summary", texts.your_role + " " + role.name));
    details.appendChild(element("p", role.line, "line"));
    role.brief.forEach(function (part) {
      var paragraph = element("p");
      paragraph.appendChild(element("strong", part.label));
      paragraph.appendChild(document.createTextNode(" " + part.text));
      details.appendChild(paragraph);
    });
    main.appendChild(details);
  }

  function renderValues(view) {
    var chosen = view.values.filter(function (v) { return v.chosen; }).map(function (v) { return v.id; });
    view.values.forEach(function (value) {
      var node = button(value.name, function () {
        var next = value.chosen ? chosen.filter(function (id) { return id !== value.id; }) : chosen.concat([value.id]);
        act({ do: "values", values: next });
      });
      node.setAttribute("aria-pressed", value.chosen ? "true" : "false");
      node.title = value.line;
    });
    button(texts.values_done, function () { act({ do: "values_done" }); }, "primary").disabled = !chosen.length;
  }

  function renderVote(view) {
    if (view.task === "revote") { main.appendChild(element("p", texts.choice_now + " " + view.choice, "card")); }
    main.appendChild(element("h2", view.question));
    view.options.forEach(function (option) {
      button(option.label, function () { act({ do: "vote", option: option.id }); });
    });
    if (view.task === "revote") {
      button(texts.keep_choice, function () { keeping = true; render(view); }, "primary");
    } else {
      button(texts.vote_pass, function () { act({ do: "vote", option: null }); });
    }
  }

  say(texts.connecting);
  if (token) { poll(); } else { showPlayers(); }
}());
