// Requests to the server's API; errors come back as { error, diagnostics?, field?, valid? }.

export async function get(path) {
  const response = await fetch(path);
  const data = await response.json();
  if (!response.ok) throw Object.assign(new Error(data.error || response.statusText), { data, status: response.status });
  return data;
}

export async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  let data;
  try { data = await response.json(); } catch { data = { error: `${response.status} ${response.statusText}` }; }
  if (!response.ok) throw Object.assign(new Error(data.error || response.statusText), { data, status: response.status });
  return data;
}

/// Shows an API error in the scenario panel: each diagnostic at its line and column, with its
/// field and message (which names the valid range).
export function showError(error) {
  const box = document.getElementById('errors');
  box.replaceChildren();
  if (!error) return;
  const data = error.data || { error: String(error.message || error) };
  const items = data.diagnostics && data.diagnostics.length ? data.diagnostics : [data];
  for (const d of items) {
    const div = document.createElement('div');
    div.className = 'error';
    if (d.line !== undefined) {
      div.dataset.line = d.line;
      div.dataset.column = d.column;
      div.textContent = `line ${d.line}, column ${d.column}` + (d.field ? `, field ${d.field}` : '') + `: ${d.message}`;
    } else {
      div.textContent = d.error + (d.valid ? ` (valid: ${d.valid})` : '');
    }
    box.appendChild(div);
  }
}

/// A POST whose answer is newline-delimited JSON: progress lines (`onProgress(done, total)`),
/// then the result (returned) or an error (thrown, as `post` throws it).
export async function postStream(path, body, onProgress) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    let data;
    try { data = await response.json(); } catch { data = { error: `${response.status} ${response.statusText}` }; }
    throw Object.assign(new Error(data.error || response.statusText), { data, status: response.status });
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      if (!line) continue;
      const message = JSON.parse(line);
      if (message.result) return message.result;
      if (message.error) throw Object.assign(new Error(message.error.error), { data: message.error, status: message.status });
      onProgress(message.progress, message.total);
    }
  }
  throw new Error('the answer ended before its result');
}
