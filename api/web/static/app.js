// AIOS Media review page: talks to the HTTP API (session cookie + CSRF header) and follows its event streams.
"use strict";

const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";
// node -> [label, percent done when it starts]: the server's one stage table (aios.kernel.stages).
const STAGES = JSON.parse(document.body.dataset.stages || "{}");

async function api(method, path, body, headers = {}) {
  const response = await fetch(path, {
    method, credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    location.href = "/login?next=" + encodeURIComponent(location.pathname);
    throw new Error("signed out");
  }
  const json = (response.headers.get("content-type") || "").includes("json") ? await response.json() : null;
  if (!response.ok) {
    const error = new Error((json && (json.detail || json.title)) || response.statusText);
    error.current = json && json.current_version;  // a 409 on a version the job has moved on from
    throw error;
  }
  return json;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function toast(message) {
  const box = document.getElementById("toast");
  box.textContent = message;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 5000);
}

function size(bytes) { return bytes < 1024 ? `${bytes} B` : `${Math.round(bytes / 1024)} KB`; }

function shorten(text) { return text.length > 24 ? text.slice(0, 12) + "…" : text; }

function debounce(fn, ms) {
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

function progressOf(event, current) {
  const data = event.data || {};
  if (event.type === "node.started" && STAGES[data.node]) return { label: STAGES[data.node][0], value: STAGES[data.node][1] };
  if (event.type === "scene.progress" && data.stage === "render") {
    return { label: `Rendering ${Math.round(data.fraction * 100)}%`, value: 50 + 40 * data.fraction };
  }
  if (event.type === "scene.progress") return { label: `${STAGES[data.stage][0]}: ${data.done} done`, value: Math.max(current.value, STAGES[data.stage][1]) };
  if (event.type === "review.requested") return { label: "Waiting for your review", value: current.value };
  if (event.type === "job.completed") return { label: "Published", value: 100 };
  if (event.type === "job.failed") return { label: "Failed: " + ((data.reasons || []).join("; ") || data.reason || data.status), value: current.value };
  if (event.type === "job.cancelled") return { label: "Cancelled", value: current.value };
  return current;
}

// ---- jobs list ----
function jobsPage() {
  const body = document.getElementById("jobs");
  const progress = {};
  const row = (job) => el("tr", { id: "job-" + job.id },
    el("td", {}, job.title ? el("img", { src: `/v1/jobs/${job.id}/scenes/0/thumbnail`, alt: "", loading: "lazy" }) : ""),
    el("td", {}, el("a", { href: `/jobs/${job.id}`, text: job.title || job.id })),
    el("td", {}, el("span", { class: "badge " + job.status, text: job.status.replace("_", " ") })),
    el("td", {}, el("progress", { max: 100, value: (progress[job.id] || {}).value || (job.status === "published" ? 100 : 0),
                                  "aria-label": `Progress of ${job.title || job.id}` }),
       el("span", { class: "muted", text: (progress[job.id] || {}).label || "" })),
    el("td", { text: job.created_by || "" }),
    el("td", { text: new Date(job.created_at).toLocaleString() }));
  const load = async () => {
    const page = await api("GET", "/v1/jobs?limit=50");
    body.replaceChildren(...(page.items.length ? page.items.map(row) : [el("tr", {}, el("td", { colspan: 6, text: "No jobs yet." }))]));
  };
  const refresh = debounce(async (id) => {
    const job = await api("GET", `/v1/jobs/${id}`);
    const old = document.getElementById("job-" + id);
    if (old) old.replaceWith(row(job)); else await load();
  }, 300);
  load().catch((e) => toast(e.message));
  const stream = new EventSource("/v1/events");
  stream.onopen = () => { document.getElementById("live").textContent = "Live: updates appear as they happen."; };
  stream.onerror = () => { document.getElementById("live").textContent = "Reconnecting to live updates…"; };
  stream.onmessage = null;
  for (const type of ["job.created", "node.started", "node.completed", "scene.progress", "review.requested",
                      "artifact.ready", "job.completed", "job.failed", "job.cancelled"]) {
    stream.addEventListener(type, (message) => {
      const event = JSON.parse(message.data);
      progress[event.job_id] = progressOf(event, progress[event.job_id] || { label: "", value: 0 });
      refresh(event.job_id);
    });
  }
}

// ---- new job ----
function newPage() {
  const picker = document.getElementById("library");
  const chosen = new Set();
  const show = async (query) => {
    const items = await api("GET", "/v1/library?kind=image&k=24" + (query ? "&query=" + encodeURIComponent(query) : ""));
    picker.replaceChildren(...(items.length ? items.map((item) => el("label", {},
      el("img", { src: item.thumbnail, alt: "" }),
      el("input", { type: "checkbox", value: item.id, checked: chosen.has(item.id),
                    onchange: (e) => { if (e.target.checked) chosen.add(item.id); else chosen.delete(item.id); } }),
      " " + item.name)) : [el("p", { class: "muted", text: "No library images (add some with aios assets add)." })]));
  };
  show("").catch((e) => toast(e.message));
  document.getElementById("library-query").addEventListener("input", debounce((e) => show(e.target.value.trim()), 300));
  document.getElementById("new-job").addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = e.target, error = document.getElementById("form-error");
    const languages = [...form.querySelectorAll('input[name="language"]:checked')].map((box) => box.value);
    const body = { text: form.text.value.trim(), duration_s: Number(form.duration_s.value), aspect: form.aspect.value,
                   captions: form.captions.value, library_assets: [...chosen], safe_content: form.safe_content.checked };
    if (!body.text) { error.textContent = "Write a brief first."; error.hidden = false; form.text.focus(); return; }
    if (!languages.length) { error.textContent = "Pick at least one language."; error.hidden = false; return; }
    try {
      const jobs = [];
      for (const language of languages) jobs.push(await api("POST", "/v1/jobs", { ...body, language }));
      location.href = jobs.length === 1 ? `/jobs/${jobs[0].id}` : "/";
    } catch (err) { error.textContent = err.message; error.hidden = false; }
  });
}

