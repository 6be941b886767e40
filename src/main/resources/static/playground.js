'use strict';
// The playground: sends the form to the gateway's own API and draws detections client-side.
// Relative URLs keep it working behind an ingress path prefix.

const form = document.getElementById('request');
const fileInput = document.getElementById('images');
const taskSelect = document.getElementById('task');
const modelSelect = document.getElementById('model');
const keyInput = document.getElementById('key');
const drop = document.getElementById('drop');
const chosen = document.getElementById('chosen');
const progress = document.getElementById('progress');
const errorBox = document.getElementById('error');
const resultBox = document.getElementById('result');
const pictures = document.getElementById('pictures');
const hover = document.getElementById('hover');

let files = [];

function choose(list) {
  files = Array.from(list);
  chosen.textContent = files.length ? files.map(f => f.name).join(', ') : 'No image chosen.';
}

fileInput.addEventListener('change', () => choose(fileInput.files));
drop.addEventListener('dragover', e => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', e => {
  e.preventDefault();
  drop.classList.remove('over');
  choose(e.dataTransfer.files);
});

function showOptions() {
  for (const label of form.querySelectorAll('label[data-tasks]')) {
    label.hidden = !label.dataset.tasks.split(' ').includes(taskSelect.value);
  }
}
taskSelect.addEventListener('change', showOptions);
showOptions();

// The allow-list and the default model, as the OpenAPI description states them.
async function loadModels() {
  try {
    const response = await fetch('v3/api-docs');
    const api = await response.json();
    const model = api.paths['/v1/vision/caption'].post.requestBody.content['multipart/form-data'].schema.properties.model;
    for (const name of model.enum) {
      const option = new Option(name, name, false, name === model.default);
      modelSelect.add(option);
    }
  } catch (e) {
    modelSelect.add(new Option('(the gateway\u2019s default)', ''));
  }
}
loadModels();

function showError(title, detail) {
  errorBox.replaceChildren();
  const strong = document.createElement('strong');
  strong.textContent = title;
  const text = document.createElement('span');
  text.textContent = detail || '';
  errorBox.append(strong, text);
  errorBox.hidden = false;
}

function body() {
  const data = new FormData();
  for (const file of files) {
    data.append('images', file, file.name);
  }
  for (const label of form.querySelectorAll('label[data-tasks]')) {
    if (label.hidden) continue;
    const input = label.querySelector('input');
    if (input.type === 'checkbox') {
      if (input.checked) data.append(input.name, 'true');
    } else if (input.name === 'labels') {
      input.value.split(',').map(s => s.trim()).filter(Boolean).forEach(l => data.append('labels', l));
    } else if (input.value.trim() !== '') {
      data.append(input.name, input.value.trim());
    }
  }
  if (modelSelect.value) data.append('model', modelSelect.value);
  return data;
}

form.addEventListener('submit', e => {
  e.preventDefault();
  errorBox.hidden = true;
  resultBox.textContent = '';
  pictures.replaceChildren();
  hover.textContent = '';
  if (!files.length) {
    showError('No image chosen', 'Pick or drop at least one image.');
    return;
  }
  const task = taskSelect.value;
  const sent = files.slice();
  // XMLHttpRequest rather than fetch: only it reports upload progress.
  const request = new XMLHttpRequest();
  request.open('POST', 'v1/vision/' + task);
  request.setRequestHeader('Accept', 'application/json');
  if (keyInput.value) request.setRequestHeader('X-API-Key', keyInput.value);
  request.upload.onprogress = p => {
    progress.textContent = p.lengthComputable ? 'Uploading\u2026 ' + Math.round(100 * p.loaded / p.total) + ' %' : 'Uploading\u2026';
  };
  request.upload.onload = () => { progress.textContent = 'Waiting for the model\u2026'; };
  request.onerror = () => {
    progress.textContent = '';
    showError('No answer', 'The gateway could not be reached.');
  };
  request.onload = () => {
    progress.textContent = '';
    let answer;
    try {
      answer = JSON.parse(request.responseText);
    } catch (ignored) {
      showError('HTTP ' + request.status, request.responseText.slice(0, 300));
      return;
    }
    if (request.status >= 400) {
      showError(answer.title || ('HTTP ' + request.status), answer.detail);
      resultBox.textContent = JSON.stringify(answer, null, 2);
      return;
    }
    resultBox.textContent = JSON.stringify(answer, null, 2);
    if (task === 'detect' || task === 'segment') {
      (answer.results || []).forEach((result, i) => draw(sent[i], result));
    }
  };
  progress.textContent = 'Uploading\u2026';
  request.send(body());
});

