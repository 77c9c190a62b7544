// A running job: live progress from GET /jobs/{id}/events, the first finished lines from GET /jobs/{id}/rows,
// cancel, resume, retry and download.
import { apiJson, apiDownload, readEvents, ApiError } from "./api.js";

const $ = (id) => document.getElementById(id);
const finalStatuses = new Set(["completed", "failed", "cancelled"]);
const rowsShown = 20;
const reconnectDelayMs = 2000;
const rowsRefreshMs = 1500;

export function formatSeconds(seconds) {
  if (seconds === null || seconds === undefined) {
    return "—";
  }
  if (seconds < 90) {
    return `${Math.round(seconds)} s`;
  }
  if (seconds < 5400) {
    return `${Math.round(seconds / 60)} min`;
  }
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** Lists how the file was read where it was not plain UTF-8 CSV (encoding, bare quotes, unnamed columns, sheet). */
export function showWarnings(list, warnings) {
  list.replaceChildren();
  for (const warning of warnings || []) {
    const item = document.createElement("li");
    item.textContent = warning;
    list.append(item);
  }
  list.hidden = list.children.length === 0;
}

export class JobView {
  constructor() {
    this.id = null;
    this.progress = null;
    this.stream = null;
    this.rowsFetchedAt = 0;
    this.rowsInFlight = false;
    this.rowCount = 0;
    this.announcedDecile = -1;
    $("cancel-button").addEventListener("click", () => this.change("cancel"));
    $("resume-button").addEventListener("click", () => this.change("resume"));
    $("retry-button").addEventListener("click", () => this.change("retry"));
    $("download-button").addEventListener("click", () => this.download(""));
    $("download-xlsx-button").addEventListener("click", () => this.download("?format=xlsx"));
  }

  /** Starts following a job from the progress POST /jobs answered. */
  follow(progress) {
    this.stream?.abort();
    this.id = progress.id;
    this.rowCount = 0;
    this.announcedDecile = -1;
    $("rows-body").replaceChildren();
    $("rows-head").replaceChildren();
    $("rows-empty").hidden = false;
    $("job").hidden = false;
    this.render(progress);
    $("job-title").focus?.();
    this.listen();
  }

  /** Reads the event stream until the job ends; a dropped connection is opened again. */
  async listen() {
    const controller = new AbortController();
    this.stream = controller;
    const id = this.id;
    while (!controller.signal.aborted && id === this.id && !finalStatuses.has(this.progress?.status)) {
      try {
        await readEvents(`/jobs/${id}/events`, (type, data) => {
          if (type === "progress" && id === this.id) {
            this.render(JSON.parse(data));
          }
        }, controller.signal);
      } catch (error) {
        if (controller.signal.aborted) {
          return;
        }
        if (error instanceof ApiError && error.status === 404) {
          $("job-error").textContent = "The job no longer exists (deleted, or past its retention).";
          return;
        }
      }
      if (!finalStatuses.has(this.progress?.status)) {
        await new Promise((resolve) => setTimeout(resolve, reconnectDelayMs));
      }
    }
  }

  render(progress) {
    const previous = this.progress;
    this.progress = progress;
    const status = progress.status;
    const final = finalStatuses.has(status);
    $("job-file").textContent = `${progress.fileName} · job ${progress.id}`;
    $("job-progress").value = progress.percentComplete;

    const silos = Object.entries(progress.rowsBySilo || {});
    const figures = [
      ["Status", status],
      ["Rows done", `${progress.processedRows} of ${progress.totalRows}`],
      ["Succeeded", `${progress.succeededRows}`],
      ["Failed", `${progress.failedRows}`],
      ["Complete", `${progress.percentComplete} %`],
      ["Rate", `${progress.rowsPerSecond.toFixed(1)} rows/s`],
      ["Time left", final ? "—" : formatSeconds(progress.etaSeconds)],
    ];
    for (const [silo, rows] of silos) {
      figures.push([`Rows on ${silo}`, `${rows}`]);
    }
    const list = $("job-figures");
    list.replaceChildren();
    for (const [term, value] of figures) {
      const dt = document.createElement("dt");
      dt.textContent = term;
      const dd = document.createElement("dd");
      dd.textContent = value;
      list.append(dt, dd);
    }

    showWarnings($("job-warnings"), progress.warnings);
    $("job-pause").hidden = !progress.pauseReason;
    $("job-pause").textContent = progress.pauseReason ? `Paused: ${progress.pauseReason}` : "";
    $("job-error").textContent = progress.error || "";
    $("cancel-button").hidden = final;
    $("resume-button").hidden = status !== "paused";
    $("retry-button").hidden = !(final && status !== "failed" && progress.failedRows > 0);
    $("download-button").hidden = !(status === "completed" || status === "cancelled");
    $("download-xlsx-button").hidden = $("download-button").hidden;

    // The live region speaks on a change of status and every tenth of the way, not on every event.
    const decile = Math.floor(progress.percentComplete / 10);
    if (previous?.status !== status || decile !== this.announcedDecile) {
      this.announcedDecile = decile;
      $("job-announce").textContent = `${status}: ${progress.processedRows} of ${progress.totalRows} rows done (${progress.percentComplete} %), ${progress.failedRows} failed.`;
    }

    if (progress.processedRows > 0 && (this.rowCount < rowsShown || final)) {
      this.refreshRows(final);
    }
  }

  async refreshRows(force) {
    if (this.rowsInFlight || (!force && Date.now() - this.rowsFetchedAt < rowsRefreshMs)) {
      return;
    }
    this.rowsInFlight = true;
    this.rowsFetchedAt = Date.now();
    const id = this.id;
    try {
      const answer = await apiJson(`/jobs/${id}/rows?limit=${rowsShown}`);
      if (id === this.id) {
        this.showRows(answer);
      }
    } catch {
      // The table is a preview; the next progress event tries again.
    } finally {
      this.rowsInFlight = false;
    }
  }

  showRows(answer) {
    const head = $("rows-head");
    head.replaceChildren();
    for (const name of ["Row", ...answer.columns, "Personalized line", "Status"]) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = name;
      head.append(th);
    }
    const body = $("rows-body");
    body.replaceChildren();
    for (const row of answer.rows) {
      const tr = document.createElement("tr");
      const cells = [String(row.row), ...row.cells, row.personalizedLine || row.error || "", row.status];
      cells.forEach((text, index) => {
        const td = document.createElement(index === 0 ? "th" : "td");
        if (index === 0) {
          td.scope = "row";
        }
        td.textContent = text;
        tr.append(td);
      });
      tr.className = row.status === "failed" ? "failed" : "";
      body.append(tr);
    }
    this.rowCount = answer.rows.length;
    $("rows-empty").hidden = answer.rows.length > 0;
  }

  async change(action) {
    $("job-error").textContent = "";
    try {
      const progress = await apiJson(`/jobs/${this.id}/${action}`, { method: "POST" });
      const wasFinal = finalStatuses.has(this.progress?.status);
      if (action === "retry") {
        this.rowCount = 0;
      }
      this.render(progress);
      if (wasFinal && !finalStatuses.has(progress.status)) {
        this.listen();
      }
    } catch (error) {
      const title = error.problem?.title ? `${error.problem.title}: ` : "";
      $("job-error").textContent = `${title}${error.message}`;
    }
  }

  /** Fetches the result with the key (a plain link could not send it) and saves it under the server's file name. */
  async download(query) {
    $("job-error").textContent = "";
    try {
      const { blob, name } = await apiDownload(`/jobs/${this.id}/result${query}`);
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    } catch (error) {
      $("job-error").textContent = error.message;
    }
  }
}