// ---- one job ----
function jobPage() {
  const id = document.body.dataset.job;
  const $ = (name) => document.getElementById(name);
  let job = null, scenes = [], findings = [], pictures = {}, originals = {}, dirty = false, current = { label: "", value: 0 }, stream = null;
  let drawn = "", action = "review_storyboard";

  const markDirty = () => { dirty = true; $("approve").textContent = "Approve with edits"; };
  const editable = () => job && job.status === "awaiting_review";

  function sceneCard(scene, i) {
    const mine = findings.filter((f) => f.scene_index === scene.index);
    const n = i + 1, disabled = !editable();
    const field = (label, name, input) => [el("label", { for: `${name}-${i}`, text: `${label} (scene ${n})` }), input];
    return el("li", { class: "scene" + (mine.length ? " flagged" : "") },
      el("div", {},
        el("img", { src: `/v1/jobs/${id}/scenes/${scene.index}/thumbnail?r=${encodeURIComponent(scene.narration.length + scene.on_screen_text)}`,
                    alt: `Sketch of scene ${n}: ${scene.on_screen_text || scene.visual}` }),
        el("audio", { controls: true, preload: "none", src: `/v1/jobs/${id}/scenes/${scene.index}/narration`,
                      "aria-label": `Narration of scene ${n}` })),
      el("div", {},
        el("h3", { text: `Scene ${n}` + (scene.asset && !pictures[scene.index]?.shown ? " · library or supplied image" : "") }),
        pictureField(scene, i, n, disabled),
        field("Narration", "narration", el("textarea", { id: `narration-${i}`, rows: 3, disabled,
          oninput: (e) => { scenes[i].narration = e.target.value; markDirty(); } }, scene.narration)),
        field("On-screen text", "onscreen", el("input", { id: `onscreen-${i}`, value: scene.on_screen_text, disabled,
          oninput: (e) => { scenes[i].on_screen_text = e.target.value; markDirty(); } })),
        field("Duration in seconds", "duration", el("input", { id: `duration-${i}`, type: "number", min: 1, max: 120, step: 0.1,
          value: scene.duration_s, disabled, oninput: (e) => { scenes[i].duration_s = Number(e.target.value); markDirty(); } })),
        el("label", { class: "check", for: `motion-${i}` },
          el("input", { id: `motion-${i}`, type: "checkbox", checked: !!scene.motion, disabled,
                        onchange: (e) => { scenes[i].motion = e.target.checked; markDirty(); } }),
          ` Animate the picture (scene ${n}; needs an image-to-video model, else a slow pan)`),
        mine.map((f) => el("p", { class: "finding", text: `Policy (${f.outcome}): ${f.reason}` })),
        takeStrip(scene, n, disabled),
        el("div", { class: "actions" },
          el("button", { type: "button", disabled: disabled || i === 0, "aria-label": `Move scene ${n} up`, text: "Move up",
                         onclick: () => move(i, -1) }),
          el("button", { type: "button", disabled: disabled || i === scenes.length - 1, "aria-label": `Move scene ${n} down`,
                         text: "Move down", onclick: () => move(i, 1) }),
          el("button", { type: "button", class: "danger", disabled: disabled || scenes.length === 1,
                         "aria-label": `Delete scene ${n}`, text: "Delete", onclick: () => remove(i) }))));
  }

  function pictureField(scene, i, n, disabled) {
    const offer = pictures[scene.index];
    if (!offer) return "";
    const credit = (p) => `${p.title.slice(0, 60)} — ${p.author || "unknown"} (${p.provider}, ${p.licence})`;
    const shown = offer.shown ? el("p", { class: "muted" }, "Picture: ",
      el("a", { href: offer.shown.page_url, target: "_blank", rel: "noopener", text: credit(offer.shown) })) : "";
    if (!offer.alternatives.length) return shown;
    const keep = offer.shown ? `Keep: ${credit(offer.shown)}` : "Keep the drawn card";
    return el("div", {}, shown,
      el("label", { for: `picture-${i}`, text: `Picture (scene ${n})` }),
      el("select", { id: `picture-${i}`, disabled, onchange: (e) => {
          scenes[i].asset = e.target.value === "keep" ? originals[scene.index] : e.target.value; markDirty(); } },
        el("option", { value: "keep", text: keep }),
        ...offer.alternatives.map((a) => el("option", { value: a.ref, text: credit(a), selected: scenes[i].asset === a.ref }))));
  }

  // Each scene's takes (a new one per regenerate, picture swap or re-time), and a new take on request.
  function takeStrip(scene, n, disabled) {
    const strip = el("div", { class: "takes", role: "group", "aria-label": `Takes of scene ${n}` });
    const part = el("select", { id: `regen-part-${scene.index}`, disabled, "aria-label": `What to regenerate in scene ${n}` },
      el("option", { value: "all", text: "Voice and picture" }), el("option", { value: "voice", text: "Voice" }),
      el("option", { value: "picture", text: "Picture" }));
    const note = el("input", { id: `regen-note-${scene.index}`, disabled, maxlength: 300, placeholder: "e.g. calmer voice",
                               "aria-label": `Note for the new take of scene ${n}` });
    const regenerate = el("div", { class: "actions" }, part, note,
      el("button", { type: "button", disabled, text: "Regenerate", "aria-label": `Regenerate scene ${n}`,
                     onclick: () => command(`/v1/jobs/${id}/scenes/${scene.index}/regenerate`,
                                            { part: part.value, note: note.value.trim() || null }, `Regenerating scene ${n}`) }));
    if (!disabled) {
      api("GET", `/v1/jobs/${id}/scenes/${scene.index}/takes`).then((found) => {
        if (found.items.length < 2) return;
        strip.replaceChildren(...found.items.map((t) => el("figure", { class: "take" + (t.used ? " used" : "") },
          el("img", { src: t.thumbnail, alt: `Take ${t.take} of scene ${n}`, loading: "lazy" }),
          el("audio", { controls: true, preload: "none", src: t.narration, "aria-label": `Narration of take ${t.take}, scene ${n}` }),
          el("figcaption", { text: `Take ${t.take}` + ([t.voice_note, t.picture_note].filter(Boolean).length
            ? ` (${[...new Set([t.voice_note, t.picture_note].filter(Boolean))].join("; ")})` : "") }),
          el("button", { type: "button", disabled: t.used, text: t.used ? "In use" : "Use this take",
                         "aria-label": `Use take ${t.take} of scene ${n}`,
                         onclick: () => command(`/v1/jobs/${id}/scenes/${scene.index}/take`, { take: t.take },
                                                `Scene ${n}: take ${t.take}`) }))));
      }).catch((e) => toast(e.message));
    }
    return el("div", {}, strip, regenerate);
  }

  // A scene or version command, made on the version this page shows (If-Match): 409 if someone got there first.
  async function command(path, body, said) {
    try {
      await api("POST", path, body, { "If-Match": `"v${job.version}"` });
      toast(said); dirty = false; $("review").hidden = true; follow(); await load();
    } catch (e) {
      toast(e.current ? `Someone changed this job first (it is at version ${e.current} now): reloaded` : e.message);
      if (e.current) { dirty = false; drawn = ""; await load(); }
    }
  }

  function drawVersions(found) {
    const reviewing = editable();
    const numbers = found.items.map((v) => v.number).reverse();
    const pick = (id, label, chosen) => el("select", { id, "aria-label": label },
      ...numbers.map((n) => el("option", { value: n, text: `v${n}`, selected: n === chosen })));
    const newer = pick("compare-to", "Compare version", numbers[0]), older = pick("compare-from", "with version", numbers[1]);
    $("compare").replaceChildren(...(numbers.length > 1 ? ["Compare ", newer, " with ", older, " ",
      el("button", { type: "button", text: "Compare", onclick: () => showDiff(newer.value, older.value) })] : []));
    $("versions").replaceChildren(...found.items.slice().reverse().map((v) => el("li", {},
      el("strong", { text: `v${v.number}` }), ` ${v.kind} by ${v.actor}, ${new Date(v.at).toLocaleString()}: ${v.summary}`
        + (v.cut ? ` (cut ${v.cut.sha256.slice(0, 10)})` : "") + (v.applied ? "" : " (being applied)"), " ",
      v.parent ? el("button", { type: "button", text: "Changes", "aria-label": `What version ${v.number} changed`,
                                onclick: () => showDiff(v.number) }) : "",
      reviewing && v.number !== found.current ? el("button", { type: "button", text: "Restore",
        "aria-label": `Restore version ${v.number}`,
        onclick: () => command(`/v1/jobs/${id}/versions/${v.number}/restore`, undefined, `Restoring version ${v.number}`) }) : "")));
  }

  async function showDiff(number, against) {
    const found = await api("GET", `/v1/jobs/${id}/versions/${number}/diff` + (against ? `?against=${against}` : ""));
    const rows = found.scenes.filter((r) => r.change !== "same").map((r) => el("li", {}, `Scene ${r.scene}: ${r.change}`,
      el("ul", {}, ...Object.entries(r.fields || {}).map(([name, [was, now]]) => el("li", { text: `${name}: ${JSON.stringify(was)} → ${JSON.stringify(now)}` })))));
    if (found.cut) rows.push(el("li", { text: found.cut.same ? "Cut: the same file" : "Cut: a different file" }));
    $("diff").replaceChildren(el("p", { text: `Version ${found.from} → ${found.to}` }), el("ul", {}, ...(rows.length ? rows : [el("li", { text: "No scene changed" })])));
    $("diff").hidden = false;
  }

  function drawScenes() { $("scenes").replaceChildren(...scenes.map(sceneCard)); }
  function move(i, step) { [scenes[i], scenes[i + step]] = [scenes[i + step], scenes[i]]; markDirty(); drawScenes();
                           document.querySelector(`[aria-label="Move scene ${i + step + 1} ${step < 0 ? "up" : "down"}"]`)?.focus(); }
  function remove(i) { scenes.splice(i, 1); markDirty(); drawScenes(); toast(`Scene ${i + 1} deleted`); }

  async function load() {
    job = await api("GET", `/v1/jobs/${id}`);
    $("title").textContent = job.title || `Job ${id}`;
    $("status").textContent = job.status.replace("_", " ");
    $("status").className = "badge " + job.status;
    let board = null;
    try { board = await api("GET", `/v1/jobs/${id}/storyboard`); } catch (e) { board = null; }
    const record = await api("GET", `/v1/jobs/${id}/audit`);
    $("audit").replaceChildren(...record.map((a) => el("tr", {}, el("td", { text: new Date(a.at).toLocaleString() }),
      el("td", { text: a.actor }), el("td", { text: a.action }),
      el("td", { text: Object.entries(a.detail).filter(([k]) => !["findings", "engines", "prompts"].includes(k))
        .map(([k, v]) => `${k}=${shorten(typeof v === "object" ? JSON.stringify(v) : String(v))}`).join(" ") }))));
    const created = record.find((a) => a.action === "job.create");
    if (board) {
      const seen = JSON.stringify([board.storyboard, board.policy, job.status]);
      if (!dirty && seen !== drawn) {  // redraw only when something changed: keeps focus and playing audio
        drawn = seen;
        findings = (board.policy && board.policy.findings) || [];
        pictures = Object.fromEntries((board.pictures || []).map((p) => [p.scene, p]));
        $("sheet-box").hidden = false;
        $("sheet").src = $("sheet-link").href = `${board.contact_sheet}?r=${encodeURIComponent(seen.length)}`;
        scenes = board.storyboard.scenes.map((s) => ({ ...s }));
        originals = Object.fromEntries(scenes.map((s) => [s.index, s.asset]));
        drawScenes();
      }
      const pending = board.review && board.review.action_requests && board.review.action_requests[0];
      action = pending ? pending.name : action;  // an edit names the action it answers (review_storyboard, ...)
      $("review").hidden = !editable();
      $("review-text").textContent = pending ? pending.description : "";
      $("policy").replaceChildren(...findings.map((f) => el("li", { text: `${f.outcome}: ${f.reason}` +
        (f.scene_index !== null && f.scene_index !== undefined ? ` (scene ${f.scene_index + 1})` : "") })));
    } else {
      $("review").hidden = true;
    }
    $("brief").textContent = job.brief;
    $("brief-meta").textContent = [job.duration_s ? `${job.duration_s.toFixed(1)} s planned` : "planning…",
      `profile ${job.profile}`, `created by ${created ? created.actor : "?"}`].join(" · ");
    drawVersions(await api("GET", `/v1/jobs/${id}/versions`));
    const files = await api("GET", `/v1/jobs/${id}/artifacts`);
    const video = files.find((f) => f.name === "video") || files.find((f) => f.name === "preview-video");
    $("preview").hidden = !video;
    if (video && $("player").dataset.name !== video.name + video.bytes) {
      $("player").src = video.url;
      $("player").dataset.name = video.name + video.bytes;
    }
    $("final").hidden = !(job.status === "published" && job.profile !== "final");
    const labels = { video: "Video (MP4", srt: "Captions (SRT", vtt: "Captions (WebVTT", manifest: "Manifest (JSON",
                     "preview-video": "Preview video (MP4", "preview-srt": "Preview captions (SRT",
                     "preview-vtt": "Preview captions (WebVTT" };
    const published = files.some((f) => f.kind === "deliverable");
    $("downloads").replaceChildren(...files.filter((f) => !published || f.kind === "deliverable").map((f) =>
      el("li", {}, el("a", { href: f.url, download: true,
                             text: `${labels[f.name] || f.name}, ${size(f.bytes)})` }))));
  }

  async function decide(decision) {
    try {
      await api("POST", `/v1/jobs/${id}/review`, { decisions: [decision] }, { "If-Match": `"v${job.version}"` });
      dirty = false; $("approve").textContent = "Approve"; $("review").hidden = true;
      current = { label: "Working…", value: current.value }; $("stage").textContent = current.label;
      toast("Sent: " + decision.type);
      follow();
      await load();
    } catch (e) {
      toast(e.current ? `Someone changed this job first (it is at version ${e.current} now): reloaded` : e.message);
      if (e.current) { dirty = false; drawn = ""; await load(); }
    }
  }

  function follow() {
    if (stream) stream.close();
    stream = new EventSource(`/v1/jobs/${id}/events`);
    const reload = debounce(() => load().catch((e) => toast(e.message)), 300);
    for (const type of ["node.started", "node.completed", "scene.progress", "review.requested", "artifact.ready",
                        "job.completed", "job.failed", "job.cancelled"]) {
      stream.addEventListener(type, (message) => {
        const event = JSON.parse(message.data);
        current = progressOf(event, current);
        $("stage").textContent = current.label;
        $("progress").value = current.value;
        if (["review.requested", "artifact.ready", "job.completed", "job.failed", "job.cancelled"].includes(type)) reload();
      });
    }
    stream.addEventListener("engine.degraded", (message) => {
      const note = JSON.parse(message.data).data;
      toast(`${note.scene === null || note.scene === undefined ? "" : `Scene ${note.scene + 1} `}${note.role}: ${note.message}`);
    });
    stream.onerror = () => { if (stream.readyState === EventSource.CLOSED) stream = null; };
  }

  $("approve").addEventListener("click", () => decide(dirty
    ? { type: "edit", edited_action: { name: action, args: { scenes: scenes.map((s) => ({
        narration: s.narration, on_screen_text: s.on_screen_text, duration_s: s.duration_s, visual: s.visual,
        keywords: s.keywords, asset: s.asset, transition: s.transition, motion: s.motion,
        image_engine: s.image_engine, voice_engine: s.voice_engine, voice_take: s.voice_take,
        picture_take: s.picture_take, voice_note: s.voice_note, picture_note: s.picture_note })) } } }
    : { type: "approve" }));
  $("reject-open").addEventListener("click", (e) => {
    const open = $("changes").hidden;
    $("changes").hidden = !open;
    e.target.setAttribute("aria-expanded", String(open));
    if (open) $("feedback").focus();
  });
  $("reject").addEventListener("click", () => {
    const message = $("feedback").value.trim();
    if (!message) { toast("Say what should change."); $("feedback").focus(); return; }
    decide({ type: "reject", message });
  });
  $("cancel").addEventListener("click", async () => {
    if (!confirm("Stop this job? It cannot be resumed.")) return;
    try { await api("POST", `/v1/jobs/${id}/cancel`); toast("Job stopped"); await load(); } catch (e) { toast(e.message); }
  });
  for (const button of document.querySelectorAll("[data-export]")) {
    button.addEventListener("click", async () => {
      try {
        const made = await api("GET", `/v1/jobs/${id}/export?format=${button.dataset.export}`);
        location.href = made.url;
      } catch (e) { toast(e.message); }
    });
  }
  $("final").addEventListener("click", async () => {
    try { await api("POST", `/v1/jobs/${id}/render`, { profile: "final" }); toast("Rendering final quality"); follow(); await load(); }
    catch (e) { toast(e.message); }
  });
  load().catch((e) => toast(e.message));
  follow();
}

({ jobs: jobsPage, new: newPage, job: jobPage })[document.body.dataset.page]?.();
