// Calls to the API with the key kept in this tab's sessionStorage. A 401 asks for the key once (a small form) and
// the call is made again with it; EventSource cannot send headers, so events are read with fetch as well.

const keyName = "personalizedline.apiKey";
let pendingKey = null;

/** An API answer that is not 2xx, with its ProblemDetails body when it has one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The server answered ${status}.`);
    this.status = status;
    this.problem = problem;
  }
}

function headersWithKey(headers) {
  const result = new Headers(headers || {});
  const key = sessionStorage.getItem(keyName);
  if (key) {
    result.set("Authorization", `Bearer ${key}`);
  }
  return result;
}

/** Shows the key form and resolves with the key the user enters; concurrent 401s share one prompt. */
function askForKey(rejected) {
  if (pendingKey) {
    return pendingKey;
  }
  const form = document.getElementById("key-form");
  const input = document.getElementById("api-key");
  const error = document.getElementById("api-key-error");
  error.textContent = rejected ? "That key was not accepted. Check it and try again." : "";
  form.hidden = false;
  input.value = "";
  input.focus();
  pendingKey = new Promise((resolve) => {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const key = input.value.trim();
      sessionStorage.setItem(keyName, key);
      form.hidden = true;
      pendingKey = null;
      resolve(key);
    }, { once: true });
  });
  return pendingKey;
}

/** fetch with the API key; on 401 asks for a key and tries again until the server accepts one. */
export async function apiFetch(path, options = {}) {
  let askedBefore = false;
  for (;;) {
    const response = await fetch(path, { ...options, headers: headersWithKey(options.headers) });
    if (response.status !== 401) {
      return response;
    }
    const hadKey = sessionStorage.getItem(keyName) !== null;
    sessionStorage.removeItem(keyName);
    await askForKey(hadKey || askedBefore);
    askedBefore = true;
  }
}

async function readProblem(response) {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return { title: `The server answered ${response.status}.`, detail: text.slice(0, 500) };
  }
}

/** The JSON answer of a call, or an ApiError carrying the ProblemDetails. */
export async function apiJson(path, options = {}) {
  const response = await apiFetch(path, options);
  if (!response.ok) {
    throw new ApiError(response.status, await readProblem(response));
  }
  return response.json();
}

/** The body of a successful call as a Blob, with the file name its Content-Disposition gives. */
export async function apiDownload(path) {
  const response = await apiFetch(path);
  if (!response.ok) {
    throw new ApiError(response.status, await readProblem(response));
  }
  const disposition = response.headers.get("Content-Disposition") || "";
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1]) : plain ? plain[1] : "result.csv";
  return { blob: await response.blob(), name };
}

/**
 * Reads a text/event-stream answer and calls onEvent(type, data) for each event; resolves when the server ends the
 * stream. Comment lines (the server's heartbeat) are skipped.
 */
export async function readEvents(path, onEvent, signal) {
  const response = await apiFetch(path, { headers: { Accept: "text/event-stream" }, signal });
  if (!response.ok) {
    throw new ApiError(response.status, await readProblem(response));
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer += value.replace(/\r\n?/g, "\n");
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let type = "message";
      const data = [];
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) {
          continue;
        }
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") {
          type = text;
        } else if (field === "data") {
          data.push(text);
        }
      }
      if (data.length > 0) {
        onEvent(type, data.join("\n"));
      }
    }
  }
}
