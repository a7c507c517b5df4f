// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt
// The phone page (/td): plain JavaScript, no framework, every text from the server in the user's language.

(function () {
	"use strict";
	const T = (s) => (window.TD.T && window.TD.T[s]) || s;
	const app = document.getElementById("app");
	const LIGHT = window.TD.vocabulary.light_colours;

	function esc(value) {
		const div = document.createElement("div");
		div.textContent = value == null ? "" : String(value);
		return div.innerHTML;
	}

	function serverMessage(body) {
		try {
			const messages = JSON.parse(body._server_messages || "[]").map((m) => JSON.parse(m).message);
			const text = messages.join("\n").replace(/<[^>]+>/g, "");
			if (text) return text;
		} catch (e) {
			/* fall through to the generic message */
		}
		return T("Something went wrong, please try again.");
	}

	async function api(method, args, formData) {
		const options = {
			method: args || formData ? "POST" : "GET",
			headers: { Accept: "application/json", "X-Frappe-CSRF-Token": window.frappe.csrf_token || "" },
			credentials: "same-origin",
		};
		if (formData) {
			options.body = formData;
		} else if (args) {
			options.headers["Content-Type"] = "application/json";
			options.body = JSON.stringify(args);
		}
		const resp = await fetch(`/api/method/${method}`, options);
		const body = await resp.json().catch(() => ({}));
		if (!resp.ok) throw new Error(serverMessage(body));
		return body.message;
	}

	function setTab(name) {
		document.getElementById("tab-tasks").classList.toggle("active", name === "tasks");
		document.getElementById("tab-duty").classList.toggle("active", name === "duty");
	}

	function showError(where, error) {
		where.innerHTML = `<div class="error">${esc(error.message || error)}</div>`;
	}

	function pill(light) {
		return light ? `<span class="pill ${LIGHT[light] || "grey"}">${esc(T(light))}</span>` : "";
	}

	async function renderTasks() {
		setTab("tasks");
		app.innerHTML = `<p class="muted">${esc(T("Loading…"))}</p>`;
		try {
			const tasks = await api("twoduty_app.api.mobile.my_tasks");
			if (!tasks.length) {
				app.innerHTML = `<div class="card muted">${esc(T("No open tasks in your branch."))}</div>`;
				return;
			}
			app.innerHTML = tasks
				.map(
					(t) => `<button class="card task" data-task="${esc(t.name)}">
						<div class="row"><strong>${esc(t.unit_name)}</strong>${pill(t.traffic_light)}</div>
						<div>${esc(t.problem)}</div>
						<div class="row muted"><span>${esc(T("Rectification Deadline"))} ${esc(t.deadline)}</span><span>${esc(T(t.workflow_state))}</span></div>
					</button>`
				)
				.join("");
			app.querySelectorAll("[data-task]").forEach((el) =>
				el.addEventListener("click", () => (location.hash = `#task/${encodeURIComponent(el.dataset.task)}`))
			);
		} catch (e) {
			showError(app, e);
		}
	}

	function chosenFiles(...inputs) {
		return inputs.flatMap((input) => (input ? Array.from(input.files || []) : []));
	}

	// the file picker offers what the server keeps (the same list checkFiles holds a choice to)
	function accept() {
		return window.TD.limits.extensions.map((ext) => "." + ext).join(",");
	}

	function checkFiles(files) {
		const { max_mb, max_files, extensions } = window.TD.limits;
		if (files.length > max_files) return T("Photos or Files") + ` ≤ ${max_files}`;
		for (const f of files) {
			const ext = (f.name.split(".").pop() || "").toLowerCase();
			if (!extensions.includes(ext)) return `${f.name}: ${ext}`;
			if (f.size > max_mb * 1024 * 1024) return `${f.name} > ${max_mb} MB`;
		}
		return null;
	}

	async function renderTask(name) {
		setTab("tasks");
		app.innerHTML = `<p class="muted">${esc(T("Loading…"))}</p>`;
		let t;
		try {
			t = await api(`twoduty_app.api.mobile.task_detail?name=${encodeURIComponent(name)}`);
		} catch (e) {
			showError(app, e);
			return;
		}
		const needsMeasures = t.actions.includes("Submit Plan");
		app.innerHTML = `
			<button class="btn" id="back">${esc(T("Back"))}</button>
			<div class="card">
				<div class="row"><h2>${esc(t.unit_name)}</h2>${pill(t.traffic_light)}</div>
				<div class="muted">${esc(t.name)} · ${esc(T(t.workflow_state))} · ${esc(T("Round"))} ${esc(t.round)}</div>
				<h3>${esc(T("Problem"))}</h3><div>${esc(t.problem)}</div>
				<h3>${esc(T("Requirement"))}</h3><div>${esc(t.requirement || "")}</div>
				<h3>${esc(T("Rectification Deadline"))}</h3><div>${esc(t.deadline)}${
					t.working_days_left === null || t.working_days_left === undefined
						? ""
						: ` <span class="muted">${esc(T("{0} working days left").replace("{0}", t.working_days_left))}</span>`
				}${t.paused ? ` <span class="pill grey">${esc(T("Suspended"))}</span>` : ""}</div>
				<h3>${esc(T("Measures"))}</h3>
				${needsMeasures ? `<textarea id="measures" placeholder="${esc(T("Describe the measures of the plan"))}">${esc(t.measures || "")}</textarea>` : `<div>${esc(t.measures || "")}</div>`}
				<div id="action-msg"></div>
				<div class="actions">${t.actions
					.map((a, i) => `<button class="btn ${i === 0 ? "primary" : ""}" data-action="${esc(a)}">${esc(T(a))}</button>`)
					.join("")}</div>
			</div>
			${t.can_add_progress ? `<div class="card" id="progress-card">
				<h2>${esc(T("Add Progress"))}</h2>
				<label for="note">${esc(T("Progress Note"))}</label><textarea id="note"></textarea>
				<label for="camera">${esc(T("Take a Photo"))}</label>
				<input id="camera" type="file" accept="image/*" capture="environment">
				<label for="files">${esc(T("Photos or Files"))}</label>
				<input id="files" type="file" multiple accept="${accept()}">
				<div id="progress-msg"></div>
				<div class="actions"><button class="btn primary" id="save-progress">${esc(T("Save Progress"))}</button></div>
			</div>` : ""}
			<div class="card"><h3>${esc(T("Progress Log"))}</h3><ul class="log">${t.progress
				.map((p) => `<li>${esc(p.date)} ${esc(p.note)} ${p.evidence ? `<a href="${esc(p.evidence)}" target="_blank">${esc(T("Evidence"))}</a>` : ""}</li>`)
				.join("")}</ul>
				<h3>${esc(T("History"))}</h3><ul class="log">${t.history
					.map((h) => `<li>${esc(h.at.slice(0, 16))} ${esc(h.state)}</li>`)
					.join("")}</ul>
				<h3>${esc(T("Rechecks"))}</h3><ul class="log">${t.rechecks
					.map((r) => `<li>${esc(r.recheck_date)} ${esc(T(r.result))} ${esc(r.findings || "")}</li>`)
					.join("")}</ul>
			</div>`;
		document.getElementById("back").addEventListener("click", () => (location.hash = ""));
		app.querySelectorAll("[data-action]").forEach((button) =>
			button.addEventListener("click", async () => {
				const msg = document.getElementById("action-msg");
				button.disabled = true;
				try {
					const args = { name: t.name, action: button.dataset.action };
					if (button.dataset.action === "Submit Plan") args.measures = document.getElementById("measures").value;
					await api("twoduty_app.api.mobile.apply_action", args);
					renderTask(t.name);
				} catch (e) {
					button.disabled = false;
					showError(msg, e);
				}
			})
		);
		const save = document.getElementById("save-progress");
		if (save) {
			save.addEventListener("click", async () => {
				const msg = document.getElementById("progress-msg");
				const files = chosenFiles(document.getElementById("camera"), document.getElementById("files"));
				const problem = checkFiles(files);
				if (problem) return showError(msg, problem);
				const data = new FormData();
				data.append("name", t.name);
				data.append("note", document.getElementById("note").value);
				files.forEach((f) => data.append("files", f, f.name));
				save.disabled = true;
				save.textContent = T("Saving…");
				try {
					await api("twoduty_app.api.mobile.add_progress", null, data);
					renderTask(t.name);
				} catch (e) {
					save.disabled = false;
					save.textContent = T("Save Progress");
					showError(msg, e);
				}
			});
		}
	}

	async function renderDuty() {
		setTab("duty");
		app.innerHTML = `<p class="muted">${esc(T("Loading…"))}</p>`;
		let options;
		try {
			options = await api("twoduty_app.api.mobile.duty_options");
		} catch (e) {
			showError(app, e);
			return;
		}
		if (!options.units.length) {
			app.innerHTML = `<div class="card muted">${esc(T("No duties are assigned to your units this year."))}</div>`;
			return;
		}
		const today = new Date().toISOString().slice(0, 10);
		app.innerHTML = `<div class="card">
			<label for="unit">${esc(T("Unit"))}</label>
			<select id="unit">${options.units.map((u) => `<option value="${esc(u.unit)}">${esc(u.unit_name)}</option>`).join("")}</select>
			<label for="title">${esc(T("What Was Done"))}</label><input id="title">
			<label for="kind">${esc(T("Record Kind"))}</label>
			<select id="kind">${options.kinds.map((k) => `<option value="${esc(k)}">${esc(T(k))}</option>`).join("")}</select>
			<label for="date">${esc(T("Done On"))}</label><input id="date" type="date" value="${today}" max="${today}">
			<label>${esc(T("Duties Performed"))}</label><div class="checks" id="duties"></div>
			<label for="duty-files">${esc(T("Evidence"))}</label>
			<input id="duty-files" type="file" multiple accept="${accept()}">
			<div id="duty-msg"></div>
			<div class="actions"><button class="btn primary" id="save-duty">${esc(T("Save Duty Record"))}</button></div>
		</div>`;
		const fillDuties = () => {
			const unit = options.units.find((u) => u.unit === document.getElementById("unit").value);
			document.getElementById("duties").innerHTML = unit.duties
				.map((d) => `<label><input type="checkbox" value="${esc(d.duty_item)}">${esc(d.item_name)}</label>`)
				.join("");
		};
		document.getElementById("unit").addEventListener("change", fillDuties);
		fillDuties();
		document.getElementById("save-duty").addEventListener("click", async () => {
			const msg = document.getElementById("duty-msg");
			const files = chosenFiles(document.getElementById("duty-files"));
			const problem = checkFiles(files);
			if (problem) return showError(msg, problem);
			const data = new FormData();
			data.append("unit", document.getElementById("unit").value);
			data.append("title", document.getElementById("title").value);
			data.append("record_kind", document.getElementById("kind").value);
			data.append("record_date", document.getElementById("date").value);
			const duties = Array.from(document.querySelectorAll("#duties input:checked")).map((i) => i.value);
			data.append("duty_items", JSON.stringify(duties));
			files.forEach((f) => data.append("files", f, f.name));
			try {
				const r = await api("twoduty_app.api.mobile.record_duty", null, data);
				msg.innerHTML = `<div class="ok">${esc(T("Saved"))} ${esc(r.name)}${r.is_late ? "<br>" + esc(T("Late entry: it counts only after the county approves it.")) : ""}</div>`;
			} catch (e) {
				showError(msg, e);
			}
		});
	}

	function route() {
		const hash = decodeURIComponent(location.hash.replace(/^#/, ""));
		if (hash.startsWith("task/")) return renderTask(hash.slice(5));
		if (hash === "duty") return renderDuty();
		return renderTasks();
	}

	document.getElementById("tab-tasks").addEventListener("click", () => (location.hash = ""));
	document.getElementById("tab-duty").addEventListener("click", () => (location.hash = "#duty"));
	window.addEventListener("hashchange", route);
	route();
})();
