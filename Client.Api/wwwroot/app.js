// The upload form: file, templates and model; the estimate and the file's columns; errors next to their fields.
import { apiJson, ApiError } from "./api.js";
import { JobView, formatSeconds, showWarnings } from "./job.js";

const fields = ["file", "sheet", "prompt", "researchQuery", "model"];
const $ = (id) => document.getElementById(id);

const form = $("job-form");
const fileInput = $("file");
const dropZone = $("drop-zone");
let chosenFile = null;
// The templates and model the server would use when none is sent; a field left at its default is not sent, so a
// problem with a default template is reported against the file (it lacks a column the defaults need).
let defaults = { prompt: "", researchQuery: "", model: "" };
let sentFields = new Set();
let lastTemplate = $("prompt");
const job = new JobView();

function clearErrors() {
  for (const name of [...fields, "form"]) {
    $(`${name}-error`).textContent = "";
    $(name)?.removeAttribute("aria-invalid");
  }
}

/** Shows a ProblemDetails next to the fields its errors name, or under the form when it names none. */
function showProblem(error) {
  const problem = error instanceof ApiError ? error.problem : null;
  const errors = problem?.errors || {};
  let shown = false;
  for (const [name, messages] of Object.entries(errors)) {
    const target = $(`${name}-error`);
    if (target && fields.includes(name)) {
      target.textContent = messages.join(" ");
      $(name).setAttribute("aria-invalid", "true");
      shown = true;
    }
  }
  if (!shown) {
    const title = problem?.title ? `${problem.title}: ` : "";
    $("form-error").textContent = `${title}${error.message}`;
  }
}

/** The form as the API wants it: text parts before the file (the server reads the file as it streams in). */
function buildForm() {
  const data = new FormData();
  sentFields = new Set();
  for (const name of ["prompt", "researchQuery", "model"]) {
    const value = $(name).value;
    if (value.trim() !== "" && value !== defaults[name]) {
      data.append(name, value);
      sentFields.add(name);
    }
  }
  if (isWorkbook(chosenFile) && $("sheet").value.trim() !== "") {
    data.append("sheet", $("sheet").value.trim());
  }
  data.append("file", chosenFile, chosenFile.name);
  return data;
}

function figures(list, pairs) {
  list.replaceChildren();
  for (const [term, value] of pairs) {
    const dt = document.createElement("dt");
    dt.textContent = term;
    const dd = document.createElement("dd");
    dd.textContent = value;
    list.append(dt, dd);
  }
}

function showEstimate(estimate) {
  const cost = estimate.cost ? `${estimate.cost.total.toFixed(4)} ${estimate.cost.currency}` : "no price configured";
  figures($("estimate-figures"), [
    ["Rows", `${estimate.rows}${estimate.invalidRows ? ` (${estimate.invalidRows} unusable)` : ""}`],
    ["Web searches", `${estimate.searchesToMake}`],
    ["LLM requests", `${estimate.llmRequests}`],
    ["Cost, at most", cost],
    ["Time", estimate.expectedDurationSeconds === null ? "set by provider speed" : formatSeconds(estimate.expectedDurationSeconds)],
  ]);
  showWarnings($("estimate-warnings"), estimate.warnings);
  $("estimate").hidden = false;

  const list = $("placeholder-list");
  list.replaceChildren();
  for (const column of estimate.columns || []) {
    const item = document.createElement("li");
    if (column.placeholder) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "placeholder";
      button.textContent = column.placeholder;
      button.title = `Column "${column.name}"`;
      button.addEventListener("click", () => insertPlaceholder(column.placeholder));
      item.append(button);
    } else {
      item.textContent = `${column.name} (no placeholder)`;
    }
    list.append(item);
  }
  $("columns").hidden = list.children.length === 0;

  // Show the templates the job would run with, so they can be edited rather than written from nothing. A field
  // that was not sent got the server's default: remember it, so that leaving it as it is still sends nothing.
  for (const [name, value] of [["prompt", estimate.promptTemplate], ["researchQuery", estimate.researchQueryTemplate], ["model", estimate.model]]) {
    if (value && !sentFields.has(name)) {
      defaults[name] = value;
      if ($(name).value.trim() === "") {
        $(name).value = value;
      }
    }
  }
}

function insertPlaceholder(text) {
  const target = lastTemplate;
  const start = target.selectionStart ?? target.value.length;
  const end = target.selectionEnd ?? start;
  target.value = target.value.slice(0, start) + text + target.value.slice(end);
  target.focus();
  target.setSelectionRange(start + text.length, start + text.length);
}

async function estimate() {
  clearErrors();
  if (!chosenFile) {
    $("file-error").textContent = "Choose a file first.";
    return;
  }
  $("estimate-button").disabled = true;
  try {
    showEstimate(await apiJson("/jobs/estimate", { method: "POST", body: buildForm() }));
  } catch (error) {
    $("estimate").hidden = true;
    showProblem(error);
  } finally {
    $("estimate-button").disabled = false;
  }
}

async function start(event) {
  event.preventDefault();
  clearErrors();
  if (!chosenFile) {
    $("file-error").textContent = "Choose a file first.";
    fileInput.focus();
    return;
  }
  $("start-button").disabled = true;
  try {
    const progress = await apiJson("/jobs", { method: "POST", body: buildForm() });
    job.follow(progress);
  } catch (error) {
    showProblem(error);
  } finally {
    $("start-button").disabled = false;
  }
}

function isWorkbook(file) {
  return /\.xlsx$/i.test(file?.name || "");
}

function choose(file) {
  chosenFile = file || null;
  $("sheet-field").hidden = !isWorkbook(chosenFile);
  $("file-name").textContent = chosenFile ? `${chosenFile.name} (${Math.ceil(chosenFile.size / 1024)} KiB)` : "No file chosen";
  if (chosenFile) {
    estimate();
  }
}

fileInput.addEventListener("change", () => choose(fileInput.files[0]));
for (const name of ["prompt", "researchQuery"]) {
  $(name).addEventListener("focus", () => { lastTemplate = $(name); });
}
dropZone.addEventListener("dragover", (event) => {
  event.preventDefault();
  dropZone.classList.add("dragging");
});
dropZone.addEventListener("dragleave", () => dropZone.classList.remove("dragging"));
dropZone.addEventListener("drop", (event) => {
  event.preventDefault();
  dropZone.classList.remove("dragging");
  choose(event.dataTransfer.files[0]);
});
$("estimate-button").addEventListener("click", estimate);
// A different sheet has different columns: estimate again when the sheet name changes.
$("sheet").addEventListener("change", () => { if (chosenFile) estimate(); });
form.addEventListener("submit", start);