// A stable colour per label.
function colour(label) {
  let hash = 0;
  for (const c of label) hash = (hash * 31 + c.codePointAt(0)) >>> 0;
  return [(hash % 360), 80, 50];
}

function hsl([h, s, l], alpha) {
  return 'hsla(' + h + ', ' + s + '%, ' + l + '%, ' + alpha + ')';
}

// RGB of an HSL colour, for mask pixels.
function rgb([h, s, l]) {
  s /= 100; l /= 100;
  const k = n => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = n => l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1));
  return [f(0), f(8), f(4)].map(v => Math.round(v * 255));
}

// Runs of a COCO compressed RLE string (pycocotools' rleFrString), alternating unset and set pixels.
// Arithmetic instead of bit shifts: JavaScript shifts are 32-bit.
function cocoRuns(counts) {
  const runs = [];
  let p = 0;
  while (p < counts.length) {
    let x = 0;
    let k = 0;
    let more = true;
    while (more) {
      const c = counts.charCodeAt(p) - 48;
      x += (c & 0x1f) * Math.pow(2, 5 * k);
      more = (c & 0x20) !== 0;
      p++;
      k++;
      if (!more && (c & 0x10)) x -= Math.pow(2, 5 * k);
    }
    if (runs.length > 2) x += runs[runs.length - 2];
    runs.push(x);
  }
  return runs;
}

// Paints a column-major COCO mask into RGBA pixels of a width x height image.
function paintMask(pixels, mask, width, colourRgb) {
  const [height] = mask.size;
  let index = 0;
  cocoRuns(mask.counts).forEach((run, r) => {
    if (r % 2 === 1) {
      for (let i = index; i < index + run; i++) {
        const x = Math.floor(i / height);
        const y = i % height;
        const o = (y * width + x) * 4;
        pixels[o] = Math.round(pixels[o] * 0.45 + colourRgb[0] * 0.55);
        pixels[o + 1] = Math.round(pixels[o + 1] * 0.45 + colourRgb[1] * 0.55);
        pixels[o + 2] = Math.round(pixels[o + 2] * 0.45 + colourRgb[2] * 0.55);
      }
    }
    index += run;
  });
}

function draw(file, result) {
  if (!file || !result || !result.detections) return;
  const url = URL.createObjectURL(file);
  const image = new Image();
  image.onload = () => {
    const canvas = document.createElement('canvas');
    canvas.dataset.testid = 'overlay';
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    URL.revokeObjectURL(url);
    const masks = result.detections.filter(d => d.mask && d.mask.counts);
    if (masks.length) {
      const frame = context.getImageData(0, 0, canvas.width, canvas.height);
      for (const d of masks) paintMask(frame.data, d.mask, canvas.width, rgb(colour(d.label)));
      context.putImageData(frame, 0, 0);
    }
    const line = Math.max(2, Math.round(canvas.width / 300));
    context.font = (8 * line) + 'px system-ui, sans-serif';
    for (const d of result.detections) {
      const [x1, y1, x2, y2] = d.bbox;
      context.lineWidth = line;
      context.strokeStyle = hsl(colour(d.label), 1);
      context.strokeRect(x1, y1, x2 - x1, y2 - y1);
      const textWidth = context.measureText(d.label).width;
      context.fillStyle = hsl(colour(d.label), 0.85);
      context.fillRect(x1, Math.max(0, y1 - 10 * line), textWidth + 2 * line, 10 * line);
      context.fillStyle = '#fff';
      context.fillText(d.label, x1 + line, Math.max(8 * line, y1 - 2 * line));
    }
    canvas.addEventListener('mousemove', e => {
      const bounds = canvas.getBoundingClientRect();
      const x = (e.clientX - bounds.left) * canvas.width / bounds.width;
      const y = (e.clientY - bounds.top) * canvas.height / bounds.height;
      const hit = result.detections.find(d => x >= d.bbox[0] && x <= d.bbox[2] && y >= d.bbox[1] && y <= d.bbox[3]);
      hover.textContent = hit ? hit.label + ' [' + hit.bbox.join(', ') + ']' : '';
    });
    pictures.append(canvas);
  };
  image.src = url;
}
